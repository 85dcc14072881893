// Target tests of coframe/coro/task.hpp and coframe/exec/ with real interrupts: SysTick drives
// the clock, PendSV sets an event, two software-pended interrupt lines at different priorities
// feed one channel, the CMSDK timer and the UART's receive interrupt feed others.
// tests/meson.build feeds tests/target/data/uart-input.txt to UART0 and runs it under -icount,
// so that a tick never falls between two lines by the host's chance and sleeps last exactly
// their ticks. Every frame comes from a thread-mode TLSF heap, which must be empty again at
// the end.
#include <coframe/alloc/std_allocator.hpp>
#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/board.hpp>
#include <coframe/board/mmio.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/uart.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/event.hpp>
#include <coframe/exec/executor.hpp>
#include <coframe/exec/irq_channel.hpp>
#include <coframe/exec/timer.hpp>
#include <coframe/exec/when_any.hpp>
#include <coframe/exec/yield.hpp>
#include <coframe/testing/tap.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace {

namespace tap = coframe::tap;
using coframe::milliseconds;
using coframe::result;
using coframe::task;
using coframe::tick_clock;

struct task_heap {
  using resource = coframe::tlsf<>;
  static inline std::byte memory[16384];
  static resource make() { return resource{memory}; }
};
using heap = coframe::thread_mode_allocator<task_heap>;
struct app {
  using allocator = heap;
};
using executor = coframe::thread_mode_executor<app>;
struct small_app {
  using allocator = heap;
  static constexpr std::size_t capacity = 4;
};
using small_executor = coframe::thread_mode_executor<small_app>;

// Blocks in use in the task heap: one per live frame (and per other allocation).
std::size_t heap_blocks() { return heap::get()->resource().check().used_blocks; }

// What tasks did, in order, as text.
char log_text[512];
std::size_t log_length = 0;
void note(std::string_view what) {
  for (char c : what) {
    if (log_length < sizeof log_text) log_text[log_length++] = c;
  }
}
std::string_view take_log() {
  std::string_view text{log_text, log_length};
  log_length = 0;
  return text;
}

// Waits a tick at a time until every spawned task has ended. (A loop whose body is nothing but
// a co_await on a condition read from memory crashes Clang 14 at -O2: LLVM issue 54760.)
task<> until_spawned_end() {
  while (executor::spawned() != 0) co_await coframe::sleep_for(milliseconds(1));
}

// ---- the example of "no-std async experiments 2" ----------------------------------------------
task<int> task_c() {
  note("C0 ");
  co_await coframe::yield_now();
  note("C1 ");
  co_return 0;
}
task<int> task_a(executor x) {
  note("A0 ");
  co_await coframe::yield_now();
  note("A1 ");
  if (!x.spawn(task_c())) note("(spawn failed) ");
  co_await coframe::yield_now();
  note("A2 ");
  co_return 42;
}
task<int> task_b() {
  note("B0 ");
  co_await coframe::yield_now();
  note("B1 ");
  co_await coframe::yield_now();
  note("B2 ");
  co_await coframe::yield_now();
  note("B3 ");
  co_return 42;
}

// ---- round robin over 64 tasks -----------------------------------------------------------------
task<> turn(char id, int times) {
  for (int i = 0; i < times; ++i) {
    const char text[2] = {id, '\0'};
    note(text);
    co_await coframe::yield_now();
  }
}

// ---- interrupts --------------------------------------------------------------------------------
coframe::event pendsv_event;
volatile unsigned pendsv_runs = 0;

coframe::irq_channel<char, 8> soft_irqs;
constexpr unsigned low_line = 6, high_line = 7;  // PORT0_ALL, PORT1_ALL: unused otherwise

coframe::irq_channel<std::uint8_t, 32> uart_bytes;
coframe::irq_channel<unsigned, 4> timer_ticks;

// The CMSDK APB timer: counts down at 25 MHz and interrupts when it reaches zero.
struct cmsdk_timer {
  std::uintptr_t base;
  void start(std::uint32_t period) const {
    coframe::mmio::reg32(base + 0x0) = 0;
    coframe::mmio::reg32(base + 0x8) = period;  // reload
    coframe::mmio::reg32(base + 0x4) = period;  // value
    coframe::mmio::reg32(base + 0x0) = 1u | (1u << 3);  // enable, interrupt enable
  }
  void stop() const { coframe::mmio::reg32(base + 0x0) = 0; }
  void acknowledge() const { coframe::mmio::reg32(base + 0xC) = 1; }
};
constexpr cmsdk_timer timer0{coframe::board::timer0_base};
volatile unsigned timer_interrupts = 0;

int waiter_runs = 0;
coframe::waker parked;
bool wake_flag = false;
struct flag_wait {
  bool await_ready() const noexcept { return wake_flag; }
  bool await_suspend(std::coroutine_handle<> self) noexcept {
    coframe::port::interrupt_mask masked;
    if (wake_flag) return false;
    parked = coframe::this_task::suspend(self);
    return true;
  }
  void await_resume() const noexcept {}
};

task<> wait_on_pendsv_event() {
  co_await pendsv_event.wait();
  note("woken ");
}
task<> pend_pendsv_later() {
  co_await coframe::yield_now();
  coframe::nvic::pend_pendsv();  // runs at once (lowest priority, nothing else active)
  note("pended ");
}

task<> receive_soft_irqs(int n) {
  for (int i = 0; i < n; ++i) {
    const char text[2] = {co_await soft_irqs.receive(), '\0'};
    note(text);
  }
}
task<> pend_soft_irqs() {
  co_await coframe::yield_now();  // the receiver waits now
  coframe::nvic::set_pending(low_line);  // its handler pends the high one in its middle
}

task<> read_uart_line() {
  for (;;) {
    result<std::uint8_t> byte = co_await uart_bytes.receive_for(milliseconds(500));
    if (!byte) {
      note("(timed out)");
      co_return;
    }
    const char text[2] = {static_cast<char>(*byte), '\0'};
    note(text);
    if (*byte == '\n') co_return;
  }
}

task<unsigned> sum_timer_values(int n) {
  unsigned sum = 0;
  for (int i = 0; i < n; ++i) sum += co_await timer_ticks.receive();
  co_return sum;
}

task<> wait_for_the_flag() {
  co_await flag_wait{};
  ++waiter_runs;
}
task<> wake_three_times_from_an_interrupt() {
  co_await coframe::yield_now();
  wake_flag = true;
  for (int i = 0; i < 3; ++i) coframe::nvic::set_pending(low_line);  // wakes `parked`
  co_await coframe::yield_now();
}
bool wake_parked_in_handler = false;

// ---- time --------------------------------------------------------------------------------------
task<> sleep_and_note(char id, std::uint32_t ticks) {
  co_await coframe::sleep_for(milliseconds(1));  // start right after a tick
  const coframe::instant start = tick_clock::now();
  co_await coframe::sleep_for(milliseconds(ticks));
  const char text[4] = {id, static_cast<char>('0' + (tick_clock::now() - start)), ' ', '\0'};
  note(text);
}
task<> three_sleepers(executor x) {
  (void)x.spawn(sleep_and_note('a', 7));
  (void)x.spawn(sleep_and_note('b', 2));
  (void)x.spawn(sleep_and_note('c', 5));
  co_await until_spawned_end();
}

// ---- cancellation ------------------------------------------------------------------------------
int guards_alive = 0;
struct guard {
  guard() { ++guards_alive; }
  ~guard() { --guards_alive; }
};
task<int> wait_long(int depth) {
  guard g;
  if (depth == 0) {
    co_await coframe::sleep_for(milliseconds(1000));
    co_return 0;
  }
  co_return *co_await wait_long(depth - 1);
}
task<int> soon(int value) {
  co_await coframe::sleep_for(milliseconds(2));
  co_return value;
}
struct race_report {
  std::size_t winner;
  bool blocks_back;  // the heap holds as many blocks as before the race
  int guards_alive;  // locals of the losers' chains not destroyed
};
task<race_report> race() {
  const std::size_t before = heap_blocks();
  auto first = co_await coframe::when_any(wait_long(5), soon(7), wait_long(2));
  co_return race_report{first.index() == 1 ? static_cast<std::size_t>(*std::get<1>(first)) : 99,
                        heap_blocks() == before, guards_alive};
}

// ---- symmetric transfer: a deep chain on a flat stack --------------------------------------
std::uintptr_t lowest_sp = ~std::uintptr_t{0};
task<int> descend(int n) {
  std::uintptr_t sp;
  asm volatile("mov %0, sp" : "=r"(sp));
  if (sp < lowest_sp) lowest_sp = sp;
  if (n == 0) {
    co_await coframe::yield_now();
    co_return 0;
  }
  co_return *co_await descend(n - 1) + 1;
}
std::uintptr_t stack_used_by_chain(executor x, int depth) {
  std::uintptr_t top;
  asm volatile("mov %0, sp" : "=r"(top));
  lowest_sp = ~std::uintptr_t{0};
  (void)x.block_on(descend(depth));
  return top - lowest_sp;
}

// ---- sharing -------------------------------------------------------------------------------------
int widgets_alive = 0;
struct widget {
  int count = 0;
  widget() { ++widgets_alive; }
  ~widget() { --widgets_alive; }
};
task<> bump(std::shared_ptr<widget> w, int times) {
  for (int i = 0; i < times; ++i) {
    ++w->count;  // no mutex: no other task runs until this one awaits
    co_await coframe::yield_now();
  }
}

volatile int pendsv_got_handle = 2;

}  // namespace

extern "C" void SysTick_Handler() { tick_clock::tick(); }
extern "C" void PendSV_Handler() {
  pendsv_runs = pendsv_runs + 1;
  pendsv_got_handle = executor::get().has_value() ? 1 : 0;
  pendsv_event.set();
}
extern "C" void PORT0_ALL_IRQHandler() {  // the low-priority software interrupt
  if (wake_parked_in_handler) {
    parked.wake();
    return;
  }
  (void)soft_irqs.try_send('l');
  coframe::nvic::set_pending(high_line);
  asm volatile("dsb\n isb" ::: "memory");  // the higher-priority handler runs here, nested
  (void)soft_irqs.try_send('L');
}
extern "C" void PORT1_ALL_IRQHandler() { (void)soft_irqs.try_send('H'); }
extern "C" void UARTRX0_IRQHandler() {
  coframe::uart0.clear_rx_interrupt();
  while (auto byte = coframe::uart0.try_read()) (void)uart_bytes.try_send(*byte);
}
extern "C" void TIMER0_IRQHandler() {
  timer0.acknowledge();
  timer_interrupts = timer_interrupts + 1;
  (void)timer_ticks.try_send(static_cast<unsigned>(timer_interrupts));
}

int main() {
  using namespace coframe;
  auto x = *executor::get();
  // Frames of the tasks main creates come from the executor's heap too (those created while
  // the executor runs do anyway).
  frame_scope frames{x.get_frame_allocator()};
  tick_clock::start();

  // Interrupt priorities: the software lines below the default, the high one above the low.
  nvic::set_priority(low_line, 0x80);
  nvic::set_priority(high_line, 0x40);
  nvic::enable(low_line);
  nvic::enable(high_line);

  // ---- A, B and C -------------------------------------------------------------------------
  tap::ok(x.spawn(task_a(x)).has_value(), "spawn");
  result<int> answer = x.block_on(task_b());
  tap::equal(*answer, 42, "block_on returns B's value, 42");
  tap::equal(take_log(), std::string_view{"B0 A0 B1 A1 B2 C0 A2 B3 "},
             "A, B and C interleave as in no-std async experiments 2");
  tap::equal(executor::spawned(), std::size_t{1}, "C has not ended when block_on returns");
  (void)x.block_on(until_spawned_end());
  tap::equal(take_log(), std::string_view{"C1 "}, "a later block_on runs C to its end");
  tap::equal(heap_blocks(), std::size_t{0}, "every frame came from the heap and went back");

  // ---- 64 tasks -----------------------------------------------------------------------------
  for (int i = 0; i < 64; ++i) (void)x.spawn(turn(static_cast<char>('0' + i), i % 3 + 1));
  tap::equal(heap_blocks(), std::size_t{64}, "64 tasks, one frame each: spawning allocates nothing else");
  (void)x.block_on(until_spawned_end());
  {
    char want[64 * 3];
    std::size_t n = 0;
    for (int round = 0; round < 3; ++round) {
      for (int i = 0; i < 64; ++i) {
        if (round < i % 3 + 1) want[n++] = static_cast<char>('0' + i);
      }
    }
    tap::equal(take_log(), std::string_view{want, n}, "64 tasks take turns round robin");
  }
  tap::equal(heap_blocks(), std::size_t{0}, "and their frames are freed as they end");

  // ---- fixed capacity -----------------------------------------------------------------------
  {
    auto small = *small_executor::get();
    int accepted = 0;
    result<void> last;
    for (int i = 0; i < 5; ++i) {
      last = small.spawn(turn('s', 1));
      accepted += last.has_value();
    }
    tap::equal(accepted, 4, "a capacity of 4 takes 4 tasks");
    tap::ok(!last && last.error() == error::full, "the fifth gets error::full");
    tap::equal(heap_blocks(), std::size_t{4}, "and its frame is freed");
    (void)x.block_on(until_spawned_end());
    take_log();
  }

  // ---- PendSV -------------------------------------------------------------------------------
  (void)x.spawn(wait_on_pendsv_event());
  (void)x.block_on(pend_pendsv_later());
  (void)x.block_on(until_spawned_end());
  tap::equal(take_log(), std::string_view{"pended woken "}, "PendSV sets an event a task waits on");
  tap::equal(pendsv_got_handle, 0, "no executor handle in PendSV");

  // ---- software-pended interrupts, nested --------------------------------------------------
  (void)x.spawn(receive_soft_irqs(3));
  (void)x.block_on(pend_soft_irqs());
  (void)x.block_on(until_spawned_end());
  tap::equal(take_log(), std::string_view{"lHL"},
             "two interrupt handlers, one preempting the other, feed one channel");

  // ---- idempotent wake from an interrupt -------------------------------------------------
  wake_parked_in_handler = true;
  (void)x.spawn(wait_for_the_flag());
  (void)x.block_on(wake_three_times_from_an_interrupt());
  (void)x.block_on(until_spawned_end());
  wake_parked_in_handler = false;
  tap::equal(waiter_runs, 1, "woken three times from an interrupt, the task runs once");

  // ---- the UART's receive interrupt ----------------------------------------------------------
  uart0.enable(true);
  nvic::enable(board::irq::uart0_rx);
  (void)x.block_on(read_uart_line());
  nvic::disable(board::irq::uart0_rx);
  tap::equal(take_log(), std::string_view{"hello, uart\n"},
             "the UART's receive interrupt feeds a task through an irq_channel");

  // ---- a timer interrupt ---------------------------------------------------------------------
  nvic::enable(board::irq::timer0);
  timer0.start(board::cpu_hz / 2000);  // every half millisecond
  result<unsigned> sum = x.block_on(sum_timer_values(4));
  timer0.stop();
  nvic::disable(board::irq::timer0);
  tap::equal(*sum, 1u + 2u + 3u + 4u, "the timer's interrupt feeds values 1, 2, 3, 4 in order");

  // ---- time ---------------------------------------------------------------------------------
  (void)x.block_on(three_sleepers(x));
  tap::equal(take_log(), std::string_view{"b2 c5 a7 "},
             "sleepers wake in deadline order, each after exactly its ticks");
  tick_clock::start(instant{0xFFFF'FFFAu});
  (void)x.block_on(three_sleepers(x));
  tap::equal(take_log(), std::string_view{"b2 c5 a7 "}, "and across the tick counter's wrap");
  tap::ok(tick_clock::now().ticks() < 100, "the counter did wrap");

  // ---- cancellation --------------------------------------------------------------------------
  {
    result<race_report> report = x.block_on(race());
    tap::equal(report->winner, std::size_t{7}, "when_any gives the first to end");
    tap::equal(report->guards_alive, 0,
               "the losers, chains of 6 and 3 coroutines asleep, are destroyed at once");
    tap::ok(report->blocks_back, "and every frame they took from the heap is back");
    tap::ok(internal::timers.empty(), "and their sleeps left the timer list");
  }

  // ---- symmetric transfer -------------------------------------------------------------------
  {
    const std::uintptr_t shallow = stack_used_by_chain(x, 2);
    const std::uintptr_t deep = stack_used_by_chain(x, 100);
    tap::ok(deep <= shallow + 64,
            "a chain 100 awaits deep uses no more stack than one 2 deep (symmetric transfer)");
    if (deep > shallow + 64) tap::diag("stack: ", shallow, " bytes at depth 2, ", deep, " at 100");
  }

  // ---- sharing on the thread-mode heap -------------------------------------------------------
  {
    auto shared = std::allocate_shared<widget>(std_allocator<widget, heap>{*heap::get()});
    for (int i = 0; i < 3; ++i) (void)x.spawn(bump(shared, 4));
    tap::equal(shared.use_count(), 4L, "three tasks hold the widget, and so do we");
    shared.reset();
    tap::equal(widgets_alive, 1, "it outlives our reference");
    (void)x.block_on(until_spawned_end());
    tap::equal(widgets_alive, 0, "the last task to end destroys it");
  }

  tick_clock::stop();
  tap::equal(heap_blocks(), std::size_t{0}, "the task heap is empty at the end");
  tap::done();
}
