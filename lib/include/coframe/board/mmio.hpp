/// \file
/// Memory-mapped registers. One helper, so every register access in the library
/// reads the same way and is visibly `volatile`.
#pragma once

#include <cstdint>

namespace coframe::mmio {

/// The 32-bit register at `address`.
inline volatile std::uint32_t& reg32(std::uintptr_t address) {
  return *reinterpret_cast<volatile std::uint32_t*>(address);
}

/// The 8-bit register at `address` (NVIC priority bytes are byte-addressable).
inline volatile std::uint8_t& reg8(std::uintptr_t address) {
  return *reinterpret_cast<volatile std::uint8_t*>(address);
}

}  // namespace coframe::mmio
