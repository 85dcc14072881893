/// \file
/// `coframe::promise_allocator`: the promise mixin that decides where a coroutine's frame comes
/// from, and records it so the frame goes back to the same place.
///
/// A promise type derives from `promise_allocator` (and declares
/// `get_return_object_on_allocation_failure()`). Its coroutines' frames then come from, in
/// this order of precedence:
///  1. the allocator after a `std::allocator_arg` argument, as first parameter or right after
///     the object of a member coroutine (the convention of `std::generator`):
///     `task<int> f(std::allocator_arg_t, frame_pool& pool, int x)`;
///  2. `get_frame_allocator()` of the first or second parameter, e.g. an executor or
///     dispatcher that carries an allocator for every coroutine it is handed;
///  3. the current frame allocator (`frame_scope`), which is `default_frame_pool()` unless a
///     scope installed another.
///
/// Whichever served it, every frame records that `frame_resource` (`frame_record.hpp`), and
/// `operator delete`, which receives only the frame and its size, returns the frame there.
///
/// \code{.cpp}
/// struct promise_type : coframe::promise_allocator {
///   static task get_return_object_on_allocation_failure() noexcept { return task{}; }
///   // ...
/// };
/// \endcode
///
/// When `allocate` returns `nullptr`, the call returns
/// `get_return_object_on_allocation_failure()` instead of running the body: the caller gets
/// an error value, never an exception or a panic.
///
/// Portable C++20; tests/host/frame_test.cpp runs it under GCC and Clang with the sanitizers.
#pragma once

#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_record.hpp>
#include <coframe/frame/frame_scope.hpp>

#include <concepts>
#include <cstddef>
#include <memory>
#include <type_traits>

namespace coframe {

/// True for an object that carries a frame allocator: `t.get_frame_allocator()` returns an
/// lvalue of a type derived from `frame_resource`, which outlives every frame it serves.
template <class T>
concept has_frame_allocator = requires(T& t) {
  requires std::is_lvalue_reference_v<decltype(t.get_frame_allocator())>;
  requires std::derived_from<std::remove_cvref_t<decltype(t.get_frame_allocator())>,
                             frame_resource>;
};

/// Implementation details of the frame layer. Users need not concern themselves with these.
namespace internal {

template <class T>
concept allocator_tag = std::same_as<std::remove_cv_t<T>, std::allocator_arg_t>;

template <class R>
concept resource_type =
    std::derived_from<std::remove_cv_t<R>, frame_resource> && !std::is_const_v<R>;

template <class... Args>
inline constexpr bool starts_with_allocator_tag = false;
template <class First, class... Rest>
inline constexpr bool starts_with_allocator_tag<First, Rest...> = allocator_tag<First>;

}  // namespace internal

// [promise-allocator]
/// The promise mixin: derive a promise type from it. See the file comment for which allocator
/// serves a frame. All of it is static: the mixin adds no data to the promise.
///
/// The template `operator new`s are `[[gnu::always_inline]]` for one reason: GCC 12 (GCC bug
/// 109224) does not see that a template `operator new` and the class's sized `operator delete`
/// are a pair, and where the call is not inlined (-O0, -Og) it reports every coroutine that
/// uses one with `-Wmismatched-new-delete`, an error under `-Werror`. Debian's x86-64 GCC 12
/// does (a reader's host unit tests, as ours: GCC builds them at -O0); its arm-none-eabi GCC
/// 12.2 did not, on the same code. Inlined, the call GCC checks is `allocate_frame`.
class promise_allocator {
 public:
  /// No allocator among the arguments: the current frame allocator.
  static void* operator new(std::size_t size) noexcept {
    return allocate_frame_from_current(size);
  }

  /// `f(std::allocator_arg, resource, ...)`: that resource.
  template <internal::allocator_tag Tag, internal::resource_type R, class... Args>
  [[gnu::always_inline]]  // see the note above the class
  static void* operator new(std::size_t size, Tag&, R& resource, Args&...) noexcept {
    return allocate_frame(resource, size);
  }

  /// A member coroutine `object.f(std::allocator_arg, resource, ...)`: that resource.
  template <class Self, internal::allocator_tag Tag, internal::resource_type R, class... Args>
    requires(!internal::allocator_tag<Self>)
  [[gnu::always_inline]]  // see the note above the class
  static void* operator new(std::size_t size, Self&, Tag&, R& resource, Args&...) noexcept {
    return allocate_frame(resource, size);
  }

  /// The first parameter carries an allocator (and no `std::allocator_arg` follows it).
  template <has_frame_allocator First, class... Args>
    requires(!internal::starts_with_allocator_tag<Args...>)
  [[gnu::always_inline]]  // see the note above the class
  static void* operator new(std::size_t size, First& first, Args&...) noexcept {
    return allocate_frame(first.get_frame_allocator(), size);
  }

  /// The second parameter carries an allocator and the first does not (a member coroutine of
  /// an object without one, or a leading plain argument).
  template <class First, has_frame_allocator Second, class... Args>
    requires(!has_frame_allocator<First> && !internal::allocator_tag<First>)
  [[gnu::always_inline]]  // see the note above the class
  static void* operator new(std::size_t size, First&, Second& second, Args&...) noexcept {
    return allocate_frame(second.get_frame_allocator(), size);
  }

  /// Every frame goes back to the resource it recorded. Only the sized form is declared, so
  /// the compiler passes the frame's size, which locates the record.
  static void operator delete(void* frame, std::size_t size) noexcept {
    deallocate_frame(frame, size);
  }
};
// [promise-allocator]

}  // namespace coframe
