/// \file
/// `coframe::generator<T>`: a lazy sequence written as a coroutine, with yield-from.
///
/// Lab 02 builds this type in steps; this is its final form. Portable C++20: the firmware uses
/// it, and tests/host/generator_test.cpp runs it natively under AddressSanitizer and UBSan.
///
/// \code{.cpp}
/// coframe::generator<int> countdown(int n) {
///   while (n > 0) co_yield n--;
/// }
/// for (int& i : countdown(3)) coframe::println(i);  // 3 2 1
/// \endcode
///
/// What you get:
///  - Range-for and `std::ranges::input_range`. `*it` is a reference to the object the body
///  yielded: nothing is copied, and the reference stays valid until the iterator advances.
///  - `co_yield coframe::elements_of(other_generator())` yields every element of a nested
///  generator. The iterator always resumes the innermost (leaf) frame, and nested frames are
///  entered and left by symmetric transfer, so a recursion 100 levels deep does not grow the
///  stack while it runs.
///  - Fallible allocation. A frame comes from `::operator new(size, std::nothrow)`; when that
///  fails the call returns an invalid generator (`valid()` is false), which yields nothing.
///  Nothing panics, nothing is thrown.
///  - Frame accounting: `generator_frames` counts every frame allocated and freed and can be
///  told to fail an allocation, so tests prove that none is leaked and that failure is handled.
///
/// Not thread-safe, and not for interrupt handlers: resuming a generator allocates nothing, but
/// calling a generator function does.
#pragma once

#include <coframe/board/fault.hpp>

#include <coroutine>
#include <cstddef>
#include <iterator>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace coframe {

template <class T>
class generator;

// [elements-of]
/// Wraps a nested generator so that `co_yield elements_of(g)` yields each of its elements in
/// turn, instead of yielding `g` itself. (The name and role are C++23's
/// `std::ranges::elements_of`; here only a `generator` of the same `T` can be nested.)
template <class Range>
struct elements_of {
  // A constructor rather than an aggregate, so `elements_of(g)` also compiles where
  // parenthesised aggregate initialisation does not (Clang before 16).
  explicit constexpr elements_of(Range&& r) noexcept : range(static_cast<Range&&>(r)) {}
  Range range;
};
template <class Range>
elements_of(Range&&) -> elements_of<Range&&>;
// [elements-of]

/// Counts of generator frames since reset (or since `reset()`), for tests and measurements.
///
/// Every frame a `generator` allocates goes through here, so `outstanding()` is the number of
/// generator frames alive right now: a test that ends with `outstanding() == 0` has proved
/// that every frame it created was destroyed. Plain counters: Thread mode only.
class generator_frames {
 public:
  /// Frames successfully allocated.
  static std::size_t allocated() noexcept { return state().allocated; }
  /// Frames freed.
  static std::size_t freed() noexcept { return state().freed; }
  /// Allocations refused (by the heap, or by `fail_allocation`).
  static std::size_t failed() noexcept { return state().failed; }
  /// Frames alive now.
  static std::size_t outstanding() noexcept { return state().allocated - state().freed; }
  /// Size in bytes the compiler asked for in the most recent frame allocation: the frame size
  /// of the generator function called last.
  static std::size_t last_size() noexcept { return state().last_size; }
  /// Makes an allocation fail on purpose: after `successes` more allocations succeed, the next
  /// one returns `nullptr` (once). For testing the allocation-failure path.
  static void fail_allocation(std::size_t successes = 0) noexcept {
    state().fail_at = state().requests + successes + 1;
  }
  /// Forgets every count and any pending `fail_allocation`. Precondition: `outstanding() == 0`
  /// (otherwise later frees would be counted against frames this count never saw).
  static void reset() noexcept { state() = {}; }

  /// Allocates a frame; `nullptr` when the heap is exhausted or a failure was requested.
  static void* allocate(std::size_t size) noexcept {
    ledger& s = state();
    s.last_size = size;
    if (++s.requests == s.fail_at) {
      ++s.failed;
      return nullptr;
    }
    void* frame = ::operator new(size, std::nothrow);
    if (frame == nullptr) {
      ++s.failed;
      return nullptr;
    }
    ++s.allocated;
    return frame;
  }
  /// Frees a frame returned by `allocate`.
  static void deallocate(void* frame) noexcept {
    ++state().freed;
    ::operator delete(frame);
  }

 private:
  struct ledger {
    std::size_t requests = 0, allocated = 0, freed = 0, failed = 0, last_size = 0;
    std::size_t fail_at = 0;  // the request number that fails; 0: none
  };
  static ledger& state() noexcept {
    static ledger counts;  // one per program (an inline function's static is shared)
    return counts;
  }
};

/// Implementation details of `generator`. Users need not concern themselves with these.
namespace internal {

// [promise]
// The promise of every generator<T> frame. A chain of nested generators (elements_of) shares
// one *root*: the frame owned by the generator the caller iterates. The root records which
// frame of the chain is the *leaf* (the one to resume next) and where the current element is.
template <class T>
class generator_promise {
 public:
  using value_type = std::remove_cvref_t<T>;
  using reference = std::conditional_t<std::is_reference_v<T>, T, T&>;
  using pointer = std::add_pointer_t<reference>;
  using handle = std::coroutine_handle<generator_promise>;

  generator<T> get_return_object() noexcept { return generator<T>{handle::from_promise(*this)}; }

  // Frame allocation that can fail: with these two, a failed allocation makes the call return
  // get_return_object_on_allocation_failure() instead of running the body.
  static void* operator new(std::size_t size) noexcept { return generator_frames::allocate(size); }
  static void operator delete(void* frame) noexcept { generator_frames::deallocate(frame); }
  static generator<T> get_return_object_on_allocation_failure() noexcept { return {}; }

  // Lazy: the body runs only when the caller asks for the first element.
  std::suspend_always initial_suspend() const noexcept { return {}; }
  auto final_suspend() noexcept { return final_awaiter{}; }

  // The element stays where the body put it (a local, or a temporary that lives until the
  // co_yield expression ends, which is after the frame resumes); the root only points at it.
  std::suspend_always yield_value(std::remove_reference_t<reference>& element) noexcept {
    root_->element_ = std::addressof(element);
    return {};
  }
  std::suspend_always yield_value(std::remove_reference_t<reference>&& element) noexcept
    requires(!std::is_lvalue_reference_v<T>)
  {
    root_->element_ = std::addressof(element);
    return {};
  }

  // A const lvalue cannot be handed out as `T&`: that one element is copied, into the
  // awaiter, which lives in the frame until the body resumes.
  auto yield_value(const value_type& element) noexcept(
      std::is_nothrow_copy_constructible_v<value_type>)
    requires(!std::is_reference_v<T> && !std::is_const_v<T>)
  {
    struct copy_awaiter : std::suspend_always {
      value_type copy;
      generator_promise* root;
      void await_suspend(std::coroutine_handle<>) noexcept { root->element_ = std::addressof(copy); }
    };
    return copy_awaiter{{}, element, root_};
  }

  auto yield_value(elements_of<generator<T>&&> nested) noexcept { return delegate(nested.range); }
  auto yield_value(elements_of<generator<T>&> nested) noexcept { return delegate(nested.range); }

  void return_void() const noexcept {}

  // Built with -fno-exceptions nothing can throw, so this never runs; the language still
  // requires it. Should a host build with exceptions let one escape a body, stop loudly.
  [[noreturn]] void unhandled_exception() const noexcept {
    coframe::panic("an exception escaped a generator body");
  }

  // Used by generator and its iterator.
  reference element() const noexcept { return static_cast<reference>(*root_->element_); }
  handle leaf() const noexcept { return handle::from_promise(*leaf_); }
  bool nested_allocation_failed() const noexcept { return nested_allocation_failed_; }
  // [promise]

 private:
  // [symmetric-transfer]
  // co_yield elements_of(g): make g's frame the leaf of this chain and jump straight into it.
  // Returning a handle from await_suspend is symmetric transfer: the caller's resume() call
  // continues in g, without a nested call on the stack.
  struct nested_awaiter {
    handle nested;
    bool await_ready() const noexcept { return !nested || nested.done(); }
    std::coroutine_handle<> await_suspend(handle parent) noexcept {
      generator_promise& root = *parent.promise().root_;
      generator_promise& child = nested.promise();
      child.parent_ = parent;
      // g may itself be suspended inside its own elements_of: adopt its whole chain.
      for (generator_promise* p = child.leaf_; p != &child; p = &p->parent_.promise()) {
        p->root_ = &root;
      }
      child.root_ = &root;
      root.leaf_ = child.leaf_;
      return handle::from_promise(*root.leaf_);
    }
    void await_resume() const noexcept {}
  };

  // At the end of a nested body, hand the chain back to the parent and jump into it; at the
  // end of the root, return to whoever resumed it.
  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(handle finished) noexcept {
      generator_promise& self = finished.promise();
      if (!self.parent_) return std::noop_coroutine();
      self.root_->leaf_ = &self.parent_.promise();
      return self.parent_;
    }
    void await_resume() const noexcept {}
  };
  // [symmetric-transfer]

  // A nested generator that could not get its frame yields nothing; record that at the root,
  // so the caller can tell a sequence cut short from a complete one.
  nested_awaiter delegate(generator<T>& nested) noexcept {
    if (!nested.frame_) root_->nested_allocation_failed_ = true;
    return nested_awaiter{nested.frame_};
  }

  pointer element_ = nullptr;          // root only: the current element
  generator_promise* root_ = this;     // the frame the caller iterates
  generator_promise* leaf_ = this;     // root only: the frame to resume next
  handle parent_ = nullptr;            // the frame that delegated to this one, if any
  bool nested_allocation_failed_ = false;  // root only: an elements_of got an invalid generator
};

}  // namespace internal

// [generator]
/// A lazy sequence of `T`, written as a coroutine that `co_yield`s each element.
///
/// A generator owns its coroutine frame: destroying the generator destroys the frame, and every
/// local of the body that is alive at the current suspension point is destroyed, innermost
/// nested generator first, in reverse order of construction. That is what `break` out of a
/// range-for does.
///
/// States and what each operation does in them:
///  - *invalid*: moved-from, default-constructed, or its frame could not be allocated.
///    `valid()` is false, `begin() == end()`, destruction does nothing.
///  - *not started*: just returned by the call. The body has not run.
///  - *running*: `begin()` resumed the body up to its first `co_yield`; each `++it` resumes it
///    up to the next one.
///  - *finished*: the body returned. `begin() == end()`; the frame is still allocated until
///    the generator is destroyed.
///
/// `begin()` resumes the body: call it once per generator (a second call skips an element).
template <class T>
class generator {
 public:
  using promise_type = internal::generator_promise<T>;
  using value_type = typename promise_type::value_type;
  using reference = typename promise_type::reference;

  /// An input iterator over the elements. Precondition for `*` and `++`: not equal to `end()`.
  class iterator {
   public:
    using value_type = generator::value_type;
    using reference = generator::reference;
    using difference_type = std::ptrdiff_t;

    iterator() = default;
    reference operator*() const noexcept { return root_.promise().element(); }
    auto operator->() const noexcept { return std::addressof(**this); }
    // Resumes the innermost frame of the chain, never the root by way of its children: the
    // cost of ++ does not depend on how deeply the generators are nested.
    iterator& operator++() {
      root_.promise().leaf().resume();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept {
      return !it.root_ || it.root_.done();
    }

   private:
    friend class generator;
    explicit iterator(typename promise_type::handle root) noexcept : root_(root) {}
    typename promise_type::handle root_ = nullptr;
  };

  /// An invalid generator (what a failed frame allocation returns).
  generator() noexcept = default;
  generator(generator&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  generator& operator=(generator&& other) noexcept {
    if (this != &other) {
      destroy();
      frame_ = std::exchange(other.frame_, nullptr);
    }
    return *this;
  }
  generator(const generator&) = delete;
  generator& operator=(const generator&) = delete;
  ~generator() { destroy(); }

  /// True if this generator owns a frame: false when moved-from, default-constructed, or when
  /// the frame could not be allocated.
  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(frame_); }

  /// True if the sequence was cut short for lack of memory: this generator's own frame, or the
  /// frame of a generator it delegated to with `elements_of`, could not be allocated.
  [[nodiscard]] bool allocation_failed() const noexcept {
    return !frame_ || frame_.promise().nested_allocation_failed();
  }

  /// Starts (or, if already started, advances) the body. On an invalid or finished generator
  /// it does nothing and returns an iterator equal to `end()`.
  iterator begin() {
    if (frame_ && !frame_.done()) frame_.promise().leaf().resume();
    return iterator{frame_};
  }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  friend promise_type;
  explicit generator(typename promise_type::handle frame) noexcept : frame_(frame) {}
  void destroy() noexcept {
    if (frame_) std::exchange(frame_, nullptr).destroy();
  }
  typename promise_type::handle frame_ = nullptr;
};
// [generator]

}  // namespace coframe
