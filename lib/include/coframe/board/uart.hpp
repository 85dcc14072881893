/// \file
/// The Arm CMSDK APB UART, the serial port of the MPS2 boards.
///
/// Transmit is polled (wait while the TX buffer is full). Receive can be polled or
/// interrupt-driven: enable it with `rx_interrupt`, enable the NVIC line
/// (coframe::board::irq::uart0_rx) and, in the handler, acknowledge with
/// `clear_rx_interrupt()` FIRST, then read with `try_read()` until it is empty. In the other
/// order a byte that arrives between the last read and the acknowledge loses its interrupt and
/// waits in the receiver forever. `uart_receiver` does exactly that, into a buffer Thread
/// mode reads from, and counts every byte lost on the way:
///
/// \code{.cpp}
/// coframe::uart_receiver<64> input{coframe::uart0};
/// extern "C" void UARTRX0_IRQHandler() { input.on_rx_interrupt(); }
/// // Thread mode:
/// while (const auto byte = input.try_get()) handle(*byte);
/// if (input.dropped() + input.overruns() != 0) ...  // bytes were lost
/// \endcode
///
/// The receiver holds one byte. A byte that arrives before the previous one was read is lost,
/// and the UART says so with its overrun flag (RXOR), which `take_rx_overrun()` reads and
/// clears. Under QEMU the workbook's runner connects UART0 to files
/// (`tools/qemu-run --uart-in FILE --uart-out FILE`); QEMU's model of this UART never
/// overruns: it holds input back until the firmware has read the previous byte.
#pragma once

#include <coframe/board/board.hpp>
#include <coframe/board/mmio.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace coframe {

class cmsdk_uart {
 public:
  explicit constexpr cmsdk_uart(std::uintptr_t base) : base_(base) {}

  /// Enables TX and RX. `baud_divisor` is clock / baud rate (QEMU ignores the rate, but
  /// insists on a divisor of at least 16).
  void enable(bool rx_interrupt = false, std::uint32_t baud_divisor = 16) const {
    reg(bauddiv) = baud_divisor;
    reg(ctrl) = tx_enable | rx_enable | (rx_interrupt ? rx_int_enable : 0);
  }

  void write(char c) const {
    while ((reg(state) & tx_full) != 0) {
    }
    reg(data) = static_cast<std::uint8_t>(c);
  }
  void write(std::string_view text) const {
    for (char c : text) write(c);
  }

  /// The next received byte, if one is waiting. Safe in the RX interrupt handler.
  std::optional<std::uint8_t> try_read() const {
    if ((reg(state) & rx_full) == 0) return std::nullopt;
    return static_cast<std::uint8_t>(reg(data));
  }

  /// Acknowledges the RX interrupt (write-one-to-clear).
  void clear_rx_interrupt() const { reg(intstatus) = rx_int; }

  /// True if a received byte was lost since the last call: it arrived while the previous one
  /// was still unread (RX overrun). Clears the flag (write-one-to-clear, that bit alone).
  bool take_rx_overrun() const {
    if ((reg(state) & rx_overrun) == 0) return false;
    reg(state) = rx_overrun;
    return true;
  }

 private:
  static constexpr std::uintptr_t data = 0x00, state = 0x04, ctrl = 0x08, intstatus = 0x0C,
                                  bauddiv = 0x10;
  static constexpr std::uint32_t tx_full = 1u << 0, rx_full = 1u << 1, rx_overrun = 1u << 3;
  static constexpr std::uint32_t tx_enable = 1u << 0, rx_enable = 1u << 1,
                                 rx_int_enable = 1u << 3;
  static constexpr std::uint32_t rx_int = 1u << 1;

  volatile std::uint32_t& reg(std::uintptr_t offset) const { return mmio::reg32(base_ + offset); }

  std::uintptr_t base_;
};

inline constexpr cmsdk_uart uart0{board::uart0_base};

/// Bytes received by a UART's RX interrupt, waiting for Thread mode: a ring buffer with one
/// producer (on_rx_interrupt(), in the handler) and one consumer (try_get(), in Thread mode),
/// so neither needs to mask interrupts. Nothing is lost silently: a byte that finds the
/// buffer full is dropped and counted, and so is every overrun the UART reports.
///
/// Precondition: `Capacity` is a power of two (the indices run freely and wrap).
template <std::size_t Capacity>
class uart_receiver {
  static_assert(Capacity > 0 && (Capacity & (Capacity - 1)) == 0, "Capacity: a power of two");

 public:
  explicit constexpr uart_receiver(const cmsdk_uart& uart) : uart_(uart) {}
  uart_receiver(const uart_receiver&) = delete;
  uart_receiver& operator=(const uart_receiver&) = delete;

  /// Call from the UART's RX interrupt handler (only there): acknowledges the interrupt,
  /// then moves every waiting byte into the buffer.
  void on_rx_interrupt() {
    uart_.clear_rx_interrupt();  // first: a byte arriving while we drain raises it again
    if (uart_.take_rx_overrun()) count(overruns_);
    while (const auto byte = uart_.try_read()) {
      const std::uint32_t head = head_.load(std::memory_order_relaxed);
      if (head - tail_.load(std::memory_order_acquire) == Capacity) {
        count(dropped_);
        continue;
      }
      buffer_[head % Capacity] = *byte;
      head_.store(head + 1, std::memory_order_release);  // publishes the byte stored above
    }
  }

  /// The oldest received byte, if any. Thread mode only (one consumer).
  std::optional<std::uint8_t> try_get() {
    const std::uint32_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_.load(std::memory_order_acquire)) return std::nullopt;
    const std::uint8_t byte = buffer_[tail % Capacity];
    tail_.store(tail + 1, std::memory_order_release);  // the slot may be reused from here
    return byte;
  }

  /// Bytes lost because the buffer was full when they arrived.
  [[nodiscard]] std::uint32_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

  /// Overruns the UART reported: each time, at least one byte arrived while the previous one
  /// was unread and was lost (the handler ran too late).
  [[nodiscard]] std::uint32_t overruns() const {
    return overruns_.load(std::memory_order_relaxed);
  }

 private:
  // Only the handler writes the counters, so a load and a store suffice (no read-modify-write,
  // which armv6-m cannot do atomically).
  static void count(std::atomic<std::uint32_t>& counter) {
    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }

  const cmsdk_uart& uart_;
  std::uint8_t buffer_[Capacity] = {};
  std::atomic<std::uint32_t> head_{0};  // written by the handler: bytes put in so far
  std::atomic<std::uint32_t> tail_{0};  // written by Thread mode: bytes taken out so far
  std::atomic<std::uint32_t> dropped_{0};
  std::atomic<std::uint32_t> overruns_{0};
};

}  // namespace coframe
