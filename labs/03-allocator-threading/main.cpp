// Lab 03 — threading a frame allocator through coroutine chains.
//
// Run it:   ./workbook run 03            (and ./workbook run 03 lifetime: an allocator that dies
//                                          with frames still alive)
// Chapter:  book/03-allocator-threading.md ("Lab 03: allocator threading" in the book)
//
// 1. The problem: a coroutine's frame is allocated by the call, before its promise exists, by
//    an operator new that sees only the call's arguments; operator delete sees none at all.
// 2. The framework's own coroutine: async_run's root_task has no allocator among its
//    arguments, so it silently takes the default.
// 3-6. Four ways to deliver an allocator to every frame of a chain, root_task included, each
//    run on the same work: two chains with different allocators, interleaved; every
//    allocation failing in turn; and what the design cannot do.
#include "chains.hpp"

#include <coframe/board/console.hpp>
#include <coframe/frame/counting_frame_resource.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_record.hpp>
#include <coframe/frame/frame_scope.hpp>

#include <coroutine>
#include <cstddef>
#include <optional>

using coframe::counting_frame_resource;
using coframe::default_frame_pool;
using coframe::frame_resource;
using coframe::println;

namespace {

// The counting allocators A and B take their blocks from a pool of their own, so that the
// default pool counts only the frames that reached it directly.
coframe::frame_pool upstream;

bool all_good = true;
void check(bool condition) { all_good = all_good && condition; }

// ---- 1. the problem ------------------------------------------------------------------------

// [traced]
// A coroutine type whose promise says what happens, in order, when its coroutine is called.
struct traced {
  struct promise_type {
    // The frame comes first: this runs before the promise exists, and all it is given is the
    // frame's size and the call's arguments (here, the one int).
    static void* operator new(std::size_t size, int argument) noexcept {
      println("  operator new(", size, ", ", argument, "): the frame, before anything else");
      return coframe::allocate_default_frame(size);
    }
    // ... and this gets the frame and its size, nothing else: no arguments, no promise.
    static void operator delete(void* frame, std::size_t size) noexcept {
      println("  operator delete(frame, ", size, "): no arguments, no promise");
      coframe::deallocate_frame(frame, size);
    }
    promise_type() { println("  the promise is constructed, inside the frame"); }
    traced get_return_object() noexcept {
      println("  get_return_object(): what the caller will get");
      return traced{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    static traced get_return_object_on_allocation_failure() noexcept { return traced{}; }
    std::suspend_always initial_suspend() noexcept {
      println("  initial_suspend(): back to the caller before the body runs");
      return {};
    }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { coframe::panic("exception in a traced coroutine"); }
  };
  std::coroutine_handle<promise_type> frame;
};

traced read_channel(int channel) {
  println("  the body runs, channel ", channel);
  co_return;
}
// [traced]

void the_problem() {
  println("1. the problem: the call allocates the frame, before the promise exists");
  // [call-traced]
  traced t = read_channel(7);
  println("  the call has returned");
  t.frame.resume();
  t.frame.destroy();
  // [call-traced]
}

// ---- running a design ----------------------------------------------------------------------

// Frames alive from the default pool, over what was alive before the design ran: a design
// that delivers its allocator to every frame leaves this at zero all through the run.
struct default_pool_probe {
  std::size_t before = default_frame_pool().outstanding();
  std::size_t peak = 0;
  void look() {
    const std::size_t now = default_frame_pool().outstanding() - before;
    if (now > peak) peak = now;
  }
};

template <class Queue>
void run_watching(Queue& queue, default_pool_probe& probe) {
  probe.look();
  while (queue.run_one()) probe.look();
}

void print_frames(const counting_frame_resource& a, const counting_frame_resource& b,
                  const default_pool_probe& probe) {
  coframe::print("  frames: ", a.allocated(), " from A, ", b.allocated(), " from B, ");
  if (probe.peak == 0) {
    println("none from the default pool");
  } else {
    println(probe.peak, " from the default pool");
  }
}

// `start(alloc, x, &result)` runs sum(x) through one design's async_run with frames from
// `alloc`, and returns what async_run returned.
template <class Queue, class Start>
void interleave(Queue& queue, Start start) {
  counting_frame_resource a{"A", upstream}, b{"B", upstream};
  std::optional<int> result_a, result_b;
  default_pool_probe probe;
  const bool started = start(a, 1, &result_a) && start(b, 3, &result_b);
  run_watching(queue, probe);
  println("  chains on A and B, interleaved: sum(1) = ", result_a.value_or(-1),
          ", sum(3) = ", result_b.value_or(-1));
  print_frames(a, b, probe);
  println("  after the run: ", a.outstanding(), " outstanding on A, ", b.outstanding(), " on B");
  check(started && result_a == lab03::sum_expected(1) && result_b == lab03::sum_expected(3) &&
        a.requests() > 0 && b.requests() > 0 && probe.peak == 0 && a.outstanding() == 0 &&
        b.outstanding() == 0);
}

// Fails the 1st, 2nd, ... allocation of one run in turn, until a run has no allocation left
// to fail. Each failure must reach the caller as a value: async_run returning false (the root
// could not be allocated) or the handler getting an empty result.
template <class Queue, class Start>
void fail_each_allocation(Queue& queue, Start start) {
  counting_frame_resource a{"A", upstream};
  std::size_t errors = 0, leaks = 0, n = 1;
  for (;; ++n) {
    a.fail_at(n);
    const std::size_t failed_before = a.failed();
    std::optional<int> result;
    const bool started = start(a, 1, &result);
    queue.run();
    if (a.outstanding() != 0) ++leaks;
    if (a.failed() == failed_before) {
      check(started && result == lab03::sum_expected(1));
      break;
    }
    if (!started || !result) ++errors;
  }
  println("  allocation 1..", n - 1, " failed in turn: ", errors, " error values, ", leaks,
          " runs left frames");
  check(errors == n - 1 && leaks == 0);
}

template <class Result>
auto store_in(std::optional<Result>* slot) {
  return [slot](std::optional<Result> r) { *slot = r; };
}

// ---- 2. the framework's own coroutine ------------------------------------------------------

namespace naive {
using lab03::by_argument::task;
// [naive-root]
// async_run as a framework might first write it: the root takes the queue and the task. No
// allocator among its arguments, so its frame comes from the default.
template <class T, class Handler>
lab03::root_task<lab03::by_argument::allocation> run_root(lab03::run_queue&, task<T> work,
                                                          Handler handler) {
  handler(co_await std::move(work));
}
// [naive-root]
}  // namespace naive

void the_root_task() {
  println("2. the framework's own coroutine: async_run's root_task");
  lab03::run_queue queue;
  counting_frame_resource a{"A", upstream};
  std::optional<int> result;
  default_pool_probe probe;
  lab03::by_argument::task<int> work =
      lab03::by_argument::sum(std::allocator_arg, a, queue, 1);
  auto root = naive::run_root(queue, std::move(work), store_in(&result));
  queue.post(root.release());
  run_watching(queue, probe);
  println("  the chain passes A to every call: frames from A: ", a.allocated());
  println("  the root takes no allocator: frames from the default pool: ", probe.peak);
  check(result == lab03::sum_expected(1) && probe.peak == 1);
}

// ---- 3. design 1: the allocator as an argument ---------------------------------------------

// The coroutines that show what a design cannot do are noinline: a compiler may otherwise
// place their frames inside their caller's (HALO, see the chapter's Measured section), and a
// frame that is never allocated cannot show where it would have come from.

namespace by_argument_limits {
using namespace lab03::by_argument;
// A coroutine written without the allocator parameter, called from a chain that has one.
[[gnu::noinline]] task<int> cube(lab03::run_queue& queue, int x) {
  co_await queue.yield();
  co_return x * x * x;
}
task<int> volume(std::allocator_arg_t, frame_resource&, lab03::run_queue& queue, int x) {
  co_return co_await cube(queue, x);
}
}  // namespace by_argument_limits

void design_argument() {
  using namespace lab03::by_argument;
  println("3. design 1: the allocator as an argument (std::allocator_arg)");
  lab03::run_queue queue;
  // [start-argument]
  auto start = [&queue](frame_resource& alloc, int x, std::optional<int>* result) {
    return async_run(std::allocator_arg, alloc, queue, sum(std::allocator_arg, alloc, queue, x),
                     store_in(result));
  };
  // [start-argument]
  interleave(queue, start);
  fail_each_allocation(queue, start);

  counting_frame_resource a{"A", upstream};
  std::optional<int> result;
  default_pool_probe probe;
  check(async_run(std::allocator_arg, a, queue,
                  by_argument_limits::volume(std::allocator_arg, a, queue, 2), store_in(&result)));
  run_watching(queue, probe);
  println("  cannot: cube(), without the parameter, took the default pool: ", probe.peak,
          " frame");
  check(result == 8 && probe.peak == 1);
}

// ---- 4. design 2: the dispatcher carries the allocator -------------------------------------

namespace by_dispatcher_limits {
using namespace lab03::by_dispatcher;
// A child that takes the queue it runs on, not the allocating dispatcher.
[[gnu::noinline]] task<int> cube(lab03::run_queue& queue, int x) {
  co_await queue.yield();
  co_return x * x * x;
}
task<int> volume(dispatcher d, lab03::run_queue& queue, int x) {
  (void)d;
  co_return co_await cube(queue, x);
}
}  // namespace by_dispatcher_limits

void design_dispatcher() {
  using namespace lab03::by_dispatcher;
  println("4. design 2: the dispatcher carries the allocator (with_allocator)");
  lab03::run_queue queue;
  // [start-dispatcher]
  auto start = [&queue](frame_resource& alloc, int x, std::optional<int>* result) {
    const dispatcher d = with_allocator(queue, alloc);
    return async_run(d, sum(d, x), store_in(result));
  };
  // [start-dispatcher]
  interleave(queue, start);
  fail_each_allocation(queue, start);

  counting_frame_resource a{"A", upstream};
  std::optional<int> result;
  default_pool_probe probe;
  const dispatcher d{queue, a};
  check(async_run(d, by_dispatcher_limits::volume(d, queue, 2), store_in(&result)));
  run_watching(queue, probe);
  println("  cannot: cube(), without the dispatcher, took the default pool: ", probe.peak,
          " frame");
  check(result == 8 && probe.peak == 1);
}

// ---- 5. design 3: a scoped current allocator -----------------------------------------------

namespace by_scope_limits {
using namespace lab03::by_scope;
// sum() of the chain, over children that are always allocated.
[[gnu::noinline]] task<int> square(lab03::run_queue& queue, int x) {
  co_await queue.yield();
  co_return x * x;
}
task<int> sum(lab03::run_queue& queue, int x) {
  const std::optional<int> a = co_await square(queue, x);
  if (!a) co_return std::nullopt;
  const std::optional<int> b = co_await square(queue, x + 1);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
}  // namespace by_scope_limits

void design_scope() {
  using namespace lab03::by_scope;
  println("5. design 3: a scoped current allocator (frame_scope)");
  scoped_queue queue;
  // [start-scope]
  auto start = [&queue](frame_resource& alloc, int x, std::optional<int>* result) {
    coframe::frame_scope scope{alloc};
    return async_run(queue, sum(queue, x), store_in(result));
  };
  // [start-scope]
  interleave(queue, start);
  fail_each_allocation(queue, start);

  // The same two chains on a queue that does not restore the allocator around each resume,
  // run where B's scope is still open: every frame created after the first suspension, in
  // either chain, comes from whatever is current then.
  lab03::run_queue plain;
  counting_frame_resource a{"A", upstream}, b{"B", upstream};
  std::optional<int> result_a, result_b;
  {
    coframe::frame_scope scope{a};
    check(async_run(plain, by_scope_limits::sum(plain, 1), store_in(&result_a)));
  }
  {
    coframe::frame_scope scope{b};
    check(async_run(plain, by_scope_limits::sum(plain, 3), store_in(&result_b)));
    plain.run();
  }
  println("  cannot, unrestored on resume: A served ", a.allocated(), ", B ", b.allocated(),
          " (A's squares came from B)");
  check(result_a == 1 + 4 && result_b == 9 + 16 && b.allocated() > a.allocated());
}

// ---- 6. design 4: a type-erased dispatcher with a type-erased allocator --------------------

void design_any_dispatcher() {
  using namespace lab03::by_any_dispatcher;
  println("6. design 4: any_dispatcher, type-erased, with the default pool as fallback");
  lab03::run_queue queue;
  // [start-any]
  auto start = [&queue](frame_resource& alloc, int x, std::optional<int>* result) {
    const any_dispatcher d{queue, &alloc};
    return async_run(d, sum(d, x), store_in(result));
  };
  // [start-any]
  interleave(queue, start);
  fail_each_allocation(queue, start);

  std::optional<int> result;
  default_pool_probe probe;
  const any_dispatcher d{queue};  // no allocator given
  check(async_run(d, sum(d, 1), store_in(&result)));
  run_watching(queue, probe);
  println("  given no allocator: ", probe.peak, " frames alive at once from the default pool");
  check(result == lab03::sum_expected(1) && probe.peak > 0);
}

}  // namespace

int main() {
  println("coframe lab 03: threading a frame allocator through coroutine chains");
  the_problem();
  the_root_task();
  design_argument();
  design_dispatcher();
  design_scope();
  design_any_dispatcher();
  const std::size_t left = default_frame_pool().outstanding();
  println("frames still alive in the default pool: ", left);
  check(left == 0);
  println(all_good ? "every check passed" : "A CHECK FAILED");
  return all_good ? 0 : 1;
}
