// Lab 05 — a cooperative executor: spawn, block_on, wakers from interrupts, sleep, timers,
// channels, and tasks that share state without a mutex.
//
// Run it:   ./workbook run 05          (./workbook run 05 nested: a task calls block_on)
// Chapter:  book/05-executor.md ("Lab 05: an executor" in the book)
//
// The final executor is lib/'s (coframe/exec/); this firmware puts it to work, one idea per
// section of the output: the example of Jorge Aparicio's "no-std async experiments 2",
// translated; a waker woken three times from an interrupt handler, for one run of the task;
// sleeping on SysTick; values from a timer interrupt through a channel; a channel with
// back-pressure between tasks; the first of two tasks, the other cancelled; and state shared
// between tasks, with and without reference counting. Every frame comes from lab 04's
// thread-mode allocator (app.hpp), and the heap is empty at the end.
#include "app.hpp"

#include <coframe/alloc/std_allocator.hpp>
#include <coframe/board/board.hpp>
#include <coframe/board/console.hpp>
#include <coframe/board/mmio.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/channel.hpp>
#include <coframe/exec/executor.hpp>
#include <coframe/exec/port.hpp>
#include <coframe/exec/irq_channel.hpp>
#include <coframe/exec/timer.hpp>
#include <coframe/exec/when_any.hpp>
#include <coframe/exec/waker.hpp>
#include <coframe/exec/yield.hpp>

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <memory>

using coframe::milliseconds;
using coframe::println;
using coframe::result;
using coframe::task;
using coframe::yield_now;

namespace {

using lab05::executor;
using lab05::frames_in_heap;
using lab05::heap;

// ---- 1. A, B and C: the example of "no-std async experiments 2" -----------------------------

// [seed-example]
task<int> task_c() {
  println("  C0");
  co_await yield_now();
  println("  C1");
  co_return 0;
}

task<int> task_a(executor x) {  // the handle, passed by value: it is empty
  println(" A0");
  co_await yield_now();
  println(" A1");
  if (!x.spawn(task_c())) coframe::panic("could not spawn C");  // a task may spawn
  co_await yield_now();
  println(" A2");
  co_return 42;  // nobody awaits a spawned task: the value is dropped
}

task<int> task_b() {
  println("B0");
  co_await yield_now();
  println("B1");
  co_await yield_now();
  println("B2");
  co_await yield_now();
  println("B3");
  co_return 42;
}
// [seed-example]

task<> until_spawned_tasks_end() {
  while (executor::spawned() != 0) co_await coframe::sleep_for(milliseconds(1));
}

// ---- 2. a waker, from an interrupt handler ----------------------------------------------------

// [waker-from-interrupt]
// The smallest awaitable an interrupt handler can end: a flag, and the waker of the task that
// waits for it.
volatile bool pressed = false;
coframe::waker presser;  // the waiting task's waker; empty when none waits

struct button_press {
  bool await_ready() const noexcept { return pressed; }
  bool await_suspend(std::coroutine_handle<> self) noexcept {
    // Check again and leave the waker in one masked step: a press between await_ready and
    // here would otherwise find no waker, and the task would wait for the next one.
    coframe::port::interrupt_mask masked;
    if (pressed) return false;  // resume at once
    presser = coframe::this_task::suspend(self);
    return true;
  }
  void await_resume() noexcept {
    coframe::port::interrupt_mask masked;
    presser = coframe::waker{};  // woken: a later press must not wake this task elsewhere
    pressed = false;
  }
};

constexpr unsigned button_line = 6;  // PORT0_ALL on the MPS2 boards, free for us

int button_runs = 0;  // how often the waiting task went on past its co_await

task<> wait_for_button() {
  println("  waiting for the button");
  co_await button_press{};
  ++button_runs;
  println("  the button was pressed");
}

task<> press_the_button() {
  co_await yield_now();  // let the other task start waiting
  println("  the interrupt comes three times before the task runs");
  for (int i = 0; i < 3; ++i) {
    coframe::nvic::set_pending(button_line);
    asm volatile("dsb\n isb" ::: "memory");  // the handler has run once this returns
  }
}
// [waker-from-interrupt]
unsigned button_interrupts = 0;

// ---- 3. sleeping on SysTick ------------------------------------------------------------------

// [sleepers]
task<> sleeper(const char* name, std::uint32_t ms) {
  const coframe::instant start = coframe::tick_clock::now();
  co_await coframe::sleep_for(milliseconds(ms));
  const bool on_time = coframe::tick_clock::now() - start >= static_cast<std::int32_t>(ms);
  println("  ", name, " woke after ", ms, " ms", on_time ? "" : " (too early!)");
}

task<> sleepers(executor x) {
  if (!x.spawn(sleeper("a", 30)) || !x.spawn(sleeper("b", 10)) || !x.spawn(sleeper("c", 20))) {
    coframe::panic("could not spawn the sleepers");
  }
  co_await coframe::sleep_for(milliseconds(40));
}
// [sleepers]

// ---- 4. a timer interrupt feeds a task ---------------------------------------------------------

// [timer-channel]
coframe::irq_channel<unsigned, 4> samples;  // from the timer's handler to one task

struct cmsdk_timer {  // the MPS2's TIMER0: counts down at 25 MHz, interrupts at zero
  static void start_every(std::uint32_t counts) {
    coframe::mmio::reg32(base + 0x8) = counts;       // reload
    coframe::mmio::reg32(base + 0x4) = counts;       // value
    coframe::mmio::reg32(base + 0x0) = 1u | 1u << 3;  // enable, with its interrupt
  }
  static void stop() { coframe::mmio::reg32(base) = 0; }
  static void acknowledge() { coframe::mmio::reg32(base + 0xC) = 1; }
  static constexpr std::uintptr_t base = coframe::board::timer0_base;
};
unsigned sample_number = 0;

task<unsigned> sum_of_samples(int n) {
  unsigned sum = 0;
  for (int i = 0; i < n; ++i) {
    const unsigned sample = co_await samples.receive();  // suspends until the handler sends
    println("  sample ", sample);
    sum += sample;
  }
  co_return sum;
}
// [timer-channel]

// ---- 5. back-pressure: a channel between tasks ------------------------------------------------

// [back-pressure]
coframe::channel<int, 2> readings;  // room for two: a third send waits

task<> producer() {
  for (int value = 1; value <= 5; ++value) {
    println("  send ", value);
    (void)co_await readings.send(value);
  }
  readings.close();
}

task<> consumer() {
  while (result<int> value = co_await readings.receive()) {
    println("    got ", *value);
    co_await yield_now();  // a slower consumer: the producer has to wait for it
  }
  println("    closed");
}
// [back-pressure]

// ---- 6. the first of two, the other cancelled ------------------------------------------------

// [when-any]
struct guard {  // shows when a cancelled task's locals are destroyed
  const char* name;
  ~guard() { println("    ~", name); }
};

task<int> slow_reply() {
  guard g{"slow_reply's local"};
  co_await coframe::sleep_for(milliseconds(50));
  co_return 7;
}

task<> timeout(std::uint32_t ms) { co_await coframe::sleep_for(milliseconds(ms)); }

task<> ask_with_timeout() {
  const std::size_t before = frames_in_heap();
  auto first = co_await coframe::when_any(slow_reply(), timeout(20));
  println("  ", first.index() == 0 ? "the reply came first" : "the timeout came first");
  println("  frames in the heap: as many as before the race: ",
          frames_in_heap() == before ? "yes" : "no");
}
// [when-any]

// ---- 7. sharing state between tasks ------------------------------------------------------------

// [sharing]
int shared_count = 0;  // a plain int: no mutex, no atomic

task<> count_to(int n) {
  for (int i = 0; i < n; ++i) {
    const int seen = shared_count;  // no other task runs between these two lines:
    shared_count = seen + 1;        //   tasks only switch at a co_await
    co_await yield_now();
  }
}

struct sensor_log {  // shared by reference counting, freed by the last owner
  int entries = 0;
  ~sensor_log() { println("  the log is destroyed by its last owner"); }
};

task<> write_log(std::shared_ptr<sensor_log> log, int entries) {
  for (int i = 0; i < entries; ++i) {
    ++log->entries;
    co_await yield_now();
  }
}
// [sharing]

}  // namespace

extern "C" void SysTick_Handler() { coframe::tick_clock::tick(); }
// [button-handler]
extern "C" void PORT0_ALL_IRQHandler() {
  ++button_interrupts;
  pressed = true;
  presser.wake();  // safe in any handler; a second wake before the task runs does nothing
}
// [button-handler]
extern "C" void TIMER0_IRQHandler() {
  cmsdk_timer::acknowledge();
  if (!samples.try_send(++sample_number)) cmsdk_timer::stop();  // full: the task is done
}

int main() {
  using namespace coframe;
  println("coframe lab 05: a cooperative executor");
  tick_clock::start();  // SysTick: a tick every millisecond
  nvic::enable(button_line);

  // [main]
  // Thread mode gets a handle; an interrupt handler would get std::nullopt.
  auto x = executor::get();
  // Frames of the tasks main creates come from the executor's heap too.
  frame_scope frames{x->get_frame_allocator()};
  // [main]

  println("1. A, B and C, the example of no-std async experiments 2");
  // [block-on]
  if (!x->spawn(task_a(*x))) panic("could not spawn A");
  result<int> answer = x->block_on(task_b());
  println("the answer is ", *answer);
  // [block-on]
  println("C has not ended: ", executor::spawned(), " spawned task alive, ", frames_in_heap(),
          " frame in the heap");
  (void)x->block_on(until_spawned_tasks_end());
  println("after a second block_on: ", executor::spawned(), " alive, ", frames_in_heap(),
          " frames");

  println("2. a waker, from an interrupt handler");
  if (!x->spawn(wait_for_button())) panic("could not spawn");
  (void)x->block_on(press_the_button());
  (void)x->block_on(until_spawned_tasks_end());
  println("  wakes from the handler: ", button_interrupts, ", times the task went on: ",
          button_runs);

  println("3. sleeping on SysTick");
  (void)x->block_on(sleepers(*x));

  println("4. a timer interrupt feeds a task through an irq_channel");
  nvic::enable(board::irq::timer0);
  cmsdk_timer::start_every(board::cpu_hz / 1000);
  result<unsigned> sum = x->block_on(sum_of_samples(4));
  cmsdk_timer::stop();
  nvic::disable(board::irq::timer0);
  println("  sum ", *sum);

  println("5. back-pressure: a channel of two between tasks");
  if (!x->spawn(consumer())) panic("could not spawn");
  (void)x->block_on(producer());
  (void)x->block_on(until_spawned_tasks_end());

  println("6. the first of two, the other cancelled");
  (void)x->block_on(ask_with_timeout());

  println("7. sharing state between tasks");
  for (int i = 0; i < 4; ++i) {
    if (!x->spawn(count_to(25))) panic("could not spawn");
  }
  {
    auto log = std::allocate_shared<sensor_log>(std_allocator<sensor_log, heap>{*heap::get()});
    for (int i = 0; i < 3; ++i) {
      if (!x->spawn(write_log(log, 2))) panic("could not spawn");
    }
    println("  owners of the log: ", log.use_count());
  }  // main's reference goes; the tasks keep the log alive
  (void)x->block_on(until_spawned_tasks_end());
  println("  four tasks counted to ", shared_count);

  tick_clock::stop();
  println("frames in the heap at the end: ", frames_in_heap());
  return 0;
}
