/// \file
/// SysTick, the 24-bit down-counter every Cortex-M has.
///
/// It counts the processor clock (25 MHz on the MPS2 boards) from a reload value down to 0,
/// then reloads; with the interrupt enabled, SysTick_Handler runs at every wrap, i.e. every
/// reload + 1 clocks. Under `qemu -icount shift=N` it counts instructions exactly (see
/// coframe/testing/measure.hpp).
///
/// \code{.cpp}
/// coframe::systick::start(coframe::board::cpu_hz / 1000 - 1, true);  // a tick every 1 ms
/// coframe::systick::start(coframe::board::cpu_hz - 1, true);         // does not compile: > 24 bits
/// coframe::systick::start(coframe::systick::reload::checked(n), true);  // n known at run time
/// \endcode
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/board/mmio.hpp>

#include <cstdint>

namespace coframe::systick {

namespace internal {
inline constexpr std::uintptr_t csr = 0xE000'E010;   // control and status
inline constexpr std::uintptr_t rvr = 0xE000'E014;   // reload value
inline constexpr std::uintptr_t cvr = 0xE000'E018;   // current value
inline constexpr std::uintptr_t icsr = 0xE000'ED04;  // SCB interrupt control and state
inline constexpr std::uint32_t enable = 1u << 0, tickint = 1u << 1, clksource = 1u << 2,
                               countflag = 1u << 16;
inline constexpr std::uint32_t pendstclr = 1u << 25, pendstset = 1u << 26;

// Deliberately not constexpr: reload's constructor calls it only for a value that does not
// fit, which makes the compiler reject the program and name this function in its error.
void reload_does_not_fit_in_24_bits();

// Stops the counter and its interrupt, and clears a tick already pending, so that
// SysTick_Handler cannot run once more for a period that has ended.
inline void disable_and_clear_pending() {
  mmio::reg32(csr) = 0;
  mmio::reg32(icsr) = pendstclr;
  asm volatile("dsb\n isb" ::: "memory");  // the pending state is clear once this returns
}
}  // namespace internal

/// The largest reload value: the counter has 24 bits.
inline constexpr std::uint32_t max_reload = 0x00FF'FFFF;

/// A reload value that fits the counter. A larger value cannot be programmed: the hardware
/// would keep its low 24 bits, and a 1 s period at 25 MHz would silently become 0.33 s.
///
/// A constant converts implicitly and is checked when the program is compiled: a constant
/// above max_reload does not compile (the error names `reload_does_not_fit_in_24_bits`).
/// A value known only at run time must go through checked().
class reload {
 public:
  /// Precondition (checked at compile time): `value <= max_reload`.
  consteval reload(std::uint32_t value) : value_(value) {
    if (value > max_reload) internal::reload_does_not_fit_in_24_bits();
  }

  /// A reload computed at run time. A value above max_reload is a bug in the caller: it fails
  /// COFRAME_ASSERT, which prints the message and ends the run with status 134.
  static reload checked(std::uint32_t value) {
    COFRAME_ASSERT(value <= max_reload, "SysTick reload does not fit in 24 bits");
    return reload(value, checked_tag{});
  }

  constexpr std::uint32_t value() const { return value_; }

 private:
  struct checked_tag {};
  constexpr reload(std::uint32_t value, checked_tag) : value_(value) {}
  std::uint32_t value_;
};

/// Starts counting down from `period` on the processor clock. With `interrupt`,
/// SysTick_Handler runs every period.value() + 1 clocks, the first time after a full period:
/// a tick left pending by an earlier period is cleared.
inline void start(reload period, bool interrupt) {
  using namespace internal;
  disable_and_clear_pending();
  mmio::reg32(rvr) = period.value();
  mmio::reg32(cvr) = 0;  // any write clears the counter and COUNTFLAG
  mmio::reg32(csr) = clksource | enable | (interrupt ? tickint : 0);
}

/// Stops the counter. Once it returns, SysTick_Handler does not run again until the next
/// start(): a tick that was already pending (say, one that wrapped while the handler calling
/// stop() was running) is cleared, not delivered late.
inline void stop() { internal::disable_and_clear_pending(); }

/// True while a SysTick interrupt is pending (ICSR.PENDSTSET): the counter wrapped and the
/// handler has not run yet, e.g. because interrupts are masked.
inline bool pending() { return (mmio::reg32(internal::icsr) & internal::pendstset) != 0; }

/// The counter's current value (counts down).
inline std::uint32_t current() { return mmio::reg32(internal::cvr) & max_reload; }

/// True if the counter reached 0 since the last call (reading clears the flag).
inline bool wrapped() { return (mmio::reg32(internal::csr) & internal::countflag) != 0; }

}  // namespace coframe::systick
