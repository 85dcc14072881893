// Lab 05 exercise wake: make waking a task idempotent and safe from interrupt handlers.
//
// A task waiting for something is in no queue; waking it puts it at the back of the
// executor's ready queue, coframe::internal::ready_tasks. Whatever woke it may wake it again
// before it runs (a second byte, a second interrupt): it must still be queued once, and run
// once. The task's header (coframe::internal::task_header) has a bit for that,
// task_header::queued in `task.state`: set while the task is in the ready queue (the executor
// clears it when the task leaves the queue).
//
// wake() is called from Thread mode and from interrupt handlers, which may interrupt a call
// of wake() for the same task. coframe::port::interrupt_mask masks interrupts while it lives.
//
// The test wakes tasks several times, from Thread mode and from an interrupt handler, and
// then sweeps an interrupt over every instruction of your wake(). Read: Lab 05 > "Wakers".
#include "lab05.hpp"

namespace lab05 {

void wake(coframe::internal::task_header& task) noexcept {
  // TODO: queue the task at the back of coframe::internal::ready_tasks (push_back), once.
  (void)task;
}

}  // namespace lab05
