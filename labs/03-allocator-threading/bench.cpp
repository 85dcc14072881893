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
  static void* operator new(std::size_t size) noexcept { return pool.allocate(size); }
  static void operator delete(void* frame, std::size_t size) noexcept {
    pool.deallocate(frame, size);
  }
};
// [direct]
struct direct_to_default_pool {
  static void* operator new(std::size_t size) noexcept {
    return coframe::default_frame_pool().allocate(size);
  }
  static void operator delete(void* frame, std::size_t size) noexcept {
    coframe::default_frame_pool().deallocate(frame, size);
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

}  // namespace

int main() {
  coframe::instruction_counter counter;
  if (!counter.deterministic()) {
    println("note: not under -icount; the figures below are not instruction counts");
  }
  delivery(counter);
  return 0;
}
