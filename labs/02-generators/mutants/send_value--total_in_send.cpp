// Mutant of lab 02 exercise send_value: send() keeps the total itself.
//
// The wrong answer: the answer is computed where it is returned: send() adds the value to a
// total of its own and never resumes the body. It passes a test whose only body keeps a
// running total.
// What catches it: the bodies that do something else with what they are sent.
//
// The test reports:
//   status 1
//   not ok {num} - the sum of the last two values sent
//   not ok {num} - the body runs once per send()
#include "lab02.hpp"

mailbox::promise_type::receive mailbox::promise_type::yield_value(int value) noexcept {
  out = value;
  return receive{this};
}

int mailbox::promise_type::receive::await_resume() const noexcept { return promise->in; }

int mailbox::send(int value) {
  return frame_.promise().out += value;
}
