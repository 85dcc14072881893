// Mutant of lab 03 exercise allocator_arg: the frame does not record its allocator.
//
// The wrong answer: operator new takes the block from the named allocator directly, and
// operator delete, which is told nothing about it, returns every frame to the default pool.
// What catches it: the named allocator never sees its frames come back.
//
// The test reports:
//   status 1
//   not ok {num} - every frame goes back to the allocator that served it
#include "lab03.hpp"

void* arg_allocation::operator new(std::size_t size, std::allocator_arg_t,
                                   coframe::frame_resource& alloc, int) noexcept {
  return alloc.allocate(size, coframe::frame_alignment);
}

void* arg_allocation::operator new(std::size_t size, adc&, std::allocator_arg_t,
                                   coframe::frame_resource& alloc, int) noexcept {
  return alloc.allocate(size, coframe::frame_alignment);
}

void* arg_allocation::operator new(std::size_t size) noexcept {
  return coframe::default_frame_pool().allocate(size, coframe::frame_alignment);
}

void arg_allocation::operator delete(void* frame, std::size_t size) noexcept {
  coframe::default_frame_pool().deallocate(frame, size, coframe::frame_alignment);
}
