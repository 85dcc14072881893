/// \file
/// The processor's mode and its interrupt mask.
///
/// A Cortex-M runs in Thread mode (ordinary code, IPSR = 0) or in Handler mode (an exception
/// or interrupt handler, IPSR = its exception number). Later labs rely on the difference: the
/// thread-mode allocator hands out its handle only in Thread mode.
#pragma once

#include <cstdint>

namespace coframe::cpu {

/// Exception numbers as IPSR reports them. External interrupt n is `irq0 + n`.
enum exception : std::uint32_t {
  thread_mode = 0,
  reset = 1,
  nmi = 2,
  hard_fault = 3,
  mem_manage = 4,
  bus_fault = 5,
  usage_fault = 6,
  svcall = 11,
  debug_monitor = 12,
  pendsv = 14,
  systick = 15,
  irq0 = 16,
};

/// The active exception number: 0 in Thread mode.
inline std::uint32_t ipsr() {
  std::uint32_t value;
  asm volatile("mrs %0, ipsr" : "=r"(value));
  return value & 0x1ff;
}

inline bool in_thread_mode() { return ipsr() == thread_mode; }
inline bool in_handler_mode() { return ipsr() != thread_mode; }

/// Sleeps until an interrupt is pending. With PRIMASK set the core still wakes (the interrupt
/// stays pending until PRIMASK is cleared), which is what makes the check-then-sleep race free:
///   { critical_section cs; if (!work_ready()) wait_for_interrupt(); }
inline void wait_for_interrupt() { asm volatile("wfi" ::: "memory"); }

inline void enable_interrupts() { asm volatile("cpsie i" ::: "memory"); }
inline void disable_interrupts() { asm volatile("cpsid i" ::: "memory"); }

// [critical-section]
/// Masks interrupts (PRIMASK) for its lifetime and restores the previous mask afterwards, so
/// critical sections nest. Keep them short: every interrupt waits while one is open.
class critical_section {
 public:
  critical_section() {
    asm volatile("mrs %0, primask" : "=r"(saved_));
    disable_interrupts();
  }
  ~critical_section() { asm volatile("msr primask, %0" : : "r"(saved_) : "memory"); }
  critical_section(const critical_section&) = delete;
  critical_section& operator=(const critical_section&) = delete;

 private:
  std::uint32_t saved_;
};
// [critical-section]

}  // namespace coframe::cpu
