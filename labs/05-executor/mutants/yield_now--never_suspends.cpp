// Mutant of lab 05 exercise yield_now: await_ready says "ready", so the task never suspends.
//
// The wrong answer: await_suspend is right, but await_ready was left returning true ("the
// task is ready to go on"), so the compiler never calls await_suspend: co_await yield_now()
// does nothing, and each task takes all its turns in one go. What catches it: the order of
// turns, compared with round robin.
//
// The test reports:
//   status 1
//   not ok {num} - tasks take turns round robin
#include "lab05.hpp"

namespace lab05 {

bool yield_awaiter::await_ready() const noexcept { return true; }

void yield_awaiter::await_suspend(std::coroutine_handle<> self) const noexcept {
  coframe::this_task::suspend(self).wake();
}

void yield_awaiter::await_resume() const noexcept {}

}  // namespace lab05
