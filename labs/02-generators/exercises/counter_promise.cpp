// Lab 02, exercise counter_promise — write the promise of a counting coroutine.
//
// `ticker` (lab02.hpp) is a coroutine type: a function returning ticker and using co_yield is
// turned by the compiler into calls of these members. Write each one. The test runs
//   ticker count(int n) { for (int i = 1; i <= n; ++i) co_yield i; }
// and checks the values, that the body does not run before the first next(), and that every
// frame is allocated through coframe::generator_frames and freed.
#include "lab02.hpp"

ticker ticker::promise_type::get_return_object() noexcept {
  // TODO: a ticker that owns this coroutine's frame (std::coroutine_handle::from_promise).
  return ticker{};
}

std::suspend_always ticker::promise_type::initial_suspend() noexcept { return {}; }
std::suspend_always ticker::promise_type::final_suspend() noexcept { return {}; }

std::suspend_always ticker::promise_type::yield_value(int value) noexcept {
  // TODO: remember the value for ticker::value().
  (void)value;
  return {};
}

void ticker::promise_type::return_void() noexcept {}

void ticker::promise_type::unhandled_exception() noexcept {
  // TODO: nothing can throw under -fno-exceptions, but if this ever ran, stop loudly.
}

void* ticker::promise_type::operator new(std::size_t size) noexcept {
  // TODO: allocate the frame from coframe::generator_frames, so it is counted.
  return ::operator new(size, std::nothrow);
}

void ticker::promise_type::operator delete(void* frame) noexcept {
  // TODO: give the frame back to coframe::generator_frames.
  ::operator delete(frame);
}

ticker ticker::promise_type::get_return_object_on_allocation_failure() noexcept {
  return ticker{};
}
