// Mutant of lab 03 exercise allocator_arg: the current allocator instead of the named one.
//
// The wrong answer: both overloads take the frame from the current frame allocator (design
// 3's mechanism), which is the default pool when no scope is open; the argument is ignored.
// What catches it: the allocator named in the call counts no request, and the default pool
// gains a frame.
//
// The test reports:
//   status 1
//   not ok {num} - f(std::allocator_arg, A, ...): the frame comes from A
#include "lab03.hpp"

void* arg_allocation::operator new(std::size_t size, std::allocator_arg_t,
                                   coframe::frame_resource&, int) noexcept {
  return coframe::allocate_frame_from_current(size);
}

void* arg_allocation::operator new(std::size_t size, adc&, std::allocator_arg_t,
                                   coframe::frame_resource&, int) noexcept {
  return coframe::allocate_frame_from_current(size);
}

void* arg_allocation::operator new(std::size_t size) noexcept {
  return coframe::allocate_default_frame(size);
}

void arg_allocation::operator delete(void* frame, std::size_t size) noexcept {
  coframe::deallocate_frame(frame, size);
}
