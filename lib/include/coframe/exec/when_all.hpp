/// \file
/// `coframe::when_all(tasks...)`: run tasks side by side and wait for every one of them.
///
/// \code{.cpp}
/// auto [t, h] = co_await coframe::when_all(read_temperature(), read_humidity());
/// if (t && h) show(*t, *h);            // each a coframe::result: a child may be out of memory
/// \endcode
///
/// The children become tasks of the executor, interleaved with every other task, and the
/// awaiting task sleeps until the last one ends; then it gets every result, in the order the
/// tasks were given. Scheduling a child allocates nothing (its frame is already there); the
/// awaiter, which holds the children, lives in the awaiting task's frame.
///
/// A child whose frame could not be allocated gives `error::out_of_memory` in its place; the
/// others still run. Destroying the awaiting task while it waits cancels every child that
/// has not ended and frees its frames.
#pragma once

#include <coframe/coro/result.hpp>
#include <coframe/coro/task.hpp>
#include <coframe/exec/executor.hpp>
#include <coframe/exec/waker.hpp>

#include <coroutine>
#include <cstddef>
#include <tuple>
#include <utility>

namespace coframe {

namespace internal {

// What when_all and when_any share: the children, kept in a tuple, started as tasks of the
// executor, and cancelled if the awaiter goes before they end.
template <class... T>
class children : protected join_point {
 protected:
  explicit children(task<T>... tasks) noexcept : tasks_(std::move(tasks)...) {}
  children(const children&) = delete;
  children& operator=(const children&) = delete;
  ~children() { cancel_all(); }

  [[nodiscard]] std::size_t valid_count() const noexcept {
    return std::apply([](const task<T>&... t) { return (std::size_t{t.valid()} + ... + 0); },
                      tasks_);
  }
  // Hands every valid child to the executor, telling `this` when it ends.
  void start_all() noexcept {
    std::apply([this](task<T>&... t) { (start(t), ...); }, tasks_);
  }
  // Cancels every child that is running and has not ended, and frees its frames.
  void cancel_all() noexcept {
    std::apply([](task<T>&... t) { (cancel_one(t), ...); }, tasks_);
  }
  template <std::size_t I>
  auto take() noexcept {
    auto& t = std::get<I>(tasks_);
    using value = typename std::tuple_element_t<I, std::tuple<task<T>...>>::value_type;
    return t.valid() ? task_access::take_result(t) : result<value>{error::out_of_memory};
  }
  // The index of the child whose header this is.
  [[nodiscard]] std::size_t index_of(const task_header& header) noexcept {
    std::size_t index = 0, found = sizeof...(T);
    std::apply(
        [&](task<T>&... t) {
          ((found = t.valid() && &task_access::header(t) == &header ? index : found, ++index),
           ...);
        },
        tasks_);
    return found;
  }
  template <class U>
  static void cancel_one(task<U>& t) noexcept {
    if (!t.valid()) return;
    task_header& header = task_access::header(t);
    if ((header.state & task_header::scheduled) && !(header.state & task_header::finished)) {
      cancel(header);
    }
    t = task<U>{};  // destroys the frame, and the chain it awaits
  }

  std::tuple<task<T>...> tasks_;

 private:
  template <class U>
  void start(task<U>& t) noexcept {
    if (t.valid()) schedule(t, this);
  }
};

template <class... T>
class [[nodiscard]] when_all_awaiter : private children<T...> {
 public:
  explicit when_all_awaiter(task<T>... tasks) noexcept : children<T...>(std::move(tasks)...) {
    this->task_finished = &child_finished;
  }

  bool await_ready() const noexcept { return this->valid_count() == 0; }
  void await_suspend(std::coroutine_handle<> self) noexcept {
    remaining_ = this->valid_count();
    parent_ = this_task::suspend(self);
    this->start_all();
  }
  std::tuple<result<T>...> await_resume() noexcept {
    return collect(std::index_sequence_for<T...>{});
  }

 private:
  template <std::size_t... I>
  std::tuple<result<T>...> collect(std::index_sequence<I...>) noexcept {
    return {this->template take<I>()...};
  }
  // [when-all-finished]
  static void child_finished(join_point& self, task_header&) noexcept {
    auto& awaiter = static_cast<when_all_awaiter&>(self);
    if (--awaiter.remaining_ == 0) awaiter.parent_.wake();
  }
  // [when-all-finished]

  std::size_t remaining_ = 0;
  waker parent_;
};

}  // namespace internal

/// `co_await when_all(a(), b(), ...)`: runs the tasks side by side and gives a
/// `std::tuple<result<A>, result<B>, ...>` once every one has ended. In a task that an
/// executor runs.
template <class... T>
internal::when_all_awaiter<T...> when_all(task<T>... tasks) noexcept {
  return internal::when_all_awaiter<T...>{std::move(tasks)...};
}

}  // namespace coframe
