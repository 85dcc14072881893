// Mutant of lab 05 exercise sleep_for: the deadline compared by raw tick counts.
//
// The wrong answer: `deadline.ticks() <= now().ticks()` reads naturally and works for 49 days.
// Then the counter wraps: a deadline just past the wrap (a small number) looks earlier than
// "now" (a huge number), and the sleep ends at once. What catches it: sleeps started just
// before the wrap.
//
// The test reports:
//   status 1
//   not ok {num} - across the counter's wrap, each sleep lasts its ticks
#include "lab05.hpp"

namespace lab05 {

sleep_awaiter::sleep_awaiter(coframe::milliseconds d) noexcept {
  fire = &wake_sleeper;
  deadline = coframe::tick_clock::now() + d;
}

sleep_awaiter::~sleep_awaiter() { coframe::internal::timers.remove(*this); }

bool sleep_awaiter::await_ready() const noexcept {
  return deadline.ticks() <= coframe::tick_clock::now().ticks();
}

void sleep_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  waiting_ = coframe::this_task::suspend(self);
  coframe::internal::timers.insert(*this);
}

}  // namespace lab05
