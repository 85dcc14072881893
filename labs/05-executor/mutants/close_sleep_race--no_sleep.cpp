// Mutant of lab 05 exercise close_sleep_race: masked and checked, but it never sleeps.
//
// The wrong answer: the check is made with interrupts masked, and then the function returns
// whatever the answer: the executor's loop would spin through it, never sleeping. What
// catches it: with no work and no interrupt for a long time, it returns at once.
//
// The test reports:
//   status 1
//   not ok {num} - with nothing to do it does not return before the interrupt
#include "lab05.hpp"

#include <coframe/board/cpu.hpp>

namespace lab05 {

void sleep_until_work() noexcept {
  coframe::cpu::disable_interrupts();
  (void)work_ready();
  coframe::cpu::enable_interrupts();
}

}  // namespace lab05
