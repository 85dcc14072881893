// Lab 05 exercise receive: its test, under -icount (the runner's COFRAME_ICOUNT).
//
// 1. Bytes drawn from the seed come from an interrupt handler in bursts, between the task's
//    receives: the task must receive every one, in order.
// 2. The sweep (interrupt_sweep.hpp): a task receives one byte, which TIMER0's handler sends
//    at a point that moves forward a twenty-fifth of an instruction per run, through the
//    executor, the task and the awaitable, until the byte finds the task waiting. A byte that
//    wakes nobody leaves the executor asleep: TIMER1, the backstop, then fails the test.
#include "exercise_tests.hpp"
#include "interrupt_sweep.hpp"
#include "lab05.hpp"

#include <coframe/board/nvic.hpp>
#include <coframe/exec/yield.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

#include <cstdint>

namespace {

namespace tap = coframe::tap;
using lab05::interrupt_sweep;
using lab05::testing::executor;

lab05::byte_channel channel;

// ---- 1. bursts from a handler --------------------------------------------------------------
constexpr unsigned send_line = 6;  // PORT0_ALL, pended by software
std::uint8_t to_send[24];
std::size_t sent = 0, burst_end = 0;

coframe::task<> receive_all(std::uint8_t* got, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) got[i] = co_await channel.receive();
}
coframe::task<> send_in_bursts(std::size_t n, coframe::testing::xorshift32* numbers) {
  while (sent < n) {
    burst_end = sent + 1 + numbers->below(3);
    if (burst_end > n) burst_end = n;
    coframe::nvic::set_pending(send_line);  // its handler sends the burst
    asm volatile("dsb\n isb" ::: "memory");
    co_await coframe::yield_now();
    if (numbers->below(2) != 0) co_await lab05::testing::sleep_ticks(1);
  }
}
coframe::task<> exchange(std::uint8_t* got, std::size_t n, coframe::testing::xorshift32* numbers) {
  if (!executor::get()->spawn(receive_all(got, n))) co_return;
  co_await send_in_bursts(n, numbers);
  while (executor::spawned() != 0) co_await lab05::testing::sleep_ticks(1);
}

// ---- 2. the sweep ----------------------------------------------------------------------------------
std::uint8_t swept_byte = 0, received = 0;
bool receiver_was_waiting = false;

coframe::task<> receive_one() { received = co_await channel.receive(); }
void receive_one_byte() { (void)executor::get()->block_on(receive_one()); }
void send_from_timer() {
  receiver_was_waiting = static_cast<bool>(channel.receiver_);
  (void)channel.try_send(swept_byte);
}
void wake_lost() {
  tap::ok(false, "a byte sent at any instruction of the awaitable wakes the task");
  tap::diag("the byte sent ", interrupt_sweep::current().delay,
            " timer counts after the start woke nobody (taken at pc ",
            coframe::hex(interrupt_sweep::current().pc), ")");
  tap::done();  // the executor would sleep on: end here
}

}  // namespace

extern "C" void PORT0_ALL_IRQHandler() {
  while (sent < burst_end) (void)channel.try_send(to_send[sent++]);
}
extern "C" [[gnu::naked]] void TIMER0_IRQHandler() { LAB05_SWEEP_TIMER0_ENTRY(); }
extern "C" void TIMER1_IRQHandler() { interrupt_sweep::timer1_interrupt(); }

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  coframe::tick_clock::start();
  coframe::nvic::enable(send_line);

  const std::size_t n = 8 + numbers.below(16);
  for (std::size_t i = 0; i < n; ++i) to_send[i] = static_cast<std::uint8_t>(1 + numbers.below(255));
  std::uint8_t got[24] = {};
  lab05::testing::run_watched(exchange(got, n, &numbers), 500,
                              "the task receives every byte, in order");
  bool same = true;
  for (std::size_t i = 0; i < n; ++i) same = same && got[i] == to_send[i];
  tap::ok(same, "the task receives every byte, in order");
  coframe::tick_clock::stop();

  // The sweep, until the byte has found the task waiting for a whole instruction's worth of
  // delays (from there on every delay is the same case).
  const std::uint32_t one_instruction = interrupt_sweep::counts_per_instruction_x10 / 10 + 1;
  std::uint32_t waiting_in_a_row = 0, delay = 1, wrong = 0;
  for (; delay < 2000 * one_instruction && waiting_in_a_row < one_instruction; ++delay) {
    swept_byte = static_cast<std::uint8_t>(1 + numbers.below(255));
    received = 0;
    receiver_was_waiting = false;
    (void)interrupt_sweep::run(delay, receive_one_byte, send_from_timer, wake_lost);
    waiting_in_a_row = receiver_was_waiting ? waiting_in_a_row + 1 : 0;
    if (received != swept_byte) ++wrong;
  }
  tap::ok(waiting_in_a_row >= one_instruction,
          "the sweep went on until the byte found the task waiting");
  tap::ok(wrong == 0, "a byte sent at any instruction of the awaitable wakes the task, and is "
                      "the one received");
  tap::done();
}
