/// \file
/// A size-class pool: fixed-size blocks in a few classes, one free list per class, sized for
/// the allocations a program really makes.
///
/// When the only things a heap serves are coroutine frames, the sizes are few and known (a
/// frame's size is fixed when the coroutine is compiled), and so is how many of each are alive
/// at once: a frame ledger (coframe/alloc/ledger.hpp) records both. A pool with exactly those
/// classes allocates by popping a list and frees by pushing one, a handful of instructions
/// each, and wastes nothing to rounding beyond the alignment. It trades generality for that:
/// a size without a class, or a class that is used up, gets nullptr even while other classes
/// have room (a block never moves to another class, or `deallocate` could not find its class
/// from the size).
///
/// \code{.cpp}
/// constexpr coframe::size_class classes[] = {{48, 4}, {96, 2}};   // e.g. from a ledger
/// alignas(8) static std::byte memory[coframe::size_class_pool<>::bytes_for(classes)];
/// coframe::size_class_pool<> pool{memory, classes};
/// void* frame = pool.allocate(44);     // a 48-byte block
/// pool.deallocate(frame, 44);
/// \endcode
#pragma once

#include <coframe/alloc/checks.hpp>
#include <coframe/board/fault.hpp>

#include <cstddef>
#include <cstdint>
#include <new>
#include <span>

namespace coframe {

/// One class of a pool: blocks of `block_size` bytes, `blocks` of them.
struct size_class {
  std::size_t block_size;
  std::size_t blocks;
  friend constexpr bool operator==(const size_class&, const size_class&) = default;
};

/// Fixed-block allocation in up to `MaxClasses` classes of blocks up to `MaxBlock` bytes.
/// A request of `size` bytes is served by the smallest class whose blocks hold it, found with
/// one table lookup (the table has one byte per `alignment` step up to `MaxBlock`).
template <std::size_t MaxClasses = 8, std::size_t MaxBlock = 256>
class size_class_pool {
 public:
  /// Blocks are aligned to this and their sizes are multiples of it.
  static constexpr std::size_t alignment = alignof(std::max_align_t);

  /// Bytes of memory that `classes` take, for sizing the pool's memory.
  static constexpr std::size_t bytes_for(std::span<const size_class> classes) {
    std::size_t total = 0;
    for (const size_class& c : classes) total += round_up(c.block_size) * c.blocks;
    return total;
  }

  /// Carves `memory` into `classes`. Preconditions: classes in increasing block size, at most
  /// MaxClasses, each at most MaxBlock bytes; `memory` aligned to `alignment` and at least
  /// `bytes_for(classes)` bytes, outliving the pool.
  size_class_pool(std::span<std::byte> memory, std::span<const size_class> classes) noexcept {
    COFRAME_ASSERT(classes.size() <= MaxClasses, "size_class_pool: too many classes");
    COFRAME_ASSERT(memory.size() >= bytes_for(classes), "size_class_pool: memory too small");
    COFRAME_ASSERT(reinterpret_cast<std::uintptr_t>(memory.data()) % alignment == 0,
                   "size_class_pool: memory not aligned");
    for (auto& c : class_of_) c = static_cast<std::uint8_t>(MaxClasses);  // no class
    std::byte* next = memory.data();
    std::size_t smallest = 0;
    for (std::size_t c = 0; c < classes.size(); ++c) {
      const std::size_t size = round_up(classes[c].block_size);
      COFRAME_ASSERT(size <= MaxBlock && size > smallest,
                     "size_class_pool: classes must grow and fit MaxBlock");
      // Every size from the previous class's up to this one's is served by this class.
      for (std::size_t step = smallest / alignment + (c == 0 ? 0 : 1); step <= size / alignment;
           ++step) {
        class_of_[step] = static_cast<std::uint8_t>(c);
      }
      smallest = size;
      ranges_[c] = {next, next + size * classes[c].blocks};
      // Thread the blocks onto the class's list, lowest address first.
      for (std::size_t b = classes[c].blocks; b-- > 0;) push(c, next + b * size);
      next += size * classes[c].blocks;
    }
  }

  size_class_pool(const size_class_pool&) = delete;
  size_class_pool& operator=(const size_class_pool&) = delete;

  /// A block of the class for `size`, or nullptr when `size` has no class or the class is
  /// used up. `align` above `alignment` is not supported (nullptr).
  [[nodiscard]] void* allocate(std::size_t size, std::size_t align = alignment) noexcept {
    if (size > MaxBlock || align > alignment) return nullptr;
    // A size without a class maps to heads_[MaxClasses], which is always empty.
    const std::size_t c = class_of_[(size + alignment - 1) / alignment];
    free_block* b = heads_[c];
    if (b != nullptr) heads_[c] = b->next;
    return b;
  }

  /// Takes back `p` from `allocate(size)`: the same size finds the same class. Precondition:
  /// `p` is not nullptr (frames never free nullptr; the thread-mode handle filters it out).
  void deallocate(void* p, std::size_t size, std::size_t /*align*/ = alignment) noexcept {
    const std::size_t c = class_of_[(size + alignment - 1) / alignment];
#if COFRAME_ALLOC_CHECKS
    if (p == nullptr || size > MaxBlock || c == MaxClasses || p < ranges_[c].begin ||
        p >= ranges_[c].end) {
      panic("size_class_pool: deallocate of a block not from this class (wrong size?)");
    }
#endif
    push(c, p);
  }

  /// Free blocks left in the class that serves `size` (0 when it has none). O(blocks).
  [[nodiscard]] std::size_t available(std::size_t size) const noexcept {
    if (size > MaxBlock) return 0;
    std::size_t n = 0;
    for (const free_block* b = heads_[class_of_[(size + alignment - 1) / alignment]]; b; b = b->next) ++n;
    return n;
  }

 private:
  struct free_block {
    free_block* next;
  };
  struct range {
    const void* begin = nullptr;
    const void* end = nullptr;
  };
  static constexpr std::size_t round_up(std::size_t size) {
    return size < sizeof(free_block) ? alignment : (size + alignment - 1) / alignment * alignment;
  }
  void push(std::size_t c, void* p) {
    auto* b = ::new (p) free_block{heads_[c]};
    heads_[c] = b;
  }

  free_block* heads_[MaxClasses + 1] = {};  // the last one stays empty: "no class"
  std::uint8_t class_of_[MaxBlock / alignment + 1];
  range ranges_[MaxClasses] = {};
};

}  // namespace coframe
