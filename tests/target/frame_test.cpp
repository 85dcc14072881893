// Target tests of coframe/frame/ on the board (TAP): the default pool's blocks with the
// board's alignment and newlib's malloc behind it, the promise mixin's choice of allocator,
// the record with GCC's frame layout for this core, allocation failure along a chain. The
// host tests (tests/host/frame_test.cpp) cover the same under the sanitizers and Clang.
#include <coframe/frame/counting_frame_resource.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_scope.hpp>
#include <coframe/frame/promise_allocator.hpp>
#include <coframe/testing/tap.hpp>

#include "../frame_task.hpp"

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace tap = coframe::tap;
using coframe::counting_frame_resource;
using coframe::frame_pool;
using coframe::frame_scope;

namespace {

volatile int runtime_input = 3;  // a value the compiler cannot see

using frame_tests::task;

task<int> leaf(int x) { co_return x * x; }
task<int> top(int x) {
  const std::optional<int> a = co_await leaf(x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await leaf(x + 1);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
task<int> forced(std::allocator_arg_t, counting_frame_resource&, int x) { co_return x + 1; }

void pool_tests() {
  frame_pool pool;
  bool aligned = true, distinct = true;
  void* blocks[frame_pool::classes];
  for (std::size_t c = 0; c < frame_pool::classes; ++c) {
    const std::size_t size = (c + 1) * frame_pool::granularity;
    blocks[c] = pool.allocate(size, coframe::frame_alignment);
    aligned = aligned && blocks[c] != nullptr &&
              reinterpret_cast<std::uintptr_t>(blocks[c]) % coframe::frame_alignment == 0;
    for (std::size_t d = 0; d < c; ++d) distinct = distinct && blocks[d] != blocks[c];
  }
  tap::equal(coframe::frame_alignment, std::size_t{8}, "frames are 8-byte aligned on Cortex-M");
  tap::ok(aligned, "a block of every class is aligned to frame_alignment");
  tap::ok(distinct, "blocks alive at once are distinct");
  tap::equal(pool.outstanding(), std::size_t{frame_pool::classes}, "outstanding counts them");
  const std::size_t size = 4 + static_cast<std::size_t>(runtime_input);
  void* again_before = blocks[(size - 1) / frame_pool::granularity];
  for (std::size_t c = 0; c < frame_pool::classes; ++c) {
    pool.deallocate(blocks[c], (c + 1) * frame_pool::granularity, coframe::frame_alignment);
  }
  tap::ok(pool.allocate(size, coframe::frame_alignment) == again_before,
          "a freed block serves the next request of its class");
  pool.deallocate(again_before, size, coframe::frame_alignment);
  tap::equal(pool.outstanding(), std::size_t{0}, "every block came back");
  pool.release();
}

void promise_tests() {
  counting_frame_resource a{"A"}, b{"B"};
  {
    frame_scope scope{a};
    tap::equal(top(runtime_input).run().value_or(-1), 9 + 16, "a chain inside a scope runs");
  }
  tap::ok(a.allocated() >= 1 && a.outstanding() == 0,
          "its frames came from the scope's allocator, and went back");
  {
    frame_scope scope{a};
    auto t = forced(std::allocator_arg, b, runtime_input);
    tap::ok(b.allocated() == 1 && t.run() == 4, "std::allocator_arg beats the current allocator");
  }
  tap::equal(b.outstanding(), std::size_t{0}, "the forced frame went back to its allocator");

  // Fail each allocation of the chain in turn, however many this compiler makes.
  frame_scope scope{a};
  bool errors = true, clean = true;
  std::size_t n = 1;
  for (; n < 32; ++n) {
    a.fail_at(n);
    const std::size_t requests = a.requests();
    const std::optional<int> result = top(runtime_input).run();
    clean = clean && a.outstanding() == 0;
    if (a.requests() - requests < n) {
      tap::equal(result.value_or(-1), 25, "with nothing failed, the chain's value");
      break;
    }
    errors = errors && !result.has_value();
  }
  a.fail_at(0);
  tap::ok(n > 1 && errors, "each failed allocation reached the caller as an empty result");
  tap::ok(clean, "and left no frame behind");
}

}  // namespace

int main() {
  pool_tests();
  promise_tests();
  tap::equal(coframe::default_frame_pool().outstanding(), std::size_t{0},
             "no frame left in the default pool");
  tap::done();
}
