// Lab 02, step 3 — a two-way generator: values go out with co_yield, and come back in as the
// value of the co_yield expression.
//
// Portable: lab02.elf, the coroutine parser, its target test and its host tests use it.
//
//   lab02::two_way<int, int> running_total() {
//     int total = 0;
//     for (;;) total += co_yield total;  // hand out the total, receive the next number
//   }
//   auto sum = running_total();   // runs the body to its first co_yield (it has "started")
//   sum.send(5);                  // 5
//   sum.send(2);                  // 7
//
// Unlike generator<T>, a two-way generator starts eagerly: the call runs the body to its first
// co_yield, which hands out the answer to "nothing sent yet" and then waits for the first value.
// (Python calls this priming; its generators need `send(None)` first.)
//
// Frames are counted by coframe::generator_frames, and allocation failure gives an invalid
// two_way (valid() false) instead of a crash.
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/coro/generator.hpp>

#include <cassert>
#include <coroutine>
#include <cstddef>
#include <utility>

namespace lab02 {

// [two-way]
template <class Out, class In>
class two_way {
 public:
  struct promise_type {
    Out out{};  // what the body handed out at its last co_yield
    In in{};    // what the caller sent in with the last send()

    static void* operator new(std::size_t size) noexcept {
      return coframe::generator_frames::allocate(size);
    }
    static void operator delete(void* frame, std::size_t size) noexcept {
      coframe::generator_frames::deallocate(frame, size);
    }
    static two_way get_return_object_on_allocation_failure() noexcept { return two_way{nullptr}; }

    two_way get_return_object() noexcept { return two_way{handle::from_promise(*this)}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }  // eager: run to co_yield
    std::suspend_always final_suspend() const noexcept { return {}; }

    // `co_yield answer` suspends with the answer; when send() resumes the frame, the value
    // of the co_yield expression is what was sent.
    auto yield_value(Out answer) noexcept {
      out = std::move(answer);
      struct receive : std::suspend_always {
        promise_type* promise;
        In await_resume() const noexcept { return promise->in; }
      };
      return receive{{}, this};
    }
    void return_void() const noexcept {}
    void unhandled_exception() const noexcept { coframe::panic("exception in a two_way body"); }
  };
  using handle = std::coroutine_handle<promise_type>;

  two_way(two_way&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  two_way& operator=(two_way&& other) noexcept {
    if (this != &other) {
      if (frame_) frame_.destroy();
      frame_ = std::exchange(other.frame_, nullptr);
    }
    return *this;
  }
  ~two_way() {
    if (frame_) frame_.destroy();
  }

  /// False if the frame could not be allocated, or after a move.
  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(frame_); }
  /// True once the body has returned.
  [[nodiscard]] bool done() const noexcept { return !frame_ || frame_.done(); }

  /// Sends `value` in, runs the body to its next co_yield and returns what that yielded.
  /// Precondition: `!done()` (an invalid or finished two_way cannot answer). Checked with
  /// assert(): a failed check prints and exits 134, except where NDEBUG removes it, as in the
  /// benchmark (a release build): send() is on the per-byte path, and the check would add
  /// three instructions to every byte.
  const Out& send(In value) {
    assert(!done() && "send() to an invalid or finished two_way");
    frame_.promise().in = std::move(value);
    frame_.resume();
    return frame_.promise().out;
  }
  /// What the body handed out last. Precondition: `valid()`.
  const Out& last() const noexcept { return frame_.promise().out; }

 private:
  explicit two_way(handle frame) noexcept : frame_(frame) {}
  handle frame_;
};
// [two-way]

}  // namespace lab02
