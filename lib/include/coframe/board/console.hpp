/// \file
/// The firmware's console: `print` and `println` over semihosting.
///
/// \code{.cpp}
/// coframe::println("SysTick fired ", ticks, " times");
/// \endcode
///
/// Each call formats into a small buffer on the caller's stack and hands it to the console in
/// as few writes as possible; there is no shared buffer, so a handler may print while Thread
/// mode is printing (the lines may interleave, but nothing is corrupted).
#pragma once

#include <coframe/board/format.hpp>

#include <string_view>

namespace coframe {

namespace console {
/// Sends text to the console device (semihosting). Safe in Thread and Handler mode.
void write(std::string_view text);
}  // namespace console

namespace internal {
class console_sink {
 public:
  console_sink() = default;
  console_sink(const console_sink&) = delete;
  console_sink& operator=(const console_sink&) = delete;
  ~console_sink() { flush(); }

  void put(std::string_view s) {
    while (!s.empty()) {
      if (size_ == sizeof buffer_) flush();
      const std::size_t n = s.size() < sizeof buffer_ - size_ ? s.size() : sizeof buffer_ - size_;
      for (std::size_t i = 0; i < n; ++i) buffer_[size_ + i] = s[i];
      size_ += n;
      s.remove_prefix(n);
    }
  }
  void flush() {
    if (size_ != 0) console::write({buffer_, size_});
    size_ = 0;
  }

 private:
  char buffer_[96];
  std::size_t size_ = 0;
};
}  // namespace internal

/// Prints the values' text (see coframe/board/format.hpp for what can be printed).
template <class... Values>
void print(const Values&... values) {
  internal::console_sink sink;
  write_to(sink, values...);
}

/// Prints the values' text followed by a newline.
template <class... Values>
void println(const Values&... values) {
  internal::console_sink sink;
  write_to(sink, values..., '\n');
}

}  // namespace coframe
