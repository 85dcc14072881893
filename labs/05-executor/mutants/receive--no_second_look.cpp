// Mutant of lab 05 exercise receive: the waker is left without looking again.
//
// The wrong answer: await_ready found the ring empty, so await_suspend leaves the waker and
// suspends. But a byte sent between the two found no waker: it sits in the ring, and the task
// waits for the next one, or forever. Masking the registration alone does not help: the look
// and the registration must be one step. What catches it: a byte sent at every instruction.
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
  coframe::port::interrupt_mask masked;
  channel_.receiver_ = coframe::this_task::suspend(self);
  return true;
}

std::uint8_t byte_channel::receive_awaiter::await_resume() noexcept {
  if (!byte_) byte_ = channel_.try_receive();
  return *byte_;
}

}  // namespace lab05
