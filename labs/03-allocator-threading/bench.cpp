// Lab 03's benchmark: what each design costs, beside what it would cost to call the same
// allocator directly, measured in one run (./workbook bench runs it under -icount; figures
// are instructions counted by QEMU, not cycles). The same file is built by GCC and by Clang
// (meson.build); Clang's tables carry the suffix -clang.
//
//  lab03-delivery   instructions to allocate and free one frame, per design, beside a promise
//                   that calls the same allocator directly
//  lab03-resume     what restoring the current allocator around every resume costs (design 3)
//  lab03-pool       the default frame pool against newlib's malloc and free
//  lab03-frames     frames each design really allocates for one chain (HALO)
//  lab03-code-size  flash each design adds to the same program (code_size.cpp, measured by
//                   the build: code_sizes.hpp)
#include "chains.hpp"
#include "code_sizes.hpp"

#include <coframe/board/console.hpp>
#include <coframe/board/format.hpp>
#include <coframe/frame/counting_frame_resource.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_record.hpp>
#include <coframe/frame/frame_scope.hpp>
#include <coframe/frame/promise_allocator.hpp>
#include <coframe/testing/measure.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>

#if defined(__clang__)
#define COMPILER "Clang " COFRAME_STR(__clang_major__)
#define TABLE(name) name "-clang"
#else
#define COMPILER "GCC " COFRAME_STR(__GNUC__)
#define TABLE(name) name
#endif
#define COFRAME_STR(x) COFRAME_STR2(x)
#define COFRAME_STR2(x) #x

using coframe::do_not_optimize;
using coframe::frame_pool;
using coframe::hundredths;
using coframe::println;

namespace {

// A value the optimiser cannot see through.
template <class T>
T opaque(T value) {
  asm volatile("" : "+r"(value));
  return value;
}

// The allocator under every design: one frame pool (not the default one), so that each
// design's figure and its baseline call the very same allocate and deallocate.
frame_pool pool;

// ---- the probes: the smallest coroutine, one per design -------------------------------------
// Each is created and destroyed without being resumed: its ramp allocates the frame, its
// destroy frees it. noinline keeps the compiler from eliding the frame (HALO needs the call
// inlined), so every figure includes exactly one allocation and one free.

// The baseline: a promise that calls the pool directly, with nothing to choose and nothing
// to record.
// [direct]
struct direct_to_pool {
  static void* operator new(std::size_t size) noexcept {
    return pool.allocate(size, coframe::frame_alignment);
  }
  static void operator delete(void* frame, std::size_t size) noexcept {
    pool.deallocate(frame, size, coframe::frame_alignment);
  }
};
// [direct]
struct direct_to_default_pool {
  static void* operator new(std::size_t size) noexcept {
    return coframe::default_frame_pool().allocate(size, coframe::frame_alignment);
  }
  static void operator delete(void* frame, std::size_t size) noexcept {
    coframe::default_frame_pool().deallocate(frame, size, coframe::frame_alignment);
  }
};

using pool_dispatcher = lab03::by_dispatcher::allocating_dispatcher<lab03::run_queue, frame_pool>;
using lab03::by_any_dispatcher::any_dispatcher;

[[gnu::noinline]] lab03::task<int, direct_to_pool> probe_direct(int x) { co_return x + 1; }
[[gnu::noinline]] lab03::task<int, direct_to_default_pool> probe_direct_default(int x) {
  co_return x + 1;
}
[[gnu::noinline]] lab03::by_argument::task<int> probe_argument(std::allocator_arg_t, frame_pool&,
                                                               int x) {
  co_return x + 1;
}
[[gnu::noinline]] lab03::by_dispatcher::task<int> probe_dispatcher(pool_dispatcher, int x) {
  co_return x + 1;
}
[[gnu::noinline]] lab03::by_scope::task<int> probe_scope(int x) { co_return x + 1; }
[[gnu::noinline]] lab03::by_any_dispatcher::task<int> probe_any(any_dispatcher, int x) {
  co_return x + 1;
}
[[gnu::noinline]] lab03::task<int, coframe::promise_allocator> probe_lib(int x) {
  co_return x + 1;
}
[[gnu::noinline]] lab03::task<int, coframe::promise_allocator> probe_lib_argument(
    std::allocator_arg_t, frame_pool&, int x) {
  co_return x + 1;
}

struct delivery_row {
  const char* design;
  std::uint32_t instructions;
  std::uint32_t baseline;
};

void print_delivery(const delivery_row& row) {
  const auto added = static_cast<std::int32_t>(row.instructions) -
                     static_cast<std::int32_t>(row.baseline);
  println("| ", row.design, " | ", row.instructions, " | ", row.baseline, " | ",
          added > 0 ? "+" : "", added, " |");
}

// [measure-delivery]
void delivery(const coframe::instruction_counter& counter) {
  lab03::run_queue queue;
  const pool_dispatcher dispatcher{queue, pool};
  const any_dispatcher any_with_pool{queue, &pool};
  const any_dispatcher any_without{queue};

  // Warm up: a block of each frame's size class on its free list, so that every figure, a
  // design's and its baseline's, is the pool's fast path.
  for (int i = 0; i < 2; ++i) {
    do_not_optimize(probe_direct(1).valid());
    do_not_optimize(probe_direct_default(1).valid());
    do_not_optimize(probe_argument(std::allocator_arg, pool, 1).valid());
    do_not_optimize(probe_dispatcher(dispatcher, 1).valid());
    do_not_optimize(probe_any(any_with_pool, 1).valid());
    do_not_optimize(probe_any(any_without, 1).valid());
    do_not_optimize(probe_scope(1).valid());
    do_not_optimize(probe_lib(1).valid());
    do_not_optimize(probe_lib_argument(std::allocator_arg, pool, 1).valid());
    coframe::frame_scope scope{pool};
    do_not_optimize(probe_scope(1).valid());
  }

  const std::uint32_t direct =
      counter.count([] { do_not_optimize(probe_direct(opaque(1)).valid()); });
  const std::uint32_t direct_default =
      counter.count([] { do_not_optimize(probe_direct_default(opaque(1)).valid()); });
  const std::uint32_t argument = counter.count(
      [] { do_not_optimize(probe_argument(std::allocator_arg, pool, opaque(1)).valid()); });
  const std::uint32_t carried = counter.count(
      [&] { do_not_optimize(probe_dispatcher(dispatcher, opaque(1)).valid()); });
  std::uint32_t scoped = 0;
  {
    coframe::frame_scope scope{pool};
    scoped = counter.count([] { do_not_optimize(probe_scope(opaque(1)).valid()); });
  }
  const std::uint32_t scoped_default =
      counter.count([] { do_not_optimize(probe_scope(opaque(1)).valid()); });
  const std::uint32_t erased =
      counter.count([&] { do_not_optimize(probe_any(any_with_pool, opaque(1)).valid()); });
  const std::uint32_t erased_default =
      counter.count([&] { do_not_optimize(probe_any(any_without, opaque(1)).valid()); });
  const std::uint32_t lib_default =
      counter.count([] { do_not_optimize(probe_lib(opaque(1)).valid()); });
  const std::uint32_t lib_argument = counter.count(
      [] { do_not_optimize(probe_lib_argument(std::allocator_arg, pool, opaque(1)).valid()); });
  // [measure-delivery]

  println("table " TABLE("lab03-delivery") ": Instructions to allocate and free one frame "
          "(a coroutine called and destroyed, never resumed), per design, beside the same "
          "coroutine whose promise calls the same allocator directly (QEMU icount, " COMPILER
          " -O2)");
  println("| design, and the allocator it reaches | instructions | direct call | added |");
  println("|---|---:|---:|---:|");
  print_delivery({"1 argument: `f(std::allocator_arg, pool, x)`", argument, direct});
  print_delivery({"2 dispatcher: `f(with_allocator(queue, pool), x)`", carried, direct});
  print_delivery({"3 scope: `f(x)` inside `frame_scope{pool}`", scoped, direct});
  print_delivery({"4 any_dispatcher: `f(any_dispatcher{queue, &pool}, x)`", erased, direct});
  print_delivery({"lib/ `promise_allocator`: `f(std::allocator_arg, pool, x)`", lib_argument,
                  direct});
  print_delivery({"3 scope, no scope open: the default pool", scoped_default, direct_default});
  print_delivery({"4 any_dispatcher given no allocator: the default pool", erased_default,
                  direct_default});
  print_delivery({"lib/ `promise_allocator`, `f(x)`: the default pool", lib_default,
                  direct_default});
  println("end table");
}

// ---- what restoring the allocator around every resume costs (design 3) ---------------------

template <class Queue>
lab03::by_scope::task<int> yielder(Queue& queue, int times) {
  for (int i = 0; i < times; ++i) co_await queue.yield();
  co_return times;
}

// Instructions per resume through the queue, in hundredths: a coroutine that yields `times`
// times, run to the end (its two frames' allocation and free are spread over the resumes).
template <class Queue>
std::uint32_t per_resume_x100(const coframe::instruction_counter& counter, int times) {
  Queue queue;
  std::optional<int> result;
  auto run = [&] {
    do_not_optimize(lab03::by_scope::async_run(queue, yielder(queue, opaque(times)),
                                               [&result](std::optional<int> r) { result = r; }));
    queue.run();
  };
  run();  // warm the pool
  const std::uint32_t total = counter.count(run);
  return static_cast<std::uint32_t>(std::uint64_t{total} * 100 / static_cast<std::uint32_t>(times));
}

void resume(const coframe::instruction_counter& counter) {
  constexpr int times = 200;
  const std::uint32_t plain = per_resume_x100<lab03::run_queue>(counter, times);
  const std::uint32_t scoped = per_resume_x100<lab03::by_scope::scoped_queue>(counter, times);
  println("table " TABLE("lab03-resume") ": Instructions per suspend and resume through the "
          "queue, a coroutine yielding ", times, " times: design 3's scoped_queue (restores the "
          "current allocator around every resume) beside the plain run_queue (QEMU icount, "
          COMPILER " -O2)");
  println("| queue | instructions per resume | run_queue | added |");
  println("|---|---:|---:|---:|");
  println("| scoped_queue | ", hundredths{scoped}, " | ", hundredths{plain}, " | +",
          hundredths{scoped > plain ? scoped - plain : 0}, " |");
  println("end table");
}

// ---- the default pool against malloc --------------------------------------------------------

struct op_costs {
  std::uint32_t allocations = 0, frees = 0;
  std::uint64_t allocate_total = 0, free_total = 0;
  std::uint32_t allocate_best = ~0u, allocate_worst = 0, free_best = ~0u, free_worst = 0;
  void allocation(std::uint32_t n) {
    ++allocations, allocate_total += n;
    allocate_best = n < allocate_best ? n : allocate_best;
    allocate_worst = n > allocate_worst ? n : allocate_worst;
  }
  void free(std::uint32_t n) {
    ++frees, free_total += n;
    free_best = n < free_best ? n : free_best;
    free_worst = n > free_worst ? n : free_worst;
  }
  std::uint32_t allocate_mean_x100() const {
    return static_cast<std::uint32_t>(allocate_total * 100 / allocations);
  }
  std::uint32_t free_mean_x100() const {
    return static_cast<std::uint32_t>(free_total * 100 / frees);
  }
};

// The workload lab 04 measures its allocators with: requests of 1 to 124 bytes, at most 64
// blocks alive, allocate or free chosen at random (a fixed seed the compiler cannot see), each
// operation measured on its own.
constexpr int workload_operations = 2000;
constexpr int most_alive = 64;

template <class Allocate, class Free>
op_costs workload(const coframe::instruction_counter& counter, Allocate allocate, Free free) {
  std::uint32_t state = opaque(0x1234'5678u);
  auto next = [&state] {
    state = state * 1'664'525u + 1'013'904'223u;  // a linear congruential generator
    return state >> 8;
  };
  void* alive[most_alive];
  std::size_t sizes[most_alive];
  int count = 0;
  op_costs costs;
  for (int op = 0; op < workload_operations; ++op) {
    if (count == 0 || (count < most_alive && next() % 2 == 0)) {
      const std::size_t size = 1 + next() % 124;
      void* block = nullptr;
      costs.allocation(counter.count([&] { block = allocate(size); }));
      if (block == nullptr) coframe::panic("the benchmark ran out of memory");
      alive[count] = block;
      sizes[count++] = size;
    } else {
      const int i = static_cast<int>(next() % static_cast<std::uint32_t>(count));
      costs.free(counter.count([&] { free(alive[i], sizes[i]); }));
      alive[i] = alive[--count];
      sizes[i] = sizes[count];
    }
  }
  while (count > 0) --count, free(alive[count], sizes[count]);
  return costs;
}

// Mean, worst, and the mean net of the measurement's own instructions (`harness`: the same
// workload with an allocator that does nothing).
void print_costs(const char* name, const op_costs& c, const op_costs& harness) {
  const std::uint32_t pair = c.allocate_mean_x100() + c.free_mean_x100();
  const std::uint32_t harness_pair = harness.allocate_mean_x100() + harness.free_mean_x100();
  println("| ", name, " | ", hundredths{c.allocate_mean_x100()}, " | ", c.allocate_worst, " | ",
          hundredths{c.free_mean_x100()}, " | ", c.free_worst, " | ", hundredths{pair}, " | ",
          hundredths{pair - harness_pair}, " |");
}

void pool_against_malloc(const coframe::instruction_counter& counter) {
  frame_pool fresh;  // cold: every class list starts empty, so misses go to malloc
  auto pool_allocate = [&fresh](std::size_t size) {
    return fresh.allocate(size, coframe::frame_alignment);
  };
  auto pool_free = [&fresh](void* block, std::size_t size) {
    fresh.deallocate(block, size, coframe::frame_alignment);
  };
  const op_costs pool_cold = workload(counter, pool_allocate, pool_free);
  const op_costs pool_warm = workload(counter, pool_allocate, pool_free);
  auto heap_allocate = [](std::size_t size) { return std::malloc(size); };
  auto heap_free = [](void* block, std::size_t) { std::free(block); };
  const op_costs heap = workload(counter, heap_allocate, heap_free);
  fresh.release();
  // The measurement's own loads and stores (the operands, the result): an "allocator" that
  // hands out one static block and frees nothing.
  static std::uint64_t one_block[16];
  auto no_allocate = [](std::size_t size) {
    do_not_optimize(size);
    return static_cast<void*>(opaque(one_block));
  };
  auto no_free = [](void* block, std::size_t size) {
    do_not_optimize(block);
    do_not_optimize(size);
  };
  const op_costs harness = workload(counter, no_allocate, no_free);

  println("table " TABLE("lab03-pool") ": Instructions per allocate and per free, the default "
          "frame pool (frame_pool) beside newlib-nano's malloc and free, ",
          workload_operations, " random operations of 1-124 bytes, at most ", most_alive,
          " alive (QEMU icount, " COMPILER " -O2)");
  println("| allocator | allocate, mean | worst | free, mean | worst | allocate + free, mean "
          "| net of the measurement |");
  println("|---|---:|---:|---:|---:|---:|---:|");
  print_costs("frame_pool, first run (misses go to malloc)", pool_cold, harness);
  print_costs("frame_pool, the same run again", pool_warm, harness);
  print_costs("newlib-nano malloc and free", heap, harness);
  print_costs("nothing (the measurement itself)", harness, harness);
  println("end table");
}

// ---- frames a chain really allocates (HALO) -------------------------------------------------

// Counts frames and the bytes they asked for.
class measuring_resource final : public coframe::frame_resource {
 public:
  void* allocate(std::size_t size, std::size_t alignment) noexcept override {
    ++frames, bytes += size;
    return pool.allocate(size, alignment);
  }
  void deallocate(void* block, std::size_t size, std::size_t alignment) noexcept override {
    pool.deallocate(block, size, alignment);
  }
  std::size_t frames = 0, bytes = 0;
};

template <class Queue, class Start>
void frames_row(const char* design, Start start) {
  Queue queue;
  measuring_resource counted;
  std::optional<int> result;
  const bool started = start(queue, counted, opaque(1), &result);
  queue.run();
  if (!started || result != lab03::sum_expected(1)) coframe::panic("a chain failed");
  println("| ", design, " | 8 | ", counted.frames, " | ", counted.bytes, " |");
}

template <class Result>
auto store_in(std::optional<Result>* slot) {
  return [slot](std::optional<Result> r) { *slot = r; };
}

void frames() {
  println("table " TABLE("lab03-frames") ": Frames allocated for one run of sum(x) (sum, two "
          "pair, four square, and async_run's root_task), and the bytes they asked for, per "
          "design (" COMPILER " -O2)");
  println("| design | frames in the source | frames allocated | bytes asked |");
  println("|---|---:|---:|---:|");
  frames_row<lab03::run_queue>("1 argument", [](auto& q, auto& alloc, int x, auto* out) {
    using namespace lab03::by_argument;
    return async_run(std::allocator_arg, alloc, q, sum(std::allocator_arg, alloc, q, x),
                     store_in(out));
  });
  frames_row<lab03::run_queue>("2 dispatcher", [](auto& q, auto& alloc, int x, auto* out) {
    using namespace lab03::by_dispatcher;
    const dispatcher d{q, alloc};
    return async_run(d, sum(d, x), store_in(out));
  });
  frames_row<lab03::by_scope::scoped_queue>("3 scope", [](auto& q, auto& alloc, int x, auto* out) {
    using namespace lab03::by_scope;
    coframe::frame_scope scope{alloc};
    return async_run(q, sum(q, x), store_in(out));
  });
  frames_row<lab03::run_queue>("4 any_dispatcher", [](auto& q, auto& alloc, int x, auto* out) {
    using namespace lab03::by_any_dispatcher;
    const any_dispatcher d{q, &alloc};
    return async_run(d, sum(d, x), store_in(out));
  });
  println("end table");
}

// ---- code size ------------------------------------------------------------------------------

void code_size() {
  using namespace lab03_code_size;
#if defined(__clang__)
  const auto& sizes = clang;
#else
  const auto& sizes = gcc;
#endif
  println("table " TABLE("lab03-code-size") ": Flash used by the same program (sum(1) through "
          "async_run on a run_queue, frames from a frame_pool) per design, beside the program "
          "whose promise calls the pool directly (bytes, text + data, " COMPILER " -O2)");
  println("| design | flash | direct call | added |");
  println("|---|---:|---:|---:|");
  const std::uint32_t base = sizes[0].flash;
  for (std::size_t i = 1; i < sizeof sizes / sizeof sizes[0]; ++i) {
    const auto added = static_cast<std::int32_t>(sizes[i].flash) - static_cast<std::int32_t>(base);
    println("| ", sizes[i].design, " | ", sizes[i].flash, " | ", base, " | ", added > 0 ? "+" : "",
            added, " |");
  }
  println("end table");
}

}  // namespace

int main() {
  coframe::instruction_counter counter;
  if (!counter.deterministic()) {
    println("note: not under -icount; the figures below are not instruction counts");
  }
  delivery(counter);
  resume(counter);
  pool_against_malloc(counter);
  frames();
  code_size();
  return 0;
}
