// Harness check: a recursion deeper than the stack. The MPU guard below the stack stops the
// first write into it: a MemManage fault, reported as a stack overflow, status 139, at once
// (before the fix the stack grew through the heap and .bss, and the run exited 0).
// Built twice (tests/meson.build):
//   COFRAME_NO_MPU=0  the MPU guard, as the reset handler arms it;
//   COFRAME_NO_MPU=1  the MPU turned off first, as on a core without one: the canary in the
//                     guard is found damaged when main returns. The recursion stops 64 bytes
//                     past the stack's bottom, inside the 256-byte guard, so the heap and
//                     .bss below it are not damaged and the run can report it.
//   COFRAME_THEN_FAULT=1 (with COFRAME_NO_MPU=1) a fault after the overflow: the fault
//                     handler finds the damaged canary too.
#include <coframe/board/console.hpp>
#include <coframe/board/mmio.hpp>
#include <coframe/board/stack.hpp>

#include <cstdint>

#ifndef COFRAME_THEN_FAULT
#define COFRAME_THEN_FAULT 0
#endif

namespace {

// `above` keeps each frame alive across the call below it, so the compiler can neither drop
// the recursion nor turn it into a loop.
[[gnu::noinline]] std::uint32_t recurse(std::uint32_t depth, volatile std::uint32_t* above,
                                        std::size_t stop_at) {
  volatile std::uint32_t here = depth;
  if (coframe::stack::in_use() >= stop_at) return *above;
  return recurse(depth + 1, &here, stop_at) + here;
}

}  // namespace

int main() {
  volatile std::uint32_t first = 0;
  if (COFRAME_NO_MPU) {
    coframe::mmio::reg32(0xE000'ED94) = 0;  // MPU_CTRL: off
    asm volatile("dsb\n isb" ::: "memory");
    coframe::println("guard: ", coframe::stack::guard() == coframe::stack::guard_kind::canary
                                    ? "canary" : "MPU");
    coframe::println("depth ", recurse(0, &first, coframe::stack::size() + 64));
    if (COFRAME_THEN_FAULT) {
      coframe::println("read ", *reinterpret_cast<volatile std::uint32_t*>(0xF000'0000));
    }
  } else {
    coframe::println("guard: ", coframe::stack::guard() == coframe::stack::guard_kind::mpu
                                    ? "MPU" : "canary");
    coframe::println("depth ", recurse(0, &first, 1'000'000));
  }
  return 0;
}
