/// \file
/// `coframe::when_any(tasks...)`: run tasks side by side, keep the first to end, cancel the
/// rest.
///
/// \code{.cpp}
/// auto first = co_await coframe::when_any(read_reply(), timeout(coframe::milliseconds(100)));
/// if (first.index() == 0) use(std::get<0>(first));   // a coframe::result of read_reply
/// \endcode
///
/// The children become tasks of the executor. As soon as one ends, every other is cancelled:
/// each is destroyed where it is suspended, its locals' destructors run (an awaiter leaves
/// the timer list, the channel or the event it was waiting on), and every frame of its chain
/// is freed, before the awaiting task goes on. It gets a `std::variant` whose index is the
/// winner's position and whose value is its result.
///
/// A child whose frame could not be allocated does not run; if none could, the result is
/// child 0 with `error::out_of_memory`.
#pragma once

#include <coframe/coro/result.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/when_all.hpp>

#include <coroutine>
#include <cstddef>
#include <utility>
#include <variant>

namespace coframe {

namespace internal {

template <class... T>
class [[nodiscard]] when_any_awaiter : private children<T...> {
 public:
  using result_type = std::variant<result<T>...>;

  explicit when_any_awaiter(task<T>... tasks) noexcept : children<T...>(std::move(tasks)...) {
    this->task_finished = &child_finished;
  }

  bool await_ready() const noexcept { return this->valid_count() == 0; }
  void await_suspend(std::coroutine_handle<> self) noexcept {
    parent_ = this_task::suspend(self);
    this->start_all();
  }
  result_type await_resume() noexcept { return collect(std::index_sequence_for<T...>{}); }

 private:
  template <std::size_t... I>
  result_type collect(std::index_sequence<I...>) noexcept {
    result_type out{std::in_place_index<0>, error::out_of_memory};
    ((I == winner_ ? void(out.template emplace<I>(this->template take<I>())) : void()), ...);
    return out;
  }
  // [when-any-finished]
  // The first child to end wins; the others are cancelled and freed at once, here, in the
  // executor's loop, where no task is running.
  static void child_finished(join_point& self, task_header& child) noexcept {
    auto& awaiter = static_cast<when_any_awaiter&>(self);
    awaiter.winner_ = awaiter.index_of(child);
    awaiter.cancel_losers(std::index_sequence_for<T...>{});
    awaiter.parent_.wake();
  }
  // [when-any-finished]
  template <std::size_t... I>
  void cancel_losers(std::index_sequence<I...>) noexcept {
    ((I != winner_ ? this->cancel_one(std::get<I>(this->tasks_)) : void()), ...);
  }

  std::size_t winner_ = 0;
  waker parent_;
};

}  // namespace internal

/// `co_await when_any(a(), b(), ...)`: runs the tasks side by side until one ends, cancels
/// the others, and gives a `std::variant<result<A>, result<B>, ...>` holding the first one's
/// result at its position. In a task that an executor runs.
template <class... T>
internal::when_any_awaiter<T...> when_any(task<T>... tasks) noexcept {
  return internal::when_any_awaiter<T...>{std::move(tasks)...};
}

}  // namespace coframe
