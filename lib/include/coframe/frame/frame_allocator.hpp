/// \file
/// What a frame allocator is: the contract between a coroutine frame and the memory it lives in.
///
/// A coroutine's frame is allocated when the coroutine is *called*, by the `operator new` of its
/// promise type, before the promise exists and before the body runs; it is freed by the
/// promise's `operator delete` when the frame is destroyed. Everything in `coframe/frame/` is
/// about which allocator those two calls reach. This header says what such an allocator must
/// do (`frame_allocator`: any memory resource of `coframe/alloc/`) and gives the one type every
/// frame can point at, whatever allocator served it (`frame_resource`).
///
/// \code{.cpp}
/// coframe::tlsf<> heap{arena};                              // a memory resource (lab 04)
/// coframe::frame_resource_for<coframe::tlsf<>> frames{heap};  // ... behind a frame_resource
/// coframe::frame_scope scope{frames};                       // frames made here come from heap
/// \endcode
///
/// Portable C++20; the host tests run it under AddressSanitizer and UBSan.
#pragma once

#include <coframe/alloc/resource.hpp>

#include <cstddef>

namespace coframe {

/// The alignment every frame asks for, and so every frame allocator must give.
///
/// Compilers lay a frame out assuming that `operator new` returned memory aligned to
/// `__STDCPP_DEFAULT_NEW_ALIGNMENT__` (8 bytes on Cortex-M, 16 on x86-64): GCC 12 uses aligned
/// stores into the frame on that assumption. A coroutine with a local aligned beyond this
/// (`alignas(32)` for a DMA buffer, say) is not supported: the compiler then gives the whole
/// frame that alignment, but C++20 passes a frame's `operator new` no alignment argument, so
/// the frame lands wherever the allocator put it. GCC's UBSan reports such a frame on a host
/// (tests/host/frame_test.cpp). Keep over-aligned buffers out of coroutine frames.
inline constexpr std::size_t frame_alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

// [frame-allocator]
/// A frame allocator: any memory resource (`coframe/alloc/resource.hpp`). What a frame needs
/// of one:
///
///  - `a.allocate(size, frame_alignment)` returns a block of at least `size` bytes aligned to
///    `frame_alignment`, or `nullptr` when it has none. It never throws and never stops the
///    program: a failed frame allocation becomes an error value at the coroutine's caller. (A
///    resource that also has `try_allocate`, like the thread-mode handle whose `allocate`
///    calls an out-of-memory hook, is asked through `try_allocate`.)
///  - `a.deallocate(block, size, frame_alignment)` takes back a block that `allocate` returned,
///    with the same `size`. Frames never free `nullptr`.
///
/// Not required: thread safety (frames are allocated in Thread mode only), or a particular
/// speed.
template <class A>
concept frame_allocator = memory_resource<A>;
// [frame-allocator]

class frame_pool;  // frame_pool.hpp

// [frame-resource]
/// A frame allocator behind a pointer: the one type every frame can record, whatever allocator
/// served it, so that `operator delete`, which receives no arguments but the frame and its
/// size, can return the frame there.
///
/// `std::pmr::memory_resource`'s idea, with the `memory_resource` shape of `coframe/alloc/`.
/// Derive from it and mark the class `final`: a call through the derived type is then direct,
/// and only a call through a `frame_resource&` pays for the virtual call. A `frame_resource` is
/// not copyable (frames record its address) and must outlive every frame it allocated.
///
/// One derived class is known by name: `frame_pool`, the library's own, which serves almost
/// every frame. Where the library holds only a `frame_resource&` (a frame's record, the current
/// frame allocator) and `as_frame_pool()` gives the pool, it calls the pool directly instead of
/// through the vtable, and an optimising build (-O1 and above, GCC and Clang) inlines the
/// pool's few instructions there (`frame_record.hpp`).
class frame_resource {
 public:
  /// A block of at least `size` bytes aligned to `alignment`, or `nullptr`. Frames ask with
  /// `alignment == frame_alignment`; a resource may refuse more with `nullptr`.
  virtual void* allocate(std::size_t size, std::size_t alignment) noexcept = 0;
  /// Takes back `block`, which `allocate(size, alignment)` of this resource returned.
  virtual void deallocate(void* block, std::size_t size, std::size_t alignment) noexcept = 0;

  /// This resource as a `frame_pool`, which the library then calls directly; `nullptr` when
  /// it is another kind of resource. (A `dynamic_cast` for the one type that matters, without
  /// RTTI.)
  [[nodiscard]] frame_pool* as_frame_pool() noexcept { return pool_; }

  frame_resource(const frame_resource&) = delete;
  frame_resource& operator=(const frame_resource&) = delete;

 protected:
  constexpr frame_resource() noexcept = default;
  // Never destroyed through a frame_resource*: no virtual destructor, and none in the vtable.
  ~frame_resource() = default;

 private:
  friend class frame_pool;
  constexpr explicit frame_resource(frame_pool* self) noexcept : pool_{self} {}

  frame_pool* pool_ = nullptr;  // this, when this is a frame_pool
};
// [frame-resource]

static_assert(frame_allocator<frame_resource>);

/// Any `frame_allocator` (a TLSF heap, a pool, a thread-mode handle) as a `frame_resource`.
/// Holds a reference: `allocator` must outlive this object, which must outlive every frame it
/// served.
template <frame_allocator A>
class frame_resource_for final : public frame_resource {
 public:
  constexpr explicit frame_resource_for(A& allocator) noexcept : allocator_(allocator) {}
  void* allocate(std::size_t size, std::size_t alignment) noexcept override {
    if constexpr (requires { allocator_.try_allocate(size, alignment); }) {
      return allocator_.try_allocate(size, alignment);  // nullptr, not an out-of-memory hook
    } else {
      return allocator_.allocate(size, alignment);
    }
  }
  void deallocate(void* block, std::size_t size, std::size_t alignment) noexcept override {
    allocator_.deallocate(block, size, alignment);
  }

 private:
  A& allocator_;
};

}  // namespace coframe
