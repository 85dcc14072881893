// Target tests of coframe/board/uart.hpp: interrupt-driven receive into a uart_receiver, polled
// transmit on UART0, and the counting of lost bytes. tests/meson.build feeds
// tests/target/data/uart-input.txt (12 bytes) to UART0's receiver, and builds this file twice:
//   CAPACITY=16  every byte fits: all arrive, intact and in order, nothing lost;
//   CAPACITY=8   Thread mode reads nothing until every byte has been accounted for: the first
//                8 are kept, the other 4 are dropped, and counted.
#include <coframe/board/board.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/format.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/board/uart.hpp>
#include <coframe/testing/tap.hpp>

#include <cstdint>
#include <string_view>

namespace {
constexpr std::string_view input = "hello, uart\n";
coframe::uart_receiver<CAPACITY> receiver{coframe::uart0};
volatile unsigned interrupts;
volatile unsigned ticks;

// A UART made of RAM, to test what QEMU's model never does: overrun. Its STATE register says
// "overrun" and nothing else (no byte waiting).
struct fake_uart_registers {
  std::uint32_t data, state, ctrl, intstatus, bauddiv;
};
fake_uart_registers fake_registers;
}  // namespace

// A deadline: without it a missing input file would leave the test asleep in wfi forever.
extern "C" void SysTick_Handler() { ticks = ticks + 1; }

extern "C" void UARTRX0_IRQHandler() {
  interrupts = interrupts + 1;
  receiver.on_rx_interrupt();
}

// Sleeps until `done()` holds or 0.5 s have passed. Race-free (see lab 00): the check runs
// with interrupts masked, and wfi still wakes on a pending one.
template <class Done>
bool wait_until(Done done) {
  for (;;) {
    coframe::cpu::critical_section masked;
    if (done()) return true;
    if (ticks >= 500) return false;
    coframe::cpu::wait_for_interrupt();
  }
}

int main() {
  using namespace coframe;
  uart0.enable(true);
  nvic::enable(board::irq::uart0_rx);
  systick::start(board::cpu_hz / 1000 - 1, true);  // 1 ms ticks

  coframe::text_buffer<32> got;
  auto take_all = [&] {
    while (const auto byte = receiver.try_get()) coframe::write_to(got, static_cast<char>(*byte));
  };
  if (CAPACITY >= input.size()) {
    // Thread mode reads the bytes as they arrive.
    const bool arrived = wait_until([&] {
      take_all();
      return got.view().size() >= input.size();
    });
    tap::ok(arrived, "every byte of the input file arrived within 0.5 s");
    tap::ok(got.view() == input, "in order and intact");
    tap::equal(receiver.dropped(), 0u, "none dropped");
  } else {
    // Thread mode reads nothing until the bytes that did not fit have been dropped.
    const bool dropped = wait_until([] { return receiver.dropped() >= input.size() - CAPACITY; });
    tap::ok(dropped, "the bytes that did not fit were dropped within 0.5 s");
    take_all();
    tap::ok(got.view() == input.substr(0, CAPACITY), "a full buffer keeps the first bytes, in order");
    tap::equal(receiver.dropped(), std::uint32_t{input.size() - CAPACITY},
               "and counts each byte it dropped");
  }
  systick::stop();
  nvic::disable(board::irq::uart0_rx);
  tap::ok(interrupts >= 1, "through the RX interrupt");
  tap::equal(receiver.overruns(), 0u, "no overrun (QEMU's UART holds input back instead)");

  // The overrun flag: counted once, and cleared by writing that bit alone (write-one-to-clear).
  fake_registers.state = 1u << 3 | 1u << 0;  // RX overrun, and TX full (must not be written)
  const cmsdk_uart fake{reinterpret_cast<std::uintptr_t>(&fake_registers)};
  uart_receiver<4> fake_receiver{fake};
  fake_receiver.on_rx_interrupt();
  tap::equal(fake_receiver.overruns(), 1u, "an overrun flag is counted");
  tap::equal(fake_registers.state, 1u << 3, "and cleared by writing its bit alone");
  tap::equal(fake_registers.intstatus, 1u << 1, "the RX interrupt is acknowledged");

  uart0.write("transmitted\n");  // the runner prints it under "--- uart0 ---"
  tap::done();
}
