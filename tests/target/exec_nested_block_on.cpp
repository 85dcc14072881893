// A task that calls block_on: the executor stops the program with a message and status 134
// (tests/meson.build checks both), rather than deadlock or run on wrongly.
#include <coframe/board/console.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/executor.hpp>
#include <coframe/exec/yield.hpp>

namespace {
struct app {};
using executor = coframe::thread_mode_executor<app>;

coframe::task<int> inner() {
  co_await coframe::yield_now();
  co_return 1;
}
coframe::task<int> outer(executor x) {
  coframe::println("outer task: calling block_on");
  co_return *x.block_on(inner());  // nested: stops here
}
}  // namespace

int main() {
  auto x = *executor::get();
  (void)x.block_on(outer(x));
  coframe::println("not reached");
  return 0;
}
