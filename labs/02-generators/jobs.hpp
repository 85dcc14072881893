// Lab 02 — the jobs its benchmark measures (bench.cpp) and its anatomy traces (anatomy.cpp):
// each generator beside lab 01's hand-written machine for the same job, each job a function
// of its own (jobs.cpp), so that both programs run exactly the same instructions.
//
// The baselines are lab 01's own headers, included by path: the sanctioned cross-lab include
// (see frame_parser.hpp), so that both sides are the code each lab teaches, built with the same
// compiler and flags into one firmware.
#pragma once

#include "../01-state-machines/frame_parser.hpp"  // lab01::frame_parser
#include "../01-state-machines/machine_range.hpp"  // lab01::machine_range
#include "../01-state-machines/protothread.hpp"  // lab01::fibonacci
#include "frame_parser.hpp"                      // lab02::coroutine_parser

#include <coframe/coro/generator.hpp>
#include <coframe/testing/measure.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jobs {

/// Hides a value from the optimizer: after this the compiler knows nothing about it, so it
/// cannot run a machine over a known input at compile time (Clang folds lab 01's parser over a
/// constant stream entirely otherwise). Costs no instruction: the asm is empty.
template <class T>
T opaque(T value) {
  asm volatile("" : "+r"(value));
  return value;
}

// [fibonacci]
// The job lab 01's fibonacci does, as a coroutine: same count, same arithmetic. Both element
// types are uint32_t: `*it` is a copy, as lab 01's next() returns one, and `co_yield a` hands
// the body's `a` over by const reference, with no copy on the way in.
template <class Generator>
Generator fibonacci(std::uint32_t count) {
  std::uint32_t a = 0, b = 1;
  for (std::uint32_t i = 0; i < count; ++i) {
    co_yield a;
    const std::uint32_t sum = a + b;
    a = b;
    b = sum;
  }
}
using plain_fibonacci = coframe::plain_generator<std::uint32_t, std::uint32_t>;
using nestable_fibonacci = coframe::generator<std::uint32_t, std::uint32_t>;
// [fibonacci]

/// Lab 01's machines behind a call the compiler may not inline: the hand-written code, minus
/// the one advantage a coroutine has only when the compiler inlines it (its body fused into the
/// consumer's loop).
struct fibonacci_not_inlined {
  lab01::fibonacci machine;
  [[gnu::noinline]] std::optional<std::uint32_t> next() { return machine.next(); }
};
struct parser_not_inlined {
  lab01::frame_parser machine;
  [[gnu::noinline]] frame::status feed(std::uint8_t byte) { return machine.feed(byte); }
};

/// A realistic stream for the parsers: the same valid frame over and over (13 bytes each).
inline constexpr std::string_view one_frame = "$GPS,12.5*70\n";

// The consumers. What a loop does with each element matters to Clang, which can inline a
// whole generator: these add the elements up, or count the frames, and hand only the result to
// coframe::do_not_optimize; each_escapes hands every element to it instead.
template <class Range>
void sum_all(Range&& numbers) {
  std::uint32_t sum = 0;
  for (std::uint32_t v : numbers) sum += v;
  coframe::do_not_optimize(sum);
}
template <class Range>
void each_escapes(Range&& numbers) {
  for (std::uint32_t v : numbers) coframe::do_not_optimize(v);
}
template <class Parser>
void parse_stream(Parser& parser, std::uint32_t frames) {
  const char* bytes = opaque(one_frame.data());
  std::uint32_t ready = 0;
  for (std::uint32_t f = 0; f < frames; ++f) {
    for (std::size_t i = 0; i < one_frame.size(); ++i) {
      ready += parser.feed(static_cast<std::uint8_t>(bytes[i])) == frame::status::frame_ready;
    }
  }
  coframe::do_not_optimize(ready);
}

// The jobs: `n` elements each (fibonacci numbers, or frames of 13 bytes for the parsers), from
// creating the machine to destroying it. They are compiled once, in jobs.cpp, and linked into
// both the benchmark and the anatomy: a compiler inlines differently in each translation unit,
// and both must run the same instructions.
void fibonacci_by_hand(std::uint32_t n);
void fibonacci_by_hand_not_inlined(std::uint32_t n);
void fibonacci_plain_generator(std::uint32_t n);
void fibonacci_generator(std::uint32_t n);
void fibonacci_by_hand_each_escapes(std::uint32_t n);
void fibonacci_plain_generator_each_escapes(std::uint32_t n);
void parser_by_hand(std::uint32_t frames);
void parser_by_hand_not_inlined(std::uint32_t frames);
void parser_coroutine(std::uint32_t frames);

}  // namespace jobs
