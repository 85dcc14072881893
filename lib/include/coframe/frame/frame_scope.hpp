/// \file
/// The current frame allocator: where a frame comes from when nothing among its coroutine's
/// arguments names an allocator.
///
/// A coroutine call allocates its frame before the call returns, and the promise's
/// `operator new` sees only the call's arguments. A coroutine that takes no allocator
/// argument therefore gets its frame from a place every call can see: the *current* frame
/// allocator. It is `default_frame_pool()` until a `frame_scope` installs another, and the
/// scope's end puts the previous one back.
///
/// \code{.cpp}
/// coframe::frame_pool sensor_frames;
/// {
///   coframe::frame_scope scope{sensor_frames};
///   auto t = read_sensor(3);   // this frame, and the frames read_sensor's body creates while
///                              // it runs inside the scope, come from sensor_frames
/// }
/// \endcode
///
/// The rule that keeps it right: whoever resumes a coroutine installs the allocator that was
/// current when it suspended (an executor does it once, if all its tasks share one allocator;
/// otherwise around every resume, which lab 03 measures). A `frame_scope` must end on the same
/// side of a suspension as it began, or another chain would see it: do not hold one across a
/// `co_await` that can suspend unless the resumer restores it.
///
/// One current allocator per program: Thread mode only, like all frame allocation.
#pragma once

#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_record.hpp>

namespace coframe {

namespace internal {
// The default pool until a frame_scope installs another.
inline constinit frame_resource* current_frame_resource = &default_pool;
}  // namespace internal

// [frame-scope]
/// The allocator a frame comes from when its coroutine's arguments name none.
inline frame_resource& current_frame_resource() noexcept {
  return *internal::current_frame_resource;
}

/// Allocates a frame of `frame_size` bytes from the current frame allocator and records it
/// (`frame_record.hpp`); `nullptr` when it has no memory. What a promise's
/// `operator new(std::size_t)` does. When the current allocator is a `frame_pool` (the default
/// pool, unless a scope installed another) this is a direct call of the pool's fast path (inlined
/// when optimising), no virtual call.
inline void* allocate_frame_from_current(std::size_t frame_size) noexcept {
  return allocate_frame(current_frame_resource(), frame_size);
}

/// Makes `resource` the current frame allocator for this object's lifetime, then restores the
/// one that was current before. Scopes nest. `resource` must outlive every frame allocated
/// from it, not only the scope.
class [[nodiscard]] frame_scope {
 public:
  explicit frame_scope(frame_resource& resource) noexcept
      : previous_(internal::current_frame_resource) {
    internal::current_frame_resource = &resource;
  }
  ~frame_scope() { internal::current_frame_resource = previous_; }
  frame_scope(const frame_scope&) = delete;
  frame_scope& operator=(const frame_scope&) = delete;

 private:
  frame_resource* previous_;
};
// [frame-scope]

}  // namespace coframe
