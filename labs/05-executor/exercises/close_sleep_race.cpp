// Lab 05 exercise close_sleep_race: the executor's idle step, without a lost wake-up.
//
// When no task is ready the executor should sleep (wfi) until an interrupt brings work. This
// version loses wake-ups: an interrupt that comes after work_ready() said "no" and before wfi
// makes the work ready (its handler runs at once), and then wfi sleeps anyway, until some
// other interrupt, perhaps never.
//
// What you have (coframe/board/cpu.hpp): coframe::cpu::disable_interrupts() and
// enable_interrupts() (PRIMASK: a masked interrupt stays pending; its handler runs when they
// are unmasked), coframe::cpu::wait_for_interrupt() (wfi: it returns when an interrupt is
// pending, even a masked one). work_ready() is the test's.
//
// The test makes the interrupt come at every instruction in turn. Read: Lab 05 > "Sleeping
// without losing a wake-up".
#include "lab05.hpp"

#include <coframe/board/cpu.hpp>

namespace lab05 {

void sleep_until_work() noexcept {
  // TODO: close the race between the check and the sleep.
  if (!work_ready()) coframe::cpu::wait_for_interrupt();
}

}  // namespace lab05
