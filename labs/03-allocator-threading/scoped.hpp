// Lab 03, design 3: a scoped "current frame allocator".
//
// No coroutine takes an allocator. The promise's operator new asks for the current frame
// allocator, which a coframe::frame_scope installs for a block of code (lib/: frame_scope.hpp).
// Every frame created inside the scope, the framework's root_task included, comes from it.
//
// The catch is time. A chain created inside a scope keeps running after the scope has ended:
// whenever it is resumed later, by a dispatcher, it creates more frames (each co_await of a new
// child), and by then another scope, or none, is current. So the dispatcher must save the
// current allocator when a coroutine suspends and install it again around the resume. That is
// scoped_queue below; with a plain run_queue, interleaved chains take each other's allocator.
#pragma once

#include "run_queue.hpp"
#include "task.hpp"

#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_record.hpp>
#include <coframe/frame/frame_scope.hpp>

#include <coroutine>
#include <cstddef>
#include <utility>

namespace lab03::by_scope {

// [allocation]
struct allocation {
  /// Every frame comes from the current frame allocator (the default pool outside any scope).
  static void* operator new(std::size_t size) noexcept {
    return coframe::allocate_frame_from_current(size);
  }
  static void operator delete(void* frame, std::size_t size) noexcept {
    coframe::deallocate_frame(frame, size);
  }
};
// [allocation]

template <class T>
using task = lab03::task<T, allocation>;

// [scoped-queue]
/// A run queue that restores, around every resume, the frame allocator that was current when
/// the coroutine was posted: a chain always runs with the allocator it was created under, and
/// never leaves its own behind for the next chain.
class scoped_queue {
 public:
  void post(std::coroutine_handle<> coroutine) noexcept {
    waiting_.push({coroutine, &coframe::current_frame_resource()});
  }

  bool run_one() noexcept {
    if (waiting_.empty()) return false;
    const entry next = waiting_.pop();
    coframe::frame_scope scope{*next.allocator};  // ... and the previous one back after
    next.coroutine.resume();
    return true;
  }
  void run() noexcept {
    while (run_one()) {
    }
  }
  [[nodiscard]] bool empty() const noexcept { return waiting_.empty(); }

  yield_awaiter<scoped_queue> yield() noexcept { return {this}; }

 private:
  struct entry {
    std::coroutine_handle<> coroutine;
    coframe::frame_resource* allocator;
  };
  ring<entry, 8> waiting_;
};
// [scoped-queue]

// [async-run]
// Nothing changes in the root's signature: its frame comes from whatever scope async_run is
// called in, and scoped_queue runs it under that scope.
template <class Queue, class T, class Handler>
root_task<allocation> run_root(Queue&, task<T> work, Handler handler) {
  handler(co_await std::move(work));
}

/// Runs `work` on `queue` under the allocator current now; `handler(std::optional<T>)` gets
/// the result. Returns false, and does nothing, when the root's frame cannot be allocated.
template <class Queue, class T, class Handler>
bool async_run(Queue& queue, task<T> work, Handler handler) {
  root_task<allocation> root = run_root(queue, std::move(work), std::move(handler));
  if (!root.valid()) return false;
  queue.post(root.release());
  return true;
}
// [async-run]

}  // namespace lab03::by_scope
