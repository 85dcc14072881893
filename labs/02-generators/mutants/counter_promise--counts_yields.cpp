// Mutant of lab 02 exercise counter_promise: the promise counts the yields.
//
// The wrong answer: yield_value() adds one to `current` instead of storing the value: for a
// body that counts 1, 2, 3 the two are the same, and a test that only counts cannot tell.
// What catches it: a second body that yields values drawn from the seed.
//
// The test reports:
//   status 1
//   not ok {num} - value() is what the body yielded: values drawn from the seed
#include "lab02.hpp"

ticker ticker::promise_type::get_return_object() noexcept {
  return ticker{handle::from_promise(*this)};
}

std::suspend_always ticker::promise_type::initial_suspend() noexcept { return {}; }
std::suspend_always ticker::promise_type::final_suspend() noexcept { return {}; }

std::suspend_always ticker::promise_type::yield_value(int value) noexcept {
  (void)value;
  ++current;
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
