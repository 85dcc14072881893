// Lab 03, design 2: the dispatcher carries the allocator.
//
// A framework already hands its dispatcher (where coroutines resume) to its own coroutines,
// first, so a dispatcher that also carries an allocator reaches their operator new with no
// change to any signature: with_allocator(queue, alloc) wraps a dispatcher, and the promise's
// operator new looks for get_frame_allocator() on the first or second parameter. async_run's
// root_task takes the dispatcher first and so gets its frame from the right allocator.
//
// What it cannot do: reach a coroutine that does not take the dispatcher. The dispatcher is
// handed from a parent to its child when the child is awaited, which is after the child's
// frame was allocated, so "propagates automatically" holds for where a coroutine resumes, not
// for where its frame comes from.
#pragma once

#include "run_queue.hpp"
#include "task.hpp"

#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_record.hpp>
#include <coframe/frame/promise_allocator.hpp>  // coframe::has_frame_allocator

#include <coroutine>
#include <cstddef>
#include <utility>

namespace lab03::by_dispatcher {

// [allocating-dispatcher]
/// A dispatcher that resumes coroutines on `Dispatcher` and allocates their frames from
/// `Resource`. Both are held by reference and must outlive every coroutine that uses them.
template <class Dispatcher, class Resource>
class allocating_dispatcher {
 public:
  allocating_dispatcher(Dispatcher& inner, Resource& alloc) noexcept
      : inner_(&inner), alloc_(&alloc) {}

  void post(std::coroutine_handle<> coroutine) const noexcept { inner_->post(coroutine); }
  auto yield() const noexcept { return inner_->yield(); }

  /// What the promise's operator new looks for.
  Resource& get_frame_allocator() const noexcept { return *alloc_; }

 private:
  Dispatcher* inner_;
  Resource* alloc_;
};

template <class Dispatcher, class Resource>
allocating_dispatcher<Dispatcher, Resource> with_allocator(Dispatcher& inner,
                                                           Resource& alloc) noexcept {
  return {inner, alloc};
}
// [allocating-dispatcher]

/// The dispatcher the lab's chains take: the lab's run_queue, with any frame_resource.
using dispatcher = allocating_dispatcher<run_queue, coframe::frame_resource>;

// [allocation]
struct allocation {
  /// f(dispatcher, args...): the frame comes from the dispatcher's allocator.
  template <coframe::has_frame_allocator First, class... Args>
  [[gnu::always_inline]]  // GCC 12 at -O0 and -Og: see promise_allocator.hpp
  static void* operator new(std::size_t size, First& first, Args&...) noexcept {
    return coframe::allocate_frame(first.get_frame_allocator(), size);
  }
  /// object.f(dispatcher, args...) or f(x, dispatcher, args...): the second parameter's.
  template <class First, coframe::has_frame_allocator Second, class... Args>
    requires(!coframe::has_frame_allocator<First>)
  [[gnu::always_inline]]  // GCC 12 at -O0 and -Og: see promise_allocator.hpp
  static void* operator new(std::size_t size, First&, Second& second, Args&...) noexcept {
    return coframe::allocate_frame(second.get_frame_allocator(), size);
  }
  /// No dispatcher among the first two parameters: the default pool.
  static void* operator new(std::size_t size) noexcept {
    return coframe::allocate_default_frame(size);
  }
  static void operator delete(void* frame, std::size_t size) noexcept {
    coframe::deallocate_frame(frame, size);
  }
};
// [allocation]

template <class T>
using task = lab03::task<T, allocation>;

// [async-run]
// The dispatcher comes first, so the root's frame comes from its allocator.
template <class Dispatcher, class T, class Handler>
root_task<allocation> run_root(Dispatcher, task<T> work, Handler handler) {
  handler(co_await std::move(work));
}

/// Runs `work` on `dispatcher`; `handler(std::optional<T>)` gets the result. Returns false,
/// and does nothing, when the root's frame cannot be allocated (`work` is destroyed then).
template <class Dispatcher, class T, class Handler>
bool async_run(Dispatcher dispatcher, task<T> work, Handler handler) {
  root_task<allocation> root = run_root(dispatcher, std::move(work), std::move(handler));
  if (!root.valid()) return false;
  dispatcher.post(root.release());
  return true;
}
// [async-run]

}  // namespace lab03::by_dispatcher
