// Lab 05 exercise receive: a solution.
#include "lab05.hpp"

namespace lab05 {

bool byte_channel::receive_awaiter::await_ready() noexcept {
  byte_ = channel_.try_receive();
  return byte_.has_value();
}

// A byte may have come since await_ready looked: look again, and leave the waker, in one
// masked step, so that no try_send falls between the two.
bool byte_channel::receive_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  coframe::port::interrupt_mask masked;
  if (channel_.count_ > 0) return false;  // resume at once; await_resume takes it
  channel_.receiver_ = coframe::this_task::suspend(self);
  return true;
}

// Woken only by a try_send, which left a byte in the ring.
std::uint8_t byte_channel::receive_awaiter::await_resume() noexcept {
  if (!byte_) byte_ = channel_.try_receive();
  return *byte_;
}

}  // namespace lab05
