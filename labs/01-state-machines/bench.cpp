// Lab 01 — the benchmark: how big each state struct is, and how many instructions each machine
// spends per step. These are the baselines lab 02's generators are measured against.
//
// Run it:   ./workbook bench     (or tools/qemu-run --icount 10 build/labs/01-state-machines/lab01-bench.elf)
//
// Every figure is "instructions (QEMU icount)", amortised over a loop whose own cost is
// measured too and printed as its own row, so each figure stands beside its baseline. Each
// step's result goes to coframe::do_not_optimize, which keeps the work that made it at no cost
// of its own.
#include "frame_parser.hpp"
#include "line_reader.hpp"
#include "machine_range.hpp"
#include "probe.hpp"
#include "protothread.hpp"

#include <coframe/board/console.hpp>
#include <coframe/testing/measure.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using coframe::do_not_optimize;
using coframe::hundredths;
using coframe::println;

namespace {

constexpr std::uint32_t steps = 1000;

// 20 frames of 13 bytes: "$GPS,12.5*70\n" (a valid stream, every byte goes through a state).
constexpr std::string_view frames =
    "$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n"
    "$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n"
    "$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n"
    "$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n$GPS,12.5*70\n";
// 16 lines of 11 bytes; each is answered with "ok 10 0x..\n".
constexpr std::string_view lines =
    "0123456789\n0123456789\n0123456789\n0123456789\n0123456789\n0123456789\n"
    "0123456789\n0123456789\n0123456789\n0123456789\n0123456789\n0123456789\n"
    "0123456789\n0123456789\n0123456789\n0123456789\n";

// One resume per received byte, as a receive interrupt would do it; the port's own work
// (receive, and the transmitter taking bytes) is in every line_reader figure alike.
template <class Reader>
std::uint32_t line_reader_x100(const coframe::instruction_counter& counter) {
  lab01::probe_log log;
  lab01::serial_port port;
  Reader reader{log};
  port.allow_transmit(1000);
  const std::uint32_t total = counter.count([&] {
    for (char c : lines) {
      port.receive({&c, 1});
      do_not_optimize(reader.resume(port));
    }
  });
  return static_cast<std::uint32_t>(std::uint64_t{total} * 100 / lines.size());
}

std::uint32_t port_only_x100(const coframe::instruction_counter& counter) {
  lab01::serial_port port;
  const std::uint32_t total = counter.count([&] {
    for (char c : lines) {
      port.receive({&c, 1});
      do_not_optimize(port.read().value_or(0));
    }
  });
  return static_cast<std::uint32_t>(std::uint64_t{total} * 100 / lines.size());
}

void table_row(std::string_view machine, std::string_view step, std::uint32_t x100) {
  println("| ", machine, " | ", step, " | ", hundredths{x100}, " |");
}

}  // namespace

int main() {
  const coframe::instruction_counter counter;
  if (!counter.deterministic()) {
    println("note: not under -icount, so these counts are real time and vary "
            "(./workbook bench runs with -icount)");
  }

  println("table lab01-sizes: State struct sizes (bytes)");
  println("| machine | what is stored | bytes |");
  println("|---|---|---:|");
  println("| naive_line_reader | every local of read_lines() a member | ",
          sizeof(lab01::naive_line_reader), " |");
  println("| line_reader | the variables of each state in a union | ", sizeof(lab01::line_reader),
          " |");
  println("| frame_parser | resume point, payload and checksum | ", sizeof(lab01::frame_parser),
          " |");
  println("| fibonacci | resume point, counter, two numbers | ", sizeof(lab01::fibonacci), " |");
  println("end table");

  println("table lab01-steps: Instructions per step");
  println("| machine | step | instructions/step |");
  println("|---|---|---:|");
  // [bench-loop]
  table_row("(empty loop)", "the loop around each step, in every row below",
            counter.count_per_iteration_x100(steps, [] { do_not_optimize(0u); }));
  {
    lab01::fibonacci numbers{steps};
    table_row("fibonacci", "next()", counter.count_per_iteration_x100(steps, [&] {
      do_not_optimize(numbers.next().value_or(0));
    }));
  }
  // [bench-loop]
  {
    lab01::fibonacci numbers{steps};
    lab01::machine_range range{numbers};
    const std::uint32_t total = counter.count([&] {
      for (std::uint32_t n : range) do_not_optimize(n);
    });
    table_row("fibonacci, range-for", "one iteration", total * 100 / steps);
  }
  {
    lab01::frame_parser parser;
    const std::uint32_t total = counter.count([&] {
      for (char c : frames) do_not_optimize(parser.feed(static_cast<std::uint8_t>(c)));
    });
    table_row("frame_parser", "feed(byte), valid frames",
              static_cast<std::uint32_t>(std::uint64_t{total} * 100 / frames.size()));
  }
  table_row("(serial_port alone)", "receive and read one byte, in both rows below",
            port_only_x100(counter));
  table_row("naive_line_reader", "resume() after each received byte",
            line_reader_x100<lab01::naive_line_reader>(counter));
  table_row("line_reader", "resume() after each received byte",
            line_reader_x100<lab01::line_reader>(counter));
  println("end table");
  return 0;
}
