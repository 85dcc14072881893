// Mutant of lab 05 exercise receive: it looks again, but with interrupts enabled.
//
// The wrong answer: the second look is right, but between it and the registration of the
// waker a handler can still send: the gap is smaller, not closed. What catches it: a byte
// sent at every instruction lands in the gap too.
//
// The test reports:
//   status 1
//   not ok {num} - a byte sent at any instruction of the awaitable wakes the task
#include "lab05.hpp"

namespace lab05 {

bool byte_channel::receive_awaiter::await_ready() noexcept {
  byte_ = channel_.try_receive();
  return byte_.has_value();
}

bool byte_channel::receive_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  if (channel_.count_ > 0) return false;
  coframe::waker w = coframe::this_task::suspend(self);
  coframe::port::interrupt_mask masked;
  channel_.receiver_ = w;
  return true;
}

std::uint8_t byte_channel::receive_awaiter::await_resume() noexcept {
  if (!byte_) byte_ = channel_.try_receive();
  return *byte_;
}

}  // namespace lab05
