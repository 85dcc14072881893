// Mutant of lab 02 exercise counter_promise: frames allocated from the heap, freed to the ledger.
//
// The wrong answer: the other half done: operator delete goes through generator_frames,
// operator new still takes the heap directly, so frames are never counted in (and a failure
// asked of the ledger never happens).
// What catches it: the outstanding count while the ticker lives, and allocation failure.
//
// The test reports:
//   status 1
//   not ok {num} - the frame came from generator_frames
//   not ok {num} - allocation failure gives an invalid ticker
#include "lab02.hpp"

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
  return ::operator new(size, std::nothrow);
}

void ticker::promise_type::operator delete(void* frame) noexcept {
  coframe::generator_frames::deallocate(frame);
}

ticker ticker::promise_type::get_return_object_on_allocation_failure() noexcept {
  return ticker{};
}
