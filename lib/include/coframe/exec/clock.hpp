/// \file
/// `coframe::tick_clock`: the executor's time, a count of SysTick interrupts.
///
/// SysTick interrupts every millisecond; its handler calls `tick_clock::tick()`, which counts
/// and tells the executor that time moved (the executor then fires the timers that are due,
/// in Thread mode: the handler itself does no more than count).
///
/// \code{.cpp}
/// extern "C" void SysTick_Handler() { coframe::tick_clock::tick(); }
/// int main() {
///   coframe::tick_clock::start();                 // SysTick at 1 kHz, now() == 0
///   ...
///   co_await coframe::sleep_for(coframe::milliseconds(20));   // in a task
/// }
/// \endcode
///
/// **Wrap-around.** The count is 32 bits and wraps after 2^32 ms, about 49.7 days: a program
/// that runs longer sees it wrap, so instants compare by the sign of their difference,
/// `int32_t(a - b) < 0`, never by their raw counts. That is right for any two instants less
/// than 2^31 ticks (24.8 days) apart, so a deadline may be at most that far ahead.
/// `tick_clock::start(first)` starts the count anywhere, which is how the tests start it just
/// before the wrap.
///
/// On a host (the tests) there is no SysTick: a test calls `tick()` itself, from a simulated
/// interrupt (`coframe/exec/port.hpp`).
#pragma once

#include <coframe/exec/port.hpp>

#if defined(__arm__)
#include <coframe/board/board.hpp>
#include <coframe/board/systick.hpp>
#endif

#include <chrono>
#include <cstdint>

namespace coframe {

/// A length of time in ticks (milliseconds). Converts from std::chrono literals:
/// `coframe::milliseconds d = 20ms;` (with `using namespace std::chrono_literals`).
using milliseconds = std::chrono::duration<std::uint32_t, std::milli>;

// [instant]
/// A point in tick time. Ordered by the sign of the difference, so the order holds across the
/// counter's wrap for instants less than 2^31 ticks apart.
class instant {
 public:
  constexpr instant() noexcept = default;
  constexpr explicit instant(std::uint32_t ticks) noexcept : ticks_(ticks) {}

  /// The raw count (it wraps).
  [[nodiscard]] constexpr std::uint32_t ticks() const noexcept { return ticks_; }

  friend constexpr instant operator+(instant t, milliseconds d) noexcept {
    return instant{t.ticks_ + d.count()};  // unsigned: wraps, as the counter does
  }
  /// Ticks from `b` to `a`, negative if `a` is earlier.
  friend constexpr std::int32_t operator-(instant a, instant b) noexcept {
    return static_cast<std::int32_t>(a.ticks_ - b.ticks_);
  }
  friend constexpr bool operator==(instant, instant) noexcept = default;
  friend constexpr bool operator<(instant a, instant b) noexcept { return a - b < 0; }
  friend constexpr bool operator<=(instant a, instant b) noexcept { return a - b <= 0; }
  friend constexpr bool operator>(instant a, instant b) noexcept { return b < a; }
  friend constexpr bool operator>=(instant a, instant b) noexcept { return b <= a; }

 private:
  std::uint32_t ticks_ = 0;
};
// [instant]

/// The tick counter. Thread mode reads it; the SysTick handler advances it.
class tick_clock {
 public:
  /// Ticks per second.
  static constexpr std::uint32_t rate = 1000;

  /// The current tick. Any context (a 32-bit read is a single load).
  static instant now() noexcept { return instant{ticks_}; }

  // [tick]
  /// Counts one tick. Call it from the SysTick handler (or, on a host, from a simulated
  /// interrupt), and nowhere else.
  static void tick() noexcept {
    ticks_ = ticks_ + 1;
    ticked_ = true;  // the executor looks at its timers before it runs or sleeps again
  }
  // [tick]

  /// Sets the count to `first` and, on the board, starts SysTick interrupting `rate` times a
  /// second. Thread mode, before the executor needs time.
  static void start(instant first = instant{}) noexcept {
    ticks_ = first.ticks();
    ticked_ = false;
#if defined(__arm__)
    systick::start(board::cpu_hz / rate - 1, true);
#endif
  }

  /// Stops SysTick (on the board): no tick comes any more.
  static void stop() noexcept {
#if defined(__arm__)
    systick::stop();
#endif
  }

  /// For the executor: true once per batch of ticks, read and cleared in one step.
  static bool take_ticked() noexcept {
    if (!ticked_) return false;
    ticked_ = false;  // a tick from now on sets it again, and is seen on the next look
    return true;
  }
  /// For the executor's sleep check (made with interrupts masked): a tick is unprocessed.
  static bool ticked() noexcept { return ticked_; }

 private:
  // Written by the SysTick handler, read by Thread mode in loops: volatile, so each read is a
  // fresh load.
  static inline volatile std::uint32_t ticks_ = 0;
  static inline volatile bool ticked_ = false;
};

}  // namespace coframe
