// Lab 02, exercise send_value — values sent in on resume.
//
// mailbox (lab02.hpp) is a two-way coroutine: `int in = co_yield out;` gives `out` to the
// caller of send() and, when send() resumes the body, evaluates to the value sent. The test
// runs a running total:
//   mailbox total() { int sum = 0; for (;;) sum += co_yield sum; }
// and checks that send(5) returns 5 and send(2) returns 7.
#include "lab02.hpp"

mailbox::promise_type::receive mailbox::promise_type::yield_value(int value) noexcept {
  // TODO: keep `value` where send() can return it.
  (void)value;
  return receive{this};
}

int mailbox::promise_type::receive::await_resume() const noexcept {
  // TODO: the value of the co_yield expression: what was sent.
  return 0;
}

int mailbox::send(int value) {
  // TODO: store `value` for the body, resume the frame, return what the body yielded.
  (void)value;
  return 0;
}
