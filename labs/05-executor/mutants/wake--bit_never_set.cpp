// Mutant of lab 05 exercise wake: the queued bit is tested, but never set.
//
// The wrong answer: "the executor sets the bit when it queues the task" - but wake() is the
// one that queues it. The test of the bit then always passes, and a second wake queues the
// task again. What catches it: a task woken twice before it runs, with another woken after it.
//
// The test reports:
//   status 1
//   not ok {num} - woken several times before they run, each task runs once, in the order of its first wake
#include "lab05.hpp"

namespace lab05 {

void wake(coframe::internal::task_header& task) noexcept {
  coframe::port::interrupt_mask masked;
  if (task.state & coframe::internal::task_header::queued) return;
  coframe::internal::ready_tasks.push_back(task);
}

}  // namespace lab05
