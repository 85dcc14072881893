// Mutant of lab 05 exercise sleep_for: one tick too many, to be safe.
//
// The wrong answer: "the current tick has partly gone, so sleep one more to sleep at least d
// milliseconds". That is another contract (sleep at least d), not this one: sleep_for(d) goes
// on at the d-th tick from now, and sleep_for(1) at the next tick. What catches it: every
// sleep measured in ticks.
//
// The test reports:
//   status 1
//   not ok {num} - each sleep lasts exactly its ticks
#include "lab05.hpp"

namespace lab05 {

sleep_awaiter::sleep_awaiter(coframe::milliseconds d) noexcept {
  fire = &wake_sleeper;
  deadline = coframe::tick_clock::now() + d + coframe::milliseconds(1);
}

sleep_awaiter::~sleep_awaiter() { coframe::internal::timers.remove(*this); }

bool sleep_awaiter::await_ready() const noexcept { return deadline <= coframe::tick_clock::now(); }

void sleep_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  waiting_ = coframe::this_task::suspend(self);
  coframe::internal::timers.insert(*this);
}

}  // namespace lab05
