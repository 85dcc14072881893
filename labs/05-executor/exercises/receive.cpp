// Lab 05 exercise receive: the awaitable that receives from a channel an interrupt handler
// feeds (lab05::byte_channel in lab05.hpp: a ring of 8 bytes and the waiting task's waker).
//
// `co_await channel.receive()` gives the oldest byte; with none waiting, the task suspends
// until a try_send from a handler wakes it. try_send puts the byte in the ring, wakes the
// waker in receiver_ and empties it: one wake per wait.
//
// What you have: channel_.try_receive() (masks interrupts itself);
// coframe::this_task::suspend(self) gives the task's waker; coframe::port::interrupt_mask
// masks interrupts while it lives; channel_.count_ and channel_.receiver_, to touch masked.
//
// The test sends bytes from an interrupt handler at every instruction of your awaitable.
// Read: Lab 05 > "From interrupts to tasks".
#include "lab05.hpp"

namespace lab05 {

bool byte_channel::receive_awaiter::await_ready() noexcept {
  byte_ = channel_.try_receive();
  return byte_.has_value();
}

bool byte_channel::receive_awaiter::await_suspend(std::coroutine_handle<> self) noexcept {
  // TODO: no byte was there when await_ready looked. Leave the task's waker for try_send.
  (void)self;
  return false;  // false: do not suspend after all
}

std::uint8_t byte_channel::receive_awaiter::await_resume() noexcept {
  // TODO: the byte, whether await_ready took it or the task was woken for it
  return byte_.value_or(0);
}

}  // namespace lab05
