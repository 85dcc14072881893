// Lab 05 exercise wake: its test.
//
// 1. Tasks (how many, the order they are woken in, and how often each, drawn from the seed)
//    wait; they are woken, several times each, from Thread mode and from an interrupt handler,
//    before any of them runs. Each must run once, in the order of its first wake.
// 2. Under -icount, an interrupt that wakes the same task (and then another) is swept over
//    every instruction of a wake() called from Thread mode (interrupt_sweep.hpp): whatever the
//    instruction, the ready queue must hold the task once, then the other.
#include "exercise_tests.hpp"
#include "interrupt_sweep.hpp"
#include "lab05.hpp"

#include <coframe/board/nvic.hpp>
#include <coframe/exec/yield.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

#include <cstddef>
#include <string_view>

namespace {

namespace tap = coframe::tap;
using coframe::internal::task_header;
using lab05::testing::executor;

constexpr const char* runs_once = "woken several times before they run, each task runs once, "
                                  "in the order of its first wake";

// ---- 1. tasks woken several times ---------------------------------------------------------------
task_header* parked[8];
char ran[32];
std::size_t ran_count = 0;

struct park {  // waits until someone calls lab05::wake on this task's header
  std::size_t slot;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> self) noexcept {
    parked[slot] = &coframe::internal::running_task();
    (void)coframe::this_task::suspend(self);
  }
  void await_resume() const noexcept {}
};

coframe::task<> waiter(std::size_t slot) {
  co_await park{slot};
  if (ran_count < sizeof ran) ran[ran_count++] = static_cast<char>('a' + slot);
}

constexpr unsigned wake_line = 6;  // PORT0_ALL, pended by software
task_header* wake_in_handler = nullptr;

void wake_from_an_interrupt(task_header& task) {
  wake_in_handler = &task;
  coframe::nvic::set_pending(wake_line);
  asm volatile("dsb\n isb" ::: "memory");  // the handler has run when this returns
}

coframe::task<> until_all_ended() {
  while (executor::spawned() != 0) co_await lab05::testing::sleep_ticks(1);
}

coframe::task<> wake_several_times(const std::size_t* order, const int* times, std::size_t n,
                                   std::uint32_t from_handler) {
  for (std::size_t i = 0; i < n; ++i) {
    if (!executor::get()->spawn(waiter(i))) co_return;
  }
  co_await coframe::yield_now();  // every waiter is parked now
  int wake = 0;
  for (int round = 0; round < 3; ++round) {
    for (std::size_t k = 0; k < n; ++k) {
      if (round >= times[order[k]]) continue;
      task_header& task = *parked[order[k]];
      if (from_handler & (1u << (wake++ % 32))) {
        wake_from_an_interrupt(task);
      } else {
        lab05::wake(task);
      }
    }
  }
  co_await until_all_ended();
}

// ---- 2. the sweep -------------------------------------------------------------------------------
task_header first_task, second_task;
void wake_first() { lab05::wake(first_task); }
void wake_both_in_handler() {
  lab05::wake(first_task);
  lab05::wake(second_task);
}

// What the ready queue holds after one run: the first task, then (if the interrupt came
// before the run ended) the second, and nothing else.
bool queued_once_in_order(bool interrupted) {
  bool right = true;
  for (task_header* want : {&first_task, &second_task}) {
    if (want == &second_task && !interrupted) break;
    task_header* got = coframe::internal::ready_tasks.front();
    if (got == nullptr) return false;
    right = right && got == want;
    coframe::internal::ready_tasks.pop_front();
  }
  if (coframe::internal::ready_tasks.front() != nullptr) right = false;
  return right;
}

}  // namespace

extern "C" void PORT0_ALL_IRQHandler() { lab05::wake(*wake_in_handler); }
extern "C" [[gnu::naked]] void TIMER0_IRQHandler() { LAB05_SWEEP_TIMER0_ENTRY(); }
extern "C" void TIMER1_IRQHandler() { lab05::interrupt_sweep::timer1_interrupt(); }

int main() {
  coframe::tick_clock::start();
  coframe::nvic::enable(wake_line);
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};

  const std::size_t n = 3 + numbers.below(4);
  std::size_t order[8];
  int times[8];
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = n - 1; i > 0; --i) {  // a shuffle the compiler cannot see
    const std::size_t j = numbers.below(static_cast<std::uint32_t>(i + 1));
    const std::size_t t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  for (std::size_t i = 0; i < n; ++i) times[i] = 1 + static_cast<int>(numbers.below(3));
  times[order[0]] = 2;  // the first woken is woken again after the others
  char want[8];
  for (std::size_t k = 0; k < n; ++k) want[k] = static_cast<char>('a' + order[k]);

  lab05::testing::run_watched(wake_several_times(order, times, n, numbers.next()), 300, runs_once);
  tap::equal(std::string_view(ran, ran_count), std::string_view(want, n), runs_once);

  // The sweep: an interrupt at every instruction of a wake() from Thread mode.
  coframe::tick_clock::stop();
  bool all_right = true;
  std::uint32_t first_wrong = 0;
  for (std::uint32_t delay = 1; delay <= 40 * 256 / 10 && all_right; ++delay) {
    first_task.state = second_task.state = task_header::scheduled;
    const auto o = lab05::interrupt_sweep::run(delay, wake_first, wake_both_in_handler);
    if (!queued_once_in_order(o.fired)) all_right = false, first_wrong = delay;
  }
  tap::ok(all_right, "an interrupt that wakes the same task at any instruction of wake() leaves "
                     "it queued once");
  if (!all_right) tap::diag("wrong when the interrupt came ", first_wrong, " timer counts in");
  tap::done();
}
