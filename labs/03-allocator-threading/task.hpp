// Lab 03: the coroutine types every design shares. Only where a frame comes from changes from
// one design to the next, so that is a template parameter: the Allocation mixin, a class with
// static operator new and operator delete that the promise inherits.
//
//   task<T, Allocation>       a lazy coroutine another coroutine co_awaits for a T
//   root_task<Allocation>     the coroutine async_run makes around the task you hand it
//
// Results without exceptions: co_await on a task gives a std::optional<T>, empty when a frame
// could not be allocated (that task's own, or one further down its chain).
#pragma once

#include <coframe/board/fault.hpp>

#include <coroutine>
#include <optional>
#include <utility>

namespace lab03 {

template <class T, class Allocation>
class task;

// [task-promise]
template <class T, class Allocation>
class task_promise : public Allocation {
 public:
  task<T, Allocation> get_return_object() noexcept;
  // With a noexcept operator new (the mixin's), a frame that cannot be allocated makes the
  // call return this instead of running the body: an invalid task, which co_await turns into
  // an empty result. Nothing is thrown and nothing panics.
  static task<T, Allocation> get_return_object_on_allocation_failure() noexcept { return {}; }

  std::suspend_always initial_suspend() const noexcept { return {}; }  // lazy
  auto final_suspend() noexcept { return final_awaiter{}; }
  void return_value(std::optional<T> result) noexcept { result_ = std::move(result); }
  [[noreturn]] void unhandled_exception() const noexcept {
    coframe::panic("an exception escaped a task body");
  }

 private:
  friend class task<T, Allocation>;
  // At the end of the body, jump straight back into the coroutine that awaited this one
  // (symmetric transfer: no call is left on the stack).
  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(
        std::coroutine_handle<task_promise> finished) const noexcept {
      return finished.promise().continuation_;
    }
    void await_resume() const noexcept {}
  };

  std::optional<T> result_;
  std::coroutine_handle<> continuation_ = std::noop_coroutine();
};
// [task-promise]

// [task]
/// A lazy coroutine returning a T. It owns its frame: destroying the task destroys the frame,
/// and with it every task the body is awaiting, so dropping a suspended chain frees all of it.
template <class T, class Allocation>
class [[nodiscard]] task {
 public:
  using promise_type = task_promise<T, Allocation>;
  using handle = std::coroutine_handle<promise_type>;

  /// An invalid task: what a failed frame allocation returns.
  task() noexcept = default;
  task(task&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  task& operator=(task&& other) noexcept {
    if (this != &other) {
      destroy();
      frame_ = std::exchange(other.frame_, nullptr);
    }
    return *this;
  }
  ~task() { destroy(); }

  /// False when the frame could not be allocated (or after a move).
  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(frame_); }

  /// `co_await child(...)`: runs the child to its end and gives its result. An invalid task
  /// gives `std::nullopt` at once.
  auto operator co_await() && noexcept {
    struct awaiter {
      handle frame;
      bool await_ready() const noexcept { return !frame; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) const noexcept {
        frame.promise().continuation_ = caller;
        return frame;  // symmetric transfer into the child
      }
      std::optional<T> await_resume() const noexcept {
        if (!frame) return std::nullopt;
        return std::move(frame.promise().result_);
      }
    };
    return awaiter{frame_};
  }

 private:
  friend promise_type;
  explicit task(handle frame) noexcept : frame_(frame) {}
  void destroy() noexcept {
    if (frame_) std::exchange(frame_, nullptr).destroy();
  }
  handle frame_;
};
// [task]

template <class T, class Allocation>
task<T, Allocation> task_promise<T, Allocation>::get_return_object() noexcept {
  return task<T, Allocation>{task<T, Allocation>::handle::from_promise(*this)};
}

// [root-task]
/// The framework's own coroutine: async_run wraps the task you give it in one, which awaits
/// it and hands the result to your handler. Nobody owns a root task: it is started by the
/// dispatcher and frees its own frame when it ends (final_suspend does not suspend). Its
/// frame is allocated, like any other, by the Allocation mixin, from its arguments.
template <class Allocation>
class [[nodiscard]] root_task {
 public:
  struct promise_type : Allocation {
    root_task get_return_object() noexcept {
      return root_task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    static root_task get_return_object_on_allocation_failure() noexcept { return {}; }
    std::suspend_always initial_suspend() const noexcept { return {}; }  // async_run posts it
    std::suspend_never final_suspend() const noexcept { return {}; }     // frees itself
    void return_void() const noexcept {}
    [[noreturn]] void unhandled_exception() const noexcept {
      coframe::panic("an exception escaped a root task");
    }
  };

  root_task() noexcept = default;
  root_task(root_task&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  root_task& operator=(root_task&&) = delete;
  /// A root that was never released to a dispatcher is destroyed with its task.
  ~root_task() {
    if (frame_) frame_.destroy();
  }
  /// False when the root's own frame could not be allocated.
  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(frame_); }
  /// Hands the frame to whoever will start it (a dispatcher); the frame frees itself at the end.
  std::coroutine_handle<> release() noexcept { return std::exchange(frame_, nullptr); }

 private:
  explicit root_task(std::coroutine_handle<> frame) noexcept : frame_(frame) {}
  std::coroutine_handle<> frame_;
};
// [root-task]

}  // namespace lab03
