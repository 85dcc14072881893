// Target tests of coframe/testing/measure.hpp: under -icount, known instruction sequences must count
// exactly. (tests/meson.build runs this with COFRAME_ICOUNT=10.)
#include <coframe/testing/measure.hpp>
#include <coframe/testing/tap.hpp>

int main() {
  using coframe::tap::equal;
  const coframe::instruction_counter counter;
  coframe::tap::ok(counter.deterministic(), "QEMU runs with -icount: calibration repeats exactly");
  equal(counter.count([] {}), 0u, "an empty measurement counts 0");
  equal(counter.count([] { asm volatile("nop"); }), 1u, "one nop counts 1");
  equal(counter.count([] { asm volatile(".rept 100\n nop\n .endr"); }), 100u, "100 nops count 100");
  equal(counter.count([] { asm volatile(".rept 1000\n nop\n .endr"); }), 1000u, "1000 nops count 1000");
  equal(counter.count([] { asm volatile(".rept 50\n add r0, r0, #1\n .endr" ::: "r0"); }), 50u,
        "50 adds count 50");
  // A loop's own instructions depend on how GCC unrolls it, so only bound them.
  const auto per_iteration =
      counter.count_per_iteration_x100(100, [] { asm volatile(".rept 7\n nop\n .endr"); });
  coframe::tap::ok(per_iteration >= 700 && per_iteration <= 1300,
                   "amortised: 7 nops plus a few loop instructions per iteration");
  coframe::tap::diag("7 nops in a loop: ", per_iteration / 100, ".", per_iteration % 100,
                     " instructions per iteration");
  coframe::tap::done();
}
