// Lab 01, exercise sign_state — add a state to a parser.
//
// This machine reads a decimal number byte by byte: digits, then `\n`. Teach it an optional
// sign in front: `-45\n` is -45, `+7\n` is 7. A sign alone (`-\n`), two signs (`--1\n`) and a
// sign after a digit (`4-2\n`) are errors, reported by the byte that makes them wrong.
#include "lab01.hpp"

namespace {

class number_parser {
 public:
  number_status feed(std::uint8_t byte) {
    switch (state_) {
      case state::start:
        // TODO: a `+` or `-` here is a sign: remember it and go to a new state that expects
        //       the first digit.
        if (byte < '0' || byte > '9') return number_status::error;
        state_ = state::digits;
        return add_digit(byte);
      case state::digits:
        if (byte == '\n') {
          value_ = negative_ ? -value_ : value_;
          state_ = state::finished;
          return number_status::ready;
        }
        if (byte < '0' || byte > '9') return number_status::error;
        return add_digit(byte);
      case state::finished:
        return number_status::error;
    }
    return number_status::error;
  }

  [[nodiscard]] std::int32_t value() const { return value_; }

 private:
  enum class state : std::uint8_t { start, digits, finished };

  number_status add_digit(std::uint8_t byte) {
    if (digits_ == 9) return number_status::error;  // at most 9 digits: no overflow
    ++digits_;
    value_ = value_ * 10 + (byte - '0');
    return number_status::need_more;
  }

  state state_ = state::start;
  bool negative_ = false;
  std::uint8_t digits_ = 0;
  std::int32_t value_ = 0;
};

}  // namespace

number_answer parse_number(std::string_view text) {
  number_parser parser;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const number_status s = parser.feed(static_cast<std::uint8_t>(text[i]));
    if (s != number_status::need_more) return {s, parser.value(), i};
  }
  return {number_status::need_more, 0, text.size()};
}
