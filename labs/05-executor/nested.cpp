// Lab 05, variant "nested": a task calls block_on, and the executor stops the program.
//
// Run it:   ./workbook run 05 nested       (status 134, and the message below)
//
// "no-std async experiments 2" shows the deadlock a nested block_on can cause: the inner call waits for a task
// that waits for the outer one, which cannot go on until the inner call returns. Our
// executor refuses the nested call outright, with a message that says what to do instead.
#include <coframe/board/console.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/channel.hpp>
#include <coframe/exec/executor.hpp>

using coframe::println;
using coframe::task;

namespace {

struct app {};
using executor = coframe::thread_mode_executor<app>;

// [nested]
coframe::channel<int, 1> ch;

task<> receiver() {
  auto value = co_await ch.receive();  // waits for the outer task's send
  println("got ", *value);
}

task<> outer(executor x) {
  println("outer: block_on(receiver()) before sending");
  (void)x.block_on(receiver());  // the send below could never happen: refused here
  (void)co_await ch.send(0);
  println("sent");
}
// [nested]

}  // namespace

int main() {
  auto x = *executor::get();
  (void)x.block_on(outer(x));
  return 0;
}
