// Lab 05 exercises: what you write, declared. Each exercise is one file in exercises/, built
// with its own test (NAME_test.cpp) on top of lib/'s executor.
//
//   yield_now.cpp          the awaitable of yield_now()
//   wake.cpp               an idempotent wake, safe from interrupt handlers
//   close_sleep_race.cpp   the executor's check-then-sleep, with no lost wake-up
//   sleep_for.cpp          sleep_for's awaiter: a deadline, a timer, a waker
//   receive.cpp            a channel's receive awaitable, fed by an interrupt handler
#pragma once

#include <coframe/coro/task.hpp>
#include <coframe/exec/clock.hpp>
#include <coframe/exec/port.hpp>
#include <coframe/exec/timer.hpp>
#include <coframe/exec/waker.hpp>

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace lab05 {

// ---- yield_now.cpp ---------------------------------------------------------------------------
// `co_await lab05::yield_now()` suspends the task and puts it at the back of the ready queue,
// behind every task already woken; with none waiting it comes straight back.
struct yield_awaiter {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<> self) const noexcept;
  void await_resume() const noexcept;
};
inline yield_awaiter yield_now() noexcept { return {}; }

// ---- wake.cpp ----------------------------------------------------------------------------------
// Makes `task` runnable: puts it at the back of the executor's ready queue
// (coframe::internal::ready_tasks), unless it is there already. Any context: Thread mode, or
// an interrupt handler that may interrupt a call of wake() for the same task.
void wake(coframe::internal::task_header& task) noexcept;

// ---- close_sleep_race.cpp ----------------------------------------------------------------------
// True when the executor has something to do. The test defines it (and counts the calls).
bool work_ready() noexcept;
// Sleeps until an interrupt, unless work_ready(): the executor's idle step. A wake-up that an
// interrupt handler makes at any moment must not be slept through.
void sleep_until_work() noexcept;

// ---- sleep_for.cpp -----------------------------------------------------------------------------
// `co_await lab05::sleep_for(d)`: resumes the task at the d-th tick from now; at once for 0.
class sleep_awaiter : private coframe::internal::timer_node {
 public:
  explicit sleep_awaiter(coframe::milliseconds d) noexcept;  // sets `deadline`
  ~sleep_awaiter();                                         // a cancelled sleep leaves the list
  sleep_awaiter(const sleep_awaiter&) = delete;
  sleep_awaiter& operator=(const sleep_awaiter&) = delete;

  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<> self) noexcept;
  void await_resume() const noexcept {}

 private:
  // What the timer list calls when the deadline has come (Thread mode): wake the task.
  static void wake_sleeper(timer_node& node) noexcept {
    static_cast<sleep_awaiter&>(node).waiting_.wake();
  }
  coframe::waker waiting_;
};
inline sleep_awaiter sleep_for(coframe::milliseconds d) noexcept { return sleep_awaiter{d}; }

// ---- receive.cpp --------------------------------------------------------------------------------
// Bytes from interrupt handlers to one task: a ring of 8, and the waker of the task that
// waits for a byte.
class byte_channel {
 public:
  // From an interrupt handler: adds `byte` and wakes the receiver, if one waits. False when
  // full (the byte is dropped).
  bool try_send(std::uint8_t byte) noexcept {
    coframe::port::interrupt_mask masked;
    if (count_ == capacity) return false;
    bytes_[(first_ + count_++) % capacity] = byte;
    receiver_.wake();
    receiver_ = coframe::waker{};  // one wake per wait
    return true;
  }
  // The oldest byte, if there is one. Thread mode.
  std::optional<std::uint8_t> try_receive() noexcept {
    coframe::port::interrupt_mask masked;
    if (count_ == 0) return std::nullopt;
    const std::uint8_t byte = bytes_[first_];
    first_ = (first_ + 1) % capacity;
    --count_;
    return byte;
  }

  // `co_await channel.receive()`: the oldest byte; suspends the task while there is none.
  class receive_awaiter {
   public:
    explicit receive_awaiter(byte_channel& channel) noexcept : channel_(channel) {}
    bool await_ready() noexcept;
    bool await_suspend(std::coroutine_handle<> self) noexcept;
    std::uint8_t await_resume() noexcept;

   private:
    byte_channel& channel_;
    std::optional<std::uint8_t> byte_;  // the byte, once taken
  };
  receive_awaiter receive() noexcept { return receive_awaiter{*this}; }

  // For the awaiter: the waiting task's waker, and the number of bytes waiting. Touch them
  // with interrupts masked.
  coframe::waker receiver_;
  std::size_t count_ = 0;

 private:
  static constexpr std::size_t capacity = 8;
  std::uint8_t bytes_[capacity] = {};
  std::size_t first_ = 0;
};

}  // namespace lab05
