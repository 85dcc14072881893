// Mutant of lab 05 exercise receive: woken, it returns without taking the byte.
//
// The wrong answer: await_resume gives byte_, which await_ready filled; but when the task had
// to wait, byte_ is empty: the byte it was woken for is still in the ring. What catches it:
// the bytes received, compared with the bytes sent.
//
// The test reports:
//   status 1
//   not ok {num} - the task receives every byte, in order
#include "lab05.hpp"

namespace lab05 {

bool byte_channel::receive_awaiter::await_ready() noexcept {
  byte_ = channel_.try_receive();
  return byte_.has_value();
}

bool byte_channel::receive_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  coframe::port::interrupt_mask masked;
  if (channel_.count_ > 0) return false;
  channel_.receiver_ = coframe::this_task::suspend(self);
  return true;
}

std::uint8_t byte_channel::receive_awaiter::await_resume() noexcept { return byte_.value_or(0); }

}  // namespace lab05
