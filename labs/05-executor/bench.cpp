// Lab 05 benchmark: what the executor costs, in instructions (QEMU icount) and bytes, each
// figure beside a baseline from the same run. ./workbook bench runs it under -icount shift=10,
// where SysTick counts 25.6 times per instruction.
//
//   lab05-switch   instructions from a task's co_await yield_now() to the next task running,
//                  with 1 to 64 tasks; baseline: two coroutines resumed in turn by hand
//   lab05-wake     instructions from an interrupt handler's wake() to the woken task running;
//                  baseline: a wake from another task
//   lab05-spawn    instructions to create a task (its frame from the thread-mode TLSF heap) and
//                  to spawn it; baseline: TLSF allocate and free of the same size
//   lab05-memory   bytes a task costs: outside its frame, inside its promise, its whole frame
//   lab05-sweep    lib/'s check-then-sleep with an interrupt at every instruction: where each
//                  interrupt was taken, and whether a wake-up was lost
//
// Measuring a switch: as "no-std async experiments 2" did with a cycle counter read at a
// breakpoint in each task, each task reads SysTick just before its co_await and just after;
// the difference between one task's "before" and the next task's "after" is the switch, less
// the cost of one read.
#include "app.hpp"
#include "interrupt_sweep.hpp"

#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/console.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/mmio.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/executor.hpp>
#include <coframe/exec/waker.hpp>
#include <coframe/exec/yield.hpp>
#include <coframe/frame/counting_frame_resource.hpp>
#include <coframe/testing/measure.hpp>
#include <coframe/testing/thumb.hpp>

#include <coroutine>
#include <cstdint>

using coframe::println;
using coframe::task;

namespace {

#if defined(__clang__)
constexpr const char* compiler = "-clang";  // table names: lab05-switch-clang, ...
#else
constexpr const char* compiler = "";
#endif

using lab05::executor;
using lab05::heap;

// ---- time stamps ---------------------------------------------------------------------------------

// SysTick's current value, read by one instruction the compiler cannot move.
[[gnu::always_inline]] inline std::uint32_t stamp() {
  std::uint32_t value;
  asm volatile("ldr %0, [%1]" : "=r"(value) : "r"(0xE000'E018u) : "memory");
  return value;
}
// Instructions between two stamps (SysTick counts down, 24 bits), at 25.6 counts each.
std::uint32_t instructions_between(std::uint32_t earlier, std::uint32_t later) {
  const std::uint32_t counts = (earlier - later) & coframe::systick::max_reload;
  return (counts * 10 + 128) / 256;
}
std::uint32_t stamp_cost = 0;  // two stamps in a row, in instructions

struct stats {
  std::uint32_t count = 0, total = 0, least = ~0u, most = 0;
  void add(std::uint32_t v) {
    ++count, total += v;
    if (v < least) least = v;
    if (v > most) most = v;
  }
  // Mean in hundredths.
  std::uint32_t mean_x100() const { return count == 0 ? 0 : total * 100 / count; }
};
void print_x100(std::uint32_t v) {
  coframe::print(v / 100, '.', v % 100 / 10, v % 10);
}

// ---- switch --------------------------------------------------------------------------------------

std::uint32_t last_before = 0;
bool measuring = false;
stats switches;

// Each task yields `turns` times; only the switches in the middle rounds are measured, where
// every task is in its loop (none starting, none ending).
task<> switcher(int turns) {
  for (int turn = 0; turn < turns; ++turn) {
    const bool counted = turn >= 1 && turn + 2 <= turns;
    last_before = stamp();
    co_await coframe::yield_now();
    const std::uint32_t after = stamp();
    if (counted && measuring) switches.add(instructions_between(last_before, after) - stamp_cost);
    measuring = counted;
  }
}

task<> until_spawned_end();

task<> run_switchers(executor x, int tasks, int turns) {
  for (int t = 1; t < tasks; ++t) {
    if (!x.spawn(switcher(turns))) co_return;
  }
  co_await switcher(turns);
  co_await until_spawned_end();
}

// Baseline: two coroutines, each suspending (suspend_always), resumed in turn by a loop.
struct bare {
  struct promise_type {
    bare get_return_object() { return bare{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
};
stats bare_switches;
bare bare_switcher(int turns) {
  for (int turn = 0; turn < turns; ++turn) {
    const bool counted = turn >= 1 && turn + 2 <= turns;
    last_before = stamp();
    co_await std::suspend_always{};
    const std::uint32_t after = stamp();
    if (counted && measuring) bare_switches.add(instructions_between(last_before, after) - stamp_cost);
    measuring = counted;
  }
}
[[gnu::noinline]] void run_bare(int turns) {
  bare a = bare_switcher(turns), b = bare_switcher(turns);
  measuring = false;
  while (!a.handle.done() || !b.handle.done()) {
    if (!a.handle.done()) a.handle.resume();
    if (!b.handle.done()) b.handle.resume();
  }
  a.handle.destroy();
  b.handle.destroy();
}

void switch_table(executor x) {
  println("table lab05-switch", compiler,
          ": Instructions per context switch, task to task (QEMU icount, -O2)");
  println("| tasks | mean | least | most |");
  println("|---|---:|---:|---:|");
  auto row = [](const stats& s) {
    print_x100(s.mean_x100());
    println(" | ", s.least, " | ", s.most, " |");
  };
  for (int tasks : {1, 2, 4, 8, 16, 32, 64}) {
    switches = {};
    measuring = false;
    (void)x.block_on(run_switchers(x, tasks, 12));
    coframe::print("| ", tasks, " | ");
    row(switches);
  }
  run_bare(40);
  coframe::print("| baseline: 2 coroutines resumed in turn by hand, no executor | ");
  row(bare_switches);
  println("end table");
}

// ---- wake from an interrupt ------------------------------------------------------------------

// Two tasks take turns waking each other: `woken` waits at `waiting`; the driver wakes it
// (from an interrupt handler, or itself) and waits at `driver_waiting`, which `woken` wakes
// once it has taken its stamp. With both waiting, the executor sleeps until the interrupt.
coframe::waker waiting, driver_waiting;
std::uint32_t woken_at = 0;
stats* wake_stats = nullptr;

struct park {  // waits until the waker it leaves in `slot` is woken
  coframe::waker& slot;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> self) noexcept { slot = coframe::this_task::suspend(self); }
  void await_resume() const noexcept {}
};

task<> woken_task(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    co_await park{waiting};
    const std::uint32_t now = stamp();
    if (i >= 1) wake_stats->add(instructions_between(woken_at, now) - stamp_cost);
    driver_waiting.wake();
  }
}

// The interrupt: the MPS2's dual timer (TIMER0 and TIMER1 are the sweep's), one-shot, some
// counts from now. Its handler takes its stamp right before its wake().
constexpr std::uintptr_t dualtimer = 0x4000'2000;
constexpr unsigned dualtimer_irq = 10;
void arm_dualtimer(std::uint32_t counts) {
  coframe::mmio::reg32(dualtimer + 0x08) = 0;
  coframe::mmio::reg32(dualtimer + 0x00) = counts;  // load
  coframe::mmio::reg32(dualtimer + 0x08) = 0x80 | 0x20 | 0x02 | 0x01;  // enable, interrupt, 32-bit, one-shot
}

task<> wake_from_interrupt(executor x, int rounds) {
  if (!x.spawn(woken_task(rounds))) co_return;
  co_await coframe::yield_now();  // the task waits now
  for (int i = 0; i < rounds; ++i) {
    arm_dualtimer(5000);          // some 200 instructions from now: the executor is asleep
    co_await park{driver_waiting};
  }
}

task<> wake_from_task(executor x, int rounds) {
  if (!x.spawn(woken_task(rounds))) co_return;
  co_await coframe::yield_now();
  for (int i = 0; i < rounds; ++i) {
    woken_at = stamp();
    waiting.wake();
    co_await park{driver_waiting};
  }
}

void wake_table(executor x) {
  stats from_interrupt, from_task;
  coframe::nvic::enable(dualtimer_irq);
  wake_stats = &from_interrupt;
  (void)x.block_on(wake_from_interrupt(x, 20));
  coframe::nvic::disable(dualtimer_irq);
  wake_stats = &from_task;
  (void)x.block_on(wake_from_task(x, 20));
  println("table lab05-wake", compiler,
          ": Instructions from wake() to the woken task running (QEMU icount, -O2)");
  println("| woken by | mean | least | most |");
  println("|---|---:|---:|---:|");
  coframe::print("| an interrupt handler, the executor asleep in wfi | ");
  print_x100(from_interrupt.mean_x100());
  println(" | ", from_interrupt.least, " | ", from_interrupt.most, " |");
  coframe::print("| baseline: another task, which then waits | ");
  print_x100(from_task.mean_x100());
  println(" | ", from_task.least, " | ", from_task.most, " |");
  println("end table");
}

// ---- spawn ------------------------------------------------------------------------------------------

// noinline: Clang would otherwise place the frame in its caller's (HALO) and allocate nothing.
[[gnu::noinline]] task<> only_yields() { co_await coframe::yield_now(); }

void spawn_table(executor x, const coframe::instruction_counter& counter) {
  // The size of the frame, as the compiler asks for it (lab 03's record of the allocator
  // included), seen by a counting resource in front of the executor's.
  std::size_t frame_size = 0;
  {
    coframe::counting_frame_resource probe{"probe", x.get_frame_allocator()};
    coframe::frame_scope scope{probe};
    auto t = only_yields();
    frame_size = probe.last_size();
  }
  stats create, spawn, tlsf;
  for (int i = 0; i < 10; ++i) {
    task<> t;
    create.add(counter.count([&] { t = only_yields(); }));
    spawn.add(counter.count([&] { coframe::do_not_optimize(x.spawn(std::move(t)).has_value()); }));
    (void)x.block_on(until_spawned_end());
    auto h = *heap::get();
    void* block = nullptr;
    tlsf.add(counter.count([&] {
      block = h.try_allocate(frame_size, coframe::frame_alignment);
      coframe::do_not_optimize(block);
    }));
    h.deallocate(block, frame_size, coframe::frame_alignment);
  }
  println("table lab05-spawn", compiler, ": Instructions to create and spawn a task (QEMU icount, -O2)");
  println("| step | mean | least | most |");
  println("|---|---:|---:|---:|");
  auto row = [](const char* what, const stats& s) {
    coframe::print("| ", what, " | ");
    print_x100(s.mean_x100());
    println(" | ", s.least, " | ", s.most, " |");
  };
  row("create: call the task function (its frame from the thread-mode TLSF heap)", create);
  row("spawn: hand the task to the executor", spawn);
  row("baseline: the same heap's allocate of a block of the frame's size", tlsf);
  println("end table");
}

// ---- memory -----------------------------------------------------------------------------------------

// (Counting the turns is not for show: Clang 14 crashes on a loop whose body is only the
// co_await, LLVM issue 54760.)
task<> until_spawned_end() {
  for (unsigned turns = 0; executor::spawned() != 0; ++turns) {
    co_await coframe::yield_now();
    coframe::do_not_optimize(turns);
  }
}

void memory_table(executor x) {
  std::size_t frame_size = 0;
  {
    coframe::counting_frame_resource probe{"probe", x.get_frame_allocator()};
    coframe::frame_scope scope{probe};
    auto t = only_yields();
    frame_size = probe.last_size();
  }
  auto& tlsf = heap::get()->resource();
  const std::size_t free_before = tlsf.check().free_bytes;
  for (int i = 0; i < 64; ++i) (void)x.spawn(only_yields());
  const std::size_t heap_per_task = (free_before - tlsf.check().free_bytes) / 64;
  (void)x.block_on(until_spawned_end());
  const std::size_t executor_state = sizeof coframe::internal::ready_tasks +
                                     sizeof coframe::internal::spawned_tasks +
                                     sizeof coframe::internal::in_block_on +
                                     sizeof coframe::internal::timers;
  println("table lab05-memory", compiler, ": What a task costs in memory (bytes)");
  println("| what | bytes |");
  println("|---|---:|");
  println("| the executor's memory per task, outside the task's frame | 0 |");
  println("| the executor's own memory, whatever the number of tasks | ", executor_state, " |");
  println("| the executor's record of a task, in its promise (task_header) | ",
          sizeof(coframe::internal::task_header), " |");
  println("| the promise of a task<> (the record, the awaiting coroutine) | ",
          sizeof(task<>::promise_type), " |");
  println("| the frame of a task that only yields, as the compiler asks for it (with lab 03's "
          "4-byte record of its allocator) | ", frame_size, " |");
  println("| heap used per spawned task, 64 spawned (the frame in a TLSF block) | ", heap_per_task,
          " |");
  println("end table");
}

// ---- the sleep sequence, swept -------------------------------------------------------------------

coframe::internal::task_header stand_in;  // the task the interrupt wakes (never run)
void wake_stand_in() { coframe::waker{stand_in}.wake(); }

// lib/'s sequence, and one that checks before it masks, each a function of its own.
extern "C" [[gnu::noinline]] void lab05_sleep_sequence() { coframe::internal::sleep_until_work(); }
extern "C" [[gnu::noinline]] void lab05_check_then_mask() {
  const bool nothing_to_do = coframe::internal::ready_tasks.empty();
  coframe::cpu::disable_interrupts();
  if (nothing_to_do) coframe::cpu::wait_for_interrupt();
  coframe::cpu::enable_interrupts();
}

const char* name_of(std::uint32_t pc) {
  switch (*reinterpret_cast<const std::uint16_t*>(pc)) {
    case 0xB672: return " (cpsid i)";
    case 0xB662: return " (cpsie i)";
    case 0xBF30: return " (wfi)";
    case 0x4770: return " (bx lr)";
    default: return "";
  }
}

// One row per run of delays whose interrupt was taken at the same instruction.
void sweep_table(const char* name, const char* title, void (*sequence)()) {
  const std::uint32_t start = reinterpret_cast<std::uint32_t>(sequence) & ~1u;
  println("table ", name, compiler, ": ", title);
  println("| interrupt pending, instructions after the call | taken before the instruction at "
          "| runs | wake-ups lost |");
  println("|---|---|---:|---:|");
  const std::uint32_t last = 24 * lab05::interrupt_sweep::counts_per_instruction_x10 / 10;
  std::uint32_t group_pc = 0, first = 0, runs = 0, lost = 0;
  auto flush = [&](std::uint32_t end) {
    const std::uint32_t from = first * 10 / 256, to = end * 10 / 256;
    coframe::print("| ", from);
    if (to != from) coframe::print(" to ", to);
    coframe::print(" | ");
    if (group_pc >= start && group_pc < start + 64) {
      coframe::print("sequence + ", group_pc - start, name_of(group_pc));
    } else {
      coframe::print("its caller (it had returned)");
    }
    println(" | ", runs, " | ", lost, " |");
  };
  for (std::uint32_t delay = 1; delay <= last; ++delay) {
    stand_in.state = coframe::internal::task_header::scheduled;
    const auto o = lab05::interrupt_sweep::run(delay, sequence, wake_stand_in);
    if (stand_in.state & coframe::internal::task_header::queued) {
      coframe::internal::ready_tasks.pop_front();
    }
    if (runs != 0 && o.pc != group_pc) {
      flush(delay - 1);
      runs = 0, lost = 0;
    }
    if (runs == 0) group_pc = o.pc, first = delay;
    ++runs;
    lost += o.rescued ? 1 : 0;
  }
  flush(last);
  println("end table");
}

}  // namespace

extern "C" void SysTick_Handler() { coframe::tick_clock::tick(); }
extern "C" void DUALTIMER_IRQHandler() {
  coframe::mmio::reg32(dualtimer + 0x0C) = 1;  // acknowledge
  woken_at = stamp();
  waiting.wake();
}
extern "C" [[gnu::naked]] void TIMER0_IRQHandler() { LAB05_SWEEP_TIMER0_ENTRY(); }
extern "C" void TIMER1_IRQHandler() { lab05::interrupt_sweep::timer1_interrupt(); }

int main() {
  auto x = *executor::get();
  coframe::frame_scope frames{x.get_frame_allocator()};
  coframe::systick::start(coframe::systick::max_reload, false);  // a free-running stamp
  {
    const std::uint32_t a = stamp(), b = stamp();
    stamp_cost = instructions_between(a, b);
  }
  switch_table(x);
  wake_table(x);
  {
    coframe::instruction_counter counter;  // restarts SysTick for every measurement
    spawn_table(x, counter);
  }
  memory_table(x);
  sweep_table("lab05-sweep",
              "lib/'s check-then-sleep, TIMER0's interrupt made pending at every point in turn "
              "(QEMU icount, 25.6 runs per instruction)",
              lab05_sleep_sequence);
  sweep_table("lab05-sweep-broken",
              "a sequence that checks before it masks, swept the same way", lab05_check_then_mask);
  return 0;
}
