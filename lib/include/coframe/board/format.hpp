/// \file
/// Turning values into text without printf, heap or exceptions.
///
/// Portable: the firmware's console (coframe/board/console.hpp) and TAP reporter use it on target,
/// and the host tests exercise it under the sanitizers. A "sink" is any object with
/// `void put(std::string_view)`; `write_to(sink, values...)` appends each value's text.
///
/// \code{.cpp}
/// coframe::write_to(sink, "frame of ", 48, " bytes at ", coframe::hex(0x2000'0010));
/// // -> "frame of 48 bytes at 0x20000010"
/// \endcode
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace coframe {

/// Print an unsigned value in hexadecimal, `0x` and at least `digits` digits (zero padded).
struct hex {
  std::uint64_t value;
  unsigned digits = 8;
  constexpr hex(std::uint64_t v, unsigned d = 8) : value(v), digits(d) {}
};

/// Print an integer right-aligned in a field of `width` characters.
struct padded {
  std::int64_t value;
  unsigned width;
};

/// Print a value given in hundredths as a decimal with two places: {1234} prints "12.34".
/// (Averages such as instructions per step, without floating point.)
struct hundredths {
  std::uint64_t value;
};

/// Fixed-capacity text (no heap). Appending past the capacity truncates and sets `truncated()`.
template <std::size_t Capacity>
class text_buffer {
 public:
  void put(std::string_view s) {
    for (char c : s) {
      if (size_ == Capacity) {
        truncated_ = true;
        return;
      }
      data_[size_++] = c;
    }
  }
  [[nodiscard]] std::string_view view() const { return {data_, size_}; }
  [[nodiscard]] bool truncated() const { return truncated_; }
  void clear() { size_ = 0, truncated_ = false; }

 private:
  char data_[Capacity] = {};
  std::size_t size_ = 0;
  bool truncated_ = false;
};

namespace internal {

// Writes the decimal digits of `v` right-aligned into `out[0..20)`; returns the first digit.
constexpr char* decimal_digits(std::uint64_t v, char* end) {
  do {
    *--end = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return end;
}

template <class Sink>
void put_signed(Sink& sink, std::int64_t v, unsigned width) {
  char buf[24];
  char* end = buf + sizeof buf;
  // Negate in unsigned arithmetic so INT64_MIN does not overflow.
  const std::uint64_t magnitude =
      v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  char* p = decimal_digits(magnitude, end);
  if (v < 0) *--p = '-';
  for (auto n = static_cast<unsigned>(end - p); n < width; ++n) sink.put(" ");
  sink.put({p, static_cast<std::size_t>(end - p)});
}

}  // namespace internal

template <class Sink>
void write_value(Sink& sink, std::string_view s) {
  sink.put(s);
}
template <class Sink>
void write_value(Sink& sink, const char* s) {
  sink.put(s ? std::string_view{s} : std::string_view{"(null)"});
}
template <class Sink>
void write_value(Sink& sink, char c) {
  sink.put({&c, 1});
}
template <class Sink>
void write_value(Sink& sink, bool b) {
  sink.put(b ? "true" : "false");
}
template <class Sink, std::unsigned_integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>)
void write_value(Sink& sink, T v) {
  char buf[24];
  char* end = buf + sizeof buf;
  char* p = internal::decimal_digits(v, end);
  sink.put({p, static_cast<std::size_t>(end - p)});
}
template <class Sink, std::signed_integral T>
  requires(!std::same_as<T, char>)
void write_value(Sink& sink, T v) {
  internal::put_signed(sink, v, 0);
}
template <class Sink>
void write_value(Sink& sink, padded p) {
  internal::put_signed(sink, p.value, p.width);
}
template <class Sink>
void write_value(Sink& sink, hex h) {
  char buf[18];
  char* end = buf + sizeof buf;
  char* p = end;
  std::uint64_t v = h.value;
  unsigned n = 0;
  do {
    *--p = "0123456789abcdef"[v & 0xf];
    v >>= 4;
    ++n;
  } while ((v != 0 || n < h.digits) && p > buf);
  sink.put("0x");
  sink.put({p, static_cast<std::size_t>(end - p)});
}
template <class Sink>
void write_value(Sink& sink, hundredths h) {
  write_value(sink, h.value / 100);
  const char fraction[3] = {'.', static_cast<char>('0' + h.value % 100 / 10),
                            static_cast<char>('0' + h.value % 10)};
  sink.put({fraction, 3});
}
template <class Sink>
void write_value(Sink& sink, const void* ptr) {
  write_value(sink, hex(reinterpret_cast<std::uintptr_t>(ptr), 2 * sizeof(void*)));
}

/// Appends the text of every value to `sink`, in order.
template <class Sink, class... Values>
void write_to(Sink& sink, const Values&... values) {
  (write_value(sink, values), ...);
}

}  // namespace coframe
