// Lab 02, step 1 — the smallest coroutine type: a promise, a handle, and who owns the frame.
//
// Portable: lab02.elf runs it, and so do the lab's host tests.
//
// A function is a coroutine when its body uses co_yield, co_await or co_return. Its return
// type (here `counter`) names a `promise_type`; the compiler turns the call into:
//
//   1. frame = promise_type::operator new(size)  (size: the compiler's frame layout)
//   2. construct the promise in the frame; result = promise.get_return_object()
//   3. co_await promise.initial_suspend()         (suspend_always: return to the caller now)
//   ... the body, where `co_yield v` is `co_await promise.yield_value(v)` ...
//   4. co_await promise.final_suspend()           (suspend_always: the frame stays, done())
//
// The frame lives until someone calls handle.destroy(): here the `counter` object, which owns
// the handle the way a unique_ptr owns its pointer.
#pragma once

#include <coframe/board/fault.hpp>

#include <coroutine>
#include <cstddef>
#include <new>
#include <utility>

namespace lab02 {

// [counter]
class counter {
 public:
  struct promise_type {
    int current = 0;  // the last value the body yielded

    // The compiler asks for the frame here, so this is where its size can be seen.
    static inline std::size_t last_frame_size = 0;
    static void* operator new(std::size_t size) {
      last_frame_size = size;
      return ::operator new(size);
    }
    static void operator delete(void* frame) { ::operator delete(frame); }

    counter get_return_object() { return counter{handle::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }  // lazy: run on first resume
    std::suspend_always final_suspend() noexcept { return {}; }    // keep the frame: done()
    std::suspend_always yield_value(int value) noexcept {
      current = value;
      return {};
    }
    void return_void() noexcept {}
    // Required even with -fno-exceptions, where nothing can throw and it never runs.
    void unhandled_exception() noexcept { coframe::panic("exception in a counter"); }
  };
  using handle = std::coroutine_handle<promise_type>;

  counter(counter&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  counter& operator=(counter&&) = delete;
  ~counter() {
    if (frame_) frame_.destroy();  // the owner frees the frame, whatever state it is in
  }

  /// Runs the body to its next co_yield; false once the body has returned.
  bool next() {
    frame_.resume();
    return !frame_.done();
  }
  int value() const { return frame_.promise().current; }
  handle frame() const { return frame_; }

 private:
  explicit counter(handle frame) : frame_(frame) {}
  handle frame_;
};
// [counter]

// [count-to]
inline counter count_to(int last) {
  for (int i = 1; i <= last; ++i) co_yield i;
}
// [count-to]

}  // namespace lab02
