// Lab 03: where coroutines resume. A dispatcher is anything with post(handle): the coroutine
// is resumed later, by whoever drains the dispatcher. The lab has one, run_queue, a FIFO that
// main() drains; design 3 builds a second one on the same ring (scoped.hpp).
//
// A coroutine that awaits yield() goes to the back of the queue, so two chains that yield
// take turns: that is how the lab interleaves chains that use different allocators.
#pragma once

#include <coframe/board/fault.hpp>

#include <coroutine>
#include <cstddef>

namespace lab03 {

/// A fixed-capacity FIFO (no allocation). Thread mode only.
template <class T, std::size_t Capacity>
class ring {
 public:
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  void push(const T& item) noexcept {
    COFRAME_ASSERT(size_ < Capacity, "a run queue is full");
    items_[(head_ + size_++) % Capacity] = item;
  }
  T pop() noexcept {
    COFRAME_ASSERT(size_ > 0, "pop from an empty run queue");
    const T item = items_[head_];
    head_ = (head_ + 1) % Capacity;
    --size_;
    return item;
  }

 private:
  T items_[Capacity] = {};
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

/// `co_await queue.yield()`: post this coroutine to `queue` (anything with post(handle)) and
/// suspend, so that every other waiting coroutine runs first.
template <class Queue>
struct yield_awaiter {
  Queue* queue;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> self) const noexcept { queue->post(self); }
  void await_resume() const noexcept {}
};

// [run-queue]
/// The lab's dispatcher: coroutines posted here run, oldest first, when run() drains it.
class run_queue {
 public:
  void post(std::coroutine_handle<> coroutine) noexcept { waiting_.push(coroutine); }

  /// Resumes the oldest waiting coroutine; false if none was waiting.
  bool run_one() noexcept {
    if (waiting_.empty()) return false;
    waiting_.pop().resume();
    return true;
  }
  void run() noexcept {
    while (run_one()) {
    }
  }
  [[nodiscard]] bool empty() const noexcept { return waiting_.empty(); }

  /// `co_await queue.yield()`: let every other waiting coroutine run first.
  yield_awaiter<run_queue> yield() noexcept { return {this}; }

 private:
  ring<std::coroutine_handle<>, 8> waiting_;
};
// [run-queue]

}  // namespace lab03
