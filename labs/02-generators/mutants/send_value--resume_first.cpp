// Mutant of lab 02 exercise send_value: the frame resumed before the value is stored.
//
// The wrong answer: send() resumes the body, then stores the value "for the next time". The
// body's co_yield evaluates to what was sent the time before: every answer lags one send.
// What catches it: the answers of every body but the one that ignores what it is sent.
//
// The test reports:
//   status 1
//   not ok {num} - send(5) -> 5
//   not ok {num} - a running total
#include "lab02.hpp"

mailbox::promise_type::receive mailbox::promise_type::yield_value(int value) noexcept {
  out = value;
  return receive{this};
}

int mailbox::promise_type::receive::await_resume() const noexcept { return promise->in; }

int mailbox::send(int value) {
  COFRAME_ASSERT(frame_ && !frame_.done(), "send() to a finished mailbox");
  frame_.resume();
  frame_.promise().in = value;
  return frame_.promise().out;
}
