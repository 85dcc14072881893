// Lab 03, design 4: a type-erased dispatcher that carries a type-erased allocator.
//
// Design 2 makes every coroutine that takes the dispatcher a template on the dispatcher's
// type (or fixes one type). any_dispatcher erases both: one concrete type that resumes
// coroutines on any dispatcher and allocates their frames from any frame_resource, or from the
// default pool when it was given none. Coroutines take it by value, first, as in design 2.
// The price: every allocation is an indirect call, and every coroutine type exists once.
#pragma once

#include "run_queue.hpp"
#include "task.hpp"

#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_record.hpp>

#include <coroutine>
#include <cstddef>
#include <utility>

namespace lab03::by_any_dispatcher {

// [any-dispatcher]
/// Any dispatcher (anything with post(handle)) and, optionally, any frame allocator, behind
/// one type of three words. Both must outlive every coroutine that uses them.
class any_dispatcher {
 public:
  template <class Dispatcher>
  explicit any_dispatcher(Dispatcher& dispatcher, coframe::frame_resource* alloc = nullptr) noexcept
      : dispatcher_(&dispatcher),
        post_([](void* d, std::coroutine_handle<> coroutine) noexcept {
          static_cast<Dispatcher*>(d)->post(coroutine);
        }),
        alloc_(alloc != nullptr ? alloc : &coframe::default_frame_pool()) {}

  void post(std::coroutine_handle<> coroutine) const noexcept { post_(dispatcher_, coroutine); }

  yield_awaiter<const any_dispatcher> yield() const noexcept { return {this}; }

  /// A frame from the allocator it carries (the default pool, if it was given none).
  void* allocate_frame(std::size_t size) const noexcept {
    return coframe::allocate_frame(*alloc_, size);
  }

 private:
  void* dispatcher_;
  void (*post_)(void*, std::coroutine_handle<>) noexcept;
  coframe::frame_resource* alloc_;
};
// [any-dispatcher]

// [allocation]
struct allocation {
  /// f(any_dispatcher, args...): the dispatcher's allocator.
  template <class... Args>
  [[gnu::always_inline]]  // GCC 12 at -O0 and -Og: see promise_allocator.hpp
  static void* operator new(std::size_t size, const any_dispatcher& dispatcher, Args&...) noexcept {
    return dispatcher.allocate_frame(size);
  }
  /// object.f(any_dispatcher, args...): likewise, after the object.
  template <class Object, class... Args>
  [[gnu::always_inline]]  // GCC 12 at -O0 and -Og: see promise_allocator.hpp
  static void* operator new(std::size_t size, Object&, const any_dispatcher& dispatcher,
                            Args&...) noexcept {
    return dispatcher.allocate_frame(size);
  }
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
// One root type for every dispatcher and allocator: it takes the any_dispatcher first.
template <class T, class Handler>
root_task<allocation> run_root(any_dispatcher, task<T> work, Handler handler) {
  handler(co_await std::move(work));
}

template <class T, class Handler>
bool async_run(any_dispatcher dispatcher, task<T> work, Handler handler) {
  root_task<allocation> root = run_root(dispatcher, std::move(work), std::move(handler));
  if (!root.valid()) return false;
  dispatcher.post(root.release());
  return true;
}
// [async-run]

}  // namespace lab03::by_any_dispatcher
