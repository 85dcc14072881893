// Lab 03, design 1: the allocator is an argument.
//
// A coroutine that wants its frame from a particular allocator takes it as a parameter, after
// the tag std::allocator_arg (the convention of std::generator and of the standard library's
// allocator-aware types). The promise's operator new is called with the coroutine's arguments,
// so an overload that matches (size, std::allocator_arg_t, R&, ...) sees the allocator before
// the frame exists. Every coroutine that should use it must take it and pass it on, and so
// must the framework's own: async_run gives its root_task the allocator first.
#pragma once

#include "run_queue.hpp"
#include "task.hpp"

#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_record.hpp>

#include <concepts>
#include <cstddef>
#include <memory>
#include <utility>

namespace lab03::by_argument {

// [allocation]
struct allocation {
  /// f(std::allocator_arg, alloc, args...): the frame comes from alloc.
  template <std::derived_from<coframe::frame_resource> R, class... Args>
  [[gnu::always_inline]]  // GCC 12 at -O0 and -Og: see promise_allocator.hpp
  static void* operator new(std::size_t size, std::allocator_arg_t, R& alloc, Args&...) noexcept {
    return coframe::allocate_frame(alloc, size);
  }
  /// object.f(std::allocator_arg, alloc, args...): a member coroutine's object comes first.
  template <class Object, std::derived_from<coframe::frame_resource> R, class... Args>
  [[gnu::always_inline]]  // GCC 12 at -O0 and -Og: see promise_allocator.hpp
  static void* operator new(std::size_t size, Object&, std::allocator_arg_t, R& alloc,
                            Args&...) noexcept {
    return coframe::allocate_frame(alloc, size);
  }
  /// No allocator argument: the default pool.
  static void* operator new(std::size_t size) noexcept {
    return coframe::allocate_default_frame(size);
  }
  /// No arguments reach operator delete: the frame's record says where it came from.
  static void operator delete(void* frame, std::size_t size) noexcept {
    coframe::deallocate_frame(frame, size);
  }
};
// [allocation]

template <class T>
using task = lab03::task<T, allocation>;

// [async-run]
// The root takes the allocator first, like every other coroutine of this design.
template <class T, class Handler>
root_task<allocation> run_root(std::allocator_arg_t, coframe::frame_resource&, task<T> work,
                               Handler handler) {
  handler(co_await std::move(work));
}

/// Runs `work` on `queue`, with the root's frame from `alloc`; `handler(std::optional<T>)` gets
/// the result. Returns false, and does nothing, when the root's frame cannot be allocated
/// (`work` is destroyed then).
template <class T, class Handler>
bool async_run(std::allocator_arg_t, coframe::frame_resource& alloc, run_queue& queue,
               task<T> work, Handler handler) {
  root_task<allocation> root =
      run_root(std::allocator_arg, alloc, std::move(work), std::move(handler));
  if (!root.valid()) return false;
  queue.post(root.release());
  return true;
}
// [async-run]

}  // namespace lab03::by_argument
