// Lab 05 exercise sleep_for: a solution.
#include "lab05.hpp"

namespace lab05 {

sleep_awaiter::sleep_awaiter(coframe::milliseconds d) noexcept {
  fire = &wake_sleeper;
  deadline = coframe::tick_clock::now() + d;  // unsigned addition: wraps as the counter does
}

sleep_awaiter::~sleep_awaiter() { coframe::internal::timers.remove(*this); }

// instant's <= compares by the sign of the difference: right across the wrap.
bool sleep_awaiter::await_ready() const noexcept { return deadline <= coframe::tick_clock::now(); }

void sleep_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  waiting_ = coframe::this_task::suspend(self);
  coframe::internal::timers.insert(*this);
}

}  // namespace lab05
