// Lab 02 — generators: C++20 coroutines from the ground up, compared with lab 01.
//
// Run it:   ./workbook run 02
// Chapter:  book/02-generators.md ("Lab 02: generators" in the book)
//
// Seven steps, one per section of the output: the smallest coroutine and its frame; a
// generator<T> for range-for that hands out references; values sent in on resume and lab 01's
// parser as a coroutine; nested generators that do not grow the stack; early break; borrowing
// a local across a suspension; and what happens without exceptions and without memory.
#include "frame_parser.hpp"
#include "smallest.hpp"
#include "two_way.hpp"

#include <coframe/board/console.hpp>
#include <coframe/coro/generator.hpp>
#include <coframe/board/stack.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using coframe::elements_of;
using coframe::generator;
using coframe::generator_frames;
using coframe::println;

namespace {

// ---- 2. generator<T>: range-for, references, no copies ------------------------------------

// [sample]
struct sample {
  int channel;
  int millivolts;
  static inline int copies = 0;
  sample(int c, int mv) : channel(c), millivolts(mv) {}
  sample(const sample& other) : channel(other.channel), millivolts(other.millivolts) { ++copies; }
  sample& operator=(const sample&) = delete;
};

generator<const sample&> readings(int channels) {
  for (int c = 0; c < channels; ++c) {
    sample s{c, 1000 + 250 * c};  // a local of the body: it lives in the frame
    co_yield s;                   // hands out a reference to it; the caller copies nothing
  }
}
// [sample]

// ---- 3. values sent in: a two-way generator ------------------------------------------------

// [running-average]
lab02::two_way<int, int> running_average() {
  int sum = 0;
  int count = 0;
  int average = 0;
  for (;;) {
    const int value = co_yield average;  // hand out the average, receive the next value
    sum += value;
    ++count;
    average = sum / count;
  }
}
// [running-average]

// ---- 4. nested generators ------------------------------------------------------------------

// [nested]
// Depth d yields d, then everything depth d - 1 yields, then -d.
generator<int> nested(int depth) {
  co_yield depth;
  if (depth > 0) co_yield elements_of(nested(depth - 1));
  co_yield -depth;
}

// The same sequence without elements_of: each level re-yields what the level below yielded.
// Every element travels through every frame, and each resume() nests one call deeper.
generator<int> nested_by_hand(int depth) {
  co_yield depth;
  if (depth > 0) {
    for (int v : nested_by_hand(depth - 1)) co_yield v;
  }
  co_yield -depth;
}
// [nested]

template <class Make>
std::size_t measure_stack(const char* name, int depth, Make make) {
  coframe::stack::reset_high_water_mark();
  const std::size_t before = coframe::stack::in_use();
  long sum = 0;
  int count = 0;
  for (int v : make(depth)) {
    sum += v;
    ++count;
  }
  const std::size_t used = coframe::stack::high_water_mark() - before;
  println("  ", name, "(", depth, "): ", count, " elements, sum ", sum, ", stack ", used, " bytes");
  return used;
}

// ---- 5. early break ------------------------------------------------------------------------

// [trace]
struct trace {
  char name;
  explicit trace(char n) : name(n) { println("    construct ", name); }
  trace(const trace&) = delete;
  trace& operator=(const trace&) = delete;
  ~trace() { println("    destroy   ", name); }
};

generator<int> three_locals() {
  trace a{'a'};
  co_yield 1;
  trace b{'b'};
  co_yield 2;
  trace c{'c'};
  co_yield 3;
}
// [trace]

// ---- 6. borrowing a local across a suspension ----------------------------------------------

// [borrow]
generator<int> windowed_sums() {
  int window[4] = {1, 2, 3, 4};
  int* cursor = &window[0];  // a pointer into the frame, held across every co_yield
  const int* const end = window + 4;
  while (cursor != end) {
    co_yield *cursor + (cursor + 1 != end ? cursor[1] : 0);
    ++cursor;
  }
}
// [borrow]

// Where the frame is, as the caller can see it: the address of an element it yields.
generator<const int*> address_of_local() {
  int local = 0;
  co_yield &local;
  co_yield &local;
}

}  // namespace

int main() {
  println("coframe lab 02: generators");

  println("1. the smallest coroutine");
  {
    // [run-counter]
    lab02::counter c = lab02::count_to(3);  // frame allocated, body not started
    println("  operator new asked for a frame of ", lab02::counter::promise_type::last_frame_size,
            " bytes");
    println("  promise at frame + ",
            reinterpret_cast<std::uintptr_t>(&c.frame().promise()) -
                reinterpret_cast<std::uintptr_t>(c.frame().address()),
            " bytes (before it: the resume and destroy pointers)");
    while (c.next()) println("  resumed, yielded ", c.value());
    println("  done: ", c.frame().done(), "; the counter's destructor destroys the frame");
    // [run-counter]
  }

  println("2. generator<T>: range-for over references");
  {
    // [range-for]
    for (const sample& s : readings(3)) {
      println("  channel ", s.channel, ": ", s.millivolts, " mV");
    }
    println("  copies made: ", sample::copies);
    // [range-for]
  }

  println("3. values sent in on resume");
  {
    // [send]
    auto average = running_average();
    for (int value : {10, 20, 60}) {
      println("  send ", value, " -> average ", average.send(value));
    }
    // [send]
    // [feed]
    lab02::coroutine_parser parser;
    constexpr std::string_view stream = "$hi*01\n$hi*02\nxyz$ok*04\n\x04";
    for (char c : stream) {
      const frame::status s = parser.feed(static_cast<std::uint8_t>(c));
      if (s == frame::status::frame_ready) {
        println("  frame_ready \"", parser.payload(), "\"");
      } else if (s != frame::status::need_more) {
        println("  ", frame::name(s));
      }
    }
    // [feed]
  }

  println("4. nested generators: stack use does not grow with depth");
  // Warm-up: the first deep run grows the heap, and malloc's path to _sbrk uses more stack
  // than a later allocation; after this, only the generators' own stack use is measured.
  for (int v : nested(100)) (void)v;
  // [measure-stack]
  const std::size_t flat1 = measure_stack("nested", 1, nested);
  const std::size_t flat100 = measure_stack("nested", 100, nested);
  const std::size_t deep1 = measure_stack("nested_by_hand", 1, nested_by_hand);
  const std::size_t deep100 = measure_stack("nested_by_hand", 100, nested_by_hand);
  // A recursion would take at least 8 bytes per level; malloc's own stack use varies by a word
  // from one run to the next.
  println("  elements_of, depth 100 vs 1: ",
          flat100 < flat1 + 99 ? "no growth with depth"
                               : "MORE stack (symmetric transfer failed?)");
  println("  by hand, depth 100 vs 1: ",
          deep100 > flat1 + 99 * 8 ? "one call deeper per level" : "flat?");
  println("  per level by hand: ", (deep100 - deep1) / 99, " bytes");
  // [measure-stack]

  println("5. early break");
  {
    // [break]
    for (int v : three_locals()) {
      println("  got ", v);
      if (v == 2) {
        println("  break");
        break;  // the generator is destroyed here: b, then a
      }
    }
    // [break]
  }

  println("6. borrowing a local across co_yield");
  {
    // [run-borrow]
    auto sums = windowed_sums();
    println("  windowed_sums frame: ", generator_frames::last_size(),
            " bytes on the heap (window, cursor and end live in it)");
    for (int sum : sums) println("  window sum ", sum);
    // [run-borrow]
    auto g = address_of_local();
    auto it = g.begin();
    const int* first = *it;
    ++it;
    println("  the local's address after two suspensions: ",
            *it == first ? "unchanged" : "CHANGED");
  }

  println("7. no exceptions, no memory");
  {
    // [allocation-failure]
    generator_frames::fail_allocation();  // the next frame allocation returns nullptr
    generator<int> g = nested(3);
    int elements = 0;
    for (int v : g) {
      (void)v;
      ++elements;
    }
    println("  frame allocation failed: valid() ", g.valid(), ", elements ", elements);
    // [allocation-failure]
  }

  println("frames: ", generator_frames::allocated(), " allocated, ", generator_frames::freed(),
          " freed, ", generator_frames::outstanding(), " outstanding");
  return generator_frames::outstanding() == 0 ? 0 : 1;
}
