// Test of lab 01 exercise sign_state: numbers with and without a sign, and the errors.
#include "lab01.hpp"

#include <coframe/testing/tap.hpp>

namespace {

void expect(std::string_view text, number_status status, std::int32_t value, std::size_t at,
            std::string_view description) {
  const number_answer a = parse_number(text);
  const bool passed = a.status == status && a.at == at && (status != number_status::ready || a.value == value);
  coframe::tap::ok(passed, description);
  if (!passed) {
    constexpr const char* names[] = {"need_more", "ready", "error"};
    coframe::tap::diag("     got: ", names[static_cast<int>(a.status)], " value ", a.value,
                       " at byte ", a.at);
    coframe::tap::diag("expected: ", names[static_cast<int>(status)], " value ", value,
                       " at byte ", at);
  }
}

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
  expect("x\n", error, 0, 0, "a letter is an error");
  expect("-4", need_more, 0, 2, "no answer before the newline");
  coframe::tap::done();
}
