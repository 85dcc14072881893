/// \file
/// Counting instructions under QEMU.
///
/// QEMU does not implement the DWT cycle counter, but with `-icount shift=N,sleep=off` its
/// virtual clock advances by exactly 2^N ns per instruction, and SysTick counts that clock.
/// So SysTick ticks are a deterministic measure of instructions executed. Rather than trust a
/// shift we were told, instruction_counter calibrates itself: it times a run of exactly
/// `calibration_length` known instructions, and converts every later measurement with that
/// ratio, after subtracting the cost of an empty measurement.
///
/// \code{.cpp}
/// coframe::instruction_counter counter;           // starts SysTick and calibrates
/// auto n = counter.count([&] { machine.step(); }); // instructions spent in step()
/// \endcode
///
/// Figures are "instructions (QEMU icount)", not cycles: QEMU charges every instruction the
/// same, and exception entry and exit cost nothing. Without -icount the counts are real time
/// and vary from run to run; `deterministic()` tells which case you are in. The workbook's
/// `./workbook bench` runs benchmark firmware with -icount.
///
/// Uses SysTick, so it cannot share it with a SysTick-driven clock (see TIMER0 then).
#pragma once

#include <coframe/board/systick.hpp>

#include <cstdint>

// GCC's noipa also forbids interprocedural analysis across the call; Clang has no such
// attribute, and noinline with the empty asm in run() keeps the call all the same.
#if defined(__clang__)
#define COFRAME_MEASURE_BOUNDARY [[gnu::noinline]]
#else
#define COFRAME_MEASURE_BOUNDARY [[gnu::noipa]]
#endif

namespace coframe {

class instruction_counter {
 public:
  /// The number of `nop`s in the calibration run.
  static constexpr std::uint32_t calibration_length = 512;

  instruction_counter() {
    systick::start(systick::max_reload, false);
    auto empty = [] {};
    auto calibration = [] { asm volatile(".rept 512\n nop\n .endr" ::: "memory"); };
    static_assert(calibration_length == 512, "keep .rept above in step");
    overhead_ticks_ = ticks(empty);
    calibration_ticks_ = ticks(calibration) - overhead_ticks_;
    // Under -icount a tick is a fixed fraction of an instruction, so a repeat agrees to within
    // one tick of rounding, and 512 instructions take hundreds of ticks (shift >= 6). In real
    // time QEMU runs 512 instructions in a few ticks, and repeats wander.
    const std::uint32_t again = ticks(calibration) - overhead_ticks_;
    const std::uint32_t difference =
        again > calibration_ticks_ ? again - calibration_ticks_ : calibration_ticks_ - again;
    deterministic_ = difference <= 1 && calibration_ticks_ >= calibration_length;
  }

  /// Instructions executed by `f()`, rounded to the nearest whole instruction. `f` must take
  /// less than 2^24 SysTick ticks: at shift 10 (25.6 ticks per instruction, the
  /// shift the workbook uses) about 650 000 instructions. Below shift 10 a tick is too coarse
  /// to resolve single instructions.
  template <class F>
  std::uint32_t count(F f) const {
    const std::uint32_t t = ticks(f);
    const std::uint32_t net = t > overhead_ticks_ ? t - overhead_ticks_ : 0;
    return static_cast<std::uint32_t>(
        (std::uint64_t{net} * calibration_length + calibration_ticks_ / 2) / calibration_ticks_);
  }

  /// Instructions per iteration of `f()` over `iterations` runs, in hundredths (so 1234
  /// means 12.34), for figures amortised over a loop.
  template <class F>
  std::uint32_t count_per_iteration_x100(std::uint32_t iterations, F f) const {
    const std::uint32_t total = count([&] {
      for (std::uint32_t i = 0; i < iterations; ++i) f();
    });
    return static_cast<std::uint32_t>(std::uint64_t{total} * 100 / iterations);
  }

  /// True when QEMU is counting instructions (-icount): repeated calibrations agree.
  [[nodiscard]] bool deterministic() const { return deterministic_; }

 private:
  // The code under measurement runs in a function of its own, and so do the two SysTick
  // reads around the call: the compiler can neither move instructions of f across the reads
  // nor arrange the call differently at each call site. `noipa` (not just noinline) also stops
  // GCC from noticing that a call does nothing and dropping it (so does the empty asm). What remains, the call and
  // return, costs the same for every F and is subtracted as overhead_ticks_.
  template <class F>
  COFRAME_MEASURE_BOUNDARY static void run(F& f) {
    f();
    asm volatile("");  // emits nothing, but a call with a side effect is never dropped
  }

  template <class F>
  COFRAME_MEASURE_BOUNDARY static std::uint32_t ticks(F& f) {
    const std::uint32_t start = systick::current();
    run(f);
    const std::uint32_t end = systick::current();
    return (start - end) & systick::max_reload;  // counts down; no wrap within count()'s limit
  }

  std::uint32_t overhead_ticks_ = 0;
  std::uint32_t calibration_ticks_ = 1;
  bool deterministic_ = false;
};

}  // namespace coframe
