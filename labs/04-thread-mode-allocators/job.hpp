// Lab 04: the smallest coroutine type whose frames go through lab 03's frame layer (main.cpp
// and trap.cpp use it).
#pragma once

#include <coframe/frame/promise_allocator.hpp>

#include <coroutine>
#include <utility>

namespace lab04 {

// [job]
// A minimal coroutine. Its frame comes from wherever lab 03's frame layer says: the promise
// derives from promise_allocator, so with no allocator among its arguments the frame comes from
// the current frame allocator (a frame_scope sets it to a thread-mode heap). A frame that cannot
// be allocated is an error value for the caller (an empty job): the layer asks the handle with
// try_allocate, never through the out-of-memory hook.
struct job {
  struct promise_type : coframe::promise_allocator {
    static job get_return_object_on_allocation_failure() noexcept { return job{nullptr}; }
    job get_return_object() { return job{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  explicit job(std::coroutine_handle<promise_type> h) : handle(h) {}
  job(job&& other) noexcept : handle(std::exchange(other.handle, nullptr)) {}
  ~job() {
    if (handle) handle.destroy();
  }
  void run() { handle.resume(); }
  std::coroutine_handle<promise_type> handle;
};
// [job]

}  // namespace lab04
