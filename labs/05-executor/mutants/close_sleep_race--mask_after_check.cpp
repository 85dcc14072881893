// Mutant of lab 05 exercise close_sleep_race: interrupts masked around the sleep, not the check.
//
// The wrong answer: masking looks like the fix, so it goes around the wfi; but the check was
// made before, with interrupts enabled. An interrupt between the check and the mask still runs
// its handler at once, and wfi then sleeps with the work ready. What catches it: the sweep
// puts the interrupt in that gap.
//
// The test reports:
//   status 1
//   not ok {num} - no wake-up lost, whichever instruction the interrupt comes at
#include "lab05.hpp"

#include <coframe/board/cpu.hpp>

namespace lab05 {

void sleep_until_work() noexcept {
  const bool idle = !work_ready();
  coframe::cpu::disable_interrupts();
  if (idle) coframe::cpu::wait_for_interrupt();
  coframe::cpu::enable_interrupts();
}

}  // namespace lab05
