// Lab 05 exercise close_sleep_race: a solution.
#include "lab05.hpp"

#include <coframe/board/cpu.hpp>

namespace lab05 {

// Masked, an interrupt arriving after the check stays pending: wfi returns at once, and the
// handler runs on the unmask.
void sleep_until_work() noexcept {
  coframe::cpu::disable_interrupts();
  if (!work_ready()) coframe::cpu::wait_for_interrupt();
  coframe::cpu::enable_interrupts();
}

}  // namespace lab05
