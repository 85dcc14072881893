/// \file
/// `coframe::event`: a flag that tasks wait for and anyone may set.
///
/// \code{.cpp}
/// coframe::event button_pressed;
///
/// extern "C" void GPIO_IRQHandler() { button_pressed.set(); }   // any context
///
/// coframe::task<> menu() {
///   co_await button_pressed.wait();   // suspends until set; at once if already set
///   button_pressed.reset();
///   ...
/// }
/// \endcode
///
/// Setting it wakes every waiting task, and it stays set until `reset()`, so a task that
/// comes to wait after the `set()` does not wait at all (a "manual-reset" event). Waiting
/// tasks are nodes in a list inside their awaiters: nothing allocates.
///
/// `set()` may be called from any interrupt handler. It wakes the waiting tasks with
/// interrupts masked, so its cost, and the time interrupts stay masked, grows with the number
/// of tasks waiting: a few instructions each. A waiting task checks the flag and joins the list
/// in one masked step, so a `set()` between the two cannot be missed.
#pragma once

#include <coframe/coro/result.hpp>
#include <coframe/exec/clock.hpp>
#include <coframe/exec/port.hpp>
#include <coframe/exec/timer.hpp>
#include <coframe/exec/waker.hpp>

#include <coroutine>

namespace coframe {

class event {
  struct waiter {
    waiter* next = nullptr;
    waiter* previous = nullptr;
    waker task;
    bool linked = false;
  };

 public:
  constexpr event() noexcept = default;
  event(const event&) = delete;
  event& operator=(const event&) = delete;

  // [event-set]
  /// Sets the event and wakes every task waiting for it. Any context.
  void set() noexcept {
    port::interrupt_mask masked;
    set_ = true;
    while (waiter* w = first_) {
      unlink(*w);
      w->task.wake();
    }
  }
  // [event-set]

  /// Clears the event: tasks that wait from now on wait for the next `set()`. Any context.
  void reset() noexcept {
    port::interrupt_mask masked;
    set_ = false;
  }

  [[nodiscard]] bool is_set() const noexcept { return set_; }

  /// The awaiter of `wait()`.
  class [[nodiscard]] wait_awaiter : private waiter {
   public:
    explicit wait_awaiter(event& e) noexcept : event_(e) {}
    wait_awaiter(const wait_awaiter&) = delete;
    wait_awaiter& operator=(const wait_awaiter&) = delete;
    ~wait_awaiter() { event_.forget(*this); }

    bool await_ready() const noexcept { return event_.set_; }
    bool await_suspend(std::coroutine_handle<> self) noexcept {
      port::interrupt_mask masked;
      if (event_.set_) return false;  // set since await_ready looked
      this->task = this_task::suspend(self);
      event_.link(*this);
      return true;
    }
    void await_resume() const noexcept {}

   private:
    event& event_;
  };

  /// `co_await e.wait()`: suspends the task until the event is set; not at all if it is set.
  /// In a task that an executor runs.
  wait_awaiter wait() noexcept { return wait_awaiter{*this}; }

  /// The awaiter of `wait_for(d)`: success when the event is set, `error::timed_out` if it
  /// was not set in time.
  class [[nodiscard]] timed_wait_awaiter : private waiter, private internal::timer_node {
   public:
    timed_wait_awaiter(event& e, instant deadline) noexcept : event_(e) {
      this->deadline = deadline;
      fire = &timed_out;
    }
    timed_wait_awaiter(const timed_wait_awaiter&) = delete;
    timed_wait_awaiter& operator=(const timed_wait_awaiter&) = delete;
    ~timed_wait_awaiter() {
      event_.forget(*this);
      internal::timers.remove(*this);
    }

    bool await_ready() const noexcept {
      return event_.set_ || this->deadline <= tick_clock::now();
    }
    bool await_suspend(std::coroutine_handle<> self) noexcept {
      {
        port::interrupt_mask masked;
        if (event_.set_) return false;
        this->task = this_task::suspend(self);
        event_.link(*this);
      }
      internal::timers.insert(*this);
      return true;
    }
    result<void> await_resume() noexcept {
      internal::timers.remove(*this);
      if (timed_out_) return error::timed_out;
      return {};
    }

   private:
    // The deadline came (Thread mode). Only if no set() took the task out of the list first
    // does the timeout win.
    static void timed_out(internal::timer_node& node) noexcept {
      auto& self = static_cast<timed_wait_awaiter&>(node);
      port::interrupt_mask masked;
      if (!self.waiter::linked) return;  // a set() woke it already
      self.event_.unlink(self);
      self.timed_out_ = true;
      self.task.wake();
    }

    event& event_;
    bool timed_out_ = false;
  };

  /// `co_await e.wait_for(d)`: success when the event is set, `error::timed_out` if it is not
  /// set `d` ticks from now. In a task that an executor runs.
  timed_wait_awaiter wait_for(milliseconds d) noexcept {
    return timed_wait_awaiter{*this, tick_clock::now() + d};
  }

 private:
  // The list of waiting tasks: doubly linked, so a cancelled waiter leaves it in O(1) with
  // interrupts masked. Called with interrupts masked.
  void link(waiter& w) noexcept {
    w.next = nullptr;
    w.previous = last_;
    (last_ != nullptr ? last_->next : first_) = &w;
    last_ = &w;
    w.linked = true;
  }
  void unlink(waiter& w) noexcept {
    (w.previous != nullptr ? w.previous->next : first_) = w.next;
    (w.next != nullptr ? w.next->previous : last_) = w.previous;
    w.linked = false;
  }
  void forget(waiter& w) noexcept {
    port::interrupt_mask masked;
    if (w.linked) unlink(w);
  }

  waiter* first_ = nullptr;
  waiter* last_ = nullptr;
  volatile bool set_ = false;  // read by await_ready without masking
};

}  // namespace coframe
