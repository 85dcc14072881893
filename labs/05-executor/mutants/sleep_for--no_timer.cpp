// Mutant of lab 05 exercise sleep_for: the task suspends, and no timer will wake it.
//
// The wrong answer: the waker is kept in the awaiter, and the awaiter is never put in the
// timer list: nothing will ever call wake_sleeper, and the task sleeps forever. What catches
// it: the test's watchdog.
//
// The test reports:
//   status 1
//   not ok {num} - every sleeper woke
#include "lab05.hpp"

namespace lab05 {

sleep_awaiter::sleep_awaiter(coframe::milliseconds d) noexcept {
  fire = &wake_sleeper;
  deadline = coframe::tick_clock::now() + d;
}

sleep_awaiter::~sleep_awaiter() { coframe::internal::timers.remove(*this); }

bool sleep_awaiter::await_ready() const noexcept { return deadline <= coframe::tick_clock::now(); }

void sleep_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  waiting_ = coframe::this_task::suspend(self);
}

}  // namespace lab05
