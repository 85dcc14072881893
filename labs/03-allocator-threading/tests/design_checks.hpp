// Lab 03's tests of the four designs, written once and run twice: on the board (TAP, in
// lab03_test.cpp) and on the host under the sanitizers, by GCC and by Clang
// (lab03_host_test.cpp). Each check reports through a callback `report(bool, description)`.
//
// What every design must do, checked in a way no optimiser can fake or spoil:
//  - every frame allocated while a chain runs, and its root_task, comes from the allocator the
//    chain was started with. The test chains record which chain is running whenever they run,
//    and a checking allocator compares on every allocation, so the check holds whatever frames
//    a compiler elides (HALO: Clang allocates fewer frames than GCC for the same chain);
//  - two chains with different allocators, interleaved, never take each other's allocator;
//  - failing the 1st, 2nd, ... allocation in turn, for as many as the chain makes, gives an
//    error value at the caller and leaves nothing allocated;
//  - destroying a suspended chain frees every frame it had.
// The allocator, the chain's input and the interleaving order come from run-time values the
// compiler cannot see.
#pragma once

#include "../any_dispatcher.hpp"
#include "../argument.hpp"
#include "../dispatcher.hpp"
#include "../scoped.hpp"

#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_scope.hpp>

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace lab03_tests {

using coframe::frame_resource;

/// A value the compiler cannot see through.
template <class T>
T opaque(T value) {
  static volatile T hidden;
  hidden = value;
  return hidden;
}

// ---- which chain is running ------------------------------------------------------------------

/// The id of the chain whose code runs now (0: the test itself). Every test coroutine sets it
/// whenever it starts or resumes.
inline int running_chain = 0;

/// An allocator that belongs to one chain: it counts, and it records every allocation made
/// while another chain runs.
class chain_resource final : public frame_resource {
 public:
  chain_resource(int owner, frame_resource& upstream) noexcept
      : owner_(owner), upstream_(upstream) {}
  void* allocate(std::size_t size, std::size_t alignment) noexcept override {
    ++requests_;
    if (running_chain != owner_) ++strangers_;
    if (requests_ == fail_at_) return nullptr;
    void* block = upstream_.allocate(size, alignment);
    if (block != nullptr) ++allocated_;
    return block;
  }
  void deallocate(void* block, std::size_t size, std::size_t alignment) noexcept override {
    ++freed_;
    upstream_.deallocate(block, size, alignment);
  }
  void fail_at(std::size_t n) noexcept { fail_at_ = n == 0 ? 0 : requests_ + n; }
  std::size_t requests() const noexcept { return requests_; }
  std::size_t allocated() const noexcept { return allocated_; }
  std::size_t outstanding() const noexcept { return allocated_ - freed_; }
  /// Allocations made while a chain other than the owner ran.
  std::size_t strangers() const noexcept { return strangers_; }

 private:
  int owner_;
  frame_resource& upstream_;
  std::size_t requests_ = 0, allocated_ = 0, freed_ = 0, strangers_ = 0, fail_at_ = 0;
};

/// sum(x) for the test chains: the lab's shape, square(x) + ... + square(x + 3).
constexpr int expected_sum(int x) {
  return x * x + (x + 1) * (x + 1) + (x + 2) * (x + 2) + (x + 3) * (x + 3);
}

// ---- the test chains, one per design ---------------------------------------------------------
// The lab's chains (chains.hpp), plus the chain id. `id` is set again after every co_await,
// because another chain may have run in between.

namespace by_argument {
using namespace lab03::by_argument;
inline task<int> square(std::allocator_arg_t, frame_resource&, lab03::run_queue& q, int id, int x) {
  running_chain = id;
  co_await q.yield();
  running_chain = id;
  co_return x * x;
}
inline task<int> pair(std::allocator_arg_t, frame_resource& a, lab03::run_queue& q, int id, int x) {
  running_chain = id;
  const std::optional<int> s = co_await square(std::allocator_arg, a, q, id, x);
  running_chain = id;
  if (!s) co_return std::nullopt;
  const std::optional<int> t = co_await square(std::allocator_arg, a, q, id, x + 1);
  running_chain = id;
  if (!t) co_return std::nullopt;
  co_return *s + *t;
}
inline task<int> sum(std::allocator_arg_t, frame_resource& a, lab03::run_queue& q, int id, int x) {
  running_chain = id;
  const std::optional<int> s = co_await pair(std::allocator_arg, a, q, id, x);
  running_chain = id;
  if (!s) co_return std::nullopt;
  const std::optional<int> t = co_await pair(std::allocator_arg, a, q, id, x + 2);
  running_chain = id;
  if (!t) co_return std::nullopt;
  co_return *s + *t;
}
}  // namespace by_argument

namespace by_dispatcher {
using namespace lab03::by_dispatcher;
inline task<int> square(dispatcher d, int id, int x) {
  running_chain = id;
  co_await d.yield();
  running_chain = id;
  co_return x * x;
}
inline task<int> pair(dispatcher d, int id, int x) {
  running_chain = id;
  const std::optional<int> s = co_await square(d, id, x);
  running_chain = id;
  if (!s) co_return std::nullopt;
  const std::optional<int> t = co_await square(d, id, x + 1);
  running_chain = id;
  if (!t) co_return std::nullopt;
  co_return *s + *t;
}
inline task<int> sum(dispatcher d, int id, int x) {
  running_chain = id;
  const std::optional<int> s = co_await pair(d, id, x);
  running_chain = id;
  if (!s) co_return std::nullopt;
  const std::optional<int> t = co_await pair(d, id, x + 2);
  running_chain = id;
  if (!t) co_return std::nullopt;
  co_return *s + *t;
}
}  // namespace by_dispatcher

namespace by_scope {
using namespace lab03::by_scope;
template <class Queue>
task<int> square(Queue& q, int id, int x) {
  running_chain = id;
  co_await q.yield();
  running_chain = id;
  co_return x * x;
}
template <class Queue>
task<int> pair(Queue& q, int id, int x) {
  running_chain = id;
  const std::optional<int> s = co_await square(q, id, x);
  running_chain = id;
  if (!s) co_return std::nullopt;
  const std::optional<int> t = co_await square(q, id, x + 1);
  running_chain = id;
  if (!t) co_return std::nullopt;
  co_return *s + *t;
}
template <class Queue>
task<int> sum(Queue& q, int id, int x) {
  running_chain = id;
  const std::optional<int> s = co_await pair(q, id, x);
  running_chain = id;
  if (!s) co_return std::nullopt;
  const std::optional<int> t = co_await pair(q, id, x + 2);
  running_chain = id;
  if (!t) co_return std::nullopt;
  co_return *s + *t;
}
}  // namespace by_scope

namespace by_any_dispatcher {
using namespace lab03::by_any_dispatcher;
inline task<int> square(any_dispatcher d, int id, int x) {
  running_chain = id;
  co_await d.yield();
  running_chain = id;
  co_return x * x;
}
inline task<int> pair(any_dispatcher d, int id, int x) {
  running_chain = id;
  const std::optional<int> s = co_await square(d, id, x);
  running_chain = id;
  if (!s) co_return std::nullopt;
  const std::optional<int> t = co_await square(d, id, x + 1);
  running_chain = id;
  if (!t) co_return std::nullopt;
  co_return *s + *t;
}
inline task<int> sum(any_dispatcher d, int id, int x) {
  running_chain = id;
  const std::optional<int> s = co_await pair(d, id, x);
  running_chain = id;
  if (!s) co_return std::nullopt;
  const std::optional<int> t = co_await pair(d, id, x + 2);
  running_chain = id;
  if (!t) co_return std::nullopt;
  co_return *s + *t;
}
}  // namespace by_any_dispatcher

// ---- the designs, as the checks see them -----------------------------------------------------
// Each: its queue type, how to start sum(x) as chain `id` on `alloc` through its async_run,
// and how to make the bare task (for the destruction check).

template <class Result>
auto store_in(std::optional<Result>* slot) {
  return [slot](std::optional<Result> r) { *slot = r; };
}

struct argument_design {
  static constexpr const char* name = "design 1 (argument)";
  using queue = lab03::run_queue;
  static bool start(queue& q, frame_resource& alloc, int id, int x, std::optional<int>* out) {
    running_chain = id;
    const bool started = lab03::by_argument::async_run(
        std::allocator_arg, alloc, q, by_argument::sum(std::allocator_arg, alloc, q, id, x),
        store_in(out));
    running_chain = 0;
    return started;
  }
  static auto make(queue& q, frame_resource& alloc, int id, int x) {
    return by_argument::sum(std::allocator_arg, alloc, q, id, x);
  }
};

struct dispatcher_design {
  static constexpr const char* name = "design 2 (dispatcher)";
  using queue = lab03::run_queue;
  static bool start(queue& q, frame_resource& alloc, int id, int x, std::optional<int>* out) {
    running_chain = id;
    const by_dispatcher::dispatcher d = lab03::by_dispatcher::with_allocator(q, alloc);
    const bool started = lab03::by_dispatcher::async_run(d, by_dispatcher::sum(d, id, x),
                                                         store_in(out));
    running_chain = 0;
    return started;
  }
  static auto make(queue& q, frame_resource& alloc, int id, int x) {
    return by_dispatcher::sum(lab03::by_dispatcher::with_allocator(q, alloc), id, x);
  }
};

struct scope_design {
  static constexpr const char* name = "design 3 (scope)";
  using queue = lab03::by_scope::scoped_queue;
  static bool start(queue& q, frame_resource& alloc, int id, int x, std::optional<int>* out) {
    running_chain = id;
    coframe::frame_scope scope{alloc};
    const bool started = lab03::by_scope::async_run(q, by_scope::sum(q, id, x), store_in(out));
    running_chain = 0;
    return started;
  }
  static auto make(queue& q, frame_resource& alloc, int id, int x) {
    coframe::frame_scope scope{alloc};
    return by_scope::sum(q, id, x);
  }
};

struct any_dispatcher_design {
  static constexpr const char* name = "design 4 (any_dispatcher)";
  using queue = lab03::run_queue;
  static bool start(queue& q, frame_resource& alloc, int id, int x, std::optional<int>* out) {
    running_chain = id;
    const lab03::by_any_dispatcher::any_dispatcher d{q, &alloc};
    const bool started =
        lab03::by_any_dispatcher::async_run(d, by_any_dispatcher::sum(d, id, x), store_in(out));
    running_chain = 0;
    return started;
  }
  static auto make(queue& q, frame_resource& alloc, int id, int x) {
    return by_any_dispatcher::sum(lab03::by_any_dispatcher::any_dispatcher{q, &alloc}, id, x);
  }
};

// ---- the checks ------------------------------------------------------------------------------

/// Frames alive in the default pool beyond those alive when it was made.
struct default_pool_watch {
  std::size_t before = coframe::default_frame_pool().outstanding();
  std::size_t peak = 0;
  void look() {
    const std::size_t now = coframe::default_frame_pool().outstanding() - before;
    if (now > peak) peak = now;
  }
};

template <class Queue>
void run(Queue& q, default_pool_watch& watch) {
  watch.look();
  while (q.run_one()) {
    running_chain = 0;
    watch.look();
  }
}

/// Two chains, each on its own allocator, chosen and ordered at run time, interleaved.
template <class Design, class Report>
void check_interleaved(Report report, frame_resource& upstream, int order) {
  typename Design::queue q;
  chain_resource a{1, upstream}, b{2, upstream};
  chain_resource* first = order == 0 ? &a : &b;
  chain_resource* second = order == 0 ? &b : &a;
  const int x_first = opaque(order + 1), x_second = opaque(order + 5);
  std::optional<int> r_first, r_second;
  default_pool_watch watch;
  const bool started = Design::start(q, *first, first == &a ? 1 : 2, x_first, &r_first) &&
                       Design::start(q, *second, second == &a ? 1 : 2, x_second, &r_second);
  run(q, watch);
  report(started, "both chains started");
  report(r_first == expected_sum(x_first) && r_second == expected_sum(x_second),
         "both chains computed their sums");
  report(a.requests() > 0 && b.requests() > 0,
         "each allocator served its chain (at least the root, which no compiler can elide)");
  report(a.strangers() == 0 && b.strangers() == 0,
         "no frame came from the other chain's allocator");
  report(watch.peak == 0, "no frame came from the default pool, root_task included");
  report(a.outstanding() == 0 && b.outstanding() == 0, "every frame was freed");
}

/// Fails allocation 1, 2, ... in turn, until a run has nothing left to fail.
template <class Design, class Report>
void check_every_failure(Report report, frame_resource& upstream) {
  typename Design::queue q;
  chain_resource a{1, upstream};
  const int x = opaque(2);
  bool every_failure_reported = true, nothing_left = true, default_untouched = true;
  std::size_t n = 1;
  for (; n < 64; ++n) {
    a.fail_at(n);
    const std::size_t requests_before = a.requests();
    std::optional<int> result;
    default_pool_watch watch;
    const bool started = Design::start(q, a, 1, x, &result);
    run(q, watch);
    nothing_left = nothing_left && a.outstanding() == 0;
    default_untouched = default_untouched && watch.peak == 0;
    if (a.requests() - requests_before < n) {  // the run made fewer than n requests
      a.fail_at(0);
      report(started && result == expected_sum(x), "with no allocation failed, the sum");
      break;
    }
    every_failure_reported = every_failure_reported && (!started || !result.has_value());
  }
  report(n > 1 && n < 64, "the sweep ended: some allocation was made, and finitely many");
  report(every_failure_reported,
         "each failed allocation reached the caller as an error value (false or empty)");
  report(nothing_left, "after each failure every frame was freed");
  report(default_untouched, "no failure sent a frame to the default pool instead");
}

/// A chain suspended halfway, then destroyed with its owner, frees every frame it had.
template <class Design, class Report>
void check_destroy_suspended(Report report, frame_resource& upstream) {
  chain_resource a{1, upstream};
  const std::size_t default_before = coframe::default_frame_pool().outstanding();
  {
    typename Design::queue q;
    auto work = Design::make(q, a, 1, opaque(3));
    // A minimal owner that starts the task and can be destroyed while the task is suspended.
    struct owner {
      struct promise_type {
        owner get_return_object() noexcept {
          return owner{std::coroutine_handle<promise_type>::from_promise(*this)};
        }
        std::suspend_never initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() noexcept {}
        void unhandled_exception() noexcept {}
      };
      std::coroutine_handle<promise_type> frame;
      ~owner() { frame.destroy(); }
    };
    auto drive = [](decltype(work) w) -> owner { (void)co_await std::move(w); };
    running_chain = 1;
    {
      owner o = drive(std::move(work));
      q.run_one();  // one step: the chain is suspended deeper now
      report(a.outstanding() > 0, "the suspended chain holds frames");
    }  // the owner, and with it the whole chain, is destroyed here; q is dropped unrun
    running_chain = 0;
  }
  report(a.outstanding() == 0 && coframe::default_frame_pool().outstanding() == default_before,
         "destroying the suspended chain freed every frame");
}

/// Every check, for one design.
template <class Design, class Report>
void check_design(Report report, frame_resource& upstream) {
  check_interleaved<Design>(report, upstream, opaque(0));
  check_interleaved<Design>(report, upstream, opaque(1));
  check_every_failure<Design>(report, upstream);
  check_destroy_suspended<Design>(report, upstream);
}

}  // namespace lab03_tests
