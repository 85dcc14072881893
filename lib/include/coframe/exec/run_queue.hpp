/// \file
/// The executor's ready queue: the task running now, then every task woken and waiting for
/// its turn, in the order they were woken.
///
/// Intrusive: the link is a field of the task's own promise (`internal::task_header::next`),
/// so queueing a task allocates nothing and cannot fail, which is what lets an interrupt
/// handler do it. The queue is a ring: the last task's link points back at the first, and the
/// queue keeps a pointer to the first and one to the last. Each operation is a couple of
/// pointer moves:
///  - the running task stays at the front while it runs (so a stray wake of a running task
///    finds it queued and does nothing);
///  - `push_back` (a wake) links a task in after the last, and it becomes the last;
///  - `rotate` (a yield) moves the front task to the back without touching the ring: only the
///    two pointers into it move;
///  - `pop_front` takes out the running task when it waits for something or ends.
/// First in, first out: a task woken earlier runs earlier, and a task that yields goes behind
/// every task already woken, so no task starves another.
///
/// Interrupt handlers of any priority append while Thread mode works at the front, so every
/// operation runs with interrupts masked, for a few instructions. No operation takes a lock a
/// task could hold: a handler never waits for a task.
#pragma once

#include <coframe/coro/task.hpp>
#include <coframe/exec/port.hpp>

#include <cstdint>

namespace coframe::internal {

// [run-queue]
class run_queue {
 public:
  /// The front task (the running one, while a task runs), or nullptr when the queue is
  /// empty. Thread mode. Read without masking: handlers only ever change the front of an
  /// empty queue, so a front that is there stays there until Thread mode moves it, and an
  /// empty answer is checked again, masked, before the executor sleeps.
  [[nodiscard]] task_header* front() const noexcept { return first_; }

  /// Links `task` in at the back. Precondition: interrupts are masked (the waker keeps them
  /// masked across its test of the queued bit and this), and `task` is not in the queue.
  void push_back(task_header& task) noexcept {
    if (last_ == nullptr) {
      first_ = &task;
    } else {
      last_->next = &task;
    }
    task.next = first_;  // a ring: the last links back to the first
    last_ = &task;
  }

  /// Links `task` in at the front: it runs next. Thread mode, no task running, and `task`
  /// not in the queue.
  void push_front(task_header& task) noexcept {
    port::interrupt_mask masked;
    if (last_ == nullptr) {
      last_ = &task;
    } else {
      last_->next = &task;
    }
    task.next = first_ != nullptr ? first_ : &task;
    first_ = &task;
  }

  /// Moves the front task, `front`, to the back, behind every task already queued, and returns
  /// the new front: what a yield does. Precondition: `front` is the front. Thread mode.
  task_header* rotate(task_header& front) noexcept {
    port::interrupt_mask masked;
    last_ = &front;  // the ring does not change: only where it starts
    first_ = front.next;
    return first_;
  }

  /// Takes the front task out and clears its queued bit, so that a wake queues it again: what
  /// a task does when it starts waiting, or when it ends. Precondition: the queue is not
  /// empty. Thread mode.
  void pop_front() noexcept {
    port::interrupt_mask masked;
    task_header* task = first_;
    if (task == last_) {
      first_ = last_ = nullptr;
    } else {
      first_ = task->next;
      last_->next = first_;
    }
    task->state &= ~task_header::queued;
  }

  /// Takes `task` out wherever it is, if it is queued (a task cancelled after it was woken).
  /// Walks the ring with interrupts masked: O(tasks queued), for cancellation only.
  /// Thread mode.
  void remove(task_header& task) noexcept {
    port::interrupt_mask masked;
    if ((task.state & task_header::queued) == 0) return;
    task_header* previous = last_;
    while (previous->next != &task) previous = previous->next;  // it is in the ring
    if (task.next == &task) {
      first_ = last_ = nullptr;  // it was the only one
    } else {
      previous->next = task.next;
      if (first_ == &task) first_ = task.next;
      if (last_ == &task) last_ = previous;
    }
    task.state &= ~task_header::queued;
  }

  /// True when no task is queued. Precondition: interrupts are masked (a handler may append
  /// at any moment, so the answer holds only until they are unmasked); the executor's sleep
  /// asks with them masked.
  [[nodiscard]] bool empty() const noexcept { return first_ == nullptr; }

 private:
  // A ring through task_header::next, entered at first_ (last_->next == first_). Handlers
  // write these, but every write, and every read that acts on more than first_, is made with
  // interrupts masked, and masking is a compiler barrier (its asm clobbers memory): no read is
  // kept in a register across a mask. front() is a single load of first_, which a handler
  // writes only when the queue is empty.
  task_header* first_ = nullptr;
  task_header* last_ = nullptr;

 public:
  // The executor's count of hand-offs in a row (exec/waker.hpp), kept beside the queue so
  // that a yield reaches both from one address.
  std::uint32_t hand_offs = 0;
};
// [run-queue]

}  // namespace coframe::internal
