// Lab 01 — the frame parser fed by the real UART: QEMU delivers tests/uart-frames.bin to UART0's
// receiver (meson.build sets COFRAME_UART_IN), and the receive interrupt resumes the parser
// with each byte, as in the lab firmware, which uses a table instead.
//
// QEMU 7.2 detail: its model of this UART holds one byte and never tells QEMU when the firmware
// has read it, so the next byte comes only when QEMU's main loop wakes up; tools/qemu-run keeps
// it awake while input is queued. A periodic SysTick gives this test its timeout.
#include "../frame_parser.hpp"

#include <coframe/board/board.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/testing/tap.hpp>
#include <coframe/board/uart.hpp>

#include <coframe/board/format.hpp>

#include <cstddef>
#include <string_view>

namespace {

struct answer {
  frame::status what;
  coframe::text_buffer<frame::max_payload> payload;
};

lab01::frame_parser parser;
answer answers[12];
volatile std::size_t answer_count;
volatile std::size_t bytes_received;
volatile std::uint32_t milliseconds;

// What tests/uart-frames.bin must produce, in order.
struct expectation {
  frame::status what;
  std::string_view payload;
};
constexpr expectation expected[] = {
    {frame::status::frame_ready, "hi"},  {frame::status::bad_checksum, ""},
    {frame::status::unexpected_byte, ""}, {frame::status::frame_ready, "ok"},
    {frame::status::line_too_long, ""},   {frame::status::frame_ready, "A"},
    {frame::status::end_of_stream, ""},   {frame::status::after_end, ""},
};
constexpr std::size_t file_size = 75;

}  // namespace

extern "C" void UARTRX0_IRQHandler() {
  coframe::uart0.clear_rx_interrupt();
  while (const auto byte = coframe::uart0.try_read()) {
    bytes_received = bytes_received + 1;
    const frame::status s = parser.feed(*byte);
    if (s == frame::status::need_more || answer_count == std::size(answers)) continue;
    answers[answer_count].what = s;
    if (s == frame::status::frame_ready) answers[answer_count].payload.put(parser.payload());
    answer_count = answer_count + 1;
  }
}

extern "C" void SysTick_Handler() { milliseconds = milliseconds + 1; }

int main() {
  coframe::systick::start(coframe::board::cpu_hz / 1000 - 1, true);
  coframe::uart0.enable(true);
  coframe::nvic::enable(coframe::board::irq::uart0_rx);
  for (;;) {
    coframe::cpu::critical_section masked;
    if (answer_count >= std::size(expected) || milliseconds >= 3000) break;
    coframe::cpu::wait_for_interrupt();
  }
  coframe::nvic::disable(coframe::board::irq::uart0_rx);
  coframe::systick::stop();

  coframe::tap::ok(milliseconds < 3000, "the stream arrived within 3 s");
  coframe::tap::equal(bytes_received, file_size, "every byte of uart-frames.bin was received");
  coframe::tap::equal(answer_count, std::size(expected), "answers");
  for (std::size_t i = 0; i < std::size(expected) && i < answer_count; ++i) {
    coframe::tap::equal(std::string_view{frame::name(answers[i].what)},
                        std::string_view{frame::name(expected[i].what)}, "answer status");
    coframe::tap::equal(answers[i].payload.view(), expected[i].payload, "answer payload");
  }
  coframe::tap::done();
}
