// Lab 02's benchmark: each generator beside lab 01's hand-written machine for the same job
// (jobs.hpp), measured in the same run: ./workbook bench runs it under -icount, and its figures
// are instructions counted by QEMU, not cycles. The same source is built by GCC 12
// (lab02-bench.elf) and by Clang 14 (lab02-bench-clang.elf), as a release build (NDEBUG).
//
// A figure per element is (job with n elements - the same job with none) / n: the job's one-off
// cost (create the machine or allocate the frame, run to the first suspension, destroy, free)
// cancels out, and is shown on its own for the coroutines.
#include "jobs.hpp"

#include <coframe/board/console.hpp>
#include <coframe/board/format.hpp>
#include <coframe/coro/generator.hpp>
#include <coframe/testing/measure.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using coframe::generator_frames;
using coframe::hundredths;
using coframe::println;
using jobs::opaque;

// The Clang build's tables get names of their own. (tools/bench captions every table with the
// compiler and the flags that built it; the titles say only whether NDEBUG was defined.)
#if defined(__clang__)
#define TABLE(name) name "-clang"
#else
#define TABLE(name) name
#endif
#if defined(NDEBUG)
#define BUILD "release build: NDEBUG"
#else
#define BUILD "debug build: assertions on"
#endif

namespace {

// [chain]
// A chain `depth` + 1 generators long, each yielding one element (its depth) before it
// delegates: the benchmark's nesting, one element per frame. (main.cpp's nested() also yields
// on the way out; here only the descent is measured.)
coframe::generator<int> chain(int depth) {
  co_yield depth;
  if (depth > 0) co_yield coframe::elements_of(chain(depth - 1));
}

// The same chain without elements_of: each level re-yields what the level below yielded.
coframe::generator<int> chain_by_hand(int depth) {
  co_yield depth;
  if (depth > 0) {
    for (int v : chain_by_hand(depth - 1)) co_yield v;
  }
}
// [chain]

constexpr std::uint32_t elements = 1000;
constexpr std::uint32_t frames = 40;  // of 13 bytes: 520 bytes

// One job measured: its instructions with n elements and with none, and whether its coroutine
// frames came from the heap (false: the compiler placed them in the caller's stack frame).
struct measured {
  std::uint32_t n;
  std::uint32_t with_n, with_none;
  bool on_heap;
  // Instructions per element, in hundredths (1234 means 12.34).
  std::uint32_t per_element_x100() const {
    const std::uint32_t work = with_n > with_none ? with_n - with_none : 0;
    return static_cast<std::uint32_t>((std::uint64_t{work} * 100 + n / 2) / n);
  }
};

measured measure(const coframe::instruction_counter& counter, void (*job)(std::uint32_t),
                 std::uint32_t n, std::uint32_t elements_per_n = 1) {
  const std::size_t before = generator_frames::allocated();
  const std::uint32_t with_n = counter.count([&] { job(n); });
  const std::uint32_t with_none = counter.count([&] { job(0); });
  return {n * elements_per_n, with_n, with_none, generator_frames::allocated() != before};
}

// The ratio of two per-element figures, in hundredths (150 means 1.50x).
std::uint32_t ratio(const measured& generated, const measured& by_hand) {
  return static_cast<std::uint32_t>(
      (std::uint64_t{generated.per_element_x100()} * 100 + by_hand.per_element_x100() / 2) /
      by_hand.per_element_x100());
}

// The frame size the compiler asks for. The generator's address is handed to code the
// compiler cannot see, so its frame may outlive the call that made it and must come from the
// heap: the size is seen even by a compiler that elides the frame elsewhere (HALO).
template <class Call>
std::size_t frame_size_of(Call call) {
  const std::size_t before = generator_frames::allocated();
  auto g = call();
  asm volatile("" : : "r"(&g) : "memory");
  return generator_frames::allocated() == before ? 0 : generator_frames::last_size();
}

}  // namespace

int main() {
  coframe::instruction_counter counter;
  if (!counter.deterministic()) {
    println("note: not under -icount; the figures below are not instruction counts");
  }

  // ---- instructions per element ---------------------------------------------------------
  const measured fib_hand = measure(counter, jobs::fibonacci_by_hand, elements);
  const measured fib_call = measure(counter, jobs::fibonacci_by_hand_not_inlined, elements);
  const measured fib_plain = measure(counter, jobs::fibonacci_plain_generator, elements);
  const measured fib_nestable = measure(counter, jobs::fibonacci_generator, elements);
  const auto bytes = static_cast<std::uint32_t>(jobs::one_frame.size());
  const measured parse_hand = measure(counter, jobs::parser_by_hand, frames, bytes);
  const measured parse_call = measure(counter, jobs::parser_by_hand_not_inlined, frames, bytes);
  const measured parse_coroutine = measure(counter, jobs::parser_coroutine, frames, bytes);

  // ---- frame sizes ----------------------------------------------------------------------
  println("table " TABLE("lab02-sizes") ": State size, lab 01's hand-written struct vs lab 02's "
          "coroutine frame (bytes, " BUILD ")");
  println("| job | lab 01 struct | lab 02 frame | lab 02 frame in the measured loop "
          "| lab 02 object held |");
  println("|---|---:|---:|---|---:|");
  const auto size_row = [](const char* name, auto by_hand, std::size_t frame, bool on_heap,
                           std::size_t held) {
    println("| ", name, " | ", by_hand, " | ", frame, " | ",
            on_heap ? "on the heap" : "elided (in the caller's stack frame)", " | ", held, " |");
  };
  size_row("fibonacci, plain_generator", sizeof(lab01::fibonacci),
           frame_size_of([] { return jobs::fibonacci<jobs::plain_fibonacci>(opaque(1u)); }),
           fib_plain.on_heap, sizeof(jobs::plain_fibonacci));
  size_row("fibonacci, generator", sizeof(lab01::fibonacci),
           frame_size_of([] { return jobs::fibonacci<jobs::nestable_fibonacci>(opaque(1u)); }),
           fib_nestable.on_heap, sizeof(jobs::nestable_fibonacci));
  std::string_view payload;
  size_row("frame parser (two_way)", sizeof(lab01::frame_parser),
           frame_size_of([&payload] { return lab02::parse_frames(payload); }),
           parse_coroutine.on_heap, sizeof(lab02::coroutine_parser));
  size_row("chain (one level of elements_of)", "-",
           frame_size_of([] { return chain(opaque(0)); }), true, sizeof(coframe::generator<int>));
  println("end table");

  println("table " TABLE("lab02-instructions") ": Instructions per element, lab 01's "
          "hand-written machine vs lab 02's coroutine (" BUILD ")");
  println("| job | lab 01 | lab 01 behind a call | lab 02 | lab 02 / lab 01 "
          "| lab 02 / lab 01 behind a call | lab 02 with no element |");
  println("|---|---:|---:|---:|---:|---:|---:|");
  const auto row = [](const char* name, const measured& hand, const measured& call,
                      const measured& coroutine) {
    println("| ", name, " | ", hundredths{hand.per_element_x100()}, " | ",
            hundredths{call.per_element_x100()}, " | ",
            hundredths{coroutine.per_element_x100()}, " | ",
            hundredths{ratio(coroutine, hand)}, "x | ", hundredths{ratio(coroutine, call)},
            "x | ", coroutine.with_none, " |");
  };
  row("fibonacci (1000 numbers), plain_generator", fib_hand, fib_call, fib_plain);
  row("fibonacci (1000 numbers), generator", fib_hand, fib_call, fib_nestable);
  row("frame parser (520 bytes), two_way", parse_hand, parse_call, parse_coroutine);
  println("end table");

  // ---- what the consumer does with each element ------------------------------------------
  println("table " TABLE("lab02-consumer") ": Instructions per element of fibonacci, by what "
          "the consuming loop does with each element (" BUILD ")");
  println("| the loop | lab 01 | lab 02, plain_generator | lab 02 / lab 01 |");
  println("|---|---:|---:|---:|");
  const auto consumer_row = [](const char* name, const measured& hand, const measured& plain) {
    println("| ", name, " | ", hundredths{hand.per_element_x100()}, " | ",
            hundredths{plain.per_element_x100()}, " | ", hundredths{ratio(plain, hand)}, "x |");
  };
  consumer_row("adds them up (the tables above)", fib_hand, fib_plain);
  consumer_row("hands each to code the compiler cannot see",
               measure(counter, jobs::fibonacci_by_hand_each_escapes, elements),
               measure(counter, jobs::fibonacci_plain_generator_each_escapes, elements));
  println("end table");

  // ---- nesting: how the cost per element grows with depth ---------------------------------
  println("table " TABLE("lab02-nesting") ": Instructions per element of a chain of nested "
          "generators, elements_of vs re-yielding by hand (" BUILD ")");
  println("| depth | elements | elements_of per element | by hand per element |");
  println("|---:|---:|---:|---:|");
  for (int depth : {1, 10, 50, 100}) {
    const auto count = static_cast<std::uint32_t>(depth + 1);
    const auto per_element = [count](std::uint32_t total) {
      return hundredths{
          static_cast<std::uint32_t>((std::uint64_t{total} * 100 + count / 2) / count)};
    };
    const std::uint32_t flat = counter.count([depth] {
      int sum = 0;
      for (int v : chain(opaque(depth))) sum += v;
      coframe::do_not_optimize(sum);
    });
    const std::uint32_t by_hand = counter.count([depth] {
      int sum = 0;
      for (int v : chain_by_hand(opaque(depth))) sum += v;
      coframe::do_not_optimize(sum);
    });
    println("| ", depth, " | ", count, " | ", per_element(flat), " | ", per_element(by_hand), " |");
  }
  println("end table");

  return generator_frames::outstanding() == 0 && generator_frames::alive() == 0 ? 0 : 1;
}
