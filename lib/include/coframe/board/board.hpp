/// \file
/// Board facts for the MPS2 boards QEMU emulates (mps2-an385 Cortex-M3,
/// mps2-an386 Cortex-M4F). Both share the memory map and interrupt numbers used here.
///
/// Everything board-specific that other headers need is named once in this file, so moving to
/// another Cortex-M part means editing this header and the linker script, nothing else.
#pragma once

#include <cstdint>

namespace coframe::board {

/// Core clock, and the clock SysTick counts when CLKSOURCE selects the processor clock.
inline constexpr std::uint32_t cpu_hz = 25'000'000;

/// CMSDK APB UART0 (the "real device" console; semihosting is the test console).
inline constexpr std::uintptr_t uart0_base = 0x4000'4000;
/// CMSDK APB TIMER0, a 32-bit down-counter on the 25 MHz peripheral clock.
inline constexpr std::uintptr_t timer0_base = 0x4000'0000;

/// External interrupt numbers (NVIC lines), as wired by the MPS2 FPGA images AN385/AN386.
namespace irq {
inline constexpr unsigned uart0_rx = 0;
inline constexpr unsigned uart0_tx = 1;
inline constexpr unsigned uart1_rx = 2;
inline constexpr unsigned uart1_tx = 3;
inline constexpr unsigned timer0 = 8;
inline constexpr unsigned timer1 = 9;
inline constexpr unsigned uart_overflow = 12;
}  // namespace irq

/// How many external interrupt lines the vector table provides.
inline constexpr unsigned irq_count = 32;

}  // namespace coframe::board
