// Mutant of lab 02 exercise send_value: the awaiter hands the body what it yielded.
//
// The wrong answer: await_resume() returns `out`, the value on its way out, instead of `in`,
// the value sent in: the two names are easy to swap. The body never sees what it is sent.
// What catches it: every answer after the first.
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

int mailbox::promise_type::receive::await_resume() const noexcept { return promise->out; }

int mailbox::send(int value) {
  COFRAME_ASSERT(frame_ && !frame_.done(), "send() to a finished mailbox");
  frame_.promise().in = value;
  frame_.resume();
  return frame_.promise().out;
}
