// Lab 05: the flash the executor costs. The same two tasks, built twice: EXECUTOR=1 runs them
// on lib/'s executor (spawn, block_on, yield_now: the loop, the ready queue, wakers, the sleep
// and the timers come with it); EXECUTOR=0 resumes them by hand in a loop, each suspending with
// a bare awaitable. Frames come from the default pool in both. The benchmark prints the two
// firmware sizes and their difference (the build measures them; see meson.build).
#include <coframe/coro/task.hpp>

#if EXECUTOR
#include <coframe/exec/executor.hpp>
#include <coframe/exec/yield.hpp>
#endif

#include <coroutine>

namespace {

volatile int turns = 0;

#if EXECUTOR
struct app {};
using executor = coframe::thread_mode_executor<app>;
auto suspend() { return coframe::yield_now(); }
#else
auto suspend() { return std::suspend_always{}; }
#endif

coframe::task<> worker(int n) {
  for (int i = 0; i < n; ++i) {
    turns = turns + 1;
    co_await suspend();
  }
}

}  // namespace

int main() {
#if EXECUTOR
  auto x = *executor::get();
  if (!x.spawn(worker(3))) return 1;
  (void)x.block_on(worker(3));
#else
  auto a = worker(3), b = worker(3);
  auto ha = coframe::internal::task_access::frame(a), hb = coframe::internal::task_access::frame(b);
  while (!ha.done() || !hb.done()) {
    if (!ha.done()) ha.resume();
    if (!hb.done()) hb.resume();
  }
#endif
  return turns;
}
