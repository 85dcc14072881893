/// \file
/// Counting instructions under QEMU.
///
/// QEMU does not implement the DWT cycle counter, but with `-icount shift=N,sleep=off` its
/// virtual clock advances by exactly 2^N ns per instruction, and SysTick counts that clock
/// (25 MHz: one count every 40 ns). So SysTick counts are a deterministic measure of
/// instructions executed: at shift 10, 25.6 counts per instruction. Rather than trust a shift
/// it was told, instruction_counter finds it: it times a run of exactly `calibration_length`
/// known instructions and takes the power of two that fits.
///
/// \code{.cpp}
/// coframe::instruction_counter counter;                 // calibrates (uses SysTick)
/// auto n = counter.count([&] { machine.step(); });       // instructions spent in step()
/// auto m = counter.count([&] { coframe::do_not_optimize(parse(input)); });
/// \endcode
///
/// **What a figure includes.** `count(f)` runs `f` inside a boundary function of its own,
/// between two reads of SysTick, and subtracts the *empty boundary*: the same measurement of a
/// lambda that does nothing (`boundary()` instructions, measured once at calibration). The
/// boundary saves every callee-saved register (r4-r11, lr, and s16-s31 on a core with an FPU)
/// whatever `f` uses, so its cost is the same for every `f` and the subtraction is exact. A
/// figure is therefore exactly the instructions of `f`'s body as the compiler inlined it into the
/// boundary, and everything that body calls. Not included: the call into the boundary, the
/// register saves and restores, the two SysTick reads. Included, because they belong to `f`:
/// reserving and releasing stack for `f`'s own locals (two instructions, when `f` needs any),
/// and, if the compiler declines to inline `f`'s call operator (a big lambda, or `-O0`), the
/// call to it and its own prologue and epilogue. A single `nop` measures 1.
///
/// **Keep results alive.** A result the compiler can see is unused is deleted together with
/// the work that made it, and measures 0. Pass it to `do_not_optimize()`.
///
/// **Range.** One measurement may take at most 2^24 SysTick counts (SysTick has 24 bits): at
/// shift 10, 655 360 instructions. A longer run is refused with a panic (status 134) rather
/// than wrapped silently; measure fewer iterations.
///
/// Figures are "instructions (QEMU icount)", not cycles: QEMU charges every instruction the
/// same, and exception entry and exit cost nothing. Without -icount the counts are real time
/// and vary from run to run; `deterministic()` tells which case you are in. The workbook's
/// `./workbook bench` runs benchmark firmware with -icount.
///
/// Uses SysTick (it restarts it for every measurement), so it cannot share it with a
/// SysTick-driven clock.
#pragma once

#include <coframe/board/board.hpp>
#include <coframe/board/fault.hpp>
#include <coframe/board/systick.hpp>

#include <cstdint>
#include <type_traits>

// GCC's noipa also forbids interprocedural analysis across the call; Clang has no such
// attribute, and noinline with the volatile asm in run() keeps the call all the same.
#if defined(__clang__)
#define COFRAME_MEASURE_BOUNDARY [[gnu::noinline]]
#else
#define COFRAME_MEASURE_BOUNDARY [[gnu::noipa]]
#endif

namespace coframe {

/// Makes the compiler compute `value` and treat it as read, so the work that produced it is not
/// deleted as dead code. Emits no instruction: the value only has to be in a register (in
/// memory, for a value that does not fit one) at this point. It says nothing about other
/// memory, so it does not stop the compiler keeping a machine's state in registers across a
/// loop, as it would in the program being measured. Inside a loop it runs once per iteration,
/// so a loop whose body ends in it is never deleted.
template <class T>
[[gnu::always_inline]] inline void do_not_optimize(const T& value) {
  if constexpr (std::is_trivially_copyable_v<T> && sizeof(T) <= sizeof(std::uint32_t)) {
    asm volatile("" : : "r"(value));
  } else {
    asm volatile("" : : "m"(value));
  }
}

class instruction_counter {
 public:
  /// The number of `nop`s in the calibration run.
  static constexpr std::uint32_t calibration_length = 512;

  /// Calibrates: measures the empty boundary and the calibration run, twice.
  instruction_counter() {
    auto empty = [] {};
    auto calibration = [] { asm volatile(".rept 512\n nop\n .endr" ::: "memory"); };
    static_assert(calibration_length == 512, "keep .rept above in step");
    const std::uint32_t boundary_ticks = ticks(empty);
    const std::uint32_t calibration_ticks = ticks(calibration) - boundary_ticks;
    // Under -icount a repeat agrees to within one count of rounding, and 512 instructions take
    // hundreds of counts (shift >= 6). In real time QEMU runs 512 instructions in a few
    // counts, and repeats wander.
    const std::uint32_t again = ticks(calibration) - boundary_ticks;
    const std::uint32_t difference = again > calibration_ticks ? again - calibration_ticks
                                                               : calibration_ticks - again;
    deterministic_ = difference <= 1 && calibration_ticks >= calibration_length;
    // Nanoseconds per instruction, from the calibration: under -icount the power of two
    // nearest to it (it is exactly 2^shift), otherwise the plain ratio.
    const std::uint64_t measured_ns =
        (std::uint64_t{calibration_ticks} * ns_per_tick_x1000 / 1000 + calibration_length / 2) /
        calibration_length;
    ns_per_instruction_ = measured_ns > 0 ? measured_ns : 1;
    if (deterministic_) {
      std::uint64_t power = 1;
      while (power * 3 / 2 < measured_ns) power *= 2;  // the nearest power of two
      ns_per_instruction_ = power;
    }
    boundary_ = instructions(boundary_ticks);
  }

  /// Instructions executed by `f()` (see the file comment for exactly what that includes).
  /// Precondition: `f` takes less than 2^24 SysTick counts (at shift 10, 655 360
  /// instructions); a longer run panics. Below shift 10 a count is too coarse to resolve
  /// single instructions.
  template <class F>
  std::uint32_t count(F f) const {
    const std::uint32_t total = instructions(ticks(f));
    return total > boundary_ ? total - boundary_ : 0;
  }

  /// Instructions per iteration of `f()` over `iterations` runs, in hundredths (so 1234
  /// means 12.34), for figures amortised over a loop. The loop's own instructions are
  /// included: measure an empty body beside it and report both.
  /// Precondition: `iterations > 0` (checked).
  template <class F>
  std::uint32_t count_per_iteration_x100(std::uint32_t iterations, F f) const {
    COFRAME_ASSERT(iterations > 0, "an average over 0 iterations");
    const std::uint32_t total = count([&] {
      for (std::uint32_t i = 0; i < iterations; ++i) f();
    });
    return static_cast<std::uint32_t>(std::uint64_t{total} * 100 / iterations);
  }

  /// True when QEMU is counting instructions (-icount): repeated calibrations agree.
  [[nodiscard]] bool deterministic() const { return deterministic_; }

  /// The empty boundary, in instructions: what every measurement costs beyond `f`, and what
  /// count() subtracts.
  [[nodiscard]] std::uint32_t boundary() const { return boundary_; }

 private:
  // SysTick counts the core clock: nanoseconds per count, times 1000.
  static constexpr std::uint64_t ns_per_tick_x1000 = 1'000'000'000'000ull / board::cpu_hz;

  std::uint32_t instructions(std::uint32_t ticks) const {
    const std::uint64_t ns_x1000 = std::uint64_t{ticks} * ns_per_tick_x1000;
    const std::uint64_t per_instruction_x1000 = ns_per_instruction_ * 1000;
    return static_cast<std::uint32_t>((ns_x1000 + per_instruction_x1000 / 2) /
                                      per_instruction_x1000);
  }

  // The code under measurement runs in a function of its own, and so do the two SysTick
  // reads around the call: the compiler can neither move instructions of f across the reads
  // nor arrange the call differently at each call site. `noipa` (not just noinline) also
  // stops GCC from noticing that a call does nothing and dropping it. The asm claims to
  // overwrite every callee-saved register and lr, so run() always saves all of them in one
  // push and restores them in one pop, whatever f uses: the boundary costs the same for every
  // f, and the empty measurement subtracts it exactly.
  template <class F>
  COFRAME_MEASURE_BOUNDARY static void run(F& f) {
    f();
    asm volatile(""
                 :
                 :
                 : "r4", "r5", "r6", "r8", "r9", "r10", "r11", "lr", "memory"
#if defined(__ARM_FP)
                   ,
                   "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23", "s24", "s25", "s26",
                   "s27", "s28", "s29", "s30", "s31"
#endif
    );
  }

  // SysTick counts down from max_reload, restarted for each measurement, so reaching 0
  // (COUNTFLAG) means the run was longer than the counter can hold.
  template <class F>
  COFRAME_MEASURE_BOUNDARY static std::uint32_t ticks(F& f) {
    systick::start(systick::max_reload, false);  // also clears COUNTFLAG
    std::uint32_t start = systick::current();
    run(f);
    const std::uint32_t end = systick::current();
    if (systick::wrapped()) {
      panic("instruction_counter: the measured code ran longer than SysTick's 2^24 counts "
            "(655 360 instructions at -icount shift=10); measure fewer iterations");
    }
    // Right after the restart the counter may still read 0: it loads max_reload on the next
    // count, so 0 stands for max_reload + 1.
    if (start == 0) start = systick::max_reload + 1;
    return start - end;
  }

  std::uint64_t ns_per_instruction_ = 1;
  std::uint32_t boundary_ = 0;
  bool deterministic_ = false;
};

}  // namespace coframe
