// A reader's own firmware, using coframe as a Meson subproject (see tests/check-reader-project).
// It uses ordinary C++ that must link and run with lib/'s startup code and linker script: a
// static object with a destructor (constructed before main; lib/ never destroys it), a
// function-local static std::string (a guard variable and a heap allocation), and a library
// built with exceptions (legacy.cpp, which needs the unwind tables). And it runs tasks on lib/'s
// executor: frames from a thread-mode TLSF heap, a task that sleeps on SysTick, and values from
// an interrupt handler through a channel.
#include "legacy.hpp"

#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/console.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/executor.hpp>
#include <coframe/exec/irq_channel.hpp>
#include <coframe/exec/timer.hpp>

#include <cstddef>
#include <string>

namespace {

struct session_log {
  unsigned lines;
  session_log() : lines(1) {}
  ~session_log() { coframe::println("not printed: nothing runs after main"); }
};
session_log log;

const std::string& greeting() {
  static std::string text = std::string("hello from ") + "a reader's firmware";
  return text;
}

struct heap_definition {
  using resource = coframe::tlsf<>;
  static inline std::byte memory[8192];
  static resource make() { return resource{memory}; }
};
using heap = coframe::thread_mode_allocator<heap_definition>;
struct app {
  using allocator = heap;
};
using executor = coframe::thread_mode_executor<app>;

constexpr unsigned sensor_line = 6;  // an interrupt line of the MPS2 boards nothing else uses
coframe::irq_channel<int, 4> readings;
int next_reading = 40;

coframe::task<> sleeper(int* slept) {
  const coframe::instant start = coframe::tick_clock::now();
  co_await coframe::sleep_for(coframe::milliseconds(10));
  *slept = coframe::tick_clock::now() - start;
}

coframe::task<> until_spawned_tasks_end() {
  while (executor::spawned() != 0) co_await coframe::sleep_for(coframe::milliseconds(1));
}

// The executor comes first: the frame comes from the executor's allocator (the promise's
// template operator new, which GCC must accept with -Werror at -O0 too).
coframe::task<int> sum_of_readings(executor, int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    coframe::nvic::set_pending(sensor_line);  // the "sensor" interrupts
    sum += co_await readings.receive();
  }
  co_return sum;
}

}  // namespace

extern "C" void SysTick_Handler() { coframe::tick_clock::tick(); }
extern "C" void PORT0_ALL_IRQHandler() { (void)readings.try_send(next_reading++); }

int main() {
  coframe::println(log.lines, ": ", greeting().c_str());
  ++log.lines;
  coframe::println(log.lines, ": parse(\"42\") = ", legacy::parse_or(0, "42"));
  ++log.lines;

  coframe::tick_clock::start();
  coframe::nvic::enable(sensor_line);
  auto x = executor::get();
  coframe::frame_scope frames{x->get_frame_allocator()};
  int slept = 0;
  if (!x->spawn(sleeper(&slept))) return 1;
  coframe::result<int> sum = x->block_on(sum_of_readings(*x, 3));
  (void)x->block_on(until_spawned_tasks_end());
  coframe::tick_clock::stop();
  coframe::println(log.lines, ": a spawned task slept ", slept >= 10 ? "10 ms" : "too little",
                   "; an interrupt sent 40 + 41 + 42 = ", *sum, " through a channel; frames left: ",
                   heap::get()->resource().check().used_blocks);
  return 0;
}
