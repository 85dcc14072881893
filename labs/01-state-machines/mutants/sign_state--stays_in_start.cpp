// Mutant of lab 01 exercise sign_state: the sign remembered, the machine left in `start`.
//
// The wrong answer: "a sign only sets a flag", so the machine stays in `start`, where the next
// byte may be a digit... or another sign. "--1" and "+-1" parse as numbers.
// What catches it: the cases the exercise names, two signs in a row.
//
// The test reports:
//   status 1
//   not ok {num} - two signs: an error at the second
//   not ok {num} - '+-' is an error at the '-'
#include "lab01.hpp"

namespace {

class number_parser {
 public:
  number_status feed(std::uint8_t byte) {
    switch (state_) {
      case state::start:
        if (byte == '+' || byte == '-') {
          negative_ = byte == '-';
          return number_status::need_more;
        }
        [[fallthrough]];
      case state::after_sign:
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
  enum class state : std::uint8_t { start, after_sign, digits, finished };

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
