/// \file
/// `coframe::thread_mode_executor`: runs tasks in Thread mode, resuming only those that were
/// woken, and sleeps (`wfi`) when none was.
///
/// \code{.cpp}
/// struct app {                                     // the executor's definition
///   using allocator = coframe::thread_mode_allocator<task_heap>;  // frames come from here
///   static constexpr std::size_t capacity = 8;    // optional: at most 8 spawned tasks
/// };
/// using executor = coframe::thread_mode_executor<app>;
///
/// coframe::task<int> answer(executor x) {          // the handle as first parameter: this
///   auto spawned = x.spawn(blink());              //   frame comes from app's allocator
///   co_await coframe::yield_now();
///   co_return 42;
/// }
/// int main() {
///   if (auto x = executor::get()) {                // Thread mode only
///     coframe::result<int> r = x->block_on(answer(*x));   // 42
///   }
/// }
/// \endcode
///
/// - `spawn(task)` hands a task to the executor, which runs it when its turn comes and frees
///   its frame when it ends. Its frame is its only allocation. A task may spawn others.
/// - `block_on(task)` runs one task to its end and returns its result, running every other
///   woken task meanwhile. It does not wait for spawned tasks: some may still be suspended when
///   it returns.
/// - A nested `block_on` (from inside a task) stops the program with a message: the outer task
///   would be blocked inside the inner call, and anything the inner task waits for from the
///   outer one would never come. `co_await` the task or spawn it instead.
/// - With a `capacity`, `spawn` returns `error::full` when that many spawned tasks are alive,
///   and frees the task it was given: nothing grows, nothing leaks.
///
/// Each pass of the executor's loop fires the timers that are due, then resumes the task at
/// the front of the ready queue (the one woken longest ago); when there is none it sleeps
/// until an interrupt, without the race that would lose a wake-up arriving just before the
/// sleep (`internal::sleep_until_work`). A task that yields hands the processor straight to
/// the next one in the queue, without going round the loop (`internal::hand_off`). Tasks run
/// one at a time in Thread mode, so they share state without a mutex: no task runs while
/// another is between two of its instructions, only between two of its `co_await`s.
///
/// Memory: the executor's record of a task (`internal::task_header`) is in the task's own
/// promise, so scheduling allocates nothing and a task costs the executor no memory outside
/// its frame. Time: waking, yielding, spawning and ending a task take the same few
/// instructions however many tasks there are; cancelling one that is queued walks the queue.
///
/// The handle is empty and copyable, like the thread-mode allocator's, and only Thread mode
/// can get one: an interrupt handler can wake a task but never spawn, block or allocate.
/// A program has one executor. The idea and the API follow Jorge Aparicio's "no-std async
/// experiments 2" (its "thread-mode executor"), with the wakers, sleep and timers that its
/// "less dumb executor" section asks for.
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/coro/result.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/clock.hpp>
#include <coframe/exec/port.hpp>
#include <coframe/exec/timer.hpp>
#include <coframe/exec/waker.hpp>
#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_scope.hpp>

#include <cstddef>
#include <optional>
#include <utility>

namespace coframe {

namespace internal {

inline constinit bool in_block_on = false;
inline constinit std::size_t spawned_tasks = 0;  // detached tasks alive

// [sleep-until-work]
// Sleeps until an interrupt unless there is work: a woken task, or a tick the timers have not
// seen. The check and the sleep must be one step for the interrupt handlers: checked with
// interrupts enabled, a handler could wake a task after the check said "nothing" and before
// wfi, and the executor would sleep with a task ready, until some later interrupt, perhaps
// never. With interrupts masked (PRIMASK) an interrupt arriving anywhere in here stays
// pending; wfi returns at once when one is pending, even masked; and the handler runs when
// interrupts are unmasked, on the last line. Its wake-up is never lost.
inline void sleep_until_work() noexcept {
  port::at(port::step::before_mask);
  port::disable_interrupts();
  port::at(port::step::after_mask);
  if (ready_tasks.empty() && !tick_clock::ticked()) {
    port::at(port::step::before_wait);
    port::wait_for_interrupt();
    port::at(port::step::after_wait);
  }
  port::at(port::step::before_unmask);
  port::enable_interrupts();
  port::at(port::step::after_unmask);
}
// [sleep-until-work]

// What happens when a scheduled task's body has returned. It is still the front of the queue.
inline void task_finished(task_header& task) noexcept {
  ready_tasks.pop_front();
  if (task.owner != nullptr) {
    task.owner->task_finished(*task.owner, task);
  } else if (task.state & task_header::detached) {
    --spawned_tasks;
    task.resume_point.destroy();  // once finished, resume_point is the task's own frame
  }
}

// [run-loop]
// The executor's loop: runs tasks until `root` finishes. Each pass fires the timers that are
// due, then resumes the task at the front of the ready queue, or sleeps if there is none.
inline void run_until_finished(task_header& root) noexcept {
  for (;;) {
    // Clear the flag before reading the time: a tick after this sets it again.
    if (tick_clock::take_ticked()) timers.fire_due(tick_clock::now());
    task_header* task = ready_tasks.front();
    if (task == nullptr) {
      sleep_until_work();
      continue;
    }
    ready_tasks.hand_offs = 0;
    task->resume_point.resume();  // until it (or the last task it handed off to) suspends
    // A task that ended is still at the front; one that waits has left it.
    task = ready_tasks.front();
    if (task != nullptr && (task->state & task_header::finished)) {
      if (task == &root) return;
      task_finished(*task);
    }
  }
}
// [run-loop]

// Starts running `t`, owned by `owner` (nullptr: detached, freed by the executor when it
// ends). Precondition: `t` is valid and not started.
template <class T>
void schedule(task<T>& t, join_point* owner, std::uint8_t flags = 0) noexcept {
  task_header& header = task_access::header(t);
  header.owner = owner;
  header.resume_point = task_access::frame(t);
  header.state = task_header::scheduled | flags;
  waker{header}.wake();
}

// Stops a scheduled task from being resumed again, so that its owner may destroy it: wakes
// are ignored from now on, and a wake already queued is taken back. Thread mode, and not
// from the task itself.
inline void cancel(task_header& task) noexcept {
  {
    port::interrupt_mask masked;
    task.state |= task_header::cancelled;
  }
  ready_tasks.remove(task);
}

// The frames of the tasks an executor definition runs.
template <class Definition>
frame_resource& executor_frames() noexcept {
  if constexpr (requires { typename Definition::allocator; }) {
    using allocator = typename Definition::allocator;
    // Made on first use, which is in Thread mode (get() refuses every other).
    static std::optional<allocator> handle = allocator::get();
    COFRAME_ASSERT(handle.has_value(), "an executor's allocator refused its handle");
    static frame_resource_for<allocator> resource{*handle};
    return resource;
  } else {
    return default_frame_pool();
  }
}

}  // namespace internal

/// The executor a `Definition` describes. The definition may provide:
///
///     using allocator = A;          // a thread-mode allocator (coframe/alloc/thread_mode.hpp),
///                                   // or any type with get() -> optional<handle> whose handle
///                                   // is a memory resource: where task frames come from.
///                                   // Without it: the default frame pool.
///     static constexpr std::size_t capacity = N;   // at most N spawned tasks alive (0: no limit)
template <class Definition>
class thread_mode_executor {
 public:
  /// The most spawned tasks alive at once; 0 for no limit.
  static constexpr std::size_t capacity = [] {
    if constexpr (requires { Definition::capacity; }) {
      return std::size_t{Definition::capacity};
    } else {
      return std::size_t{0};
    }
  }();

  /// A handle in Thread mode; `std::nullopt` in any exception or interrupt handler.
  [[nodiscard]] static std::optional<thread_mode_executor> get() noexcept {
    if (port::in_interrupt()) return std::nullopt;
    return thread_mode_executor{};
  }

  // [spawn]
  /// Hands `t` to the executor: it runs when its turn comes, interleaved with the others, and
  /// its frame is freed when it ends. Its result, if any, is dropped. Errors:
  /// `error::out_of_memory` if `t` is invalid (its frame could not be allocated), and
  /// `error::full` if `capacity` spawned tasks are alive; either way `t` is destroyed and
  /// every frame it held freed. Thread mode (a task may spawn).
  template <class T>
  [[nodiscard]] result<void> spawn(task<T> t) const noexcept {
    if (!t.valid()) return error::out_of_memory;
    if (capacity != 0 && internal::spawned_tasks >= capacity) {
      internal::task_access::destroy_unseen(t);  // see there why not ~task (Clang 14)
      return error::full;
    }
    internal::schedule(t, nullptr, internal::task_header::detached);
    internal::task_access::release(t);  // the executor owns the frame now
    ++internal::spawned_tasks;
    return {};
  }
  // [spawn]

  // [block-on]
  /// Runs `t` to its end and returns its result (`error::out_of_memory` if `t` is invalid),
  /// resuming every other woken task meanwhile; sleeps when none is woken. `t` starts at once.
  /// Frames created while it runs come from the definition's allocator (a `frame_scope` is open
/// for its length). Thread mode, and not
  /// from a task: a nested `block_on` stops the program (status 134) with a message.
  template <class T>
  result<T> block_on(task<T> t) const noexcept {
    if (internal::in_block_on) {
      panic("block_on inside block_on: the outer task would wait inside this call for a task "
            "that may be waiting for the outer one (a deadlock); co_await the task or spawn it");
    }
    if (!t.valid()) return error::out_of_memory;
    internal::in_block_on = true;
    frame_scope frames{get_frame_allocator()};
    internal::task_header& header = internal::task_access::header(t);
    header.owner = nullptr;
    header.resume_point = internal::task_access::frame(t);
    header.state = internal::task_header::scheduled | internal::task_header::queued;
    internal::ready_tasks.push_front(header);  // block_on's own task runs first
    internal::run_until_finished(header);
    internal::ready_tasks.pop_front();
    internal::in_block_on = false;
    return internal::task_access::take_result(t);
  }
  // [block-on]

  /// Where the frames of this executor's tasks come from. A coroutine whose first parameter
  /// is the handle gets its frame here (`coframe/frame/promise_allocator.hpp`), even when it
  /// is called outside `block_on`.
  [[nodiscard]] frame_resource& get_frame_allocator() const noexcept {
    return internal::executor_frames<Definition>();
  }

  /// Spawned tasks alive now (in every state: queued, running or suspended).
  [[nodiscard]] static std::size_t spawned() noexcept { return internal::spawned_tasks; }

 private:
  thread_mode_executor() noexcept = default;
};

}  // namespace coframe
