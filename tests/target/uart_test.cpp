// Target tests of coframe/board/uart.hpp: interrupt-driven receive and polled transmit on UART0.
// tests/meson.build feeds tests/target/data/uart-input.txt to UART0's receiver.
#include <coframe/board/board.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/testing/tap.hpp>
#include <coframe/board/uart.hpp>

#include <cstdint>
#include <string_view>

namespace {
constexpr std::string_view expected = "hello, uart\n";
char received[32];
volatile std::size_t count;
volatile unsigned interrupts;
volatile unsigned ticks;
}  // namespace

// A deadline: without it a missing input file would leave the test asleep in wfi forever.
extern "C" void SysTick_Handler() { ticks = ticks + 1; }

// Interrupt-safe by construction: only this handler writes `received` and `count`; main
// reads them only after it has seen `count` reach the end.
extern "C" void UARTRX0_IRQHandler() {
  interrupts = interrupts + 1;
  coframe::uart0.clear_rx_interrupt();  // first: a byte arriving while we drain re-raises it
  while (const auto byte = coframe::uart0.try_read()) {
    if (count < sizeof received) {
      received[count] = static_cast<char>(*byte);
      count = count + 1;
    }
  }
}

int main() {
  using namespace coframe;
  uart0.enable(true);
  nvic::enable(board::irq::uart0_rx);

  systick::start(board::cpu_hz / 1000 - 1, true);  // 1 ms ticks

  // Race-free wait (see lab 00): check with interrupts masked, sleep until one is pending.
  for (;;) {
    cpu::critical_section masked;
    if (count >= expected.size() || ticks >= 500) break;
    cpu::wait_for_interrupt();
  }
  systick::stop();
  nvic::disable(board::irq::uart0_rx);

  tap::equal(static_cast<std::size_t>(count), expected.size(), "every byte of the input file arrived");
  tap::ok(std::string_view(received, count) == expected, "in order and intact");
  tap::ok(interrupts >= 1, "through the RX interrupt");
  uart0.write("transmitted\n");  // the runner prints it under "--- uart0 ---"
  tap::done();
}
