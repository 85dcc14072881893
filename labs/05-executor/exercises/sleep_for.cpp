// Lab 05 exercise sleep_for: the awaiter behind `co_await sleep_for(d)`.
//
// The task must go on at the d-th tick from now (tick_clock counts SysTick's interrupts), and
// at once for d == 0. The awaiter is a node of the executor's timer list
// (coframe::internal::timers, sorted by deadline): `deadline` is its field, and so is `fire`,
// the function the executor calls in Thread mode when the deadline has come (wake_sleeper
// wakes the task; it is set for you).
//
// What you have: coframe::tick_clock::now() -> coframe::instant; instant + milliseconds;
// instants compare with < <= > >= by the sign of their difference, which stays right when
// the 32-bit tick counter wraps (its ticks() does not); coframe::this_task::suspend(self)
// gives the task's waker; coframe::internal::timers.insert(node) and remove(node).
//
// The test sleeps for durations drawn from the seed, some across the counter's wrap.
// Read: Lab 05 > "Time: ticks, timers and the wrap".
#include "lab05.hpp"

namespace lab05 {

sleep_awaiter::sleep_awaiter(coframe::milliseconds d) noexcept {
  fire = &wake_sleeper;
  deadline = coframe::tick_clock::now();  // TODO: when should the task go on?
  (void)d;
}

// A task destroyed while it sleeps must not leave its node in the list.
sleep_awaiter::~sleep_awaiter() { coframe::internal::timers.remove(*this); }

bool sleep_awaiter::await_ready() const noexcept {
  return true;  // TODO: no need to suspend once the deadline has come
}

void sleep_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  (void)self;  // TODO: keep the task's waker, and put this node in the timer list
}

}  // namespace lab05
