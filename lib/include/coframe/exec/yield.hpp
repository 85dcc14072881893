/// \file
/// `coframe::yield_now()`: let every other woken task run, then go on.
///
/// \code{.cpp}
/// coframe::task<> busy() {
///   for (int i = 0; i < 1000; ++i) {
///     crunch(i);
///     if (i % 10 == 9) co_await coframe::yield_now();   // a turn for the others
///   }
/// }
/// \endcode
///
/// A cooperative executor runs a task until it suspends, so a task that computes for long
/// without awaiting anything holds up every other; yielding puts it at the back of the ready
/// queue. With no other task ready it comes straight back.
#pragma once

#include <coframe/exec/waker.hpp>


#include <coroutine>

namespace coframe {

// [yield-now]
/// The awaiter of `yield_now()`.
struct [[nodiscard]] yield_awaiter {
  bool await_ready() const noexcept { return false; }
  // The running task is the front of the ready queue: moving the front to the back puts it
  // behind every task already woken. Then the new front runs.
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> self) const noexcept {
    internal::task_header& running = internal::running_task();
    running.resume_point = self;
    return internal::hand_off(*internal::ready_tasks.rotate(running));
  }
  void await_resume() const noexcept {}
};

/// `co_await yield_now()`: suspends the task and queues it again behind every woken task.
/// In a task that an executor runs.
inline yield_awaiter yield_now() noexcept { return {}; }
// [yield-now]

}  // namespace coframe
