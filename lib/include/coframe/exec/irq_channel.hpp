/// \file
/// `coframe::irq_channel<T, N>`: values from interrupt handlers to one task.
///
/// \code{.cpp}
/// coframe::irq_channel<std::uint8_t, 16> rx;           // a global: handlers reach it
///
/// extern "C" void UARTRX0_IRQHandler() {
///   coframe::uart0.clear_rx_interrupt();
///   while (auto byte = coframe::uart0.try_read()) (void)rx.try_send(*byte);
/// }
/// coframe::task<> console() {
///   for (;;) {
///     std::uint8_t byte = co_await rx.receive();       // suspends while there is none
///     handle(byte);
///   }
/// }
/// \endcode
///
/// A fixed ring of `N` values: sending never allocates and never blocks, so an interrupt
/// handler may send. When the ring is full a value is dropped, and counted (`dropped()`): a
/// handler cannot wait for room. Any number of handlers, at any priorities, may send; one task
/// receives (a second receiver waiting at the same time stops the program with a message).
///
/// Each operation masks interrupts for a few instructions. The receiver checks for a value and
/// leaves its waker in one masked step (see `receive_awaiter::await_suspend`): a value sent
/// between a check and the registration would otherwise wake nobody.
///
/// `T` must be trivially copyable: a handler copies it in, and nothing needs destroying.
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/coro/result.hpp>
#include <coframe/exec/clock.hpp>
#include <coframe/exec/port.hpp>
#include <coframe/exec/timer.hpp>
#include <coframe/exec/waker.hpp>

#include <coroutine>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

namespace coframe {

template <class T, std::size_t N>
class irq_channel {
  static_assert(N > 0, "an irq_channel holds at least one value");
  static_assert(std::is_trivially_copyable_v<T>,
                "an interrupt handler copies values into an irq_channel: T must be trivially "
                "copyable");

 public:
  constexpr irq_channel() noexcept = default;
  irq_channel(const irq_channel&) = delete;
  irq_channel& operator=(const irq_channel&) = delete;

  // [irq-send]
  /// Adds `value` and wakes the receiver if it waits. False, and the value is dropped (and
  /// counted), when the channel is full. Any context: an interrupt handler of any priority,
  /// or Thread mode.
  bool try_send(const T& value) noexcept {
    port::interrupt_mask masked;
    if (count_ == N) {
      ++dropped_;
      return false;
    }
    items_[(first_ + count_) % N] = value;
    ++count_;
    std::exchange(receiver_, waker{}).wake();  // take the waker: it wakes the task once
    return true;
  }
  // [irq-send]

  /// The oldest value, if there is one. Thread mode.
  std::optional<T> try_receive() noexcept {
    port::interrupt_mask masked;
    if (count_ == 0) return std::nullopt;
    return take_masked();
  }

  // [irq-receive]
  /// The awaiter of `receive()`: gives the oldest value, suspending the task while there is
  /// none.
  class [[nodiscard]] receive_awaiter {
   public:
    explicit receive_awaiter(irq_channel& channel) noexcept : channel_(channel) {}
    receive_awaiter(const receive_awaiter&) = delete;
    receive_awaiter& operator=(const receive_awaiter&) = delete;
    /// A task destroyed while it waits takes its waker back.
    ~receive_awaiter() { channel_.forget(waiting_); }

    bool await_ready() noexcept {
      value_ = channel_.try_receive();
      return value_.has_value();
    }
    // The last check and the registration, in one masked step. Returning false resumes the
    // task at once: a value came after await_ready looked.
    bool await_suspend(std::coroutine_handle<> self) noexcept {
      port::interrupt_mask masked;
      if (channel_.count_ > 0) return false;
      COFRAME_ASSERT(!channel_.receiver_, "two tasks wait on one irq_channel; it has one receiver");
      waiting_ = this_task::suspend(self);
      channel_.receiver_ = waiting_;
      return true;
    }
    // Woken only by a send, which left a value: take it.
    T await_resume() noexcept {
      waiting_ = waker{};
      if (!value_) value_ = channel_.try_receive();
      return *value_;
    }

   private:
    irq_channel& channel_;
    std::optional<T> value_;
    waker waiting_;
  };
  // [irq-receive]

  /// `co_await channel.receive()`: the oldest value; suspends the task while there is none.
  /// In a task that an executor runs; one receiver at a time.
  receive_awaiter receive() noexcept { return receive_awaiter{*this}; }

  /// The awaiter of `receive_for(d)`: a value, or `error::timed_out` if none came in time.
  class [[nodiscard]] timed_receive_awaiter : private internal::timer_node {
   public:
    timed_receive_awaiter(irq_channel& channel, instant deadline) noexcept : channel_(channel) {
      this->deadline = deadline;
      fire = &timed_out;
    }
    timed_receive_awaiter(const timed_receive_awaiter&) = delete;
    timed_receive_awaiter& operator=(const timed_receive_awaiter&) = delete;
    ~timed_receive_awaiter() {
      channel_.forget(waiting_);
      internal::timers.remove(*this);
    }

    bool await_ready() noexcept {
      value_ = channel_.try_receive();
      return value_.has_value() || this->deadline <= tick_clock::now();
    }
    bool await_suspend(std::coroutine_handle<> self) noexcept {
      {
        port::interrupt_mask masked;
        if (channel_.count_ > 0) return false;
        COFRAME_ASSERT(!channel_.receiver_,
                       "two tasks wait on one irq_channel; it has one receiver");
        waiting_ = this_task::suspend(self);
        channel_.receiver_ = waiting_;
      }
      internal::timers.insert(*this);
      return true;
    }
    result<T> await_resume() noexcept {
      internal::timers.remove(*this);
      waiting_ = waker{};
      if (!value_) value_ = channel_.try_receive();
      if (!value_) return error::timed_out;
      return *value_;
    }

   private:
    // The deadline came (Thread mode, from the executor's loop). The waker is taken back
    // only if no send took it first: a send that did has left a value and woken the task.
    static void timed_out(timer_node& node) noexcept {
      auto& self = static_cast<timed_receive_awaiter&>(node);
      port::interrupt_mask masked;
      if (self.channel_.receiver_ == self.waiting_) {
        self.channel_.receiver_ = waker{};
        self.waiting_.wake();
      }
    }

    irq_channel& channel_;
    std::optional<T> value_;
    waker waiting_;
  };

  /// `co_await channel.receive_for(d)`: the oldest value, or `error::timed_out` when none
  /// has come `d` ticks from now (at the `d`-th tick). In a task that an executor runs.
  timed_receive_awaiter receive_for(milliseconds d) noexcept {
    return timed_receive_awaiter{*this, tick_clock::now() + d};
  }

  /// Values waiting. Any context.
  [[nodiscard]] std::size_t size() const noexcept {
    port::interrupt_mask masked;
    return count_;
  }
  /// Values dropped because the channel was full.
  [[nodiscard]] std::size_t dropped() const noexcept {
    port::interrupt_mask masked;
    return dropped_;
  }

 private:
  T take_masked() noexcept {
    const T value = items_[first_];
    first_ = (first_ + 1) % N;
    --count_;
    return value;
  }
  void forget(waker w) noexcept {
    if (!w) return;
    port::interrupt_mask masked;
    if (receiver_ == w) receiver_ = waker{};
  }

  T items_[N] = {};
  std::size_t first_ = 0;
  std::size_t count_ = 0;
  std::size_t dropped_ = 0;
  waker receiver_;  // the waiting task, if one waits
};

}  // namespace coframe
