// Test of lab 00 exercise active_exception: the exception number in Thread mode and in four
// handlers, one of them for an interrupt line chosen at run time from the seed; and the
// instruction the exercise asks for, mrs, in your function's machine code.
#include "lab00.hpp"

#include <coframe/board/format.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>
#include <coframe/testing/thumb.hpp>

#include <iterator>

namespace tap = coframe::tap;

namespace {
constexpr std::uint32_t not_run = 999;
volatile std::uint32_t seen = not_run;  // what active_exception() said in the last handler

void record() { seen = active_exception(); }

// Runs `trigger`, which makes one exception happen, and returns what active_exception() said
// in its handler.
template <class Trigger>
std::uint32_t in_handler(Trigger trigger) {
  seen = not_run;
  trigger();
  asm volatile("dsb\n isb" ::: "memory");  // a pended exception is taken by now
  return seen;
}

// The exception numbers are small, but they are register contents: show both forms.
bool check(std::uint32_t got, std::uint32_t want, std::string_view description) {
  if (tap::ok(got == want, description)) return true;
  tap::diag("     got: ", got, " (", coframe::hex(got), ")");
  tap::diag("expected: ", want, " (", coframe::hex(want), ")");
  return false;
}

}  // namespace

extern "C" void SVC_Handler() { record(); }
extern "C" void PendSV_Handler() { record(); }
extern "C" void SysTick_Handler() { record(); }
// The interrupt lines the test chooses from: none of their devices is in use, so only the
// test makes them pending.
extern "C" void PORT0_ALL_IRQHandler() { record(); }  // IRQ 6
extern "C" void PORT1_ALL_IRQHandler() { record(); }  // IRQ 7
extern "C" void TIMER0_IRQHandler() { record(); }     // IRQ 8
extern "C" void TIMER1_IRQHandler() { record(); }     // IRQ 9
extern "C" void DUALTIMER_IRQHandler() { record(); }  // IRQ 10
extern "C" void SPI_IRQHandler() { record(); }        // IRQ 11
extern "C" void I2S_IRQHandler() { record(); }        // IRQ 14
extern "C" void TSC_IRQHandler() { record(); }        // IRQ 15

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  constexpr unsigned lines[] = {6, 7, 8, 9, 10, 11, 14, 15};
  const unsigned irq = lines[numbers.below(std::size(lines))];
  tap::plan(6);

  check(active_exception(), 0, "Thread mode is exception 0");
  check(in_handler([] { asm volatile("svc 0" ::: "memory"); }), 11,
        "the SVCall handler is exception 11");
  check(in_handler([] { coframe::nvic::pend_pendsv(); }), 14, "the PendSV handler is exception 14");
  check(in_handler([] {
          coframe::systick::start(1000, true);
          while (seen == not_run) asm volatile("wfi");  // SysTick keeps ticking: no lost wake-up
          coframe::systick::stop();
        }),
        15, "the SysTick handler is exception 15");
  const std::uint32_t in_irq = in_handler([irq] {
    coframe::nvic::enable(irq);
    coframe::nvic::set_pending(irq);
  });
  if (!check(in_irq, 16 + irq, "the handler of IRQ n is exception 16 + n")) {
    tap::diag("(the interrupt line this run's seed chose: IRQ ", irq, ")");
  }

  const bool mrs = coframe::testing::any_instruction(
      coframe::testing::address_of(&active_exception), coframe::testing::reads_ipsr);
  if (!tap::ok(mrs, "active_exception() reads IPSR with the mrs instruction")) {
    const auto* code = reinterpret_cast<const std::uint16_t*>(
        reinterpret_cast<std::uintptr_t>(&active_exception) & ~std::uintptr_t{1});
    tap::diag("no `mrs Rd, ipsr` (0xf3ef 0x8d05, d = Rd) before the function returns; it begins:");
    tap::diag("  ", coframe::hex(code[0], 4), " ", coframe::hex(code[1], 4), " ",
              coframe::hex(code[2], 4), " ", coframe::hex(code[3], 4), " ",
              coframe::hex(code[4], 4), " ", coframe::hex(code[5], 4));
  }
  tap::done();
}
