// Lab 02, exercise send_value — solution.
#include "lab02.hpp"

// [solution]
mailbox::promise_type::receive mailbox::promise_type::yield_value(int value) noexcept {
  out = value;
  return receive{this};
}

int mailbox::promise_type::receive::await_resume() const noexcept { return promise->in; }

int mailbox::send(int value) {
  COFRAME_ASSERT(frame_ && !frame_.done(), "send() to a finished mailbox");
  frame_.promise().in = value;
  frame_.resume();
  return frame_.promise().out;
}
// [solution]
