// Mutant of lab 05 exercise yield_now: the task suspends, and nothing ever wakes it.
//
// The wrong answer: this_task::suspend(self) takes the task out of the ready queue, and the
// waker it returns is dropped. Suspending is half of a yield; the other half is queueing the
// task again. What catches it: the tasks never get a second turn, and the test's watchdog
// ends the run.
//
// The test reports:
//   status 1
//   not ok {num} - every task got all its turns (a yielding task ran again)
#include "lab05.hpp"

namespace lab05 {

bool yield_awaiter::await_ready() const noexcept { return false; }

void yield_awaiter::await_suspend(std::coroutine_handle<> self) const noexcept {
  (void)coframe::this_task::suspend(self);
}

void yield_awaiter::await_resume() const noexcept {}

}  // namespace lab05
