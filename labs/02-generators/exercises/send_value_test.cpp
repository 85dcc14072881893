// Test of lab 02 exercise send_value: two-way coroutines fed values drawn from the seed. Three
// bodies do three different things with what they are sent (a running total, the sum of the
// last two, a count of their own resumptions), so only send() that resumes the body with the
// value, and returns what the body yielded, passes them all.
#include "lab02.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {
mailbox total() {
  int sum = 0;
  for (;;) sum += co_yield sum;
}

mailbox last_two() {  // hands out the sum of the last two values sent
  int previous = 0;
  int current = co_yield 0;
  for (;;) {
    const int next = co_yield previous + current;
    previous = current;
    current = next;
  }
}

mailbox resumptions() {  // hands out how often it has been resumed, whatever it is sent
  int count = 0;
  for (;;) {
    co_yield count;
    ++count;
  }
}

// Sends `in` to a mailbox and compares every answer with the model's; shows the first wrong one.
template <class Model>
void check(mailbox& m, const int (&in)[10], Model model, std::string_view description) {
  int i = 0;
  int got = 0, want = 0;
  for (; i < 10; ++i) {
    got = m.send(in[i]);
    want = model(i);
    if (got != want) break;
  }
  if (!tap::ok(i == 10, description)) {
    tap::diag("sent (drawn from the seed):");
    for (int j = 0; j <= i; ++j) tap::diag("  send(", in[j], ")", j == i ? " <- here" : "");
    tap::diag("     got: ", got);
    tap::diag("expected: ", want);
  }
}
}  // namespace

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  int in[10];
  for (int& v : in) v = numbers.between(-100, 100);

  mailbox m = total();
  tap::equal(m.frame().promise().out, 0, "the body ran to its first co_yield: total 0");
  tap::equal(m.send(5), 5, "send(5) -> 5");
  tap::equal(m.send(2), 7, "send(2) -> 7");
  mailbox sums = total();
  int running = 0;
  check(sums, in, [&](int i) { return running += in[i]; }, "a running total");
  mailbox pairs = last_two();
  check(pairs, in, [&](int i) { return in[i] + (i > 0 ? in[i - 1] : 0); },
        "the sum of the last two values sent");
  mailbox count = resumptions();
  check(count, in, [](int i) { return i + 1; }, "the body runs once per send()");
  tap::done();
}
