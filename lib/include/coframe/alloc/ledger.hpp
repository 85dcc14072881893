/// \file
/// A frame-size ledger: which sizes a program allocates, and how many of each are alive at
/// once. From it, the classes of a pool tuned to the program ("hyper-tuning the allocator").
///
/// Every coroutine frame has a size fixed at compile time, but only the compiler knows it, and
/// it differs between compilers and optimisation levels. Rather than guess, run the program
/// with its heap wrapped in `ledgered<...>`, print the ledger, and give its classes to a
/// `size_class_pool` (coframe/alloc/pool.hpp):
///
/// \code{.cpp}
/// using resource = coframe::ledgered<coframe::tlsf<>>;   // records every allocation
/// ...
/// heap->resource().ledger().print();
/// coframe::size_class classes[8];
/// auto n = coframe::size_classes_from(heap->resource().ledger().entries(), 8, classes);
/// \endcode
///
/// A ledger has room for `Capacity` distinct sizes; allocations of further sizes are counted
/// in `unrecorded()` (and the classes it suggests will not cover them). Recording costs a
/// linear search over the sizes seen: a tool for a measuring build, not for the tuned one.
#pragma once

#include <coframe/alloc/pool.hpp>
#include <coframe/board/console.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace coframe {

/// What the ledger knows of one allocation size.
struct ledger_entry {
  std::size_t size;
  std::uint32_t allocations;  ///< allocations of this size so far
  std::uint32_t live;         ///< allocated and not yet freed
  std::uint32_t peak;         ///< the most alive at once
};

template <std::size_t Capacity = 16>
class frame_ledger {
 public:
  /// Records a successful allocation of `size` bytes.
  void record_allocation(std::size_t size) noexcept {
    ledger_entry* e = find(size);
    if (e == nullptr) {
      if (count_ == Capacity) {
        ++unrecorded_;
        return;
      }
      e = &entries_[count_++];
      *e = {size, 0, 0, 0};
    }
    ++e->allocations;
    if (++e->live > e->peak) e->peak = e->live;
  }

  /// Records that an allocation of `size` bytes was freed.
  void record_deallocation(std::size_t size) noexcept {
    if (ledger_entry* e = find(size); e != nullptr && e->live != 0) --e->live;
  }

  /// The sizes seen, in the order first seen.
  [[nodiscard]] std::span<const ledger_entry> entries() const noexcept { return {entries_, count_}; }

  /// Allocations not recorded because the ledger was full.
  [[nodiscard]] std::size_t unrecorded() const noexcept { return unrecorded_; }

  /// Prints the ledger as a table on the console.
  void print() const {
    println("| frame size | allocations | live now | peak live |");
    println("|---:|---:|---:|---:|");
    for (const ledger_entry& e : entries()) {
      println("| ", e.size, " | ", e.allocations, " | ", e.live, " | ", e.peak, " |");
    }
    if (unrecorded_ != 0) println("(", unrecorded_, " allocations of further sizes not recorded)");
  }

 private:
  ledger_entry* find(std::size_t size) noexcept {
    for (std::size_t i = 0; i < count_; ++i) {
      if (entries_[i].size == size) return &entries_[i];
    }
    return nullptr;
  }

  ledger_entry entries_[Capacity] = {};
  std::size_t count_ = 0;
  std::size_t unrecorded_ = 0;
};

/// The classes of a pool that serves what a ledger saw: each size rounded up to `alignment`
/// (a power of two), one class per resulting block size, in increasing order, with as many
/// blocks as were alive at once. Sizes that round to the same block share a class and add
/// their peaks (their peaks may not have coincided, so that is an upper bound, never short).
/// Writes at most `out.size()` classes and returns how many it wrote; the smallest first, so
/// when `out` is too short the largest classes are the ones missing.
inline std::size_t size_classes_from(std::span<const ledger_entry> entries, std::size_t alignment,
                                     std::span<size_class> out) noexcept {
  std::size_t n = 0;
  for (const ledger_entry& e : entries) {
    const std::size_t block = (e.size + alignment - 1) & ~(alignment - 1);
    std::size_t i = 0;
    while (i < n && out[i].block_size < block) ++i;
    if (i < n && out[i].block_size == block) {
      out[i].blocks += e.peak;
      continue;
    }
    if (i == out.size()) continue;  // larger than every class there is room for
    if (n == out.size()) --n;       // full: drop the largest to keep the smaller ones
    for (std::size_t j = n; j > i; --j) out[j] = out[j - 1];
    out[i] = {block, e.peak};
    ++n;
  }
  return n;
}

/// A memory resource that records every allocation in a frame_ledger, then passes it on to
/// `Resource` (built from the constructor's arguments).
template <class Resource, std::size_t Capacity = 16>
class ledgered {
 public:
  template <class... Args>
  explicit ledgered(Args&&... args) noexcept : resource_(std::forward<Args>(args)...) {}

  [[nodiscard]] void* allocate(std::size_t size, std::size_t alignment) noexcept {
    void* p = resource_.allocate(size, alignment);
    if (p != nullptr) ledger_.record_allocation(size);
    return p;
  }
  void deallocate(void* p, std::size_t size, std::size_t alignment) noexcept {
    if (p == nullptr) return;
    ledger_.record_deallocation(size);
    resource_.deallocate(p, size, alignment);
  }

  [[nodiscard]] Resource& resource() noexcept { return resource_; }
  [[nodiscard]] const frame_ledger<Capacity>& ledger() const noexcept { return ledger_; }

 private:
  Resource resource_;
  frame_ledger<Capacity> ledger_;
};

}  // namespace coframe
