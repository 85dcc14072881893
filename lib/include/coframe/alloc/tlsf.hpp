/// \file
/// TLSF, the Two-Level Segregated Fit allocator: `allocate` and `deallocate` in a bounded number
/// of instructions, whatever the pool holds.
///
/// A general-purpose `malloc` searches: a free list, a tree, a bin after bin. TLSF never does.
/// It keeps one free list per size class and two levels of bitmaps saying which lists are
/// non-empty. A size maps to its class with a few shifts (the *mapping*), and "the smallest
/// non-empty class at least this big" is one find-first-set on a bitmap word, two at most. A freed
/// block merges with its free neighbours at once (*immediate coalescing*), found in O(1)
/// because every block records where the block below it starts, and the block above it starts
/// right after its own end. So the cost of both calls is bounded by a constant, not by how
/// many blocks the pool holds.
///
/// The classes: sizes below `small_limit` have one class per multiple of `alignment` (the
/// first level 0); above it, each power of two [2^f, 2^(f+1)) is a first-level class split
/// into `2^SecondLevelLog2` equal second-level classes. `MaxBlockLog2` bounds the largest
/// block, and so the number of first-level classes and the size of the control block: choose
/// it from the pool you give (`tlsf<15>` covers pools up to 32 KiB; see `control_block_bytes`).
///
/// \code{.cpp}
/// alignas(8) std::byte memory[8192];
/// coframe::tlsf<> heap{memory};
/// void* p = heap.allocate(100);          // nullptr when no block fits
/// heap.deallocate(p);
/// COFRAME_ASSERT(heap.check(), "heap intact");
/// \endcode
///
/// Not thread-safe, not interrupt-safe: one context owns a `tlsf`. The thread-mode allocator
/// (coframe/alloc/thread_mode.hpp) is how the workbook makes that so. There is no `reallocate`:
/// growing in place is O(1) only when the block above is free, and a `realloc` that sometimes
/// copies is not the bounded call this allocator promises.
///
/// With `COFRAME_ALLOC_CHECKS` (on unless `NDEBUG` is defined) `deallocate` refuses a pointer
/// that is not the start of one of its allocations, and a second free of the same pointer, with
/// `panic()`; `check()` walks the whole pool in every build.
///
/// After M. Masmano, I. Ripoll, A. Crespo and J. Real, "TLSF: a New Dynamic Memory Allocator
/// for Real-Time Systems" (ECRTS 2004).
#pragma once

#include <coframe/alloc/bits.hpp>
#include <coframe/alloc/checks.hpp>
#include <coframe/board/fault.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

namespace coframe {

/// Where a size lands among TLSF's free lists: first-level class `fl`, second-level class `sl`.
struct tlsf_index {
  unsigned fl;
  unsigned sl;
  friend constexpr bool operator==(tlsf_index, tlsf_index) = default;
};

/// TLSF's mapping functions, apart from the allocator so they can be tested (and taught) alone.
///
/// `AlignLog2`: every block size is a multiple of 2^AlignLog2. `SecondLevelLog2`: each power of
/// two is split into 2^SecondLevelLog2 classes. `Bits`: the bit search (clz_bits or
/// portable_bits, see coframe/alloc/bits.hpp).
template <unsigned SecondLevelLog2, unsigned AlignLog2, class Bits = default_bits>
struct tlsf_mapping {
  static constexpr unsigned sl_count = 1u << SecondLevelLog2;
  /// Sizes below `small_limit` share first-level class 0, one list per multiple of the
  /// alignment: there the power-of-two split would be finer than the alignment itself.
  static constexpr unsigned fl_shift = SecondLevelLog2 + AlignLog2;
  static constexpr std::size_t small_limit = std::size_t{1} << fl_shift;

  // [mapping-insert]
  /// The class a free block of `size` bytes is filed under: every block in list (fl, sl) has a
  /// size in [start of the class, start of the next class). Precondition: `0 < size < 2^32`.
  static constexpr tlsf_index insert(std::size_t size) {
    if (size < small_limit) return {0, static_cast<unsigned>(size >> AlignLog2)};
    const unsigned f = Bits::highest(static_cast<std::uint32_t>(size));
    // The SecondLevelLog2 bits below the top bit pick the second-level class; the top bit
    // itself (always set) is removed by subtracting sl_count.
    return {f - fl_shift + 1, static_cast<unsigned>(size >> (f - SecondLevelLog2)) - sl_count};
  }
  // [mapping-insert]

  // [mapping-round-up]
  /// A request of `size` bytes rounded up to the start of the next class (unless it starts
  /// one), so that *every* block in the class found for it is big enough: allocation takes the
  /// head of a list without looking at its size. Precondition: `0 < size < 2^31`.
  static constexpr std::size_t round_up(std::size_t size) {
    if (size < small_limit) return size;
    const unsigned f = Bits::highest(static_cast<std::uint32_t>(size));
    return size + (std::size_t{1} << (f - SecondLevelLog2)) - 1;
  }
  // [mapping-round-up]

  /// The class to search for a request: `insert(round_up(size))`.
  static constexpr tlsf_index search(std::size_t size) { return insert(round_up(size)); }
};

/// What `tlsf::check()` found: the first problem (nullptr when there is none) and what the
/// pool holds. Converts to `true` when the pool is intact.
struct heap_report {
  const char* problem = nullptr;
  std::size_t used_blocks = 0;
  std::size_t free_blocks = 0;
  std::size_t free_bytes = 0;     ///< payload bytes in free blocks
  std::size_t largest_free = 0;   ///< the largest free block's payload
  explicit operator bool() const { return problem == nullptr; }
};

/// A TLSF allocator over one pool of memory given at construction.
///
/// `MaxBlockLog2`: blocks (and so pools) up to 2^MaxBlockLog2 bytes. `SecondLevelLog2`: 2^it
/// classes per power of two; more classes waste less to rounding (at most 1/2^it of a request
/// above `small_limit`) and cost a pointer of control block per list. The defaults cover a
/// 32 KiB pool with 8 classes per power of two: 344 bytes of control block on Cortex-M (16
/// classes: 608 bytes). `Bits`: the bit search (`default_bits` picks `clz` where the core has
/// it).
template <unsigned MaxBlockLog2 = 15, unsigned SecondLevelLog2 = 3, class Bits = default_bits>
class tlsf {
 public:
  /// Every block starts and every payload is aligned to this: two pointers, the size of a block
  /// header and of `alignof(std::max_align_t)` on Cortex-M (8) and on x86-64 (16).
  static constexpr std::size_t alignment = 2 * sizeof(void*);

 private:
  static constexpr unsigned align_log2 = alignment == 16 ? 4 : 3;
  static_assert(std::size_t{1} << align_log2 == alignment);

 public:
  using mapping = tlsf_mapping<SecondLevelLog2, align_log2, Bits>;
  static constexpr unsigned fl_count = MaxBlockLog2 - mapping::fl_shift + 1;
  static constexpr unsigned sl_count = mapping::sl_count;
  static_assert(MaxBlockLog2 > mapping::fl_shift && MaxBlockLog2 <= 31,
                "MaxBlockLog2 must leave at least one class above the small ones");
  static_assert(SecondLevelLog2 >= 1 && SecondLevelLog2 <= 5, "2 to 32 second-level classes");

  /// The largest pool the index covers (its one free block then has a payload below
  /// 2^MaxBlockLog2).
  static constexpr std::size_t max_pool_bytes = (std::size_t{1} << MaxBlockLog2) + alignment;

  /// Manages `memory`, which must outlive the allocator. Unaligned ends are trimmed.
  /// Preconditions: room for one block (`4 * alignment` bytes); at most `max_pool_bytes`.
  explicit tlsf(std::span<std::byte> memory) noexcept {
    const auto begin = align_up(reinterpret_cast<std::uintptr_t>(memory.data()));
    const auto end = (reinterpret_cast<std::uintptr_t>(memory.data()) + memory.size()) &
                     ~std::uintptr_t{alignment - 1};
    COFRAME_ASSERT(end >= begin + 2 * header + min_payload, "tlsf: pool too small for one block");
    COFRAME_ASSERT(end - begin <= max_pool_bytes, "tlsf: pool larger than MaxBlockLog2 covers");
    first_ = reinterpret_cast<block*>(begin);
    // The pool ends with a zero-size block that is never free: the last real block's upper
    // neighbour, so coalescing needs no test for the end of the pool.
    sentinel_ = reinterpret_cast<block*>(end - header);
    sentinel_->size = 0;
    first_->size = (end - header - begin - header) | free_bit;
    first_->prev_phys = nullptr;
    sentinel_->prev_phys = first_;
    insert(first_);
  }

  tlsf(const tlsf&) = delete;
  tlsf& operator=(const tlsf&) = delete;

  /// `size` bytes aligned to `align` (a power of two), or nullptr when no free block fits.
  /// Bounded time for every request; `align` above `alignment` searches for a block that also
  /// fits the worst-case gap, so it may fail while a smaller fitting block exists.
  [[nodiscard]] void* allocate(std::size_t size, std::size_t align = alignment) noexcept {
    // One unsigned compare catches both a request too large and a request of 0 bytes (which
    // gets the smallest block, as malloc(0) may).
    if (size - 1 >= max_request) [[unlikely]] {
      if (size != 0) return nullptr;
      size = 1;
    }
    const std::size_t need = adjust(size);
    if (align <= alignment) {
      tlsf_index i;
      block* b = find_free(need, i);
      return b ? use(b, need, i) : nullptr;
    }
    return allocate_aligned(need, align);
  }

  /// Returns the block at `p` (from this allocator's `allocate`, or nullptr: then nothing
  /// happens) and merges it with its free neighbours.
  // [deallocate]
  void deallocate(void* p) noexcept {
    if (p == nullptr) return;
    block* b = from_payload(p);
#if COFRAME_ALLOC_CHECKS
    if (const char* problem = bad_free(p)) panic(problem);
#endif
    std::size_t size = b->size;  // used: the free bit is clear
    block* next = next_phys(b);
    if (is_free(next)) {
      remove(next);
      size += header + size_of(next);
    }
    block* prev = b->prev_phys;
    if (prev != nullptr && is_free(prev)) {
      remove(prev);
      size += header + size_of(prev);
      b = prev;
    }
    b->size = size | free_bit;
    next_phys(b)->prev_phys = b;
    insert(b);
  }
  // [deallocate]

  /// The sized form, for code written against a memory resource; TLSF needs neither.
  void deallocate(void* p, std::size_t /*size*/, std::size_t /*align*/ = alignment) noexcept {
    deallocate(p);
  }

  /// True when `p` lies inside this allocator's pool (not necessarily at an allocation).
  [[nodiscard]] bool owns(const void* p) const noexcept {
    const auto a = reinterpret_cast<std::uintptr_t>(p);
    return a >= reinterpret_cast<std::uintptr_t>(first_) &&
           a < reinterpret_cast<std::uintptr_t>(sentinel_);
  }

  /// Why `deallocate(p)` would be wrong, or nullptr when `p` is the start of a live
  /// allocation. O(1): it checks the block's header against its neighbours.
  [[nodiscard]] const char* bad_free(const void* p) const noexcept {
    const auto a = reinterpret_cast<std::uintptr_t>(p);
    if (!owns(p) || a < reinterpret_cast<std::uintptr_t>(first_) + header ||
        (a & (alignment - 1)) != 0) {
      return "tlsf: deallocate of a pointer outside the pool";
    }
    const block* b = from_payload(const_cast<void*>(p));
    if (!is_block(b)) return "tlsf: deallocate of a pointer that is not an allocation";
    if (is_free(b)) return "tlsf: deallocate of a block that is already free (double free)";
    return nullptr;
  }

  /// Walks every block of the pool and every free list; reports the first broken invariant.
  /// O(blocks): for tests and debug builds, not for the hot path.
  [[nodiscard]] heap_report check() const noexcept;

  /// The first-level bitmap: bit `fl` is set while some list of first-level class `fl` holds a
  /// free block. (For showing and testing the index; allocation reads it itself.)
  [[nodiscard]] std::uint32_t first_level_bitmap() const noexcept { return fl_bitmap_; }
  /// The second-level bitmap of class `fl`: bit `sl` is set while list (fl, sl) is not empty.
  /// Precondition: `fl < fl_count`.
  [[nodiscard]] std::uint32_t second_level_bitmap(unsigned fl) const noexcept {
    return sl_bitmap_[fl];
  }

  /// Bytes of the control block: the bitmaps, the list heads and the pool's bounds.
  static constexpr std::size_t control_block_bytes() { return sizeof(tlsf); }

  /// The largest request that can succeed (on an empty pool of `max_pool_bytes`): the start of
  /// the last class, since a request inside a class is rounded up to the next one.
  static constexpr std::size_t max_request =
      (std::size_t{1} << MaxBlockLog2) - (std::size_t{1} << (MaxBlockLog2 - 1 - SecondLevelLog2));

  /// Bytes of memory a live allocation of `size` occupies, header included.
  static constexpr std::size_t footprint(std::size_t size) {
    return header + adjust(size == 0 ? 1 : size);
  }

 private:
  // A block: a two-word header, then the payload. A free block keeps its free-list links in
  // the first two words of its payload, which is why the smallest payload is two pointers.
  struct block {
    std::size_t size;  // payload bytes (a multiple of alignment); bit 0 set while free
    block* prev_phys;  // the block just below in memory; nullptr for the first
    block* next_free;  // valid only while free
    block* prev_free;  // valid only while free
  };
  static constexpr std::size_t header = 2 * sizeof(void*);
  static constexpr std::size_t min_payload = 2 * sizeof(void*);
  static constexpr std::size_t free_bit = 1;
  static_assert(offsetof(block, next_free) == header && header == alignment);

  using sl_bitmap_t = std::conditional_t<
      (sl_count <= 8), std::uint8_t, std::conditional_t<(sl_count <= 16), std::uint16_t,
                                                        std::uint32_t>>;

  static constexpr std::uintptr_t align_up(std::uintptr_t a) {
    return (a + alignment - 1) & ~std::uintptr_t{alignment - 1};
  }
  // The payload size a request of 1 byte or more needs: a multiple of the alignment, which is
  // also the smallest payload (room for the free-list links).
  static constexpr std::size_t adjust(std::size_t size) {
    return (size + alignment - 1) & ~(alignment - 1);
  }
  static_assert(min_payload == alignment);
  static std::size_t size_of(const block* b) { return b->size & ~free_bit; }
  static bool is_free(const block* b) { return (b->size & free_bit) != 0; }
  static std::byte* payload(block* b) { return reinterpret_cast<std::byte*>(b) + header; }
  static block* from_payload(void* p) {
    return reinterpret_cast<block*>(static_cast<std::byte*>(p) - header);
  }
  static block* next_phys(const block* b) {
    return reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(b) + header + size_of(b));
  }

  // Is b where a block starts? Its neighbours must agree: the block above records b as the one
  // below it, and the block below ends where b starts.
  bool is_block(const block* b) const {
    const auto a = reinterpret_cast<std::uintptr_t>(b);
    if (size_of(b) > reinterpret_cast<std::uintptr_t>(sentinel_) - a - header) return false;
    if ((b->size & (alignment - 1) & ~free_bit) != 0) return false;
    if (next_phys(b)->prev_phys != b) return false;
    if (b->prev_phys == nullptr) return b == first_;
    return owns(b->prev_phys) && next_phys(b->prev_phys) == b;
  }

  // Files a free block (free bit set) under its class.
  void insert(block* b) { insert(b, mapping::insert(size_of(b))); }
  void insert(block* b, tlsf_index i) {
    block* head = heads_[i.fl][i.sl];
    b->next_free = head;
    b->prev_free = nullptr;
    heads_[i.fl][i.sl] = b;
    if (head != nullptr) {
      head->prev_free = b;
    } else {  // the list was empty: now its bits say it is not
      fl_bitmap_ |= 1u << i.fl;
      sl_bitmap_[i.fl] = static_cast<sl_bitmap_t>(sl_bitmap_[i.fl] | (1u << i.sl));
    }
  }

  // Takes a free block out of its list; clears the bitmap bits when the list empties.
  void remove(block* b) {
    block* next = b->next_free;
    block* prev = b->prev_free;
    if (next != nullptr) next->prev_free = prev;
    if (prev != nullptr) {
      prev->next_free = next;
      return;
    }
    const tlsf_index i = mapping::insert(size_of(b));
    heads_[i.fl][i.sl] = next;
    if (next == nullptr) clear_bits(i);
  }

  void clear_bits(tlsf_index i) {
    sl_bitmap_[i.fl] = static_cast<sl_bitmap_t>(sl_bitmap_[i.fl] & ~(1u << i.sl));
    if (sl_bitmap_[i.fl] == 0) fl_bitmap_ &= ~(1u << i.fl);
  }

  // [find-free]
  // The head of the first non-empty list whose every block holds `need` bytes, and that list
  // in `i`; nullptr when there is none. Two bitmap searches at most, no loop. The block stays
  // in its list: use() decides how it leaves.
  [[gnu::always_inline]] block* find_free(std::size_t need, tlsf_index& i) {
    const std::size_t rounded = mapping::round_up(need);
    if (rounded >= (std::size_t{1} << MaxBlockLog2)) return nullptr;
    i = mapping::insert(rounded);
    std::uint32_t sl_map = sl_bitmap_[i.fl] & (~0u << i.sl);
    if (sl_map == 0) {
      // Nothing left in this power of two: the next non-empty first-level class, any list.
      const std::uint32_t fl_map = fl_bitmap_ & (~0u << (i.fl + 1));
      if (fl_map == 0) return nullptr;
      i.fl = Bits::lowest(fl_map);
      sl_map = sl_bitmap_[i.fl];
    }
    i.sl = Bits::lowest(sl_map);
    return heads_[i.fl][i.sl];
  }
  // [find-free]

  // Takes the head of list i out of it.
  void unlink_head(block* b, tlsf_index i) {
    block* next = b->next_free;
    heads_[i.fl][i.sl] = next;
    if (next != nullptr) {
      next->prev_free = nullptr;
    } else {
      clear_bits(i);
    }
  }

  // Marks the head b of list i as used, first splitting off what it does not need when the
  // rest can hold a block of its own. The rest's upper neighbour is used (or the sentinel):
  // b was free, and free blocks never touch.
  [[gnu::always_inline]] void* use(block* b, std::size_t need, tlsf_index i) {
    const std::size_t size = size_of(b);
    if (size < need + header + min_payload) {
      unlink_head(b, i);
      b->size = size;
      return payload(b);
    }
    block* rest = reinterpret_cast<block*>(payload(b) + need);
    const std::size_t rest_size = size - need - header;
    rest->size = rest_size | free_bit;
    rest->prev_phys = b;
    next_phys(rest)->prev_phys = rest;
    b->size = need;
    const tlsf_index r = mapping::insert(rest_size);
    if (r == i) {
      // Cutting a little off a big block often leaves it in the same class: the rest takes
      // b's place at the head of the list, and no bitmap changes.
      block* next = b->next_free;
      rest->next_free = next;
      rest->prev_free = nullptr;
      if (next != nullptr) next->prev_free = rest;
      heads_[i.fl][i.sl] = rest;
    } else {
      unlink_head(b, i);
      insert(rest, r);
    }
    return payload(b);
  }

  // An over-aligned request: find a block that fits the request plus the largest gap that
  // aligning it can need, then give the gap back as a free block of its own. The gap is either
  // empty or big enough for a block (header + the smallest payload).
  [[gnu::noinline]] void* allocate_aligned(std::size_t need, std::size_t align) {
    if ((align & (align - 1)) != 0 || align > max_request) return nullptr;
    constexpr std::size_t gap_min = header + min_payload;
    const std::size_t search = need + align + gap_min;
    if (search > max_request) return nullptr;
    tlsf_index i;
    block* b = find_free(search, i);
    if (b == nullptr) return nullptr;
    unlink_head(b, i);
    const auto start = reinterpret_cast<std::uintptr_t>(payload(b));
    auto aligned = (start + align - 1) & ~std::uintptr_t{align - 1};
    if (aligned != start && aligned - start < gap_min) {
      aligned = (start + gap_min + align - 1) & ~std::uintptr_t{align - 1};
    }
    if (aligned != start) {
      const std::size_t gap = aligned - start;
      block* moved = from_payload(reinterpret_cast<void*>(aligned));
      moved->size = size_of(b) - gap;
      moved->prev_phys = b;
      next_phys(moved)->prev_phys = moved;
      // b keeps the gap. Its lower neighbour is not free (b was), so no merge is due.
      b->size = (gap - header) | free_bit;
      insert(b);
      b = moved;
    }
    // b is in no list now: file it alone in a list of its own class, then use it from there.
    b->size |= free_bit;
    insert(b);
    return use(b, need, mapping::insert(size_of(b)));
  }

  std::uint32_t fl_bitmap_ = 0;
  sl_bitmap_t sl_bitmap_[fl_count] = {};
  block* heads_[fl_count][sl_count] = {};
  block* first_ = nullptr;
  block* sentinel_ = nullptr;
};

template <unsigned MaxBlockLog2, unsigned SecondLevelLog2, class Bits>
heap_report tlsf<MaxBlockLog2, SecondLevelLog2, Bits>::check() const noexcept {
  heap_report r;
  auto fail = [&r](const char* problem) {
    r.problem = problem;
    return r;
  };
  // Physical walk: every block agrees with its neighbours, and no two free blocks touch.
  const std::size_t most_blocks =
      (reinterpret_cast<std::uintptr_t>(sentinel_) - reinterpret_cast<std::uintptr_t>(first_)) /
      (header + min_payload);
  const block* prev = nullptr;
  const block* b = first_;
  while (b != sentinel_) {
    if (r.used_blocks + r.free_blocks > most_blocks) return fail("tlsf: the block chain loops");
    if (b->prev_phys != prev) return fail("tlsf: a block's lower-neighbour link is wrong");
    if (!is_block(b)) return fail("tlsf: a block header is corrupt");
    if (size_of(b) < min_payload) return fail("tlsf: a block is smaller than the minimum");
    if (is_free(b)) {
      if (prev != nullptr && is_free(prev)) return fail("tlsf: two free blocks touch");
      ++r.free_blocks;
      r.free_bytes += size_of(b);
      if (size_of(b) > r.largest_free) r.largest_free = size_of(b);
    } else {
      ++r.used_blocks;
    }
    prev = b;
    b = next_phys(b);
  }
  if (sentinel_->prev_phys != prev || sentinel_->size != 0) return fail("tlsf: the pool's end is corrupt");

  // The index: each bit says exactly whether its list is non-empty; each list holds real free
  // blocks of its class; together the lists hold every free block.
  std::size_t listed = 0;
  for (unsigned fl = 0; fl < fl_count; ++fl) {
    if (((fl_bitmap_ >> fl) & 1u) != (sl_bitmap_[fl] != 0 ? 1u : 0u)) {
      return fail("tlsf: first-level bitmap disagrees with the second level");
    }
    for (unsigned sl = 0; sl < sl_count; ++sl) {
      const block* head = heads_[fl][sl];
      if (((sl_bitmap_[fl] >> sl) & 1u) != (head != nullptr ? 1u : 0u)) {
        return fail("tlsf: second-level bitmap disagrees with its list");
      }
      const block* before = nullptr;
      for (const block* f = head; f != nullptr; f = f->next_free) {
        if (++listed > r.free_blocks) return fail("tlsf: a free list holds a block twice or a used one");
        if (!owns(f) || !is_block(f) || !is_free(f)) return fail("tlsf: a free list holds a non-free block");
        if (f->prev_free != before) return fail("tlsf: a free list's back link is wrong");
        if (!(mapping::insert(size_of(f)) == tlsf_index{fl, sl})) {
          return fail("tlsf: a free block is filed under the wrong class");
        }
        before = f;
      }
    }
  }
  if (listed != r.free_blocks) return fail("tlsf: a free block is missing from the lists");
  return r;
}

}  // namespace coframe
