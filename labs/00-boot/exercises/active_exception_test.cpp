// Test of lab 00 exercise active_exception: the exception number in Thread mode and in four
// handlers, one of them for an interrupt line chosen at run time from the seed; and the
// instruction the exercise asks for, mrs, in your function's machine code.
#include "lab00.hpp"

#include <coframe/board/format.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

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

// Does the code at `function` read IPSR with mrs? Thumb-2 encodes `mrs Rd, <register>` as two
// halfwords: 0xF3EF, then 0x8000 | Rd << 8 | SYSm, where SYSm names the special register. IPSR
// is 5; IAPSR (1), xPSR (3) and IEPSR (7) contain it too. The search stops at the function's
// return (bx lr, or a pop that loads pc) and follows a call or tail call (bl, b.w) one level,
// so a helper function of yours counts.
bool reads_ipsr_with_mrs(std::uintptr_t function, int calls_to_follow = 1) {
  const auto* code = reinterpret_cast<const std::uint16_t*>(function & ~std::uintptr_t{1});
  for (int i = 0; i < 64;) {
    const std::uint16_t first = code[i];
    const bool wide = (first >> 11) >= 0b11101;  // the first half of a 32-bit instruction
    if (!wide) {
      if (first == 0x4770 || (first & 0xFF00) == 0xBD00) return false;  // bx lr; pop {.., pc}
      i += 1;
      continue;
    }
    const std::uint16_t second = code[i + 1];
    const std::uint16_t sysm = second & 0xFF;
    if (first == 0xF3EF && (second & 0xF000) == 0x8000 && sysm < 8 && (sysm & 1) != 0) {
      return true;
    }
    if (first == 0xE8BD && (second & 0x8000) != 0) return false;  // pop.w {.., pc}
    const bool bl = (second & 0xD000) == 0xD000, b_w = (second & 0xD000) == 0x9000;
    if ((first & 0xF800) == 0xF000 && (bl || b_w) && calls_to_follow > 0) {
      // Branch offset: S:I1:I2:imm10:imm11:0, with I1 = !(J1 ^ S) and I2 = !(J2 ^ S).
      const std::uint32_t s = (first >> 10) & 1, j1 = (second >> 13) & 1, j2 = (second >> 11) & 1;
      const std::uint32_t offset = s << 24 | (~(j1 ^ s) & 1) << 23 | (~(j2 ^ s) & 1) << 22 |
                                   (first & 0x3FFu) << 12 | (second & 0x7FFu) << 1;
      const std::int32_t signed_offset = static_cast<std::int32_t>(offset << 7) >> 7;
      const auto here = reinterpret_cast<std::uintptr_t>(&code[i]);
      if (reads_ipsr_with_mrs(here + 4 + static_cast<std::uintptr_t>(signed_offset),
                              calls_to_follow - 1)) {
        return true;
      }
      if (b_w) return false;  // a tail call: this function's code ends here
    }
    i += 2;
  }
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

  const bool mrs = reads_ipsr_with_mrs(reinterpret_cast<std::uintptr_t>(&active_exception));
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
