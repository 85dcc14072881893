// Lab 03: one small program, built once per design (meson.build passes -DDESIGN=n), to measure
// the flash each design adds. Every build runs sum(1) (chains.hpp) through async_run on a
// run_queue with frames from a frame_pool, and prints the result; only the design differs.
// DESIGN 0 is the baseline: a promise that calls the pool directly, with nothing to choose
// and nothing to record. ./workbook bench reports the sizes (tools/size-header collects them
// into code_sizes.hpp for the benchmark firmware).
#include "chains.hpp"

#include <coframe/board/console.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_scope.hpp>
#include <coframe/frame/promise_allocator.hpp>

#include <optional>

#ifndef DESIGN
#error "build with -DDESIGN=0..5"
#endif

namespace {

coframe::frame_pool pool;
std::optional<int> result;
void store(std::optional<int> r) { result = r; }

// The chain for the designs whose coroutines take no allocator: the baseline, design 3 and
// lib/'s promise_allocator. Allocation is the promise's mixin.
template <class Allocation>
struct plain_chain {
  using task = lab03::task<int, Allocation>;
  static task square(lab03::run_queue& q, int x) {
    co_await q.yield();
    co_return x * x;
  }
  static task pair(lab03::run_queue& q, int x) {
    const std::optional<int> a = co_await square(q, x);
    if (!a) co_return std::nullopt;
    const std::optional<int> b = co_await square(q, x + 1);
    if (!b) co_return std::nullopt;
    co_return *a + *b;
  }
  static task sum(lab03::run_queue& q, int x) {
    const std::optional<int> a = co_await pair(q, x);
    if (!a) co_return std::nullopt;
    const std::optional<int> b = co_await pair(q, x + 2);
    if (!b) co_return std::nullopt;
    co_return *a + *b;
  }
  static lab03::root_task<Allocation> root(lab03::run_queue&, task work) {
    store(co_await std::move(work));
  }
  static void run(lab03::run_queue& q, int x) {
    auto r = root(q, sum(q, x));
    if (r.valid()) q.post(r.release());
    q.run();
  }
};

struct direct_to_pool {
  static void* operator new(std::size_t size) noexcept {
    return pool.allocate(size, coframe::frame_alignment);
  }
  static void operator delete(void* frame, std::size_t size) noexcept {
    pool.deallocate(frame, size, coframe::frame_alignment);
  }
};

void run(lab03::run_queue& q, int x) {
#if DESIGN == 0
  plain_chain<direct_to_pool>::run(q, x);
#elif DESIGN == 1
  using namespace lab03::by_argument;
  if (async_run(std::allocator_arg, pool, q, sum(std::allocator_arg, pool, q, x), store)) q.run();
#elif DESIGN == 2
  using namespace lab03::by_dispatcher;
  const dispatcher d{q, pool};
  if (async_run(d, sum(d, x), store)) q.run();
#elif DESIGN == 3
  // The scoped_queue of design 3 restores the allocator around every resume.
  using namespace lab03::by_scope;
  scoped_queue sq;
  coframe::frame_scope scope{pool};
  if (async_run(sq, sum(sq, x), store)) sq.run();
  (void)q;
#elif DESIGN == 4
  using namespace lab03::by_any_dispatcher;
  const any_dispatcher d{q, &pool};
  if (async_run(d, sum(d, x), store)) q.run();
#elif DESIGN == 5
  coframe::frame_scope scope{pool};
  plain_chain<coframe::promise_allocator>::run(q, x);
#endif
}

}  // namespace

int main() {
  lab03::run_queue q;
  run(q, 1);
  coframe::println("sum(1) = ", result.value_or(-1));
  return result == lab03::sum_expected(1) ? 0 : 1;
}
