// A minimal lazy task on coframe::promise_allocator, for the frame layer's tests on the host
// (tests/host/frame_test.cpp) and on the board (tests/target/frame_test.cpp).
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/frame/promise_allocator.hpp>

#include <coroutine>
#include <optional>
#include <utility>

namespace frame_tests {

// Enough of a task to build chains: lazy, co_await with symmetric transfer, a result that is
// empty when a frame could not be allocated anywhere along the chain.
template <class T>
class task {
 public:
  struct promise_type : coframe::promise_allocator {
    std::optional<T> result;
    std::coroutine_handle<> continuation = std::noop_coroutine();

    task get_return_object() noexcept {
      return task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    static task get_return_object_on_allocation_failure() noexcept { return task{}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct final_awaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        return h.promise().continuation;
      }
      void await_resume() noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void return_value(std::optional<T> v) noexcept { result = std::move(v); }
    void unhandled_exception() noexcept { coframe::panic("an exception escaped a test task"); }
  };

  task() = default;
  task(task&& other) noexcept : frame_(std::exchange(other.frame_, {})) {}
  ~task() {
    if (frame_) frame_.destroy();
  }
  bool valid() const { return static_cast<bool>(frame_); }

  bool await_ready() const noexcept { return !frame_; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
    frame_.promise().continuation = caller;
    return frame_;
  }
  std::optional<T> await_resume() noexcept {
    return frame_ ? std::move(frame_.promise().result) : std::nullopt;
  }

  // Runs the task to its end from outside any coroutine (the tests' tasks never suspend).
  std::optional<T> run() {
    if (!frame_) return std::nullopt;
    frame_.resume();
    COFRAME_ASSERT(frame_.done(), "a test task suspended");
    return std::move(frame_.promise().result);
  }

 private:
  explicit task(std::coroutine_handle<promise_type> frame) : frame_(frame) {}
  std::coroutine_handle<promise_type> frame_;
};

}  // namespace frame_tests
