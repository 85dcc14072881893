// Mutant of lab 05 exercise sleep_for: it always suspends, even for no time.
//
// The wrong answer: await_ready returns false ("a sleep always sleeps"). For d == 0 the
// deadline is now; the timer fires only at the executor's next look at its timers, after the
// next tick, and other tasks run before the sleeper goes on. What catches it: sleep_for(0)
// must not suspend at all.
//
// The test reports:
//   status 1
//   not ok {num} - sleep_for(0) does not suspend
#include "lab05.hpp"

namespace lab05 {

sleep_awaiter::sleep_awaiter(coframe::milliseconds d) noexcept {
  fire = &wake_sleeper;
  deadline = coframe::tick_clock::now() + d;
}

sleep_awaiter::~sleep_awaiter() { coframe::internal::timers.remove(*this); }

bool sleep_awaiter::await_ready() const noexcept { return false; }

void sleep_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  waiting_ = coframe::this_task::suspend(self);
  coframe::internal::timers.insert(*this);
}

}  // namespace lab05
