// Mutant of lab 02 exercise counter_promise: frames allocated from the ledger, freed to the heap.
//
// The wrong answer: operator new goes through coframe::generator_frames, but operator delete
// is left as the starter had it, ::operator delete. The memory is freed, yet the ledger never
// hears of it: a leak to every tool that counts.
// What catches it: the outstanding count once the ticker is gone.
//
// The test reports:
//   status 1
//   not ok {num} - the frame went back to generator_frames
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
  return coframe::generator_frames::allocate(size);
}

void ticker::promise_type::operator delete(void* frame) noexcept {
  ::operator delete(frame);
}

ticker ticker::promise_type::get_return_object_on_allocation_failure() noexcept {
  return ticker{};
}
