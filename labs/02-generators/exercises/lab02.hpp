// Lab 02 exercises: the types whose missing parts you write. Each exercise has a starter in
// exercises/NAME.cpp (yours to edit), a test in exercises/NAME_test.cpp and a hint in
// exercises/NAME.hint. Grade your work with:  ./workbook grade 02
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/coro/generator.hpp>

#include <coroutine>
#include <cstddef>
#include <utility>

// ---- counter_promise: the promise of a counting coroutine ---------------------------------

/// A coroutine type that hands out ints one at a time. You write its promise_type's members
/// (exercises/counter_promise.cpp); the rest is here.
class ticker {
 public:
  struct promise_type {
    int current = 0;  ///< the value the body yielded last

    ticker get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept;  ///< lazy: the body waits for next()
    std::suspend_always final_suspend() noexcept;    ///< the frame stays until ~ticker
    std::suspend_always yield_value(int value) noexcept;
    void return_void() noexcept;
    void unhandled_exception() noexcept;
    /// Frames come from coframe::generator_frames, so the test can count them.
    static void* operator new(std::size_t size) noexcept;
    static void operator delete(void* frame) noexcept;
    static ticker get_return_object_on_allocation_failure() noexcept;
  };
  using handle = std::coroutine_handle<promise_type>;

  ticker() = default;  ///< invalid: no frame
  explicit ticker(handle frame) : frame_(frame) {}
  ticker(ticker&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  ticker& operator=(ticker&&) = delete;
  ~ticker() {
    if (frame_) frame_.destroy();
  }
  bool valid() const { return static_cast<bool>(frame_); }
  /// Runs the body to its next co_yield; false once it has returned (or if invalid).
  bool next() {
    if (!frame_ || frame_.done()) return false;
    frame_.resume();
    return !frame_.done();
  }
  int value() const { return frame_.promise().current; }

 private:
  handle frame_;
};

// ---- yield_reference: hand out the caller's objects, not copies ----------------------------

/// A sensor record; copying one is counted, so the test can see copies.
struct reading {
  int id = 0;
  int value = 0;
  static inline int copies = 0;
  reading() = default;
  reading(int i, int v) : id(i), value(v) {}
  reading(const reading& o) : id(o.id), value(o.value) { ++copies; }
  reading& operator=(const reading& o) {
    id = o.id, value = o.value, ++copies;
    return *this;
  }
};

/// A generator of `const reading&`. You write promise_type::yield_value
/// (exercises/yield_reference.cpp).
class reading_stream {
 public:
  struct promise_type {
    const reading* current = nullptr;  ///< what operator* of the caller's loop sees
    reading_stream get_return_object() noexcept {
      return reading_stream{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(const reading& r) noexcept;
    void return_void() noexcept {}
    void unhandled_exception() noexcept { coframe::panic("exception in a reading_stream"); }
  };
  using handle = std::coroutine_handle<promise_type>;

  explicit reading_stream(handle frame) : frame_(frame) {}
  reading_stream(reading_stream&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  reading_stream& operator=(reading_stream&&) = delete;
  ~reading_stream() {
    if (frame_) frame_.destroy();
  }
  bool next() {
    frame_.resume();
    return !frame_.done();
  }
  const reading& current() const { return *frame_.promise().current; }

 private:
  handle frame_;
};

// ---- send_value: values sent in on resume --------------------------------------------------

/// A two-way coroutine: `int in = co_yield out;` hands `out` to the caller of send() and
/// resumes with the value sent next. You write yield_value, receive::await_resume and send
/// (exercises/send_value.cpp).
class mailbox {
 public:
  struct promise_type {
    int out = 0;  ///< what the body handed out last
    int in = 0;   ///< what the caller sent last

    /// The awaiter `co_yield` returns: it suspends, and its await_resume() is the value of the
    /// co_yield expression.
    struct receive {
      promise_type* promise;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) const noexcept {}
      int await_resume() const noexcept;
    };

    mailbox get_return_object() noexcept {
      return mailbox{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }  // run to the first co_yield
    std::suspend_always final_suspend() noexcept { return {}; }
    receive yield_value(int value) noexcept;
    void return_void() noexcept {}
    void unhandled_exception() noexcept { coframe::panic("exception in a mailbox"); }
  };
  using handle = std::coroutine_handle<promise_type>;

  explicit mailbox(handle frame) : frame_(frame) {}
  mailbox(mailbox&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  mailbox& operator=(mailbox&&) = delete;
  ~mailbox() {
    if (frame_) frame_.destroy();
  }
  /// Sends `value` in, runs the body to its next co_yield and returns what it yielded.
  int send(int value);
  handle frame() const { return frame_; }

 private:
  handle frame_;
};

// ---- tree_walk: elements_of for a tree -----------------------------------------------------

struct node {
  int value;
  const node* left;
  const node* right;
};

/// The values of the tree under `root`, in order (left subtree, the node, right subtree).
/// Write it with coframe::elements_of, so that a tree 100 levels deep needs no more stack to
/// walk than a tree 1 level deep (exercises/tree_walk.cpp).
coframe::generator<int> in_order(const node* root);
