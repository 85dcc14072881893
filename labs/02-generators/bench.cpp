// Lab 02's benchmark: each generator beside lab 01's hand-written machine for the same job,
// measured in the same run (./workbook bench runs it under -icount; figures are instructions
// counted by QEMU, not cycles).
//
// The baselines are lab 01's own headers, included by path: the sanctioned cross-lab include
// (see frame_parser.hpp), so that both sides are the code each lab teaches, built with the same
// compiler and flags into one firmware.
#include "../01-state-machines/frame_parser.hpp"  // lab01::frame_parser
#include "../01-state-machines/machine_range.hpp"  // lab01::machine_range
#include "../01-state-machines/protothread.hpp"  // lab01::fibonacci
#include "frame_parser.hpp"                      // lab02::coroutine_parser

#include <coframe/console.hpp>
#include <coframe/format.hpp>
#include <coframe/generator.hpp>
#include <coframe/measure.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using coframe::generator;
using coframe::generator_frames;
using coframe::hundredths;
using coframe::println;

namespace {

volatile std::uint32_t sink;  // results go here, so the compiler cannot drop the work

// The job lab 01's fibonacci does, as a generator: same count, same arithmetic.
generator<std::uint32_t> fibonacci(std::uint32_t count) {
  std::uint32_t a = 0, b = 1;
  for (std::uint32_t i = 0; i < count; ++i) {
    co_yield a;
    const std::uint32_t sum = a + b;
    a = b;
    b = sum;
  }
}

generator<int> nested(int depth) {
  co_yield depth;
  if (depth > 0) co_yield coframe::elements_of(nested(depth - 1));
}

generator<int> nested_by_hand(int depth) {
  co_yield depth;
  if (depth > 0) {
    for (int v : nested_by_hand(depth - 1)) co_yield v;
  }
}

// Lab 01's machines behind a call the compiler may not inline: the hand-written code, minus
// the one advantage a coroutine never has under GCC (its body is fused into the caller's loop).
struct fibonacci_not_inlined {
  lab01::fibonacci machine;
  [[gnu::noinline]] std::optional<std::uint32_t> next() { return machine.next(); }
};
struct parser_not_inlined {
  lab01::frame_parser machine;
  [[gnu::noinline]] frame::status feed(std::uint8_t byte) { return machine.feed(byte); }
};

constexpr std::uint32_t elements = 1000;
// A realistic stream: the same valid frame over and over (13 bytes each).
constexpr std::string_view one_frame = "$GPS,12.5*70\n";
constexpr std::uint32_t frames = 40;
constexpr std::uint32_t stream_bytes = frames * one_frame.size();

template <class Parser>
void parse_stream(Parser& parser) {
  std::uint32_t ready = 0;
  for (std::uint32_t f = 0; f < frames; ++f) {
    for (char c : one_frame) {
      ready += parser.feed(static_cast<std::uint8_t>(c)) == frame::status::frame_ready;
    }
  }
  sink = ready;
}

// x100 figures: instructions per element, in hundredths.
std::uint32_t per(std::uint32_t total, std::uint32_t count) {
  return static_cast<std::uint32_t>((std::uint64_t{total} * 100 + count / 2) / count);
}

// The ratio generator / hand-written, in hundredths (150 means 1.50x).
std::uint32_t ratio(std::uint32_t generated, std::uint32_t by_hand) {
  return static_cast<std::uint32_t>((std::uint64_t{generated} * 100 + by_hand / 2) / by_hand);
}

}  // namespace

int main() {
  coframe::instruction_counter counter;
  if (!counter.deterministic()) {
    println("note: not under -icount; the figures below are not instruction counts");
  }

  // ---- frame sizes ----------------------------------------------------------------------
  { auto g = fibonacci(1); }
  const std::size_t fibonacci_frame = generator_frames::last_size();
  { lab02::coroutine_parser p; }
  const std::size_t parser_frame = generator_frames::last_size();
  { auto g = nested(0); }
  const std::size_t nested_frame = generator_frames::last_size();

  println("table lab02-sizes: State size, lab 01's hand-written struct vs lab 02's coroutine "
          "frame (bytes, GCC -O2)");
  println("| job | lab 01 struct | lab 02 frame (heap) | lab 02 handle object |");
  println("|---|---:|---:|---:|");
  println("| fibonacci | ", sizeof(lab01::fibonacci), " | ", fibonacci_frame, " | ",
          sizeof(generator<std::uint32_t>), " |");
  println("| frame parser | ", sizeof(lab01::frame_parser), " | ", parser_frame, " | ",
          sizeof(lab02::coroutine_parser), " |");
  println("| nested (one level of elements_of) | - | ", nested_frame, " | ",
          sizeof(generator<int>), " |");
  println("end table");

  // ---- instructions per element ---------------------------------------------------------
  const std::uint32_t fib_hand = counter.count([] {
    lab01::fibonacci machine{elements};
    std::uint32_t sum = 0;
    for (std::uint32_t v : lab01::machine_range{machine}) sum += v;
    sink = sum;
  });
  const std::uint32_t fib_call = counter.count([] {
    fibonacci_not_inlined machine{lab01::fibonacci{elements}};
    std::uint32_t sum = 0;
    for (std::uint32_t v : lab01::machine_range{machine}) sum += v;
    sink = sum;
  });
  const std::uint32_t fib_gen = counter.count([] {
    std::uint32_t sum = 0;
    for (std::uint32_t v : fibonacci(elements)) sum += v;
    sink = sum;
  });
  const std::uint32_t fib_gen_setup = counter.count([] { auto g = fibonacci(elements); });
  const std::uint32_t parse_hand = counter.count([] {
    lab01::frame_parser parser;
    parse_stream(parser);
  });
  const std::uint32_t parse_call = counter.count([] {
    parser_not_inlined parser;
    parse_stream(parser);
  });
  const std::uint32_t parse_gen = counter.count([] {
    lab02::coroutine_parser parser;
    parse_stream(parser);
  });
  const std::uint32_t parse_gen_setup = counter.count([] { lab02::coroutine_parser parser; });

  // The per-element figures leave out the generator's one-off cost (allocate the frame, run
  // to the first suspension, destroy, free), which the setup column shows on its own.
  const std::uint32_t fib_gen_steady = fib_gen > fib_gen_setup ? fib_gen - fib_gen_setup : 0;
  const std::uint32_t parse_gen_steady =
      parse_gen > parse_gen_setup ? parse_gen - parse_gen_setup : 0;

  println("table lab02-instructions: Instructions per element, lab 01's hand-written machine vs "
          "lab 02's coroutine (QEMU icount, GCC -O2)");
  println("| job | elements | lab 01 per element | lab 01, not inlined | lab 02 per element "
          "| ratio lab 02 / lab 01 | ratio lab 02 / lab 01 not inlined "
          "| lab 02 frame setup + teardown |");
  println("|---|---:|---:|---:|---:|---:|---:|---:|");
  println("| fibonacci, range-for | ", elements, " | ", hundredths{per(fib_hand, elements)}, " | ",
          hundredths{per(fib_call, elements)}, " | ", hundredths{per(fib_gen_steady, elements)},
          " | ", hundredths{ratio(fib_gen_steady, fib_hand)}, "x | ",
          hundredths{ratio(fib_gen_steady, fib_call)}, "x | ", fib_gen_setup, " |");
  println("| frame parser, per byte | ", stream_bytes, " | ",
          hundredths{per(parse_hand, stream_bytes)}, " | ",
          hundredths{per(parse_call, stream_bytes)}, " | ",
          hundredths{per(parse_gen_steady, stream_bytes)}, " | ",
          hundredths{ratio(parse_gen_steady, parse_hand)}, "x | ",
          hundredths{ratio(parse_gen_steady, parse_call)}, "x | ", parse_gen_setup, " |");
  println("end table");

  // ---- nesting: how the cost per element grows with depth ---------------------------------
  println("table lab02-nesting: Instructions per element of a chain of nested generators, "
          "elements_of vs re-yielding by hand (QEMU icount, GCC -O2)");
  println("| depth | elements | elements_of per element | by hand per element |");
  println("|---:|---:|---:|---:|");
  for (int depth : {1, 10, 50, 100}) {
    const auto count = static_cast<std::uint32_t>(depth + 1);
    const std::uint32_t flat = counter.count([depth] {
      int sum = 0;
      for (int v : nested(depth)) sum += v;
      sink = static_cast<std::uint32_t>(sum);
    });
    const std::uint32_t by_hand = counter.count([depth] {
      int sum = 0;
      for (int v : nested_by_hand(depth)) sum += v;
      sink = static_cast<std::uint32_t>(sum);
    });
    println("| ", depth, " | ", count, " | ", hundredths{per(flat, count)}, " | ",
            hundredths{per(by_hand, count)}, " |");
  }
  println("end table");

  return generator_frames::outstanding() == 0 ? 0 : 1;
}
