// Test of lab 01 exercise sign_state: numbers with and without a sign, and the errors, first the
// cases the exercise names one by one, then numbers and broken numbers drawn from the seed.
#include "lab01.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {

constexpr const char* names[] = {"need_more", "ready", "error"};

// The text with its newline shown as \n, for the diagnostics.
coframe::text_buffer<64> shown(std::string_view text) {
  coframe::text_buffer<64> out;
  out.put("\"");
  for (char c : text) out.put(c == '\n' ? std::string_view{"\\n"} : std::string_view{&c, 1});
  out.put("\"");
  return out;
}

bool right(const number_answer& a, number_status status, std::int32_t value, std::size_t at) {
  return a.status == status && a.at == at && (status != number_status::ready || a.value == value);
}

void show(std::string_view text, const number_answer& a, number_status status, std::int32_t value,
          std::size_t at) {
  tap::diag("   input: ", shown(text).view());
  tap::diag("     got: ", names[static_cast<int>(a.status)], " value ", a.value, " at byte ", a.at);
  tap::diag("expected: ", names[static_cast<int>(status)], " value ", value, " at byte ", at);
}

void expect(std::string_view text, number_status status, std::int32_t value, std::size_t at,
            std::string_view description) {
  const number_answer a = parse_number(text);
  if (!tap::ok(right(a, status, value, at), description)) show(text, a, status, value, at);
}

// The cases drawn from the seed, counted; the first wrong one is kept to be shown.
struct drawn_cases {
  int wrong = 0;
  coframe::text_buffer<16> text;
  number_answer got{}, want{};

  void check(std::string_view input, number_status status, std::int32_t value, std::size_t at) {
    const number_answer a = parse_number(input);
    if (right(a, status, value, at) || wrong++ != 0) return;
    text.put(input);
    got = a;
    want = {status, value, at};
  }

  void report(std::string_view description) const {
    if (tap::ok(wrong == 0, description)) return;
    tap::diag(wrong, " wrong; the first:");
    show(text.view(), got, want.status, want.value, want.at);
  }
};

}  // namespace

int main() {
  using enum number_status;
  expect("42\n", ready, 42, 2, "\"42\\n\" is 42");
  expect("-45\n", ready, -45, 3, "\"-45\\n\" is -45");
  expect("+7\n", ready, 7, 2, "\"+7\\n\" is 7");
  expect("-0\n", ready, 0, 2, "\"-0\\n\" is 0");
  expect("-123456789\n", ready, -123456789, 10, "nine digits after a sign");
  expect("-\n", error, 0, 1, "a sign alone is an error, at the newline");
  expect("--1\n", error, 0, 1, "two signs: an error at the second");
  expect("+-1\n", error, 0, 1, "'+-' is an error at the '-'");
  expect("4-2\n", error, 0, 1, "a sign after a digit is an error");
  expect("\n", error, 0, 0, "an empty line is an error");
  expect("1234567890\n", error, 0, 9, "a tenth digit is an error");
  expect("-1234567890\n", error, 0, 10, "a tenth digit after a sign is an error");
  expect("x\n", error, 0, 0, "a letter is an error");
  expect("-4", need_more, 0, 2, "no answer before the newline");

  // Drawn from the seed: 1 to 9 digits (leading zeros allowed), with no sign, '+' or '-' ...
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  drawn_cases signed_numbers, misplaced_signs;
  for (int i = 0; i < 100; ++i) {
    char text[16];
    std::size_t n = 0;
    const std::uint32_t sign = numbers.below(3);
    if (sign != 0) text[n++] = sign == 1 ? '+' : '-';
    const std::size_t first_digit = n;
    const std::uint32_t digits = 1 + numbers.below(9);
    std::int32_t value = 0;
    for (std::uint32_t d = 0; d < digits; ++d) {
      const char c = static_cast<char>('0' + numbers.below(10));
      text[n++] = c;
      value = value * 10 + (c - '0');
    }
    text[n++] = '\n';
    signed_numbers.check({text, n}, ready, sign == 2 ? -value : value, n - 1);

    // ... and the same number with a sign put after one of its digits: an error at the sign.
    if (digits >= 2) {
      const std::size_t at = first_digit + 1 + numbers.below(digits - 1);
      text[at] = numbers.below(2) == 0 ? '+' : '-';
      misplaced_signs.check({text, n}, error, 0, at);
    }
  }
  signed_numbers.report("100 numbers drawn from the seed");
  misplaced_signs.report("a sign after a digit, at a place drawn from the seed");
  tap::done();
}
