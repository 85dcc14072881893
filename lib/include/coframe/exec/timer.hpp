/// \file
/// Timers: `sleep_for`, `sleep_until`, and the deadlines behind every timeout.
///
/// \code{.cpp}
/// coframe::task<> blink() {
///   for (;;) {
///     toggle_led();
///     co_await coframe::sleep_for(coframe::milliseconds(500));
///   }
/// }
/// \endcode
///
/// A sleeping task is a node in a list sorted by deadline, and the node lives in the awaiter,
/// in the task's frame: sleeping allocates nothing. The SysTick handler only counts
/// (`tick_clock::tick()`); the executor, in Thread mode, fires the timers that are due before
/// it runs the next task or sleeps. So the list is Thread-mode only and needs no masking.
/// Costs: starting a sleep walks the list to its place (O(tasks sleeping)); firing the due
/// ones is O(1) each.
///
/// A task cancelled while it sleeps takes its node out of the list (the awaiter's destructor).
#pragma once

#include <coframe/exec/clock.hpp>
#include <coframe/exec/waker.hpp>

#include <coroutine>

namespace coframe {

namespace internal {

// [timer-node]
// An entry of the timer list. Whoever embeds one says what firing it means (wake a task, or
// end a wait with a timeout) through `fire`, called in Thread mode once the deadline has come.
struct timer_node {
  timer_node* next = nullptr;
  instant deadline;
  void (*fire)(timer_node& self) noexcept = nullptr;
  bool linked = false;
};
// [timer-node]

class timer_list {
 public:
  // [timer-insert]
  /// Adds `node`, keeping the list sorted by deadline; among equal deadlines, the first added
  /// fires first. Thread mode.
  void insert(timer_node& node) noexcept {
    timer_node** link = &head_;
    while (*link != nullptr && (*link)->deadline <= node.deadline) link = &(*link)->next;
    node.next = *link;
    *link = &node;
    node.linked = true;
  }
  // [timer-insert]

  /// Takes `node` out, if it is in the list. Thread mode.
  void remove(timer_node& node) noexcept {
    if (!node.linked) return;
    for (timer_node** link = &head_; *link != nullptr; link = &(*link)->next) {
      if (*link == &node) {
        *link = node.next;
        node.linked = false;
        return;
      }
    }
  }

  // [fire-due]
  /// Fires, earliest first, every timer whose deadline is not after `now`. Thread mode.
  void fire_due(instant now) noexcept {
    while (head_ != nullptr && head_->deadline <= now) {
      timer_node& due = *head_;
      head_ = due.next;
      due.linked = false;
      due.fire(due);
    }
  }
  // [fire-due]

  [[nodiscard]] bool empty() const noexcept { return head_ == nullptr; }
  /// The earliest deadline. Precondition: `!empty()`.
  [[nodiscard]] instant earliest() const noexcept { return head_->deadline; }

 private:
  timer_node* head_ = nullptr;
};

inline constinit timer_list timers;

}  // namespace internal

// [sleep]
/// The awaiter of `sleep_until` and `sleep_for`. Lives in the sleeping task's frame.
class [[nodiscard]] sleep_awaiter : private internal::timer_node {
 public:
  explicit sleep_awaiter(instant deadline) noexcept {
    this->deadline = deadline;
    fire = [](timer_node& self) noexcept { static_cast<sleep_awaiter&>(self).task_.wake(); };
  }
  sleep_awaiter(const sleep_awaiter&) = delete;
  sleep_awaiter& operator=(const sleep_awaiter&) = delete;
  /// A task destroyed while it sleeps leaves the timer list.
  ~sleep_awaiter() { internal::timers.remove(*this); }

  bool await_ready() const noexcept { return deadline <= tick_clock::now(); }
  void await_suspend(std::coroutine_handle<> self) noexcept {
    task_ = this_task::suspend(self);
    internal::timers.insert(*this);
  }
  void await_resume() const noexcept {}

 private:
  waker task_;
};

/// `co_await sleep_until(t)`: resumes the task at the first tick at or after `t`; at once if
/// `t` has passed. In a task that an executor runs.
inline sleep_awaiter sleep_until(instant deadline) noexcept { return sleep_awaiter{deadline}; }

/// `co_await sleep_for(d)`: resumes the task `d` ticks from now, that is at the `d`-th tick
/// interrupt from now (between `d - 1` and `d` tick periods of real time, since the current
/// period has partly passed); `sleep_for(0)` does not suspend.
inline sleep_awaiter sleep_for(milliseconds d) noexcept {
  return sleep_awaiter{tick_clock::now() + d};
}
// [sleep]

}  // namespace coframe
