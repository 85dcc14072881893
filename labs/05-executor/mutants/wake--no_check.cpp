// Mutant of lab 05 exercise wake: every wake queues the task, queued or not.
//
// The wrong answer: the bit is set, but never looked at, so a task woken twice is linked into
// the ready queue twice. The queue is a ring through the tasks' own headers; linking a task in
// again while others follow it cuts them out of the ring, and they never run. What catches it:
// a task woken twice before it runs, with another woken after it.
//
// The test reports:
//   status 1
//   not ok {num} - woken several times before they run, each task runs once, in the order of its first wake
#include "lab05.hpp"

namespace lab05 {

void wake(coframe::internal::task_header& task) noexcept {
  coframe::port::interrupt_mask masked;
  task.state |= coframe::internal::task_header::queued;
  coframe::internal::ready_tasks.push_back(task);
}

}  // namespace lab05
