// Lab 02's anatomy of one element: runs each job of jobs.hpp with n and then with 2n elements,
// each run followed by a call of anatomy_mark(). tools/anatomy runs it under QEMU with every
// executed instruction traced, subtracts the first run from the second (what is left is n
// elements' worth: the one-off costs cancel), and looks up each instruction's source in the
// debug information to say where it belongs. The same source is built by GCC 12
// (lab02-anatomy.elf) and by Clang 14 (lab02-anatomy-clang.elf), like the benchmark.
#include "jobs.hpp"

#include <coframe/board/console.hpp>

#include <cstdint>

using coframe::println;

// Where tools/anatomy cuts the trace. Not inlined, and not dropped: its address is looked up.
extern "C" [[gnu::noinline]] void anatomy_mark() { asm volatile(""); }

namespace {

struct job {
  const char* name;
  void (*run)(std::uint32_t);
  std::uint32_t n;                 // the first run; the second runs 2n
  std::uint32_t elements_per_n;    // 13 bytes per frame for the parsers
};

constexpr job all[] = {
    {"fibonacci, lab 01", jobs::fibonacci_by_hand, 20, 1},
    {"fibonacci, plain_generator", jobs::fibonacci_plain_generator, 20, 1},
    {"fibonacci, generator", jobs::fibonacci_generator, 20, 1},
    {"parser, lab 01 (per byte)", jobs::parser_by_hand, 4, 13},
    {"parser, two_way (per byte)", jobs::parser_coroutine, 4, 13},
};

}  // namespace

int main() {
  // tools/bench captions the table with the compiler and the flags that built this firmware.
#if defined(__clang__)
  println("anatomy lab02-anatomy-clang: Where the instructions of one element go "
          "(instructions per element; release build: NDEBUG)");
#else
  println("anatomy lab02-anatomy: Where the instructions of one element go "
          "(instructions per element; release build: NDEBUG)");
#endif
  for (const job& j : all) {
    println("job ", j.name, ": ", j.n * j.elements_per_n, " ", 2 * j.n * j.elements_per_n);
  }
  for (const job& j : all) {
    j.run(2 * j.n);  // warm-up: the heap's first growth is not part of either run
    anatomy_mark();
    j.run(j.n);
    anatomy_mark();
    j.run(2 * j.n);
    anatomy_mark();
  }
  return 0;
}
