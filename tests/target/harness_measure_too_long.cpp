// Harness check: a measurement longer than SysTick's 24 bits (700 001 instructions at
// -icount shift=10, where the limit is 655 360) is refused with a panic, not wrapped into a
// wrong figure. tests/meson.build runs this under -icount and expects status 134.
#include <coframe/board/console.hpp>
#include <coframe/testing/measure.hpp>

int main() {
  const coframe::instruction_counter counter;
  const std::uint32_t n = counter.count([] {
    asm volatile(
        "movw r0, #700\n"
        "1: .rept 998\n nop\n .endr\n"
        "subs r0, r0, #1\n"
        "bne 1b"
        :
        :
        : "r0", "cc");
  });
  coframe::println("measured ", n, " instructions: the limit was not enforced");
  return 0;
}
