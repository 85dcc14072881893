// Test of lab 02 exercise send_value: a two-way coroutine keeps a running total.
#include "lab02.hpp"

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
}  // namespace

int main() {
  tap::plan(5);
  mailbox m = total();
  tap::equal(m.frame().promise().out, 0, "the body ran to its first co_yield: total 0");
  tap::equal(m.send(5), 5, "send(5) -> 5");
  tap::equal(m.send(2), 7, "send(2) -> 7");
  tap::equal(m.send(-7), 0, "send(-7) -> 0");
  mailbox pairs = last_two();
  int got[3];
  for (int i = 0; i < 3; ++i) got[i] = pairs.send(10 * (i + 1));
  tap::ok(got[0] == 10 && got[1] == 30 && got[2] == 50, "the sum of the last two: 10 30 50");
  tap::done();
}
