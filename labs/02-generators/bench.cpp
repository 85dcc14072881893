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

#include <coframe/board/console.hpp>
#include <coframe/board/format.hpp>
#include <coframe/coro/generator.hpp>
#include <coframe/testing/measure.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using coframe::generator;
using coframe::generator_frames;
using coframe::hundredths;
using coframe::println;

// The compiler, named in every table: the same firmware is also built with Clang (meson.build),
// and its tables get names of their own.
#if defined(__clang__)
#define COMPILER "Clang " COFRAME_STR(__clang_major__)
#define TABLE(name) name "-clang"
#else
#define COMPILER "GCC " COFRAME_STR(__GNUC__)
#define TABLE(name) name
#endif
#define COFRAME_STR(x) COFRAME_STR2(x)
#define COFRAME_STR2(x) #x

namespace {

volatile std::uint32_t sink;  // results go here, so the compiler cannot drop the work

// Hides a value from the optimizer: after this the compiler knows nothing about it, so it
// cannot run a machine over a known input at compile time (Clang folds lab 01's parser over a
// constant stream entirely otherwise). Costs no instruction: the asm is empty.
template <class T>
T opaque(T value) {
  asm volatile("" : "+r"(value));
  return value;
}

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
  const char* bytes = opaque(one_frame.data());
  std::uint32_t ready = 0;
  for (std::uint32_t f = 0; f < frames; ++f) {
    for (std::size_t i = 0; i < one_frame.size(); ++i) {
      ready += parser.feed(static_cast<std::uint8_t>(bytes[i])) == frame::status::frame_ready;
    }
  }
  sink = ready;
}

// The frame size of the generator a call creates, or 0 when the compiler allocated no frame on
// the heap at all (it may place the frame in the caller's: "HALO", heap allocation elision).
template <class Call>
std::size_t frame_size_of(Call call) {
  const std::size_t before = generator_frames::allocated();
  call();
  return generator_frames::allocated() == before ? 0 : generator_frames::last_size();
}

void print_frame(std::size_t bytes) {
  if (bytes == 0) {
    coframe::print("none (elided)");
  } else {
    coframe::print(bytes);
  }
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
  const std::size_t fibonacci_frame = frame_size_of([] { auto g = fibonacci(opaque(1u)); });
  const std::size_t parser_frame = frame_size_of([] { lab02::coroutine_parser p; });
  const std::size_t nested_frame = frame_size_of([] { auto g = nested(opaque(0)); });

  println("table " TABLE("lab02-sizes") ": State size, lab 01's hand-written struct vs lab 02's "
          "coroutine frame (bytes, " COMPILER " -O2)");
  println("| job | lab 01 struct | lab 02 frame (heap) | lab 02 handle object |");
  println("|---|---:|---:|---:|");
  coframe::print("| fibonacci | ", sizeof(lab01::fibonacci), " | ");
  print_frame(fibonacci_frame);
  println(" | ", sizeof(generator<std::uint32_t>), " |");
  coframe::print("| frame parser | ", sizeof(lab01::frame_parser), " | ");
  print_frame(parser_frame);
  println(" | ", sizeof(lab02::coroutine_parser), " |");
  coframe::print("| nested (one level of elements_of) | - | ");
  print_frame(nested_frame);
  println(" | ", sizeof(generator<int>), " |");
  println("end table");

  // ---- instructions per element ---------------------------------------------------------
  const std::uint32_t fib_hand = counter.count([] {
    lab01::fibonacci machine{opaque(elements)};
    std::uint32_t sum = 0;
    for (std::uint32_t v : lab01::machine_range{machine}) sum += v;
    sink = sum;
  });
  const std::uint32_t fib_call = counter.count([] {
    fibonacci_not_inlined machine{lab01::fibonacci{opaque(elements)}};
    std::uint32_t sum = 0;
    for (std::uint32_t v : lab01::machine_range{machine}) sum += v;
    sink = sum;
  });
  const std::uint32_t fib_gen = counter.count([] {
    std::uint32_t sum = 0;
    for (std::uint32_t v : fibonacci(opaque(elements))) sum += v;
    sink = sum;
  });
  const std::uint32_t fib_gen_setup =
      counter.count([] { auto g = fibonacci(opaque(elements)); });
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

  println("table " TABLE("lab02-instructions") ": Instructions per element, lab 01's "
          "hand-written machine vs lab 02's coroutine (QEMU icount, " COMPILER " -O2)");
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
  println("table " TABLE("lab02-nesting") ": Instructions per element of a chain of nested "
          "generators, elements_of vs re-yielding by hand (QEMU icount, " COMPILER " -O2)");
  println("| depth | elements | elements_of per element | by hand per element |");
  println("|---:|---:|---:|---:|");
  for (int depth : {1, 10, 50, 100}) {
    const auto count = static_cast<std::uint32_t>(depth + 1);
    const std::uint32_t flat = counter.count([depth] {
      int sum = 0;
      for (int v : nested(opaque(depth))) sum += v;
      sink = static_cast<std::uint32_t>(sum);
    });
    const std::uint32_t by_hand = counter.count([depth] {
      int sum = 0;
      for (int v : nested_by_hand(opaque(depth))) sum += v;
      sink = static_cast<std::uint32_t>(sum);
    });
    println("| ", depth, " | ", count, " | ", hundredths{per(flat, count)}, " | ",
            hundredths{per(by_hand, count)}, " |");
  }
  println("end table");

  return generator_frames::outstanding() == 0 ? 0 : 1;
}
