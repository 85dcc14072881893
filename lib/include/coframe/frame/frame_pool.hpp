/// \file
/// `coframe::frame_pool`: the default frame allocator, a small size-class pool.
///
/// A program that never names an allocator still gets fast frames: every coroutine frame that
/// nothing else claims comes from `default_frame_pool()`. A freed frame is kept on a free list
/// for its size class and handed to the next frame of that class, so once a program has run
/// each of its coroutines once, calling one costs a list pop and destroying it a list push
/// (lab 03 measures both against `malloc` and `free`).
///
/// \code{.cpp}
/// auto& pool = coframe::default_frame_pool();
/// void* block = pool.allocate(48, coframe::frame_alignment);  // what a frame's operator new does
/// pool.deallocate(block, 48, coframe::frame_alignment);
/// \endcode
///
/// Portable C++20. Under AddressSanitizer a block on a free list is poisoned (all but its list
/// link), so a frame used after it was destroyed is still reported although the pool keeps its
/// memory.
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/frame/frame_allocator.hpp>

#include <cstddef>
#include <cstdlib>

#if defined(__SANITIZE_ADDRESS__)
#define COFRAME_FRAME_POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COFRAME_FRAME_POOL_ASAN 1
#endif
#endif
#if defined(COFRAME_FRAME_POOL_ASAN)
#include <sanitizer/asan_interface.h>
#endif

namespace coframe {

// [frame-pool]
/// A frame allocator with one free list per size class.
///
/// A request of `size` bytes is served from class `(size - 1) / granularity`, whose blocks are
/// `granularity` bytes apart in size, so a block wastes less than `granularity` bytes. When a
/// class's list is empty the block comes from the upstream allocator (the C heap, unless the
/// constructor names another); requests above `largest_pooled` bytes go to the upstream
/// directly and return to it when freed.
///
/// Time: allocate and deallocate take a fixed, small number of instructions when the list has
/// a block; a miss costs one upstream allocation. Memory: the pool never returns a pooled block
/// upstream, so it holds, per class, as many blocks as were ever alive at once. That makes it
/// a pool to keep for the whole program (the default one is never destroyed), and it is
/// trivially destructible for that reason: a pool with a shorter life must call `release()`
/// before it ends.
///
/// Thread mode only: plain lists, no locking (frames are never allocated in an interrupt
/// handler).
class frame_pool final : public frame_resource {
 public:
  /// Size classes are this many bytes apart; every block is aligned to it.
  static constexpr std::size_t granularity = frame_alignment;
  /// Requests above this size bypass the lists.
  static constexpr std::size_t largest_pooled = 256;
  /// Number of size classes (one free-list head each).
  static constexpr std::size_t classes = largest_pooled / granularity;

  /// A pool whose new blocks come from the C heap (`malloc`, and `free` for large frames).
  constexpr frame_pool() noexcept : frame_resource{this} {}
  /// A pool whose new blocks come from `upstream`, which must outlive it.
  constexpr explicit frame_pool(frame_resource& upstream) noexcept
      : frame_resource{this}, upstream_(&upstream) {}

  // [pool-fast-path]
  /// A block of at least `size` bytes aligned to `frame_alignment`, or `nullptr` when the
  /// list is empty and the upstream has no memory, or when `alignment > frame_alignment`.
  /// Precondition: `size > 0`.
  void* allocate(std::size_t size, std::size_t alignment) noexcept override {
    if (alignment > frame_alignment) return nullptr;
    const std::size_t size_class = class_of(size);
    if (size_class < classes) {
      if (free_block* block = free_[size_class]) {
        unpoison(block, size_class);
        free_[size_class] = block->next;
        ++outstanding_;
        return block;
      }
      size = block_size(size_class);  // a new block for this class
    }
    return allocate_upstream(size);
  }

  /// Takes back `block`, which `allocate(size, alignment)` returned. Preconditions: the same
  /// `size`; `block` is not `nullptr`.
  void deallocate(void* block, std::size_t size, std::size_t /*alignment*/) noexcept override {
    const std::size_t size_class = class_of(size);
    if (size_class >= classes) return deallocate_large(block, size);
    auto* freed = static_cast<free_block*>(block);
    freed->next = free_[size_class];
    free_[size_class] = freed;
    --outstanding_;
    poison(freed, size_class);
  }
  // [pool-fast-path]

  /// Gives every block on the free lists back to the upstream allocator. Precondition:
  /// `outstanding() == 0` (a frame alive now would later be freed into a pool that had let
  /// its memory go); it panics otherwise.
  void release() noexcept {
    COFRAME_ASSERT(outstanding_ == 0, "frame_pool released with frames outstanding");
    for (std::size_t size_class = 0; size_class < classes; ++size_class) {
      while (free_block* block = free_[size_class]) {
        unpoison(block, size_class);
        free_[size_class] = block->next;
        deallocate_upstream(block, block_size(size_class));
      }
    }
  }

  /// Blocks handed out and not yet taken back: the frames alive now that this pool served.
  [[nodiscard]] std::size_t outstanding() const noexcept { return outstanding_; }

  /// The block size of the class that serves `size` bytes (`size` itself above
  /// `largest_pooled`): what a frame of `size` bytes really occupies.
  static constexpr std::size_t block_size_for(std::size_t size) noexcept {
    return class_of(size) >= classes ? size : block_size(class_of(size));
  }

 private:
  struct free_block {
    free_block* next;
  };
  static_assert(granularity >= sizeof(free_block) && granularity % alignof(free_block) == 0);

  static constexpr std::size_t class_of(std::size_t size) noexcept {
    return (size - 1) / granularity;
  }
  static constexpr std::size_t block_size(std::size_t size_class) noexcept {
    return (size_class + 1) * granularity;
  }

  // The slow paths, out of line so that the fast paths need no registers saved.
  [[gnu::noinline]] void* allocate_upstream(std::size_t size) noexcept {
    void* block =
        upstream_ != nullptr ? upstream_->allocate(size, frame_alignment) : std::malloc(size);
    if (block != nullptr) ++outstanding_;
    return block;
  }
  [[gnu::noinline]] void deallocate_large(void* block, std::size_t size) noexcept {
    --outstanding_;
    deallocate_upstream(block, size);
  }
  void deallocate_upstream(void* block, std::size_t size) noexcept {
    if (upstream_ != nullptr) {
      upstream_->deallocate(block, size, frame_alignment);
    } else {
      std::free(block);
    }
  }

  // The link stays readable: LeakSanitizer follows it to the rest of the list.
  static void poison([[maybe_unused]] free_block* block,
                     [[maybe_unused]] std::size_t size_class) noexcept {
#if defined(COFRAME_FRAME_POOL_ASAN)
    ASAN_POISON_MEMORY_REGION(block + 1, block_size(size_class) - sizeof(free_block));
#endif
  }
  static void unpoison([[maybe_unused]] free_block* block,
                       [[maybe_unused]] std::size_t size_class) noexcept {
#if defined(COFRAME_FRAME_POOL_ASAN)
    ASAN_UNPOISON_MEMORY_REGION(block, block_size(size_class));
#endif
  }

  free_block* free_[classes] = {};
  frame_resource* upstream_ = nullptr;  // nullptr: the C heap
  std::size_t outstanding_ = 0;
};
// [frame-pool]

namespace internal {
// Constant-initialised (no start-up code runs for it) and trivially destructible (no exit-time
// destructor is registered): usable from the first instruction of main() to the last.
inline constinit frame_pool default_pool;
}  // namespace internal

/// The pool that serves every frame for which nothing names another allocator. It lives for
/// the whole program.
inline frame_pool& default_frame_pool() noexcept { return internal::default_pool; }

}  // namespace coframe
