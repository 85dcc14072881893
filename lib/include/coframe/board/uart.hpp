/// \file
/// The Arm CMSDK APB UART, the serial port of the MPS2 boards.
///
/// Transmit is polled (wait while the TX buffer is full). Receive can be polled or
/// interrupt-driven: enable it with `rx_interrupt`, enable the NVIC line
/// (coframe::board::irq::uart0_rx) and, in the handler, acknowledge with
/// `clear_rx_interrupt()` FIRST, then read with `try_read()` until it is empty. In the other
/// order a byte that arrives between the last read and the acknowledge loses its interrupt and
/// waits in the receiver forever. Under QEMU the workbook's runner connects UART0
/// to files (`tools/qemu-run --uart-in FILE --uart-out FILE`).
#pragma once

#include <coframe/board/board.hpp>
#include <coframe/board/mmio.hpp>

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

 private:
  static constexpr std::uintptr_t data = 0x00, state = 0x04, ctrl = 0x08, intstatus = 0x0C,
                                  bauddiv = 0x10;
  static constexpr std::uint32_t tx_full = 1u << 0, rx_full = 1u << 1;
  static constexpr std::uint32_t tx_enable = 1u << 0, rx_enable = 1u << 1,
                                 rx_int_enable = 1u << 3;
  static constexpr std::uint32_t rx_int = 1u << 1;

  volatile std::uint32_t& reg(std::uintptr_t offset) const { return mmio::reg32(base_ + offset); }

  std::uintptr_t base_;
};

inline constexpr cmsdk_uart uart0{board::uart0_base};

}  // namespace coframe
