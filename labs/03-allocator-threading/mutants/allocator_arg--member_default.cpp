// Mutant of lab 03 exercise allocator_arg: the member coroutine's overload left alone.
//
// The wrong answer: the overload for f(std::allocator_arg, alloc, ...) is right, but the one
// whose first argument is the object of a member coroutine still takes the default pool (a
// learner forgets that a member coroutine's object comes first). What catches it: the test
// calls a member coroutine with a named allocator and counts its requests.
//
// The test reports:
//   status 1
//   not ok {num} - a member coroutine's frame comes from A too
#include "lab03.hpp"

void* arg_allocation::operator new(std::size_t size, std::allocator_arg_t,
                                   coframe::frame_resource& alloc, int) noexcept {
  return coframe::allocate_frame(alloc, size);
}

void* arg_allocation::operator new(std::size_t size, adc&, std::allocator_arg_t,
                                   coframe::frame_resource&, int) noexcept {
  return coframe::allocate_default_frame(size);
}

void* arg_allocation::operator new(std::size_t size) noexcept {
  return coframe::allocate_default_frame(size);
}

void arg_allocation::operator delete(void* frame, std::size_t size) noexcept {
  coframe::deallocate_frame(frame, size);
}
