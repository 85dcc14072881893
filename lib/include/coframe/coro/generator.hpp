/// \file
/// `coframe::generator<Ref, V>` and `coframe::plain_generator<Ref, V>`: lazy sequences written
/// as coroutines. `generator` is C++23's `std::generator` (P2502) for C++20 firmware: no
/// exceptions, and frames that may fail to allocate. `plain_generator` is the same without
/// `elements_of`, for sequences that never delegate and should cost no more than a
/// hand-written state machine.
///
/// \code{.cpp}
/// coframe::generator<int> countdown(int n) {
///   while (n > 0) co_yield n--;
/// }
/// for (int i : countdown(3)) coframe::println(i);  // 3 2 1
/// \endcode
///
/// Lab 02 builds these types in steps; this is their final form. They are portable C++20: the
/// labs' firmware uses them, and `tests/host/` runs them natively under AddressSanitizer and
/// UBSan with GCC and with Clang.
///
/// **What P2502 specifies, and both types do.**
/// - P2502's `value`, `reference` and `yielded` types. For a value `T`, `*it` is a `T&&` the
///   consumer may move from, and an lvalue the body yields is copied first, so the consumer
///   never takes an object the body still uses. `generator<const T&>` hands out the body's own
///   objects read-only, `generator<T&>` lets the consumer modify them, and
///   `generator<T, T>` hands out copies.
/// - A `std::ranges::view` and an `input_range`, with a move-only iterator: single pass, so
///   `begin()` may be called once.
/// - `co_await` does not compile in a generator body.
///
/// **What only `generator` does: `co_yield elements_of(r)`** yields every element of any input
/// range `r` whose elements convert to `yielded`. An rvalue `generator` with the same
/// `yielded` is *adopted*: its frame joins this one's chain and is owned by it (freed as soon
/// as it finishes), the iterator resumes the innermost frame directly, and frames are entered
/// and left by symmetric transfer, so the stack stays flat however deep the recursion. An
/// lvalue generator, or any other range, is iterated as a plain range, and stays its owner's.
///
/// **Why two types, when C++23 has one.** A generator that may delegate must let the consumer
/// resume whichever frame is innermost, so every `++it` resumes a handle loaded from memory.
/// A compiler that can put a coroutine's frame on the caller's stack and inline it (Clang does)
/// cannot see through that call, and a Fibonacci `generator` takes several times the
/// instructions per element of the hand-written machine. `plain_generator`'s iterator resumes
/// the one frame it owns, and Clang compiles the same loop to the hand-written machine's
/// instructions (lab 02's benchmark measures both, under Clang 14 and GCC 12). One class
/// template with a switch (`basic_generator`): the two share everything else.
///
/// **Where both differ from P2502, and why.**
/// - Frames come from `generator_frames` (below), not from an Allocator parameter; lab 03
///   threads allocators through coroutines.
/// - Out of memory is a value, not `std::bad_alloc`: a generator whose frame could not be
///   allocated is invalid (`valid()` false, yields nothing, `allocation_failed()` true); a
///   nested one that could not be allocated yields nothing, and its root's
///   `allocation_failed()` says the sequence was cut short. P2502 would throw from the call.
/// - An exception escaping a body panics (firmware builds have none); P2502 rethrows it in the
///   parent generator and then in the consumer.
/// - `begin()` twice panics, with a message; P2502 makes it undefined. So does adopting a
///   generator that was already started.
/// - Over-aligned frames: GCC 12 aligns a frame whose locals need more than
///   `__STDCPP_DEFAULT_NEW_ALIGNMENT__` itself (it asks for more and aligns inside); Clang 14
///   does not (Clang 16 does, with `-fcoro-aligned-allocation`), and C++20 gives the promise
///   no way to learn a frame's alignment. So these types refuse, at compile time, the one
///   over-aligned object they place in a frame themselves (the copy of a yielded lvalue); keep
///   over-aligned locals out of generator bodies built by Clang 14.
///
/// **Stack use.** Delegating with `elements_of`, finishing a nested generator, advancing the
/// iterator and destroying a chain suspended anywhere each take the same stack however deep
/// the nesting: destruction walks the chain in a loop, and entering and leaving a nested frame
/// is symmetric transfer. Symmetric transfer is a jump only where the compiler makes it a tail
/// call: Clang 14 does at every optimisation level; GCC 12 only with -foptimize-sibling-calls,
/// which `-O2` turns on. At `-O0`, `-Og` and `-O1` (and under AddressSanitizer) GCC calls
/// instead, so there a chain that delegates or finishes many levels in a row uses stack in
/// proportion to its depth: on Cortex-M 32, 16 and 24 bytes per level (lab 02's target test
/// shows it, configured with `-Doptimization=0`, `g` or `1`). Destruction and iteration stay
/// flat at every level. Build with `-O2` where the depth is not bounded.
///
/// Not thread-safe, and not for interrupt handlers: resuming a generator allocates nothing,
/// but calling a generator function does.
#pragma once

#include <coframe/board/fault.hpp>

#include <concepts>
#include <coroutine>
#include <cstddef>
#include <iterator>
#include <memory>
#include <new>
#include <ranges>
#include <type_traits>
#include <utility>

namespace coframe {

template <class Ref, class V, bool Recursive>
class basic_generator;

/// A lazy sequence that may delegate with `elements_of`: C++23's `std::generator`.
/// See `basic_generator` for its interface.
template <class Ref, class V = void>
using generator = basic_generator<Ref, V, true>;

/// A lazy sequence that does not delegate: `generator` without `elements_of`, and without its
/// cost. See `basic_generator` for its interface.
template <class Ref, class V = void>
using plain_generator = basic_generator<Ref, V, false>;

/// Implementation details of the generators. Users need not concern themselves with these.
namespace internal {
template <class Yielded>
class generator_promise_base;
}  // namespace internal

// [elements-of]
/// Wraps a range so that `co_yield elements_of(r)` yields each of its elements in turn,
/// instead of yielding `r` itself. C++23's `std::ranges::elements_of`, without its allocator.
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

/// The ledger of generator frames: how many were created, allocated and freed, for tests and
/// measurements; and a way to make an allocation fail on purpose.
///
/// Two counts, because a frame need not be on the heap: when a compiler can see that a
/// coroutine ends before its caller does, it may place the frame inside the caller's own
/// frame and never call `operator new` (HALO, heap allocation elision; Clang does, GCC 12 does
/// not). `created()` counts every generator frame, wherever it lives; `allocated()` only those
/// that really came from the heap. A test that ends with `alive() == 0 && outstanding() == 0`
/// has proved that every frame it created was destroyed and every allocation freed, on any
/// compiler. Plain counters: Thread mode only.
class generator_frames {
 public:
  /// Generator frames whose promise was constructed (on the heap, or elided into the caller).
  static std::size_t created() noexcept { return state().created; }
  /// Generator frames destroyed.
  static std::size_t destroyed() noexcept { return state().destroyed; }
  /// Generator frames alive now: `created() - destroyed()`.
  static std::size_t alive() noexcept { return state().created - state().destroyed; }
  /// Frames that really came from the heap (`allocate` succeeded).
  static std::size_t allocated() noexcept { return state().allocated; }
  /// Heap frames given back (`deallocate`).
  static std::size_t freed() noexcept { return state().freed; }
  /// Allocations refused (by the heap, or by `fail_allocation`).
  static std::size_t failed() noexcept { return state().failed; }
  /// Heap frames not yet freed: `allocated() - freed()`.
  static std::size_t outstanding() noexcept { return state().allocated - state().freed; }
  /// Size in bytes the compiler asked for in the most recent frame allocation: the frame size
  /// of the coroutine called last whose frame was not elided.
  static std::size_t last_size() noexcept { return state().last_size; }

  /// Makes a heap allocation fail on purpose: after `successes` more allocations succeed, the
  /// next one returns `nullptr` (once). It counts requests that reach the heap: a frame the
  /// compiler elided makes none, so a test aiming at a nested frame must make sure that frame
  /// is really allocated (its call not inlined), and should check `failure_pending()` after.
  static void fail_allocation(std::size_t successes = 0) noexcept {
    state().fail_at = state().requests + successes + 1;
  }
  /// True while a failure asked for by `fail_allocation` has not happened yet.
  static bool failure_pending() noexcept { return state().fail_at > state().requests; }
  /// Forgets every count and any pending `fail_allocation`. Precondition: `alive() == 0`
  /// (otherwise later destructions would be counted against frames this count never saw).
  static void reset() noexcept { state() = {}; }

  /// Allocates a frame of `size` bytes; `nullptr` when the heap is exhausted or a failure was
  /// requested. For the `operator new` of a promise.
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
  /// Frees a frame returned by `allocate(size)`. For a promise's sized `operator delete`.
  static void deallocate(void* frame, [[maybe_unused]] std::size_t size) noexcept {
    ++state().freed;
#if defined(__cpp_sized_deallocation)
    ::operator delete(frame, size);
#else
    ::operator delete(frame);  // Clang before 17 declares sized delete only on request
#endif
  }
  /// Frees a frame returned by `allocate`, for a promise whose `operator delete` is not sized.
  static void deallocate(void* frame) noexcept {
    ++state().freed;
    ::operator delete(frame);
  }

 private:
  template <class Yielded>
  friend class internal::generator_promise_base;
  static void note_created() noexcept { ++state().created; }
  static void note_destroyed() noexcept { ++state().destroyed; }

  struct ledger {
    std::size_t requests = 0, allocated = 0, freed = 0, failed = 0, last_size = 0;
    std::size_t created = 0, destroyed = 0;
    std::size_t fail_at = 0;  // the request number that fails; 0: none
  };
  static ledger& state() noexcept {
    static ledger counts;  // one per program (an inline function's static is shared)
    return counts;
  }
};

namespace internal {

// [promise]
// What every generator frame's promise does, for any generator type with this `yielded`.
// The element is not copied: the promise records its address, and the consumer reads it
// through that pointer before it resumes the body. That is safe because a co_yield operand
// outlives the suspension: a local lives in the frame, and a temporary lives until the
// co_yield expression ends, which is after the body resumes.
template <class Yielded>
class generator_promise_base {
  using element = std::remove_cvref_t<Yielded>;  // what a copy of a yielded lvalue is

 public:
  generator_promise_base() noexcept { generator_frames::note_created(); }
  ~generator_promise_base() { generator_frames::note_destroyed(); }
  generator_promise_base(const generator_promise_base&) = delete;
  generator_promise_base& operator=(const generator_promise_base&) = delete;

  // Lazy: the body runs only when the consumer asks for the first element.
  std::suspend_always initial_suspend() const noexcept { return {}; }

  std::suspend_always yield_value(Yielded element) noexcept {
    value_ = std::addressof(element);
    return {};
  }

  // A generator of T or T&& hands out an rvalue reference the consumer may move from. An
  // lvalue of the body must not be moved from behind its back, so that one is copied, into
  // the awaiter, which lives in the frame until the body resumes; the consumer gets the copy.
  auto yield_value(const std::remove_reference_t<Yielded>& lvalue) noexcept(
      std::is_nothrow_constructible_v<element, const std::remove_reference_t<Yielded>&>)
    requires std::is_rvalue_reference_v<Yielded> &&
             std::constructible_from<element, const std::remove_reference_t<Yielded>&>
  {
    static_assert(alignof(element) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__,
                  "the copy of a yielded lvalue would be over-aligned in the frame, which Clang 14 "
                  "misaligns: yield an rvalue (std::move) or use a generator of const T&");
    return copy_awaiter{{}, element(lvalue), this};
  }

  // P2502: a generator body may not co_await. Declaring await_transform makes every co_await
  // in the body go through it; deleted, each one is a compile-time error.
  template <class Awaitable>
  void await_transform(Awaitable&&) = delete;

  void return_void() const noexcept {}

  // Built with -fno-exceptions nothing can throw, so this never runs; the language still
  // requires it. Should a host build with exceptions let one escape a body, stop loudly
  // (P2502 would rethrow it in the consumer).
  [[noreturn]] void unhandled_exception() const noexcept {
    coframe::panic("an exception escaped a generator body");
  }
  // [promise]

 protected:
  template <class, class, bool>
  friend class coframe::basic_generator;

  struct copy_awaiter : std::suspend_always {
    element copy;
    generator_promise_base* promise;
    void await_suspend(std::coroutine_handle<>) noexcept {
      promise->value_ = std::addressof(copy);
    }
  };

  // Where the current element is: null before the first and after the last.
  std::add_pointer_t<Yielded> value_ = nullptr;
  bool started_ = false;  // begin() was called
};

// The promise of a plain_generator: at the end, clear the element (that is how the iterator
// sees the end) and return to whoever resumed the frame.
template <class Yielded>
class plain_promise : public generator_promise_base<Yielded> {
 public:
  std::suspend_always final_suspend() noexcept {
    this->value_ = nullptr;
    return {};
  }
};

// The promise of a generator, which can delegate. A chain of nested generators (elements_of)
// shares one *root*: the frame owned by the generator the consumer iterates. The root records
// which frame of the chain is on *top* (the innermost, resumed next); every frame knows the
// root, and a nested frame knows its parent and the handle in its parent's awaiter that owns
// it. Each frame records its own element; the consumer reads the top's.
template <class Yielded>
class recursive_promise : public generator_promise_base<Yielded> {
 public:
  using generator_promise_base<Yielded>::yield_value;

  // co_yield elements_of(std::move(g)): adopt g's frame (see nested_awaiter). g is left empty.
  template <class R2, class V2>
    requires std::same_as<typename basic_generator<R2, V2, true>::yielded, Yielded>
  auto yield_value(elements_of<basic_generator<R2, V2, true>&&> nested) noexcept {
    basic_generator<R2, V2, true>& g = nested.range;
    if (g.out_of_memory_) root_->nested_out_of_memory_ = true;
    recursive_promise* promise = g.frame_ ? std::addressof(g.frame_.promise()) : nullptr;
    COFRAME_ASSERT(promise == nullptr || !promise->started_,
                   "elements_of(std::move(g)): g was already started (begin() was called on it)");
    return nested_awaiter{std::exchange(g.frame_, nullptr), promise};
  }

  // co_yield elements_of(r) for any other input range (an lvalue generator among them):
  // iterate r in a nested generator of our own, and adopt that.
  template <std::ranges::input_range R>
    requires std::convertible_to<std::ranges::range_reference_t<R>, Yielded>
  auto yield_value(elements_of<R> r) {
    auto each = [](std::ranges::iterator_t<R> i, std::ranges::sentinel_t<R> end)
        -> basic_generator<Yielded, std::ranges::range_value_t<R>, true> {
      for (; i != end; ++i) co_yield static_cast<Yielded>(*i);
    };
    return yield_value(
        elements_of(each(std::ranges::begin(r.range), std::ranges::end(r.range))));
  }

  auto final_suspend() noexcept { return final_awaiter{}; }

 private:
  template <class, class, bool>
  friend class coframe::basic_generator;
  template <class>
  friend class recursive_promise;

  // [symmetric-transfer]
  // The awaiter of co_yield elements_of(std::move(g)). It owns g's frame from now on, as
  // P2502 says, so the frame is freed as soon as g finishes (when this awaiter is destroyed,
  // at the end of the co_yield), and a chain destroyed early exits its scopes innermost first.
  // await_suspend makes g's frame the top of this chain and jumps into it: returning a handle
  // from await_suspend is symmetric transfer, so the consumer's resume() continues in g
  // without a nested call on the stack.
  class nested_awaiter {
   public:
    nested_awaiter(std::coroutine_handle<> frame, recursive_promise* promise) noexcept
        : frame_(frame), promise_(promise) {}
    nested_awaiter(const nested_awaiter&) = delete;
    nested_awaiter& operator=(const nested_awaiter&) = delete;
    ~nested_awaiter() {
      if (frame_) frame_.destroy();
    }

    bool await_ready() const noexcept { return !frame_; }  // an empty generator: nothing to do
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> parent) noexcept {
      recursive_promise& root = *parent.promise().root_;
      promise_->root_ = std::addressof(root);
      promise_->parent_ = parent;
      promise_->parent_promise_ = std::addressof(parent.promise());
      promise_->owner_ = std::addressof(frame_);
      root.top_ = frame_;
      root.top_promise_ = promise_;
      return frame_;
    }
    void await_resume() const noexcept {}

   private:
    std::coroutine_handle<> frame_;
    recursive_promise* promise_;
  };

  // At the end of a nested body, hand the chain back to the parent and jump into it; at the
  // end of the root, clear the element (that is how the iterator sees the end) and return to
  // whoever resumed it.
  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> finished) noexcept {
      recursive_promise& self = finished.promise();
      if (!self.parent_) {
        self.value_ = nullptr;
        return std::noop_coroutine();
      }
      self.root_->top_ = self.parent_;
      self.root_->top_promise_ = self.parent_promise_;
      return self.parent_;
    }
    void await_resume() const noexcept {}
  };
  // [symmetric-transfer]

  // Root only: the frame to resume next and its promise (set by begin()), and whether an
  // elements_of got no frame.
  std::coroutine_handle<> top_ = nullptr;
  recursive_promise* top_promise_ = nullptr;
  bool nested_out_of_memory_ = false;
  // Every frame: the root of its chain (itself until it is adopted), and once adopted its
  // parent and the handle in the parent's nested_awaiter that owns it.
  recursive_promise* root_ = this;
  std::coroutine_handle<> parent_ = nullptr;
  recursive_promise* parent_promise_ = nullptr;
  std::coroutine_handle<>* owner_ = nullptr;
};

}  // namespace internal

// [generator]
/// What `coframe::generator<Ref, V>` (`Recursive`) and `coframe::plain_generator<Ref, V>` are:
/// a lazy sequence, written as a coroutine that `co_yield`s each element; a view and an input
/// range with P2502's element types:
///  - `value` (the iterator's `value_type`) is `V`, or `remove_cvref_t<Ref>` when `V` is void;
///  - `reference` (what `*it` returns) is `Ref`, or `Ref&&` when `V` is void;
///  - `yielded` (what `co_yield` takes) is `reference` if that is a reference, else
///    `const reference&`.
///
/// A generator owns its coroutine frame: destroying the generator destroys the frame, and
/// every local of the body alive at the current suspension point is destroyed, innermost
/// nested generator first, in reverse order of construction. That is what `break` out of a
/// range-for does.
///
/// States and what each operation does in them:
///  - *invalid*: moved-from, default-constructed, or its frame could not be allocated.
///    `valid()` is false, `begin() == end()`, destruction does nothing.
///  - *not started*: just returned by the call. The body has not run.
///  - *running*: `begin()` resumed the body up to its first `co_yield`; each `++it` resumes it
///    up to the next one.
///  - *finished*: the body returned; the iterator equals `end()`. The frame stays allocated
///    until the generator is destroyed.
///
/// `begin()` starts the body and may be called once (a second call panics): a generator is a
/// single-pass range.
template <class Ref, class V, bool Recursive>
class basic_generator {
  using value = std::conditional_t<std::is_void_v<V>, std::remove_cvref_t<Ref>, V>;
  using reference = std::conditional_t<std::is_void_v<V>, Ref&&, Ref>;
  static_assert(std::is_object_v<value> && std::same_as<value, std::remove_cv_t<value>>,
                "generator<Ref, V>: the value type must be a cv-unqualified object type");
  static_assert(std::is_reference_v<reference> ||
                    (std::is_object_v<reference> &&
                     std::same_as<reference, std::remove_cv_t<reference>> &&
                     std::copy_constructible<reference>),
                "generator<Ref, V>: the reference type must be a reference or a copyable, "
                "cv-unqualified object type");

 public:
  /// What `co_yield` in the body takes.
  using yielded = std::conditional_t<std::is_reference_v<reference>, reference, const reference&>;

  /// The promise of every frame of this type: frames from `generator_frames`, and an invalid
  /// generator when that fails.
  struct promise_type
      : std::conditional_t<Recursive, internal::recursive_promise<yielded>,
                         internal::plain_promise<yielded>> {
    basic_generator get_return_object() noexcept {
      return basic_generator{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    // With a noexcept operator new and this function, a failed allocation makes the call
    // return get_return_object_on_allocation_failure() instead of running the body.
    static void* operator new(std::size_t size) noexcept {
      return generator_frames::allocate(size);
    }
    static void operator delete(void* frame, std::size_t size) noexcept {
      generator_frames::deallocate(frame, size);
    }
    static basic_generator get_return_object_on_allocation_failure() noexcept {
      basic_generator g;
      g.out_of_memory_ = true;
      return g;
    }
  };

  /// A move-only input iterator over the elements. Precondition for `*` and `++`: not equal
  /// to `end()`.
  class iterator {
   public:
    using value_type = value;
    using difference_type = std::ptrdiff_t;

    iterator(iterator&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
    iterator& operator=(iterator&& other) noexcept {
      frame_ = std::exchange(other.frame_, nullptr);
      return *this;
    }

    reference operator*() const noexcept(std::is_nothrow_copy_constructible_v<reference>) {
      return static_cast<reference>(*current().value_);
    }
    // A generator resumes the top of its chain, never the root by way of its children: the
    // cost of ++ does not depend on how deeply the generators are nested. A plain_generator
    // resumes its own frame, a call the compiler can see through.
    iterator& operator++() {
      if constexpr (Recursive) {
        frame_.promise().top_.resume();
      } else {
        frame_.resume();
      }
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept {
      return it.at_end();
    }

   private:
    friend class basic_generator;
    explicit iterator(std::coroutine_handle<promise_type> frame) noexcept : frame_(frame) {}

    // The frame whose element is current: the top of the chain.
    internal::generator_promise_base<yielded>& current() const noexcept {
      if constexpr (Recursive) {
        return *frame_.promise().top_promise_;
      } else {
        return frame_.promise();
      }
    }
    // The root clears its element when it finishes (final_suspend).
    bool at_end() const noexcept { return !frame_ || current().value_ == nullptr; }

    std::coroutine_handle<promise_type> frame_;
  };

  /// An invalid generator.
  basic_generator() noexcept = default;
  basic_generator(basic_generator&& other) noexcept
      : frame_(std::exchange(other.frame_, nullptr)),
        out_of_memory_(std::exchange(other.out_of_memory_, false)) {}
  basic_generator& operator=(basic_generator other) noexcept {
    std::swap(frame_, other.frame_);
    std::swap(out_of_memory_, other.out_of_memory_);
    return *this;
  }
  basic_generator(const basic_generator&) = delete;
  ~basic_generator() { destroy(); }

  /// True if this generator owns a frame: false when moved-from, default-constructed, or when
  /// the frame could not be allocated.
  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(frame_); }

  /// True if the sequence was cut short for lack of memory: this generator's own frame could
  /// not be allocated, or (`generator` only) the frame of a generator it delegated to with
  /// `elements_of`. False for a default-constructed or moved-from generator: nothing failed,
  /// it is just empty.
  [[nodiscard]] bool allocation_failed() const noexcept {
    if constexpr (Recursive) {
      if (frame_ && frame_.promise().nested_out_of_memory_) return true;
    }
    return out_of_memory_;
  }

  /// Starts the body: runs it to its first `co_yield`. On an invalid generator it does nothing
  /// and returns an iterator equal to `end()`. Precondition: not called before on this
  /// generator (checked: it panics).
  iterator begin() {
    if (frame_) {
      promise_type& root = frame_.promise();
      COFRAME_ASSERT(!root.started_, "generator::begin() called twice: a generator is single-pass");
      root.started_ = true;
      if constexpr (Recursive) {
        root.top_ = frame_;
        root.top_promise_ = std::addressof(root);
      }
      frame_.resume();
    }
    return iterator{frame_};
  }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  template <class>
  friend class internal::recursive_promise;

  explicit basic_generator(std::coroutine_handle<promise_type> frame) noexcept : frame_(frame) {}

  // [destroy-chain]
  // Destroying each nested frame from the awaiter in its parent would recurse once per level.
  // So a chain suspended inside elements_of is destroyed innermost first, one frame at a
  // time, each taken from its owner first so that its parent does not destroy it again.
  void destroy() noexcept {
    if (!frame_) return;
    if constexpr (Recursive) {
      using promise = internal::recursive_promise<yielded>;
      promise& root = frame_.promise();
      for (promise* p = root.top_promise_; p != nullptr && p != std::addressof(root);) {
        promise* parent = p->parent_promise_;
        std::exchange(*p->owner_, nullptr).destroy();
        p = parent;
      }
    }
    std::exchange(frame_, nullptr).destroy();
  }
  // [destroy-chain]

  std::coroutine_handle<promise_type> frame_ = nullptr;
  bool out_of_memory_ = false;  // this generator's own frame could not be allocated
};
// [generator]

}  // namespace coframe

// Generators are views (cheap to move, not copyable). Specialised rather than derived from
// std::ranges::view_interface, which stops Clang 14 with libstdc++ 12 from compiling even a
// range-for over a generator.
/// \cond
namespace std::ranges {
template <class Ref, class V, bool Recursive>
inline constexpr bool enable_view<coframe::basic_generator<Ref, V, Recursive>> = true;
}  // namespace std::ranges
/// \endcond
