/// \file
/// `coframe::task<T>`: a lazy coroutine that another coroutine `co_await`s for a `T`, and the
/// unit of work an executor runs (`coframe/exec/`).
///
/// \code{.cpp}
/// coframe::task<int> read_sensor(int channel) {
///   co_await coframe::sleep_for(2ms);           // an executor's awaitable (coframe/exec/)
///   co_return 20 + channel;
/// }
/// coframe::task<int> average() {
///   coframe::result<int> a = co_await read_sensor(1);  // runs read_sensor to its end
///   coframe::result<int> b = co_await read_sensor(2);
///   if (!a || !b) co_return 0;                  // a frame could not be allocated
///   co_return (*a + *b) / 2;
/// }
/// \endcode
///
/// What you get:
///  - **Lazy**: calling a task function allocates its frame and stops before the body; the
///    body runs when the task is awaited, spawned or run by `block_on`.
///  - **Symmetric transfer**: `co_await child()` jumps into the child, and the child's end jumps
///    straight back into the awaiting coroutine, so a long chain of awaits neither nests calls
///    nor grows the stack. The jump is a tail call when the compiler optimises for it: Clang
///    always, GCC 12 at -O2 and above; GCC at -O0, -Og, -O1 and under AddressSanitizer makes it
///    a call, so there the stack grows with the depth of the chain.
///  - **Results without exceptions**: `co_await` gives a `coframe::result<T>`. Its only error
///    here is `error::out_of_memory`: the child's frame (or its own) could not be allocated.
///    A task that cannot get its frame is *invalid* (`valid()` is false), never a crash.
///  - **Frames through the frame layer** (`coframe/frame/`): the promise derives from
///    `promise_allocator`, so a frame comes from the allocator named by the call's arguments
///    (`std::allocator_arg`, or a first parameter that carries one, like an executor handle),
///    else from the current frame allocator (`frame_scope`), which an executor sets to its own
///    (the thread-mode allocator) while it runs.
///  - **Ownership**: a task owns its frame; destroying it destroys the frame and, with it, the
///    child it is awaiting, and that child's child: a whole chain is freed, innermost last.
///    (Destruction recurses once per level: a chain N levels deep uses stack in proportion to
///    N while it is destroyed. Task chains are short; a recursion that is not should be a loop.)
///
/// Every task's promise also holds the few words an executor needs to schedule it
/// (`internal::task_header`), so that scheduling a task allocates nothing.
///
/// Clang 14 at -O2 crashes (LLVM issue 54760) compiling a loop whose body is nothing but a
/// `co_await` and whose condition is read from memory, `while (!done) co_await something;`:
/// give the body another statement, or build with GCC or a newer Clang.
///
/// Not thread-safe, and not for interrupt handlers: calling a task function allocates.
/// Portable C++20: tests/host/task_test.cpp runs it under the sanitizers with GCC and Clang.
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/coro/result.hpp>
#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/promise_allocator.hpp>

#include <coroutine>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

namespace coframe {

template <class T = void>
class task;

/// Implementation details of `task` and of the executor that runs it. Users need not concern
/// themselves with these.
namespace internal {

struct task_header;

/// Something that must hear when a scheduled task finishes (`when_all`, `when_any`,
/// `block_on`). A plain function pointer, not a virtual function: no vtable per owner type.
struct join_point {
  void (*task_finished)(join_point& self, task_header& task) noexcept;
};

// [task-header]
// The executor's record of a task, kept in the task's own promise: scheduling a task
// allocates nothing, and outside its frame a task costs the executor no memory at all.
// coro/ only reserves these fields; coframe/exec/ gives them their meaning.
struct task_header {
  task_header* next = nullptr;            // the ready queue's link (exec/run_queue.hpp)
  std::coroutine_handle<> resume_point;   // where the task goes on: the innermost suspended
                                          // coroutine of its chain; its own frame once finished
  join_point* owner = nullptr;            // told when the task finishes; none: detached
  std::uint8_t state = 0;                 // the bits below

  static constexpr std::uint8_t scheduled = 1 << 0;  // an executor runs it
  static constexpr std::uint8_t queued = 1 << 1;     // in the ready queue
  static constexpr std::uint8_t finished = 1 << 2;   // the body returned
  static constexpr std::uint8_t cancelled = 1 << 3;  // being destroyed: wakes are ignored
  static constexpr std::uint8_t detached = 1 << 4;   // spawned: the executor frees it at the end
};
// [task-header]

// [task-promise]
// What every task's promise holds whatever its T: where to go at the end, and the header.
class task_promise_base : public promise_allocator {
 public:
  std::suspend_always initial_suspend() const noexcept { return {}; }  // lazy

  // At the end of the body: jump straight into the awaiting coroutine (symmetric transfer),
  // or, for a task nobody awaits (one an executor runs), mark it finished and return to the
  // executor, which decides what happens to the frame.
  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) const noexcept {
      task_promise_base& promise = self.promise();
      if (promise.continuation_) return promise.continuation_;
      promise.header_.state |= task_header::finished;
      promise.header_.resume_point = self;
      return std::noop_coroutine();
    }
    void await_resume() const noexcept {}
  };
  final_awaiter final_suspend() const noexcept { return {}; }

  // Built with -fno-exceptions nothing can throw, so this never runs; the language still
  // requires it.
  [[noreturn]] void unhandled_exception() const noexcept {
    panic("an exception escaped a task body");
  }

  std::coroutine_handle<> continuation_;  // the coroutine awaiting this one, if any
  task_header header_;
};
// [task-promise]

template <class T>
class task_promise final : public task_promise_base {
  // The result lives in the frame, and C++20 gives a frame no alignment beyond
  // __STDCPP_DEFAULT_NEW_ALIGNMENT__ (coframe/frame/frame_allocator.hpp).
  static_assert(alignof(T) <= frame_alignment,
                "a task's result would be over-aligned in its frame: return it in a wrapper "
                "of ordinary alignment, or through a pointer");

 public:
  task<T> get_return_object() noexcept;
  // With the mixin's noexcept operator new, a frame that cannot be allocated makes the call
  // return this instead of running the body: an invalid task.
  static task<T> get_return_object_on_allocation_failure() noexcept;

  template <class U = T>
    requires std::is_constructible_v<T, U&&>
  void return_value(U&& value) noexcept(std::is_nothrow_constructible_v<T, U&&>) {
    value_.emplace(std::forward<U>(value));
  }

  std::optional<T> value_;
};

template <>
class task_promise<void> final : public task_promise_base {
 public:
  task<void> get_return_object() noexcept;
  static task<void> get_return_object_on_allocation_failure() noexcept;
  void return_void() const noexcept {}
};

// The executor's way in: a task's header and frame, which the public interface does not show.
struct task_access {
  template <class T>
  static task_header& header(task<T>& t) noexcept {
    return t.frame_.promise().header_;
  }
  template <class T>
  static std::coroutine_handle<> frame(task<T>& t) noexcept {
    return t.frame_;
  }
  // Destroys the frame through an address the optimiser cannot follow. For a task whose frame
  // escapes to an executor on one path and is destroyed on another (spawn, refused when full):
  // Clang 14 places a coroutine's frame in its caller's stack frame (heap allocation elision)
  // as soon as it sees the frame destroyed on some path there, even if on another it escapes
  // (LLVM issue 59723), and the executor would then run a task whose frame is gone.
  template <class T>
  static void destroy_unseen(task<T>& t) noexcept {
    void* frame = std::exchange(t.frame_, nullptr).address();
    asm volatile("" : "+r"(frame));
    std::coroutine_handle<>::from_address(frame).destroy();
  }
  // Gives up the frame without destroying it: its new owner (an executor) frees it.
  template <class T>
  static void release(task<T>& t) noexcept {
    t.frame_ = nullptr;
  }
  // The finished task's result, moved out of its frame.
  template <class T>
  static result<T> take_result(task<T>& t) noexcept {
    if constexpr (std::is_void_v<T>) {
      return {};
    } else {
      return std::move(*t.frame_.promise().value_);
    }
  }
};

}  // namespace internal

// [task]
/// A lazy coroutine producing a `T` (or nothing, for `task<>`).
///
/// States:
///  - *invalid*: default-constructed, moved-from, or its frame could not be allocated.
///    `valid()` is false; `co_await` gives `error::out_of_memory` at once; destroying it does
///    nothing.
///  - *not started*: just returned by the call; the body has not run.
///  - *running or suspended*: awaited by a coroutine, or run by an executor.
///  - *finished*: the body returned; the frame stays allocated until the task is destroyed.
///
/// Move-only. Awaiting consumes it: `co_await child()`, or `co_await std::move(t)`.
template <class T>
class [[nodiscard]] task {
 public:
  using promise_type = internal::task_promise<T>;
  using value_type = T;

  /// An invalid task.
  task() noexcept = default;
  task(task&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  task& operator=(task&& other) noexcept {
    if (this != &other) {
      destroy();
      frame_ = std::exchange(other.frame_, nullptr);
    }
    return *this;
  }
  task(const task&) = delete;
  task& operator=(const task&) = delete;

  /// Destroys the frame: every local of the body alive at its suspension point is destroyed,
  /// and the task it awaits with it. Precondition: no executor is running this task (an
  /// executor owns what it runs; `when_any` cancels through the executor). Checked: it panics.
  ~task() { destroy(); }

  /// False when invalid: default-constructed, moved-from, or out of memory.
  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(frame_); }

  /// `co_await child()`: runs the child to its end and gives its result; an invalid child
  /// gives `error::out_of_memory` without suspending.
  auto operator co_await() && noexcept {
    struct awaiter {
      std::coroutine_handle<promise_type> child;
      bool await_ready() const noexcept { return !child; }
      // [await-child]
      std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) const noexcept {
        child.promise().continuation_ = caller;
        return child;  // symmetric transfer: the caller's resume goes on in the child
      }
      // [await-child]
      result<T> await_resume() const noexcept {
        if (!child) return error::out_of_memory;
        if constexpr (std::is_void_v<T>) {
          return {};
        } else {
          return std::move(*child.promise().value_);
        }
      }
    };
    return awaiter{frame_};
  }

 private:
  friend promise_type;
  friend struct internal::task_access;
  explicit task(std::coroutine_handle<promise_type> frame) noexcept : frame_(frame) {}

  void destroy() noexcept {
    if (!frame_) return;
    const std::uint8_t state = frame_.promise().header_.state;
    using header = internal::task_header;
    if ((state & header::scheduled) && !(state & (header::finished | header::cancelled))) {
      panic("a task an executor is running was destroyed behind its back");
    }
    std::exchange(frame_, nullptr).destroy();
  }

  std::coroutine_handle<promise_type> frame_ = nullptr;
};
// [task]

namespace internal {
template <class T>
task<T> task_promise<T>::get_return_object() noexcept {
  return task<T>{std::coroutine_handle<task_promise>::from_promise(*this)};
}
template <class T>
task<T> task_promise<T>::get_return_object_on_allocation_failure() noexcept {
  return task<T>{};
}
inline task<void> task_promise<void>::get_return_object() noexcept {
  return task<void>{std::coroutine_handle<task_promise>::from_promise(*this)};
}
inline task<void> task_promise<void>::get_return_object_on_allocation_failure() noexcept {
  return task<void>{};
}
}  // namespace internal

}  // namespace coframe
