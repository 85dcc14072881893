// Target tests of coframe/testing/measure.hpp: under -icount, known instruction sequences must count
// exactly. (tests/meson.build runs this with COFRAME_ICOUNT=10.)
#include <coframe/testing/measure.hpp>
#include <coframe/testing/tap.hpp>

#include <cstdint>

namespace {
volatile std::uint32_t runtime_input = 1000;  // a value the compiler cannot see
}

int main() {
  using coframe::tap::equal;
  const coframe::instruction_counter counter;
  coframe::tap::ok(counter.deterministic(), "QEMU runs with -icount: calibration repeats exactly");
  coframe::tap::diag("the empty boundary (subtracted from every figure): ", counter.boundary(),
                     " instructions");
  equal(counter.count([] {}), 0u, "an empty measurement counts 0");
  equal(counter.count([] { asm volatile("nop"); }), 1u, "one nop counts 1");
  // A body that needs a callee-saved register must not pay for saving it: the boundary saves
  // every one of them, whatever the body uses.
  equal(counter.count([] { asm volatile("nop" ::: "r4"); }), 1u, "one nop clobbering r4 counts 1");
  equal(counter.count([] { asm volatile("nop" ::: "r4", "r5", "r6", "r8", "r9", "r10", "r11"); }), 1u,
        "one nop clobbering r4-r6 and r8-r11 counts 1");
#if defined(__ARM_FP)
  equal(counter.count([] { asm volatile("nop" ::: "s16", "s31"); }), 1u,
        "one nop clobbering s16 and s31 (callee-saved FPU registers) counts 1");
#endif
  equal(counter.count([] { asm volatile(".rept 100\n nop\n .endr"); }), 100u, "100 nops count 100");
  equal(counter.count([] { asm volatile(".rept 1000\n nop\n .endr"); }), 1000u, "1000 nops count 1000");
  equal(counter.count([] { asm volatile(".rept 50\n add r0, r0, #1\n .endr" ::: "r0"); }), 50u,
        "50 adds count 50");

  // The longest run a measurement takes: 2^24 SysTick counts, 655 360 instructions at shift 10.
  // 650 iterations of 998 nops, subs and bne, after one movw: 650 001 instructions.
  equal(counter.count([] {
          asm volatile(
              "movw r0, #650\n"
              "1: .rept 998\n nop\n .endr\n"
              "subs r0, r0, #1\n"
              "bne 1b"
              :
              :
              : "r0", "cc");
        }),
        650'001u, "650 001 instructions, just below the limit, count exactly");

  // A result nobody reads is deleted by the optimiser, with the work that made it, and
  // measures 0; do_not_optimize keeps it, at no cost of its own beyond a register to hold it.
  const std::uint32_t x = runtime_input;
  equal(counter.count([x] { coframe::do_not_optimize(x); }), 1u,
        "do_not_optimize(x) costs only the load of x");
  equal(counter.count([x] { coframe::do_not_optimize(x * x); }), 2u,
        "do_not_optimize(x * x): the load and the multiply");
  const std::uint32_t kept = counter.count([x] {
    std::uint32_t h = 2463534242u;
    for (std::uint32_t i = 0; i < x; ++i) h ^= h << 13, h ^= h >> 17, h ^= h << 5;
    coframe::do_not_optimize(h);
  });
  // Each step is at least three exclusive-ors (each with a shifted operand).
  coframe::tap::ok(kept >= 3 * x, "a loop whose result is kept is measured: 3 or more per step");
  coframe::tap::diag("1000 xorshift steps, kept: ", kept, " instructions");

  // A loop's own instructions depend on how GCC unrolls it, so only bound them.
  const auto per_iteration =
      counter.count_per_iteration_x100(100, [] { asm volatile(".rept 7\n nop\n .endr"); });
  coframe::tap::ok(per_iteration >= 700 && per_iteration <= 1300,
                   "amortised: 7 nops plus a few loop instructions per iteration");
  coframe::tap::diag("7 nops in a loop: ", coframe::hundredths{per_iteration},
                     " instructions per iteration");
  coframe::tap::done();
}
