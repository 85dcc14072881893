/// \file
/// `coframe::result<T>`: a value, or the reason there is none, for code built without
/// exceptions.
///
/// What `co_await` on a task gives, what `block_on` returns, and what the executor's operations
/// that can fail return (`spawn` when the executor is full, a receive that timed out):
///
/// \code{.cpp}
/// coframe::result<int> r = co_await read_sensor();
/// if (!r) co_return r.error();       // coframe::error::out_of_memory: its frame was not allocated
/// int celsius = *r;
/// \endcode
///
/// C++23's `std::expected<T, coframe::error>` cut down to what the library needs (the
/// workbook is C++20). `value()` on an error is a bug in the caller: it panics with the
/// error's name, which ends a firmware with status 134.
///
/// Portable C++20; the host tests run it under AddressSanitizer and UBSan.
#pragma once

#include <coframe/board/fault.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace coframe {

// [error]
/// Why an operation of the coroutine and executor layers produced no value.
enum class error : std::uint8_t {
  out_of_memory = 1,  ///< a coroutine frame could not be allocated
  full,               ///< the executor runs as many tasks as it may (its fixed capacity)
  timed_out,          ///< the deadline came first
  closed,             ///< the channel was closed and is empty
};
// [error]

/// The error's name, for messages: `"out_of_memory"`.
constexpr std::string_view name(error e) noexcept {
  switch (e) {
    case error::out_of_memory: return "out_of_memory";
    case error::full: return "full";
    case error::timed_out: return "timed_out";
    case error::closed: return "closed";
  }
  return "unknown error";
}

namespace internal {
[[noreturn, gnu::cold]] inline void bad_result_access(error e) {
  char text[64] = "value() of a result that holds an error: ";
  std::size_t n = 0;
  while (text[n] != '\0') ++n;
  for (char c : name(e)) text[n++] = c;
  panic({text, n});
}
}  // namespace internal

/// A `T`, or the `error` that prevented it. (Inside the class, the enum is spelled
/// `coframe::error`: the member function `error()` hides it.) `T` is an object type (not a reference, not an
/// array); `result<void>` holds no value, only success or an error.
template <class T>
class result {
  static_assert(std::is_object_v<T> && !std::is_array_v<T>,
                "result<T> holds an object: use a pointer for a reference");

 public:
  using value_type = T;

  /// Success, holding `value`.
  template <class U = T>
    requires std::is_constructible_v<T, U&&>
  constexpr result(U&& value) noexcept(std::is_nothrow_constructible_v<T, U&&>)
      : value_(std::forward<U>(value)) {}
  /// Failure, for the reason `e`.
  constexpr result(coframe::error e) noexcept : error_(e) {}

  [[nodiscard]] constexpr bool has_value() const noexcept { return value_.has_value(); }
  constexpr explicit operator bool() const noexcept { return has_value(); }

  /// The value. Precondition: `has_value()`; otherwise `value()` panics with the error's name,
  /// and `*` and `->` are undefined.
  constexpr T& value() & {
    if (!has_value()) internal::bad_result_access(error_);
    return *value_;
  }
  constexpr const T& value() const& {
    if (!has_value()) internal::bad_result_access(error_);
    return *value_;
  }
  constexpr T&& value() && { return std::move(value()); }
  constexpr T& operator*() & noexcept { return *value_; }
  constexpr const T& operator*() const& noexcept { return *value_; }
  constexpr T&& operator*() && noexcept { return std::move(*value_); }
  constexpr T* operator->() noexcept { return &*value_; }
  constexpr const T* operator->() const noexcept { return &*value_; }

  /// Why there is no value. Precondition: `!has_value()`.
  [[nodiscard]] constexpr coframe::error error() const noexcept { return error_; }

 private:
  std::optional<T> value_;
  coframe::error error_ = coframe::error::out_of_memory;  // meaningful only without a value
};

/// Success or an error, and no value.
template <>
class result<void> {
 public:
  using value_type = void;

  /// Success.
  constexpr result() noexcept = default;
  /// Failure, for the reason `e`.
  constexpr result(coframe::error e) noexcept : error_(e), failed_(true) {}

  [[nodiscard]] constexpr bool has_value() const noexcept { return !failed_; }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  /// Precondition: `has_value()`; otherwise it panics with the error's name.
  constexpr void value() const {
    if (failed_) internal::bad_result_access(error_);
  }
  /// Why it failed. Precondition: `!has_value()`.
  [[nodiscard]] constexpr coframe::error error() const noexcept { return error_; }

 private:
  coframe::error error_ = coframe::error::out_of_memory;
  bool failed_ = false;
};

}  // namespace coframe
