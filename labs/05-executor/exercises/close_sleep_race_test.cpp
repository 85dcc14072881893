// Lab 05 exercise close_sleep_race: its test, under -icount (the runner's COFRAME_ICOUNT).
//
// The work is a flag that TIMER0's interrupt handler sets. interrupt_sweep.hpp makes that
// interrupt pending at every instruction of lab05::sleep_until_work() in turn, and before and
// after it; TIMER1 comes thousands of instructions later. A sleep that only TIMER1 ended slept
// through the work: a lost wake-up. Then, with the interrupt far away (a delay drawn from the
// seed), the function must sleep: not return before the interrupt, and not ask work_ready()
// over and over.
#include "interrupt_sweep.hpp"
#include "lab05.hpp"

#include <coframe/board/console.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>
#include <coframe/testing/thumb.hpp>

#include <cstdint>

namespace {

namespace tap = coframe::tap;
using lab05::interrupt_sweep;

volatile bool work = false;
volatile unsigned asked = 0;
void work_arrives() { work = true; }

// Instructions from the start of `f` to its first wfi (0 if it has none).
unsigned instructions_to_wfi(void (*f)() noexcept) {
  unsigned n = 0;
  bool found = coframe::testing::any_instruction(
      coframe::testing::address_of(f), [&](coframe::testing::thumb_instruction i) {
        ++n;
        return !i.wide && i.first == 0xBF30;  // wfi
      });
  return found ? n : 0;
}

}  // namespace

bool lab05::work_ready() noexcept {
  asked = asked + 1;
  return work;
}

extern "C" [[gnu::naked]] void TIMER0_IRQHandler() { LAB05_SWEEP_TIMER0_ENTRY(); }
extern "C" void TIMER1_IRQHandler() { interrupt_sweep::timer1_interrupt(); }

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  auto sequence = [] { lab05::sleep_until_work(); };

  const unsigned to_wfi = instructions_to_wfi(&lab05::sleep_until_work);
  tap::ok(to_wfi != 0, "it sleeps with wfi");

  // The sweep: from before the first instruction to well past the wfi.
  const std::uint32_t sweep_instructions = 40 + to_wfi;
  unsigned lost = 0;
  std::uint32_t first_lost_delay = 0, first_lost_pc = 0;
  for (std::uint32_t delay = 1;
       delay <= sweep_instructions * interrupt_sweep::counts_per_instruction_x10 / 10; ++delay) {
    work = false;
    const interrupt_sweep::outcome o = interrupt_sweep::run(delay, sequence, work_arrives);
    if (o.fired && o.rescued && lost++ == 0) first_lost_delay = delay, first_lost_pc = o.pc;
  }
  tap::ok(lost == 0, "no wake-up lost, whichever instruction the interrupt comes at");
  if (lost != 0) {
    tap::diag(lost, " interrupts slept through; the first came ", first_lost_delay,
              " timer counts after the start (", first_lost_delay * 10 / 256,
              " instructions), and was taken at pc ", coframe::hex(first_lost_pc));
  }

  // Nothing to do for a long while: it must sleep until the interrupt.
  const std::uint32_t far = 20'000 + numbers.below(20'000);  // 800 to 1600 instructions away
  work = false;
  asked = 0;
  const interrupt_sweep::outcome idle = interrupt_sweep::run(far, sequence, work_arrives);
  tap::ok(idle.fired, "with nothing to do it does not return before the interrupt");
  tap::ok(asked <= 2, "it sleeps (wfi) until the interrupt: work_ready() asked at most twice");
  if (asked > 2) tap::diag("work_ready() was asked ", static_cast<unsigned>(asked), " times");

  // Work already there: no sleep.
  work = true;
  const interrupt_sweep::outcome busy = interrupt_sweep::run(far, sequence, work_arrives);
  tap::ok(!busy.fired && !busy.rescued, "with work ready it returns at once");
  tap::done();
}
