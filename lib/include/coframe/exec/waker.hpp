/// \file
/// `coframe::waker`: how whatever a task waits for tells the executor to run it again.
///
/// An awaitable that suspends a task (a sleep, a channel's receive, an event's wait) asks for
/// the task's waker in its `await_suspend` and leaves it where the news will come from: in the
/// timer list, in the channel, in the event. Whoever brings the news calls `wake()`, and the
/// executor resumes the task at the point where it suspended.
///
/// \code{.cpp}
/// struct wait_for_flag {                        // a minimal awaitable
///   bool await_ready() const noexcept { return flag_set; }
///   void await_suspend(std::coroutine_handle<> self) noexcept {
///     flag_waiter = coframe::this_task::suspend(self);   // the interrupt handler wakes it
///   }
///   void await_resume() const noexcept {}
/// };
/// \endcode
///
/// A waker is one word: a pointer to the task's header in its own promise. Waking:
///  - is **idempotent**: a task woken twice before it runs runs once, and a running task
///    woken does not run twice (its *queued* bit, set while it is in the ready queue, which
///    the running task is until it waits);
///  - is **safe from any interrupt handler**, at any priority, and from Thread mode;
///  - **never allocates** (the queue's link is in the promise) and **never takes a lock a task
///    could hold**: it masks interrupts for a few instructions, nothing else.
///
/// One rule keeps a task from being resumed at the wrong suspension point: a wake source
/// forgets the waker when it wakes it (a channel takes its waiter before waking it), and an
/// awaiter that stops waiting removes its waker from the source (its destructor does, when
/// a task is cancelled). So each suspension is ended by exactly one wake.
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/port.hpp>
#include <coframe/exec/run_queue.hpp>

#include <coroutine>

namespace coframe {

namespace internal {
// The program's one executor's ready queue. While a task runs it is the front of the queue,
// so the front is also "the running task". A program has one executor, as it has one Thread
// mode.
inline constinit run_queue ready_tasks;

// [hand-off]
// Switching tasks without going back to the executor's loop: a task that stops at a yield
// returns the next task's resume point from await_suspend, and the compiler jumps there
// (symmetric transfer). Optimised by GCC at -O2 or Clang, that jump is a tail call and the
// stack stays as it is. At -O0, -Og and -O1 GCC 12 makes it a call, and every hand-off would
// leave a frame on the stack: so at most max_hand_offs follow one another, then the task
// returns to the loop (noop_coroutine), which starts counting again.
inline constexpr unsigned max_hand_offs = 16;

inline std::coroutine_handle<> hand_off(task_header& next) noexcept {
  if (ready_tasks.hand_offs == max_hand_offs) return std::noop_coroutine();
  ++ready_tasks.hand_offs;
  return next.resume_point;
}
// [hand-off]

// The running task. Precondition: one is running; otherwise it panics (an executor's
// awaitable awaited where no executor runs would never be resumed).
inline task_header& running_task() noexcept {
  task_header* task = ready_tasks.front();
  if (task == nullptr) [[unlikely]] {
    panic("an executor's awaitable was awaited outside a task that an executor runs");
  }
  return *task;
}
}  // namespace internal

// [waker]
/// A handle that makes a suspended task runnable. Copyable, one word; an empty waker
/// (default-constructed) does nothing when woken.
class waker {
 public:
  constexpr waker() noexcept = default;
  explicit constexpr waker(internal::task_header& task) noexcept : task_(&task) {}

  /// Puts the task in the executor's ready queue unless it is already there. Any context:
  /// Thread mode or any interrupt handler. A task being cancelled, or already finished,
  /// ignores it.
  void wake() const noexcept {
    if (task_ == nullptr) return;
    port::interrupt_mask masked;  // the check and the push are one step for any handler
    using header = internal::task_header;
    if (task_->state & (header::queued | header::finished | header::cancelled)) return;
    task_->state |= header::queued;
    internal::ready_tasks.push_back(*task_);
  }

  /// True unless empty.
  constexpr explicit operator bool() const noexcept { return task_ != nullptr; }
  friend constexpr bool operator==(waker, waker) noexcept = default;

 private:
  internal::task_header* task_ = nullptr;
};
// [waker]
static_assert(sizeof(waker) == sizeof(void*), "a waker is one word");

namespace this_task {

// [suspend]
/// For an awaitable's `await_suspend(self)`: the running task stops here, at `self`, until
/// its waker is woken. Takes the task out of the ready queue, records `self` as the point
/// where it goes on, and returns its waker, for the awaitable to leave where the news will
/// come from. An awaitable fed by an interrupt handler calls it with interrupts masked,
/// together with its last check and the registration of the waker, so that no wake can fall
/// between them. Precondition: called in a task that an executor runs (it panics otherwise).
inline waker suspend(std::coroutine_handle<> self) noexcept {
  internal::task_header& task = internal::running_task();
  task.resume_point = self;
  internal::ready_tasks.pop_front();  // the running task is the front of the queue
  return waker{task};
}
// [suspend]

}  // namespace this_task

}  // namespace coframe
