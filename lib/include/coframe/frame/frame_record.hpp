/// \file
/// How a frame remembers the allocator that served it: `allocate_frame` and `deallocate_frame`.
///
/// A promise's `operator delete` receives the frame's address and, if the promise declares
/// the sized form, its size, and nothing else: not the arguments of the call, not the promise.
/// So a frame that may come from one of several allocators must carry the answer itself.
/// `allocate_frame` asks the resource for a little more than the frame and stores a pointer to
/// the resource just past the frame; `deallocate_frame` reads it back and returns the block
/// there, whatever allocator is current by then.
///
/// \code{.cpp}
/// static void* operator new(std::size_t size, std::allocator_arg_t, frame_pool& pool) noexcept {
///   return coframe::allocate_frame(pool, size);
/// }
/// static void operator delete(void* frame, std::size_t size) noexcept {
///   coframe::deallocate_frame(frame, size);
/// }
/// \endcode
///
/// The cost: `sizeof(void*)` bytes per frame (4 on Cortex-M) plus at most `alignof(void*) - 1`
/// bytes of padding before them; one store when the frame is allocated, one load when it is
/// freed. The frame itself stays at the start of the block, where the compiler expects it.
///
/// A frame recorded from a `frame_pool` (`default_frame_pool()`, the usual case, or any other
/// pool) is freed by a direct call to the pool, which an optimising build inlines: the record's
/// load, a test of `as_frame_pool()`, and the pool's list push. A frame from any other resource is
/// freed through the vtable.
#pragma once

#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_pool.hpp>

#include <cstddef>
#include <new>
#include <type_traits>

namespace coframe {

/// Implementation details of the frame layer. Users need not concern themselves with these.
namespace internal {
// [record-layout]
// The record sits at the first pointer-aligned offset at or after the frame's end.
constexpr std::size_t record_offset(std::size_t frame_size) noexcept {
  return (frame_size + alignof(frame_resource*) - 1) & ~(alignof(frame_resource*) - 1);
}
// What a frame of frame_size bytes asks its allocator for.
constexpr std::size_t recorded_size(std::size_t frame_size) noexcept {
  return record_offset(frame_size) + sizeof(frame_resource*);
}
// The record of a frame. The block is aligned to frame_alignment and the offset to
// alignof(frame_resource*), so this is an aligned word store or load.
inline frame_resource*& record_of(void* frame, std::size_t frame_size) noexcept {
  return *std::launder(reinterpret_cast<frame_resource**>(static_cast<std::byte*>(frame) +
                                                          record_offset(frame_size)));
}
// [record-layout]

// Out of line, so that the virtual call's extra argument costs registers here and not in every
// destroy function that inlines a pool's fast path.
[[gnu::noinline]] inline void deallocate_recorded(frame_resource* served_by, void* frame,
                                                  std::size_t size) noexcept {
  served_by->deallocate(frame, size, frame_alignment);
}

// Allocates from a resource known only as a frame_resource: a frame_pool directly (it is
// final, so its fast path is inlined here), any other resource through the vtable.
inline void* allocate_from(frame_resource& resource, std::size_t size) noexcept {
  if (frame_pool* pool = resource.as_frame_pool()) [[likely]] {
    return pool->allocate(size, frame_alignment);
  }
  return resource.allocate(size, frame_alignment);
}
}  // namespace internal

// [record]
/// Allocates a frame of `frame_size` bytes from `resource` and records `resource` in it.
/// Returns `nullptr` when the resource has no memory. `R` is the resource's static type: when
/// it is a `final` class (`frame_pool` is) the call is direct; when it is `frame_resource`, a
/// `frame_pool` is still called directly and any other resource through the vtable.
/// Precondition: `resource` outlives the frame.
template <class R>
void* allocate_frame(R& resource, std::size_t frame_size) noexcept {
  const std::size_t size = internal::recorded_size(frame_size);
  void* block = nullptr;
  if constexpr (std::is_final_v<R>) {
    block = resource.allocate(size, frame_alignment);
  } else {
    block = internal::allocate_from(resource, size);
  }
  if (block != nullptr) {
    ::new (&internal::record_of(block, frame_size)) frame_resource*(&resource);
  }
  return block;
}

/// Allocates a frame from `default_frame_pool()`.
inline void* allocate_default_frame(std::size_t frame_size) noexcept {
  return allocate_frame(default_frame_pool(), frame_size);
}

/// Returns a frame that `allocate_frame` or `allocate_default_frame` allocated to the
/// resource that served it. Precondition: the same `frame_size` (the size the compiler passes
/// to a sized `operator delete` is the one it passed to `operator new`).
inline void deallocate_frame(void* frame, std::size_t frame_size) noexcept {
  frame_resource* served_by = internal::record_of(frame, frame_size);
  const std::size_t size = internal::recorded_size(frame_size);
  if (frame_pool* pool = served_by->as_frame_pool()) [[likely]] {
    pool->deallocate(frame, size, frame_alignment);
  } else {
    internal::deallocate_recorded(served_by, frame, size);
  }
}
// [record]

}  // namespace coframe
