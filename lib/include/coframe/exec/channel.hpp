/// \file
/// `coframe::channel<T, N>`: values from tasks to tasks, with back-pressure.
///
/// \code{.cpp}
/// coframe::channel<reading, 4> readings;
///
/// coframe::task<> sampler() {
///   for (int i = 0; i < 100; ++i) {
///     (void)co_await readings.send(sample());   // waits while the channel is full
///   }
///   readings.close();
/// }
/// coframe::task<> logger() {
///   while (auto r = co_await readings.receive()) log(*r);   // error::closed ends the loop
/// }
/// \endcode
///
/// A ring of `N` values. A sender waits while the ring is full, so a fast producer is held
/// back to the pace of its consumer instead of filling memory: that is back-pressure. Any
/// number of tasks may send and receive; waiting senders, and waiting receivers, are served
/// first come, first served.
///
/// A value goes straight to a task that waits for it: a send finding a receiver waiting hands
/// it the value, and a receive that makes room moves the first waiting sender's value into the
/// ring. So a task woken by the channel always finds what it was woken for, even when another
/// task got to the channel in between.
///
/// Waiting tasks are nodes in lists inside the awaiters, in their frames: nothing allocates.
/// Tasks only, not interrupt handlers (those use `irq_channel`): every operation runs in
/// Thread mode, so nothing masks interrupts.
#pragma once

#include <coframe/coro/result.hpp>
#include <coframe/exec/waker.hpp>

#include <coroutine>
#include <cstddef>
#include <optional>
#include <utility>

namespace coframe {

template <class T, std::size_t N>
class channel {
  static_assert(N > 0, "a channel holds at least one value");

  // A waiting task, in a first-in, first-out list.
  struct waiter {
    waiter* next = nullptr;
    waker task;
    bool linked = false;
  };
  struct waiter_list {
    waiter* first = nullptr;
    waiter* last = nullptr;
    void push_back(waiter& w) noexcept {
      w.next = nullptr;
      (last != nullptr ? last->next : first) = &w;
      last = &w;
      w.linked = true;
    }
    waiter* pop_front() noexcept {
      waiter* w = first;
      if (w != nullptr) {
        first = w->next;
        if (first == nullptr) last = nullptr;
        w->linked = false;
      }
      return w;
    }
    void remove(waiter& w) noexcept {
      if (!w.linked) return;
      waiter* previous = nullptr;
      for (waiter* p = first; p != &w; previous = p, p = p->next) {
      }
      (previous != nullptr ? previous->next : first) = w.next;
      if (last == &w) last = previous;
      w.linked = false;
    }
  };

 public:
  constexpr channel() noexcept = default;
  channel(const channel&) = delete;
  channel& operator=(const channel&) = delete;
  /// Precondition: no task waits on it.
  ~channel() = default;

  // [send]
  /// The awaiter of `send(value)`: `error::closed` if the channel is closed, else success once
  /// the value is in the channel or in a receiver's hands.
  class [[nodiscard]] send_awaiter : private waiter {
   public:
    send_awaiter(channel& ch, T value) noexcept : channel_(ch), value_(std::move(value)) {}
    send_awaiter(const send_awaiter&) = delete;
    send_awaiter& operator=(const send_awaiter&) = delete;
    ~send_awaiter() { channel_.senders_.remove(*this); }  // cancelled while waiting

    bool await_ready() noexcept { return channel_.closed_ || channel_.try_put(value_); }
    void await_suspend(std::coroutine_handle<> self) noexcept {
      this->task = this_task::suspend(self);
      channel_.senders_.push_back(*this);
    }
    // Woken by a receive, which took the value, or by close(), which did not.
    result<void> await_resume() const noexcept {
      if (value_) return error::closed;
      return {};
    }

   private:
    friend class channel;
    channel& channel_;
    std::optional<T> value_;  // empty once the channel has it
  };
  // [send]

  // [receive]
  /// The awaiter of `receive()`: the oldest value, or `error::closed` once the channel is
  /// closed and empty.
  class [[nodiscard]] receive_awaiter : private waiter {
   public:
    explicit receive_awaiter(channel& ch) noexcept : channel_(ch) {}
    receive_awaiter(const receive_awaiter&) = delete;
    receive_awaiter& operator=(const receive_awaiter&) = delete;
    ~receive_awaiter() { channel_.receivers_.remove(*this); }  // cancelled while waiting

    bool await_ready() noexcept {
      value_ = channel_.try_receive();
      return value_.has_value() || channel_.closed_;
    }
    void await_suspend(std::coroutine_handle<> self) noexcept {
      this->task = this_task::suspend(self);
      channel_.receivers_.push_back(*this);
    }
    // Woken by a send, which put the value here, or by close(), which did not.
    result<T> await_resume() noexcept {
      if (!value_) return error::closed;
      return std::move(*value_);
    }

   private:
    friend class channel;
    channel& channel_;
    std::optional<T> value_;
  };
  // [receive]

  /// `co_await ch.send(value)`: see `send_awaiter`. In a task that an executor runs.
  send_awaiter send(T value) noexcept { return send_awaiter{*this, std::move(value)}; }
  /// `co_await ch.receive()`: see `receive_awaiter`. In a task that an executor runs.
  receive_awaiter receive() noexcept { return receive_awaiter{*this}; }

  /// Sends without waiting: false when the channel is full or closed. Thread mode.
  bool try_send(T value) noexcept {
    std::optional<T> v{std::move(value)};
    return !closed_ && try_put(v);
  }

  /// Receives without waiting: the oldest value, if there is one. Thread mode.
  std::optional<T> try_receive() noexcept {
    if (count_ == 0) return std::nullopt;
    std::optional<T> value{std::move(*items_[first_])};
    items_[first_].reset();
    first_ = (first_ + 1) % N;
    --count_;
    // Room now: the first waiting sender's value moves into the ring.
    if (waiter* w = senders_.pop_front()) {
      auto& sender = static_cast<send_awaiter&>(*w);
      push(std::move(*sender.value_));
      sender.value_.reset();
      sender.task.wake();
    }
    return value;
  }

  /// No more sends: waiting senders get `error::closed`; receivers get the values left, then
  /// `error::closed`. Thread mode.
  void close() noexcept {
    closed_ = true;
    while (waiter* w = senders_.pop_front()) w->task.wake();
    while (waiter* w = receivers_.pop_front()) w->task.wake();
  }

  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  [[nodiscard]] bool closed() const noexcept { return closed_; }

 private:
  // Puts `value` in a waiting receiver's hands, or in the ring; false (value kept) if full.
  bool try_put(std::optional<T>& value) noexcept {
    if (waiter* w = receivers_.pop_front()) {
      auto& receiver = static_cast<receive_awaiter&>(*w);
      receiver.value_ = std::move(*value);
      value.reset();
      receiver.task.wake();
      return true;
    }
    if (count_ == N) return false;
    push(std::move(*value));
    value.reset();
    return true;
  }
  void push(T value) noexcept {
    items_[(first_ + count_) % N].emplace(std::move(value));
    ++count_;
  }

  std::optional<T> items_[N];
  std::size_t first_ = 0;
  std::size_t count_ = 0;
  waiter_list senders_;
  waiter_list receivers_;
  bool closed_ = false;
};

}  // namespace coframe
