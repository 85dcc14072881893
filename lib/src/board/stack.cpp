// coframe — stack high-water mark and guard (see coframe/board/stack.hpp).
#include <coframe/board/mmio.hpp>
#include <coframe/board/stack.hpp>

#include <cstdint>

// From the linker script: the guard lies in [__stack_guard_start, __stack_bottom), the stack
// in [__stack_bottom, __stack_top).
extern "C" std::uint32_t __stack_top[], __stack_bottom[], __stack_guard_start[];

namespace coframe::stack {
namespace {
// The pattern unused stack is painted with; a word that no longer holds it has been used.
constexpr std::uint32_t paint = 0xC0FF'C0FF;
// The pattern the guard holds; a different one, so a stack painted into the guard by mistake
// would still show.
constexpr std::uint32_t canary = 0x57AC'0DED;

// The ARMv7-M memory protection unit (PMSAv7) and the System Handler Control and State register.
namespace mpu {
constexpr std::uintptr_t type = 0xE000'ED90;  // DREGION (bits 15:8): how many regions, 0 = none
constexpr std::uintptr_t ctrl = 0xE000'ED94;
constexpr std::uintptr_t rnr = 0xE000'ED98;   // selects the region rbar and rasr refer to
constexpr std::uintptr_t rbar = 0xE000'ED9C;
constexpr std::uintptr_t rasr = 0xE000'EDA0;
constexpr std::uint32_t ctrl_enable = 1u << 0;
constexpr std::uint32_t ctrl_privdefena = 1u << 2;  // privileged code keeps the default map
constexpr std::uint32_t rasr_enable = 1u << 0;
constexpr std::uint32_t rasr_xn = 1u << 28;  // no instruction fetch; AP (26:24) = 0: no access
}  // namespace mpu
constexpr std::uintptr_t shcsr = 0xE000'ED24;
constexpr std::uint32_t memfaultena = 1u << 16;

unsigned mpu_regions() { return (mmio::reg32(mpu::type) >> 8) & 0xFF; }

// The guard takes the highest-numbered region: where regions overlap the highest wins, so a
// region of your own over all of RAM does not open the guard.
unsigned guard_region() { return mpu_regions() - 1; }

// log2 of the guard's size, for RASR's SIZE field (a region is 2^(SIZE+1) bytes).
unsigned size_log2(std::size_t bytes) {
  unsigned n = 0;
  while ((std::size_t{1} << n) < bytes) ++n;
  return n;
}

bool canary_intact() {
  for (const std::uint32_t* p = __stack_guard_start; p < __stack_bottom; ++p) {
    if (*p != canary) return false;
  }
  return true;
}

}  // namespace

std::size_t size() {
  return static_cast<std::size_t>(__stack_top - __stack_bottom) * sizeof(std::uint32_t);
}

std::size_t high_water_mark() {
  const std::uint32_t* p = __stack_bottom;
  while (p < __stack_top && *p == paint) ++p;
  return static_cast<std::size_t>(__stack_top - p) * sizeof(std::uint32_t);
}

std::size_t in_use() {
  const auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  return reinterpret_cast<std::uintptr_t>(__stack_top) - here;
}

void reset_high_water_mark() {
  // Repaint below our own frame, with a margin for the callee-saved registers and locals.
  auto* limit = static_cast<std::uint32_t*>(__builtin_frame_address(0)) - 16;
  for (std::uint32_t* p = __stack_bottom; p < limit; ++p) *p = paint;
}

std::size_t guard_size() {
  return static_cast<std::size_t>(__stack_bottom - __stack_guard_start) * sizeof(std::uint32_t);
}

guard_kind guard() {
  if (mpu_regions() == 0 || (mmio::reg32(mpu::ctrl) & mpu::ctrl_enable) == 0) {
    return guard_kind::canary;
  }
  mmio::reg32(mpu::rnr) = guard_region();
  const bool ours =
      (mmio::reg32(mpu::rbar) & ~std::uint32_t{0x1F}) ==
          reinterpret_cast<std::uintptr_t>(__stack_guard_start) &&
      (mmio::reg32(mpu::rasr) & mpu::rasr_enable) != 0;
  return ours ? guard_kind::mpu : guard_kind::canary;
}

// With the MPU guard in force the canary cannot be read (the region forbids it) and cannot
// have been damaged (a write faults first).
bool overflowed() { return guard() == guard_kind::canary && !canary_intact(); }

namespace internal {
void arm_guard() {
  for (std::uint32_t* p = __stack_guard_start; p < __stack_bottom; ++p) *p = canary;
  if (mpu_regions() == 0) return;
  // The region must be a power of two of at least 32 bytes, aligned to its size; the linker
  // script makes sure of both.
  mmio::reg32(mpu::rnr) = guard_region();
  mmio::reg32(mpu::rbar) = reinterpret_cast<std::uintptr_t>(__stack_guard_start);
  mmio::reg32(mpu::rasr) = mpu::rasr_xn | (size_log2(guard_size()) - 1) << 1 | mpu::rasr_enable;
  mmio::reg32(shcsr) = mmio::reg32(shcsr) | memfaultena;  // report it as MemManage, by name
  mmio::reg32(mpu::ctrl) = mpu::ctrl_privdefena | mpu::ctrl_enable;
  asm volatile("dsb\n isb" ::: "memory");
}
}  // namespace internal

}  // namespace coframe::stack
