// Mutant of lab 05 exercise wake: right in Thread mode, wrong when an interrupt comes.
//
// The wrong answer: the bit is tested and set, but with interrupts enabled. A handler that
// wakes the same task between the test and the push queues it too; then this call queues it
// again. Nothing shows it until an interrupt lands in those few instructions. What catches
// it: the test's sweep, an interrupt that wakes the task at every instruction of wake().
//
// The test reports:
//   status 1
//   not ok {num} - an interrupt that wakes the same task at any instruction of wake() leaves it queued once
#include "lab05.hpp"

namespace lab05 {

void wake(coframe::internal::task_header& task) noexcept {
  using header = coframe::internal::task_header;
  if (task.state & header::queued) return;
  task.state |= header::queued;
  coframe::port::interrupt_mask masked;
  coframe::internal::ready_tasks.push_back(task);
}

}  // namespace lab05
