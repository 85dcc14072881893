// Lab 03, exercise allocator_arg — the allocator as an argument (design 1).
//
// A coroutine's frame is allocated by its promise's operator new, which the compiler calls
// with the frame's size and then the coroutine's arguments. Write the overloads that take the
// frame from the allocator named after std::allocator_arg (see arg_allocation in lab03.hpp):
// for a plain coroutine, and for a member coroutine, whose object comes first. A coroutine that
// names no allocator gets the default pool. Every frame must go back where it came from, even
// though operator delete is told nothing but the frame and its size.
#include "lab03.hpp"

void* arg_allocation::operator new(std::size_t size, std::allocator_arg_t,
                                   coframe::frame_resource& alloc, int) noexcept {
  // TODO: the frame from `alloc`, recorded so that operator delete can find `alloc` again.
  (void)alloc;
  return coframe::allocate_default_frame(size);
}

void* arg_allocation::operator new(std::size_t size, adc&, std::allocator_arg_t,
                                   coframe::frame_resource& alloc, int) noexcept {
  // TODO: the same, for a member coroutine (the object is the first argument).
  (void)alloc;
  return coframe::allocate_default_frame(size);
}

void* arg_allocation::operator new(std::size_t size) noexcept {
  return coframe::allocate_default_frame(size);
}

void arg_allocation::operator delete(void* frame, std::size_t size) noexcept {
  coframe::deallocate_frame(frame, size);
}
