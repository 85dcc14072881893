// Lab 05: lib/'s check-then-sleep sequence loses no wake-up, whichever instruction the
// interrupt arrives at; a sequence that checks before it masks does lose one.
//
// Runs under -icount (labs/05-executor/meson.build sets COFRAME_ICOUNT), where TIMER0's
// interrupt can be made pending at every instruction in turn (exercises/interrupt_sweep.hpp).
// The interrupt wakes a task, as a real one would: it puts the task in the ready queue, which
// is what the sequence checks. The sleep ends when an interrupt comes: TIMER0's if the wake
// was seen, TIMER1's (the backstop, thousands of instructions later) if it was lost.
#include "interrupt_sweep.hpp"

#include <coframe/board/cpu.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/executor.hpp>
#include <coframe/exec/waker.hpp>
#include <coframe/testing/tap.hpp>

#include <cstdint>

namespace {

namespace tap = coframe::tap;
using lab05::interrupt_sweep;

// The task the interrupt wakes: only its header is needed, for the ready queue.
coframe::internal::task_header waiting_task;
void wake_the_task() { coframe::waker{waiting_task}.wake(); }

// lib/'s sequence, in a function of its own so the sweep can call it.
[[gnu::noinline]] void lib_sequence() { coframe::internal::sleep_until_work(); }

// The race left open: the check is made with interrupts enabled, and masking comes after it.
[[gnu::noinline]] void check_then_mask() {
  const bool nothing_to_do = coframe::internal::ready_tasks.empty();
  coframe::cpu::disable_interrupts();
  if (nothing_to_do) coframe::cpu::wait_for_interrupt();
  coframe::cpu::enable_interrupts();
}

// How many halfwords into `f` its first wfi is: every instruction takes one or two, so the
// code reaches its sleep within that many instructions (it runs straight, or branches
// forward). 0 if there is none in the first 64.
unsigned halfwords_to_wfi(void (*f)()) {
  const auto* code = reinterpret_cast<const std::uint16_t*>(reinterpret_cast<std::uintptr_t>(f) & ~1u);
  for (unsigned i = 0; i < 64; ++i) {
    if (code[i] == 0xBF30) return i;  // wfi
  }
  return 0;
}

constexpr std::uint32_t sweep_instructions = 60;  // how far past arming the sweep reaches

struct sweep_report {
  unsigned runs = 0, lost = 0;
  std::uint32_t first_pc = 0;  // where the earliest interrupt was taken
  std::uint32_t first_lost_delay = 0, first_lost_pc = 0;
};

// Sweeps the interrupt over `sequence` and the instructions around it.
sweep_report sweep(void (*sequence)()) {
  sweep_report report;
  const std::uint32_t limit = sweep_instructions * interrupt_sweep::counts_per_instruction_x10 / 10;
  for (std::uint32_t delay = 1; delay <= limit; ++delay) {
    waiting_task.state = coframe::internal::task_header::scheduled;
    const interrupt_sweep::outcome o = interrupt_sweep::run(delay, sequence, wake_the_task);
    if (waiting_task.state & coframe::internal::task_header::queued) {
      coframe::internal::ready_tasks.pop_front();  // the stand-in never runs
    }
    if (report.runs++ == 0) report.first_pc = o.pc;
    if (o.rescued && o.fired) {
      if (report.lost++ == 0) report.first_lost_delay = delay, report.first_lost_pc = o.pc;
    }
  }
  return report;
}

// The sweep covers the sequence when it starts before the sequence's first instruction and
// goes on past its wfi: from there on, an interrupt comes while the core sleeps, and every
// later delay is the same case again.
bool covers(const sweep_report& r, void (*sequence)()) {
  const unsigned to_wfi = halfwords_to_wfi(sequence);
  return r.first_pc == (reinterpret_cast<std::uintptr_t>(sequence) & ~1u) && to_wfi != 0 &&
         to_wfi < sweep_instructions;
}

}  // namespace

extern "C" [[gnu::naked]] void TIMER0_IRQHandler() { LAB05_SWEEP_TIMER0_ENTRY(); }
extern "C" void TIMER1_IRQHandler() { interrupt_sweep::timer1_interrupt(); }

int main() {
  const sweep_report lib = sweep(lib_sequence);
  tap::ok(covers(lib, lib_sequence),
          "the sweep starts before lib/'s sequence and reaches past its wfi");
  if (!covers(lib, lib_sequence)) tap::diag("first taken at ", coframe::hex(lib.first_pc));
  tap::equal(lib.lost, 0u, "lib/'s sequence: no wake-up lost, whichever instruction it came at");
  if (lib.lost != 0) {
    tap::diag("first lost at delay ", lib.first_lost_delay, ", pc ", coframe::hex(lib.first_lost_pc));
  }

  const sweep_report broken = sweep(check_then_mask);
  tap::ok(covers(broken, check_then_mask), "the sweep covers the broken sequence too");
  tap::ok(broken.lost > 0, "checking before masking loses the wake-ups that come in between");
  tap::diag("broken sequence: ", broken.lost, " of ", broken.runs, " delays lost the wake-up");
  tap::done();
}
