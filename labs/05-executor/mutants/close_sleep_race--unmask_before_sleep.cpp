// Mutant of lab 05 exercise close_sleep_race: the check is masked, the sleep is not.
//
// The wrong answer: "never sleep with interrupts masked", so they are enabled again before the
// wfi. The gap has only moved: an interrupt between the unmask and the wfi runs its handler,
// and wfi sleeps with the work ready. (wfi with PRIMASK set is exactly what the Cortex-M
// allows: the core still wakes for a pending interrupt.) What catches it: the sweep.
//
// The test reports:
//   status 1
//   not ok {num} - no wake-up lost, whichever instruction the interrupt comes at
#include "lab05.hpp"

#include <coframe/board/cpu.hpp>

namespace lab05 {

void sleep_until_work() noexcept {
  coframe::cpu::disable_interrupts();
  const bool idle = !work_ready();
  coframe::cpu::enable_interrupts();
  if (idle) coframe::cpu::wait_for_interrupt();
}

}  // namespace lab05
