// Target tests of coframe/board/systick.hpp: a tick that is already pending must not survive
// stop() or start(). (tests/meson.build runs this under -icount, so the number of instructions
// between two ticks is the same on every run, however busy the host is.)
#include <coframe/board/cpu.hpp>
#include <coframe/board/mmio.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/testing/tap.hpp>

#include <cstdint>

namespace {
volatile unsigned handler_runs;
}

extern "C" void SysTick_Handler() { handler_runs = handler_runs + 1; }

namespace {

// With interrupts masked, lets SysTick run until its interrupt is pending (it cannot be
// taken), then returns. Bails out instead of hanging if it never becomes pending.
bool wait_until_pending() {
  for (std::uint32_t i = 0; i < 1'000'000; ++i) {
    if (coframe::systick::pending()) return true;
  }
  return false;
}

// Unmasks interrupts long enough for a pending one to be taken.
void let_interrupts_in() {
  coframe::cpu::enable_interrupts();
  asm volatile("dsb\n isb" ::: "memory");
  coframe::cpu::disable_interrupts();
}

}  // namespace

int main() {
  using namespace coframe;
  cpu::disable_interrupts();

  systick::start(1'000 - 1, true);
  tap::ok(wait_until_pending(), "a tick becomes pending while interrupts are masked");
  systick::stop();
  tap::ok(!systick::pending(), "stop() clears a tick that was already pending");
  let_interrupts_in();
  tap::equal(handler_runs, 0u, "so SysTick_Handler does not run after stop()");

  handler_runs = 0;
  systick::start(1'000 - 1, true);
  tap::ok(wait_until_pending(), "a tick is pending again");
  systick::start(systick::max_reload, true);  // a new period: the next tick is far away
  tap::ok(!systick::pending(), "start() clears a tick left from the previous period");
  let_interrupts_in();
  tap::equal(handler_runs, 0u, "so SysTick_Handler does not run at once after start()");
  systick::stop();

  // The control: what the old stop() did (switch the counter off, leave the pending tick).
  // The tick is delivered late, so the checks above would catch that stop().
  handler_runs = 0;
  systick::start(1'000 - 1, true);
  tap::ok(wait_until_pending(), "a tick is pending");
  mmio::reg32(systick::internal::csr) = 0;
  let_interrupts_in();
  tap::equal(handler_runs, 1u, "switching the counter off alone leaves it to run late");

  cpu::enable_interrupts();
  tap::done();
}
