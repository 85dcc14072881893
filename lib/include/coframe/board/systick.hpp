/// \file
/// SysTick, the 24-bit down-counter every Cortex-M has.
///
/// It counts the processor clock (25 MHz on the MPS2 boards) from `reload` down to 0, then
/// reloads; with the interrupt enabled, SysTick_Handler runs at every wrap, i.e. every
/// reload + 1 clocks. Under `qemu -icount shift=N` it counts instructions exactly (see the
/// book's chapter on measuring).
#pragma once

#include <coframe/board/mmio.hpp>

#include <cstdint>

namespace coframe::systick {

namespace internal {
inline constexpr std::uintptr_t csr = 0xE000'E010;  // control and status
inline constexpr std::uintptr_t rvr = 0xE000'E014;  // reload value
inline constexpr std::uintptr_t cvr = 0xE000'E018;  // current value
inline constexpr std::uint32_t enable = 1u << 0, tickint = 1u << 1, clksource = 1u << 2,
                               countflag = 1u << 16;
}  // namespace internal

inline constexpr std::uint32_t max_reload = 0x00FF'FFFF;

/// Starts counting from `reload` (at most max_reload) on the processor clock. With
/// `interrupt`, SysTick_Handler runs every reload + 1 clocks.
inline void start(std::uint32_t reload, bool interrupt) {
  using namespace internal;
  mmio::reg32(csr) = 0;
  mmio::reg32(rvr) = reload & max_reload;
  mmio::reg32(cvr) = 0;  // any write clears the counter and COUNTFLAG
  mmio::reg32(csr) = clksource | enable | (interrupt ? tickint : 0);
}

inline void stop() { mmio::reg32(internal::csr) = 0; }

/// The counter's current value (counts down).
inline std::uint32_t current() { return mmio::reg32(internal::cvr) & max_reload; }

/// True if the counter reached 0 since the last call (reading clears the flag).
inline bool wrapped() { return (mmio::reg32(internal::csr) & internal::countflag) != 0; }

}  // namespace coframe::systick
