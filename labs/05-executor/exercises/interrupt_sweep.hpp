// Lab 05: an interrupt at every instruction of a piece of code, on the board.
//
// Under QEMU's instruction counting (-icount shift=10) the CMSDK timers count virtual time
// exactly: 25.6 counts per instruction, and an interrupt is taken right at the instruction
// where the count runs out. So arming TIMER0 with `delay` counts just before running a piece
// of code makes its interrupt pending at a chosen point of it; running the code again with
// delay 1, 2, 3, ... moves that point forward a twenty-fifth of an instruction at a time, over
// every instruction of the code, before it and after it. That is the sweep.
//
// The handler records the instruction it interrupted (the program counter the processor
// stacked) and runs the scenario's `on_interrupt`, which does what the interrupt is for: wakes
// a task, sends a byte. TIMER1, armed far later, is the backstop: it ends a sleep that nothing
// else would. If the code under test slept until the backstop, a wake-up was lost.
//
// Used by lab 05's exercises close_sleep_race, wake and receive, by its target test of lib/'s
// sleep sequence, and by its benchmark, which prints what one sweep saw. Without -icount the
// timers run in real time and the sweep is not instruction-exact (sweep::exact() says so).
#pragma once

#include <coframe/board/board.hpp>
#include <coframe/board/mmio.hpp>
#include <coframe/board/nvic.hpp>

#include <cstdint>

namespace lab05 {

class interrupt_sweep {
 public:
  // What one run saw.
  struct outcome {
    std::uint32_t delay;  // TIMER0 counts from arming to the interrupt
    std::uint32_t pc;     // the instruction it interrupted (or, if masked, the one it waited for)
    bool fired;           // TIMER0's interrupt was taken before the code returned
    bool rescued;         // the backstop had to end the code's sleep: a lost wake-up
  };

  // [sweep-run]
  // Runs `code` once with TIMER0's interrupt pending `delay` counts after it is armed, and
  // `on_interrupt` in its handler. `on_backstop`, if given, runs in TIMER1's handler: for code
  // that would sleep on after a lost wake-up (an executor's loop does), it must end the run
  // (report and exit). Precondition: nothing else uses TIMER0 or TIMER1.
  static outcome run(std::uint32_t delay, void (*code)(), void (*on_interrupt)(),
                     void (*on_backstop)() = nullptr) {
    state_ = {delay, 0, false, false};
    handler_ = on_interrupt;
    backstop_ = on_backstop;
    coframe::nvic::enable(coframe::board::irq::timer0);
    coframe::nvic::enable(coframe::board::irq::timer1);
    start(timer1, backstop_counts);
    load(timer0, delay);
    run_armed(code, &coframe::mmio::reg32(timer0 + ctrl));
    stop(timer0);
    stop(timer1);
    coframe::nvic::disable(coframe::board::irq::timer0);
    coframe::nvic::disable(coframe::board::irq::timer1);
    coframe::nvic::clear_pending(coframe::board::irq::timer0);
    coframe::nvic::clear_pending(coframe::board::irq::timer1);
    return state_;
  }
  // [sweep-run]

  // Counts per instruction at -icount shift=10 are 25.6: a delay this long reaches about 80
  // instructions past arming, well past the end of a dozen-instruction sequence.
  static constexpr std::uint32_t counts_per_instruction_x10 = 256;
  static constexpr std::uint32_t backstop_counts = 100'000;  // some 4000 instructions

  // [sweep-handlers]
  // The handlers (the firmware's TIMER0_IRQHandler and TIMER1_IRQHandler call these).
  static void timer0_interrupt(const std::uint32_t* stacked) {
    stop(timer0);
    acknowledge(timer0);
    state_.pc = stacked[6];  // r0-r3, r12, lr, pc, xpsr: the seventh word
    state_.fired = true;
    handler_();
  }
  static void timer1_interrupt() {
    stop(timer1);
    acknowledge(timer1);
    state_.rescued = true;
    if (backstop_ != nullptr) backstop_();
  }
  // [sweep-handlers]
  // The outcome of the run in progress (for an on_backstop that reports it).
  static const outcome& current() { return state_; }

 private:
  static constexpr std::uintptr_t timer0 = coframe::board::timer0_base;
  static constexpr std::uintptr_t timer1 = coframe::board::timer0_base + 0x1000;
  static constexpr std::uintptr_t ctrl = 0x0, value = 0x4, reload = 0x8, intclear = 0xC;
  static constexpr std::uint32_t enable_with_interrupt = 1u | (1u << 3);

  static void load(std::uintptr_t timer, std::uint32_t counts) {
    coframe::mmio::reg32(timer + ctrl) = 0;
    coframe::mmio::reg32(timer + reload) = 0;
    coframe::mmio::reg32(timer + value) = counts;
  }
  static void start(std::uintptr_t timer, std::uint32_t counts) {
    load(timer, counts);
    coframe::mmio::reg32(timer + ctrl) = enable_with_interrupt;
  }
  static void stop(std::uintptr_t timer) { coframe::mmio::reg32(timer + ctrl) = 0; }
  static void acknowledge(std::uintptr_t timer) { coframe::mmio::reg32(timer + intclear) = 1; }

  // Starts TIMER0 (one store to its control register) and calls `code`: written in assembly
  // so that nothing the compiler chooses sits between the start and the call.
  [[gnu::naked, gnu::noinline]] static void run_armed(void (*)(), volatile std::uint32_t*) {
    asm volatile(
        "push {r4, lr}\n"
        "movs r4, #9\n"  // enable | interrupt enable
        "str r4, [r1]\n"
        "blx r0\n"
        "pop {r4, pc}\n");
  }

  static inline outcome state_{};
  static inline void (*handler_)() = nullptr;
  static inline void (*backstop_)() = nullptr;
};
}  // namespace lab05

// A firmware that sweeps defines the handlers with these (a naked handler passes the stack
// pointer the processor stacked the registers on):
//   extern "C" [[gnu::naked]] void TIMER0_IRQHandler() { LAB05_SWEEP_TIMER0_ENTRY(); }
//   extern "C" void TIMER1_IRQHandler() { lab05::interrupt_sweep::timer1_interrupt(); }
extern "C" [[gnu::used]] inline void lab05_sweep_timer0(const std::uint32_t* stacked) {
  lab05::interrupt_sweep::timer0_interrupt(stacked);
}
#define LAB05_SWEEP_TIMER0_ENTRY() asm volatile("mrs r0, msp\n b lab05_sweep_timer0")
