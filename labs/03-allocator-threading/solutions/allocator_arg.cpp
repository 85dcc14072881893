// Lab 03, exercise allocator_arg — solution.
#include "lab03.hpp"

// [solution]
void* arg_allocation::operator new(std::size_t size, std::allocator_arg_t,
                                   coframe::frame_resource& alloc, int) noexcept {
  return coframe::allocate_frame(alloc, size);
}

void* arg_allocation::operator new(std::size_t size, adc&, std::allocator_arg_t,
                                   coframe::frame_resource& alloc, int) noexcept {
  return coframe::allocate_frame(alloc, size);
}

void* arg_allocation::operator new(std::size_t size) noexcept {
  return coframe::allocate_default_frame(size);
}

void arg_allocation::operator delete(void* frame, std::size_t size) noexcept {
  coframe::deallocate_frame(frame, size);
}
// [solution]
