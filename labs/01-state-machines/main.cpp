// Lab 01 — state machines: resumable code written by hand, before the compiler does it for you.
//
// Run it:   ./workbook run 01
// Chapter:  book/01-state-machines.md ("Lab 01: state machines" in the book)
//
// Four machines, each in a portable header of this folder (the host tests run them under the
// sanitizers, and lab 02 measures its coroutines against them):
//   protothread.hpp    a switch on a saved resume point, and the local that does not survive
//   line_reader.hpp    an ordinary function transformed by hand into a state struct
//   frame_parser.hpp   a machine resumed with an argument: one byte at a time, from an interrupt
//   machine_range.hpp  range-for over any machine that produces values
#include "frame_parser.hpp"
#include "line_reader.hpp"
#include "machine_range.hpp"
#include "probe.hpp"
#include "protothread.hpp"

#include <coframe/board/board.hpp>
#include <coframe/board/console.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/nvic.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using coframe::println;

namespace {

// Text with its control bytes shown as escapes (\n, \r, \x04), for printing what a wire carries.
struct escaped {
  std::string_view text;
};
template <class Sink>
void write_value(Sink& sink, escaped e) {
  for (char c : e.text) {
    const auto b = static_cast<std::uint8_t>(c);
    if (c == '\n') {
      sink.put("\\n");
    } else if (c == '\r') {
      sink.put("\\r");
    } else if (b < 0x20 || b > 0x7e) {
      const char digits[] = {'\\', 'x', "0123456789abcdef"[b >> 4], "0123456789abcdef"[b & 0xf]};
      sink.put({digits, sizeof digits});
    } else {
      sink.put({&c, 1});
    }
  }
}

void protothreads() {
  println("1. A switch on a saved resume point");
  coframe::print("  fibonacci:          ");
  // [run-fibonacci]
  lab01::fibonacci numbers{10};
  while (const auto n = numbers.next()) coframe::print(" ", *n);
  // [run-fibonacci]
  println();
  coframe::print("  forgetful_fibonacci:");
  lab01::forgetful_fibonacci forgetful{10};
  while (const auto n = forgetful.next()) coframe::print(" ", *n);
  println("   <- a and b were locals");
}

void hand_transform() {
  println("2. The hand transform: read_lines() as a state struct");
  println("  sizeof(naive_line_reader) = ", sizeof(lab01::naive_line_reader),
          " bytes (every local a member)");
  println("  sizeof(line_reader)       = ", sizeof(lab01::line_reader),
          " bytes (a union of the variables of each state)");

  // [drive-line-reader]
  // Bytes arrive a few at a time, and the transmitter makes room for 4 more bytes per resume:
  // the machine returns wherever the function would have waited, and carries on from there at
  // the next resume.
  constexpr std::string_view arrivals[] = {"hel", "lo\nwo", "rld!\n", "\n"};
  lab01::probe_log log;
  lab01::serial_port port;
  {
    lab01::line_reader reader{log};
    std::size_t seen = 0;  // how much of the probe log is printed already
    for (unsigned resume = 1; resume <= 8; ++resume) {
      const std::string_view input = resume <= 4 ? arrivals[resume - 1] : "";
      port.receive(input);
      port.allow_transmit(4);
      const bool finished = reader.resume(port);
      std::string_view born_or_died = log.events().substr(seen);
      if (!born_or_died.empty() && born_or_died[0] == ' ') born_or_died.remove_prefix(1);
      println("  resume ", resume, " after \"", escaped{input}, "\": stopped in ", reader.where(),
              "  [", born_or_died, "]");
      seen = log.events().size();
      if (finished) break;
    }
  }
  println("  delivered \"", escaped{port.delivered()}, "\", sent \"", escaped{port.transmitted()},
          "\"");
  // [drive-line-reader]

  // [drop-early]
  log.clear();
  {
    lab01::serial_port busy;  // a transmitter that never frees up
    busy.receive("stuck\n");
    lab01::line_reader reader{log};
    reader.resume(busy);
    println("  dropped while ", reader.where(), ":");
  }  // ~line_reader runs here, in the middle of the function
  println("    line_reader       ", log.events(), "   (", log.alive(), " alive)");
  // [drop-early]
  log.clear();
  {
    lab01::serial_port busy;
    busy.receive("stuck\n");
    lab01::naive_line_reader reader{log};
    reader.resume(busy);
  }
  println("    naive_line_reader ", log.events(), "   (objects live as long as the machine)");
}

// [interrupt-fed]
// The frame parser belongs to the UART receive interrupt: the handler resumes it with each
// byte and keeps what it answered. Thread mode reads the results only once `stream_over` is
// set, and nothing in the handler allocates or waits.
struct answer {
  std::uint16_t at;  // index of the byte in the stream
  frame::status what;
  std::uint8_t length;
  char payload[frame::max_payload];
};
lab01::frame_parser parser;
answer answers[16];
volatile std::size_t answer_count;
volatile bool stream_over;

// Under `./workbook run` the UART's input is not connected, so the bytes come from this table:
// the handler takes one byte per interrupt and makes its own interrupt pending again while bytes
// remain, as a receiver would raise it once per byte. (The lab01/uart test feeds the real UART.)
constexpr std::string_view wire = "$hi*01\n$GPS,12.5*71\nxx$ok*04\n$abc$A*41\n\x04!";
std::size_t next_byte;

void keep(std::size_t at, frame::status what) {
  if (what == frame::status::need_more || answer_count == std::size(answers)) return;
  answer& a = answers[answer_count];
  a.at = static_cast<std::uint16_t>(at);
  a.what = what;
  const std::string_view payload = what == frame::status::frame_ready ? parser.payload() : "";
  a.length = static_cast<std::uint8_t>(payload.size());
  for (std::size_t i = 0; i < payload.size(); ++i) a.payload[i] = payload[i];
  answer_count = answer_count + 1;
}

}  // namespace

extern "C" void UARTRX0_IRQHandler() {
  const std::size_t at = next_byte++;
  keep(at, parser.feed(static_cast<std::uint8_t>(wire[at])));
  if (next_byte < wire.size()) {
    coframe::nvic::set_pending(coframe::board::irq::uart0_rx);
  } else {
    stream_over = true;
  }
}
// [interrupt-fed]

namespace {

void resume_arguments() {
  println("3. Resume arguments: the frame parser, fed by the UART receive interrupt");
  println("  wire: \"", escaped{wire}, "\"");
  // [wait-for-stream]
  coframe::nvic::enable(coframe::board::irq::uart0_rx);
  coframe::nvic::set_pending(coframe::board::irq::uart0_rx);  // the first byte "arrives"
  for (;;) {
    coframe::cpu::critical_section masked;  // no lost wake-up: see lab 00
    if (stream_over) break;
    coframe::cpu::wait_for_interrupt();
  }
  coframe::nvic::disable(coframe::board::irq::uart0_rx);
  // [wait-for-stream]
  for (std::size_t i = 0; i < answer_count; ++i) {
    const answer& a = answers[i];
    println("  byte ", coframe::padded{a.at, 2}, " '", escaped{wire.substr(a.at, 1)}, "' -> ",
            frame::name(a.what), a.what == frame::status::frame_ready ? " \"" : "",
            std::string_view{a.payload, a.length}, a.what == frame::status::frame_ready ? "\"" : "");
  }
}

void range_for() {
  println("4. Range-for over a machine");
  coframe::print(" ");
  // [range-for]
  lab01::fibonacci numbers{12};
  for (std::uint32_t n : lab01::machine_range{numbers}) coframe::print(" ", n);
  // [range-for]
  println();
}

}  // namespace

int main() {
  println("coframe lab 01: state machines");
  protothreads();
  hand_transform();
  resume_arguments();
  range_for();
  return 0;
}
