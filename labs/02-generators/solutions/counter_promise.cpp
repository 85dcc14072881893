// Lab 02, exercise counter_promise — solution.
#include "lab02.hpp"

// [solution]
ticker ticker::promise_type::get_return_object() noexcept {
  return ticker{handle::from_promise(*this)};
}

std::suspend_always ticker::promise_type::initial_suspend() noexcept { return {}; }
std::suspend_always ticker::promise_type::final_suspend() noexcept { return {}; }

std::suspend_always ticker::promise_type::yield_value(int value) noexcept {
  current = value;
  return {};
}

void ticker::promise_type::return_void() noexcept {}

void ticker::promise_type::unhandled_exception() noexcept {
  coframe::panic("exception in a ticker (impossible with -fno-exceptions)");
}

void* ticker::promise_type::operator new(std::size_t size) noexcept {
  return coframe::generator_frames::allocate(size);
}

void ticker::promise_type::operator delete(void* frame) noexcept {
  coframe::generator_frames::deallocate(frame);
}

ticker ticker::promise_type::get_return_object_on_allocation_failure() noexcept {
  return ticker{};
}
// [solution]
