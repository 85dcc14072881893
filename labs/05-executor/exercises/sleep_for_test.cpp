// Lab 05 exercise sleep_for: its test, under -icount (the runner's COFRAME_ICOUNT), where
// SysTick ticks after an exact number of instructions and a tick never falls between two
// lines of a test by chance.
//
// Sleepers with durations drawn from the seed start at the same tick; each must go on exactly
// its ticks later, the shortest first. Then the same just before the tick counter wraps. And
// sleep_for(0) must not suspend at all. A sleeper never woken is caught by a watchdog.
#include "exercise_tests.hpp"
#include "lab05.hpp"

#include <coframe/exec/timer.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

#include <cstdint>

namespace {

namespace tap = coframe::tap;
using lab05::testing::executor;

constexpr int sleepers = 5;
std::uint32_t slept[sleepers];   // measured, in ticks
int woke_order[sleepers];
int woken = 0;

coframe::task<> sleeper(int id, std::uint32_t ticks) {
  co_await coframe::sleep_for(coframe::milliseconds(1));  // start just after a tick
  const coframe::instant start = coframe::tick_clock::now();
  co_await lab05::sleep_for(coframe::milliseconds(ticks));
  slept[id] = static_cast<std::uint32_t>(coframe::tick_clock::now() - start);
  woke_order[woken++] = id;
}

coframe::task<> until_all_ended() {
  while (executor::spawned() != 0) co_await lab05::testing::sleep_ticks(1);
}

coframe::task<> sleep_all(const std::uint32_t* ticks) {
  woken = 0;
  for (int id = 0; id < sleepers; ++id) {
    if (!executor::get()->spawn(sleeper(id, ticks[id]))) co_return;
  }
  co_await until_all_ended();
}

bool other_ran = false;
coframe::task<> other() {
  other_ran = true;
  co_return;
}
coframe::task<> sleep_zero(bool* suspended) {
  other_ran = false;
  if (!executor::get()->spawn(other())) co_return;  // queued behind us
  co_await lab05::sleep_for(coframe::milliseconds(0));
  *suspended = other_ran;  // it ran only if we suspended
  co_await until_all_ended();
}

// Every sleep lasted its ticks, and they woke shortest first (ties in the order started).
bool exact_and_in_order(const std::uint32_t* ticks) {
  bool right = woken == sleepers;
  for (int id = 0; id < sleepers && right; ++id) right = slept[id] == ticks[id];
  for (int k = 1; k < woken && right; ++k) {
    const int a = woke_order[k - 1], b = woke_order[k];
    right = ticks[a] < ticks[b] || (ticks[a] == ticks[b] && a < b);
  }
  return right;
}

void report(const std::uint32_t* ticks) {
  for (int id = 0; id < sleepers; ++id) {
    tap::diag("sleep_for(", ticks[id], ") lasted ", slept[id], " ticks");
  }
}

}  // namespace

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  std::uint32_t ticks[sleepers];
  for (auto& t : ticks) t = 1 + numbers.below(30);

  coframe::tick_clock::start();
  lab05::testing::run_watched(sleep_all(ticks), 500, "every sleeper woke");
  if (!tap::ok(exact_and_in_order(ticks), "each sleep lasts exactly its ticks")) report(ticks);

  // Started just before the 32-bit counter wraps: every deadline is past the wrap.
  coframe::tick_clock::start(coframe::instant{0xFFFF'FFFFu - numbers.below(8)});
  for (auto& t : ticks) t = 10 + numbers.below(20);
  lab05::testing::run_watched(sleep_all(ticks), 500, "every sleeper woke");
  if (!tap::ok(exact_and_in_order(ticks), "across the counter's wrap, each sleep lasts its ticks")) {
    report(ticks);
  }
  tap::ok(coframe::tick_clock::now().ticks() < 100, "the counter did wrap");

  bool suspended = true;
  lab05::testing::run_watched(sleep_zero(&suspended), 100, "every sleeper woke");
  tap::ok(!suspended, "sleep_for(0) does not suspend");
  coframe::tick_clock::stop();
  tap::done();
}
