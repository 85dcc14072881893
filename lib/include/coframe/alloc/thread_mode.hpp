/// \file
/// A thread-mode allocator: a heap that only Thread mode can get a handle to.
///
/// A Cortex-M runs ordinary code in Thread mode and interrupt handlers in Handler mode. If only
/// Thread mode can reach an allocator, nothing can interrupt one of its calls with another
/// call of its own: it needs no lock, never masks interrupts, and the interrupt handlers stay
/// free of dynamic allocation and of its cost. `get()` enforces that: it gives a handle in
/// Thread mode and nothing in any handler, checked against the processor's IPSR register.
///
/// \code{.cpp}
/// struct frame_heap {                       // the definition: which resource, made how
///   using resource = coframe::tlsf<>;
///   static inline std::byte memory[8192];
///   static resource make() { return resource{memory}; }
/// };
/// using heap = coframe::thread_mode_allocator<frame_heap>;
///
/// if (auto h = heap::get()) {               // Thread mode: a handle
///   void* p = h->allocate(64);
///   h->deallocate(p, 64);
/// }                                         // in a handler, get() returns std::nullopt
/// \endcode
///
/// The handle is empty and copyable: it is a proof, not a pointer, so a container holding one
/// (coframe/alloc/std_allocator.hpp) grows by nothing. `get()`'s fast path is the IPSR test
/// alone: `mrs`, `lsls`, a branch. The resource is made on the first allocation (not at
/// startup, not in `get()`), remembered in one byte of state; no atomic is needed because only
/// Thread mode can get that far.
///
/// What C++ cannot stop: a handle copied into a global and used from an interrupt handler.
/// (Rust's version of this idea makes the handle `!Send`, and the compiler refuses.) Builds
/// with `COFRAME_ALLOC_CHECKS` (on unless `NDEBUG`) therefore trap: an allocation or
/// deallocation in Handler mode ends the run with a panic naming the exception.
///
/// The idea and its API follow Jorge Aparicio's "no-std async experiments 2" (the `cortex-m-alloc`
/// thread-mode allocator), translated to C++.
#pragma once

#include <coframe/alloc/checks.hpp>
#include <coframe/alloc/out_of_memory.hpp>
#include <coframe/alloc/resource.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/fault.hpp>

#include <cstddef>
#include <new>
#include <optional>
#include <type_traits>

namespace coframe {

/// A definition may replace the out-of-memory hook by declaring this.
template <class Definition>
concept has_out_of_memory_hook = requires(allocation_request r) {
  Definition::out_of_memory(r);
};

namespace internal {
[[noreturn, gnu::cold]] inline void handler_mode_use() {
  // Print the exception number with the message: "exception 15" is SysTick, 14 PendSV,
  // 16 + n external interrupt n.
  char text[80] = "thread-mode allocator used in Handler mode, exception ";
  std::size_t n = 0;
  while (text[n] != '\0') ++n;
  char digits[4];
  std::size_t d = 0;
  for (std::uint32_t v = cpu::ipsr(); d == 0 || v != 0; v /= 10) digits[d++] = char('0' + v % 10);
  while (d != 0) text[n++] = digits[--d];
  panic({text, n});
}
}  // namespace internal

/// The handle to the allocator a `Definition` describes. The definition provides:
///
///     using resource = R;                 // a memory_resource, trivially destructible
///     static R make();                    // builds it; called once, in Thread mode, by the
///                                         // first allocation through any handle
///     static void out_of_memory(allocation_request);   // optional: returns only after
///                                         // making room (the request is then tried again)
///
/// Each definition is its own heap; two definitions never share memory.
template <class Definition>
class thread_mode_allocator {
 public:
  using resource_type = typename Definition::resource;
  static_assert(memory_resource<resource_type>);
  static_assert(std::is_trivially_destructible_v<resource_type>,
                "a thread-mode allocator lives as long as the program; it is never destroyed");

  // [get]
  /// A handle in Thread mode; `std::nullopt` in any exception or interrupt handler.
  /// Never masks interrupts, allocates nothing.
  [[nodiscard, gnu::always_inline]] static std::optional<thread_mode_allocator> get() noexcept {
    if (cpu::in_handler_mode()) return std::nullopt;
    return thread_mode_allocator{};
  }
  // [get]

  // [allocate]
  /// `size` bytes aligned to `alignment`, never nullptr. When the resource has no room it
  /// calls the definition's out-of-memory hook and tries again, for as long as the hook
  /// returns: like `std::new_handler`, a hook either makes room (frees a reserve, say) and
  /// returns, or ends the run. Without a hook, `default_out_of_memory` reports and ends it.
  [[nodiscard]] void* allocate(std::size_t size,
                               std::size_t alignment = alignof(std::max_align_t)) const noexcept {
    for (;;) {
      if (void* p = try_allocate(size, alignment)) return p;
      out_of_memory({size, alignment});
    }
  }
  // [allocate]

  /// Like `allocate`, but returns nullptr when there is no room: for callers that turn
  /// failure into an error value (coroutine frames do).
  [[nodiscard]] void* try_allocate(std::size_t size,
                                   std::size_t alignment = alignof(std::max_align_t)) const noexcept {
    trap_in_handler_mode();
    if (!made_) [[unlikely]] make();
    return storage_.resource.allocate(size, alignment);
  }

  /// Gives back `p` from `allocate` or `try_allocate` on a handle of the same definition,
  /// with the same size and alignment. nullptr is ignored.
  void deallocate(void* p, std::size_t size,
                  std::size_t alignment = alignof(std::max_align_t)) const noexcept {
    trap_in_handler_mode();
    // No lazy check: a block to give back means an allocation made the resource already.
    if (p == nullptr) return;
    storage_.resource.deallocate(p, size, alignment);
  }

  /// The resource itself (made if it was not yet), for its statistics and checks.
  [[nodiscard]] resource_type& resource() const noexcept {
    if (!made_) [[unlikely]] make();
    return storage_.resource;
  }

  /// Whether the resource has been made yet (the one byte of lazy state).
  [[nodiscard]] static bool made() noexcept { return made_; }

  friend bool operator==(thread_mode_allocator, thread_mode_allocator) noexcept { return true; }

 private:
  thread_mode_allocator() noexcept = default;

  static void trap_in_handler_mode() noexcept {
#if COFRAME_ALLOC_CHECKS
    if (cpu::in_handler_mode()) [[unlikely]] internal::handler_mode_use();
#endif
  }

  [[gnu::noinline, gnu::cold]] static void make() noexcept {
    ::new (static_cast<void*>(&storage_.resource)) resource_type(Definition::make());
    made_ = true;
  }

  [[gnu::noinline, gnu::cold]] static void out_of_memory(allocation_request r) noexcept {
    if constexpr (has_out_of_memory_hook<Definition>) {
      Definition::out_of_memory(r);
    } else {
      default_out_of_memory(r);
    }
  }

  // Storage for the resource, made in place on first use: a union member is not constructed
  // until we say so, and needs no constant constructor of its own.
  union storage {
    constexpr storage() noexcept : unused{} {}
    char unused;
    resource_type resource;
  };
  static inline storage storage_;
  static inline bool made_ = false;
};

}  // namespace coframe
