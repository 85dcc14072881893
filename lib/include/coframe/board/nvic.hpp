/// \file
/// The interrupt controller: external interrupt lines (NVIC) and the pendable
/// system exceptions (PendSV, SysTick) in the System Control Block.
#pragma once

#include <coframe/board/mmio.hpp>

#include <cstdint>

namespace coframe::nvic {

namespace internal {
inline constexpr std::uintptr_t iser = 0xE000'E100;  // set-enable
inline constexpr std::uintptr_t icer = 0xE000'E180;  // clear-enable
inline constexpr std::uintptr_t ispr = 0xE000'E200;  // set-pending
inline constexpr std::uintptr_t icpr = 0xE000'E280;  // clear-pending
inline constexpr std::uintptr_t ipr = 0xE000'E400;   // priority bytes
inline constexpr std::uintptr_t icsr = 0xE000'ED04;  // interrupt control and state
inline constexpr std::uintptr_t shpr = 0xE000'ED18;  // system handler priority bytes (from 4)
inline std::uintptr_t word(std::uintptr_t base, unsigned irq) { return base + 4 * (irq / 32); }
inline std::uint32_t bit(unsigned irq) { return 1u << (irq % 32); }
}  // namespace internal

inline void enable(unsigned irq) { mmio::reg32(internal::word(internal::iser, irq)) = internal::bit(irq); }
inline void disable(unsigned irq) {
  mmio::reg32(internal::word(internal::icer, irq)) = internal::bit(irq);
  asm volatile("dsb\n isb" ::: "memory");  // the line is off once this returns
}
inline void set_pending(unsigned irq) { mmio::reg32(internal::word(internal::ispr, irq)) = internal::bit(irq); }
inline void clear_pending(unsigned irq) { mmio::reg32(internal::word(internal::icpr, irq)) = internal::bit(irq); }
inline bool is_pending(unsigned irq) {
  return (mmio::reg32(internal::word(internal::ispr, irq)) & internal::bit(irq)) != 0;
}

/// Priority of an external interrupt: 0 is the most urgent. Only the top bits are implemented
/// (3 on the MPS2 boards), so use multiples of 0x20.
inline void set_priority(unsigned irq, std::uint8_t priority) { mmio::reg8(internal::ipr + irq) = priority; }

/// Priority of a system exception (4 = MemManage ... 15 = SysTick), same scale as above.
inline void set_system_priority(unsigned exception, std::uint8_t priority) {
  mmio::reg8(internal::shpr + exception - 4) = priority;
}

/// Makes PendSV pending: it runs as soon as no higher-priority exception is active.
inline void pend_pendsv() { mmio::reg32(internal::icsr) = 1u << 28; }

}  // namespace coframe::nvic
