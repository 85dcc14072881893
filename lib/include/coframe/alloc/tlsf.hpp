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
/// How this implementation keeps that constant small:
/// - The classes are numbered in order of size, one list each, so the search works on list
///   numbers and a class's next is simply the next number.
/// - The second level is one bit per list, 32 lists to a 32-bit word (with 8 classes per power
///   of two, a word holds four of the paper's second-level bitmaps), and the first level is one
///   bit per word. A search that finds nothing in its own power of two often finds its block
///   in the same word; a list that empties touches the first level only when its whole word
///   empties. Both levels run from the top bit down, so each search is a count of leading
///   zeros: one `clz`, where the lowest set bit would take two instructions.
/// - A call that changes lists keeps the first level in a register: it reads it once and writes
///   it once, however many of its words empty or fill.
/// - A free block records the pointer that points to it (a list head or the block before it),
///   so taking it out of its list needs no mapping.
/// - `allocate` cuts the block it hands out from the top of the free block it found: the rest
///   keeps its header, and its place in the list while its class stays the same.
/// - The pool ends with a block that is always in use, which is also the lower neighbour of the
///   first block: a free never tests for either end of the pool.
/// - Every branch hint (`[[likely]]`, `[[unlikely]]`) points along the longer way, asking the
///   compiler to keep the longest path of each call straight and to make the shorter paths take
///   the jumps: an allocator for real-time code is judged by its worst case. The helpers are
///   inlined, so each call is one function whose longest path can be read off its machine code.
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
///
/// The classes are numbered in order of size: class (fl, sl) is list `fl * sl_count + sl`, so
/// the class after (fl, sl_count - 1) is (fl + 1, 0), one list further. The allocator works
/// with these list numbers; `insert` and `search` give the same answers as (fl, sl) pairs.
template <unsigned SecondLevelLog2, unsigned AlignLog2, class Bits = default_bits>
struct tlsf_mapping {
  static constexpr unsigned sl_count = 1u << SecondLevelLog2;
  /// Sizes below `small_limit` share first-level class 0, one list per multiple of the
  /// alignment: there the power-of-two split would be finer than the alignment itself.
  static constexpr unsigned fl_shift = SecondLevelLog2 + AlignLog2;
  static constexpr std::size_t small_limit = std::size_t{1} << fl_shift;

  // [mapping-list]
  /// The list a free block of `size` bytes is filed in: every block in a list has a size in
  /// [start of its class, start of the next class). Precondition: `size < 2^32`.
  static constexpr unsigned list(std::size_t size) {
    // f: the highest set bit, at least fl_shift (small sizes count as first level 0).
    const unsigned f = Bits::highest(static_cast<std::uint32_t>(size | small_limit));
    // size >> shift is the top bit and the SecondLevelLog2 bits below it: sl_count + sl. The
    // top bit's sl_count is the step from one first level to the next, so the first level
    // needs one less: (f - fl_shift + 1) * sl_count + sl = (f - fl_shift) * sl_count + that.
    // (Below small_limit the top bit is not there, and size >> AlignLog2 is the list itself.)
    const unsigned shift = f - SecondLevelLog2;
    return ((f - fl_shift) << SecondLevelLog2) + static_cast<unsigned>(size >> shift);
  }
  // [mapping-list]

  // [mapping-search]
  /// The first list whose every block holds `size` bytes: `size`'s own list when `size` starts
  /// its class, otherwise the next one. Allocation takes the head of a list without looking at
  /// its size, so it must search from here. It is the list after the one that holds `size - 1`:
  /// every class after that one starts above `size - 1`. Precondition: `0 < size <= 2^32`.
  static constexpr unsigned search_list(std::size_t size) { return list(size - 1) + 1; }
  // [mapping-search]

  /// The class (fl, sl) of list `list`.
  static constexpr tlsf_index index_of(unsigned list) {
    return {list >> SecondLevelLog2, list & (sl_count - 1)};
  }
  /// The class a free block of `size` bytes is filed under. Precondition: `size < 2^32`.
  static constexpr tlsf_index insert(std::size_t size) { return index_of(list(size)); }
  /// The class to search for a request of `size` bytes. Precondition: `0 < size < 2^32`.
  static constexpr tlsf_index search(std::size_t size) { return index_of(search_list(size)); }
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
    // The pool ends with a zero-size block that is always in use: the upper neighbour of the
    // last block and the lower neighbour of the first, so a free never tests for either end.
    sentinel_ = reinterpret_cast<block*>(end - header);
    sentinel_->size = 0 | used_bit;
    sentinel_->prev_phys = first_;
    first_->size = end - header - begin - header;
    first_->prev_phys = sentinel_;
    link(first_, mapping::list(first_->size), word_bits_);
  }

  tlsf(const tlsf&) = delete;
  tlsf& operator=(const tlsf&) = delete;

  /// `size` bytes aligned to `align` (a power of two), or nullptr when no free block fits.
  /// Bounded time for every request; `align` above `alignment` searches for a block that also
  /// fits the worst-case gap, so it may fail while a smaller fitting block exists.
  // [allocate]
  [[nodiscard]] void* allocate(std::size_t size, std::size_t align = alignment) noexcept {
    // One unsigned compare catches both a request too large and a request of 0 bytes (which
    // gets the smallest block, as malloc(0) may).
    if (size - 1 >= max_request) [[unlikely]] {
      if (size != 0) return nullptr;
      size = 1;
    }
    const std::size_t need = adjust(size);
    if (align > alignment) [[unlikely]] return allocate_aligned(need, align);
    // Class starts are multiples of the alignment, so the first class whose blocks all hold
    // `size` bytes also holds `need`; and the compiler shares size - 1 with the test above.
    unsigned list = mapping::search_list(size);
    if (!find_list(list)) return nullptr;
    return take(heads_[list], need, list);
  }
  // [allocate]

  /// Returns the block at `p` (from this allocator's `allocate`, or nullptr: then nothing
  /// happens) and merges it with its free neighbours.
  // [deallocate]
  void deallocate(void* p) noexcept {
    if (p == nullptr) return;
#if COFRAME_ALLOC_CHECKS
    if (const char* problem = bad_free(p)) panic(problem);
#endif
    // The first level, read once and written once: up to three list changes below update it.
    std::uint32_t words = word_bits_;
    block* b = from_payload(p);
    std::size_t size = b->size - used_bit;
    auto* next = reinterpret_cast<block*>(static_cast<std::byte*>(p) + size);  // after(b)
    if (is_free(next)) [[likely]] {
      size += header + next->size;
      unlink(next, words);
    }
    block* prev = b->prev_phys;  // the sentinel, used, below the first block
    if (is_free(prev)) [[likely]] {
      size += header + prev->size;
      unlink(prev, words);
      b = prev;
    }
    b->size = size;
    after(b, size)->prev_phys = b;
    link(b, mapping::list(size), words);
    word_bits_ = words;
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

  /// The paper's first-level bitmap: bit `fl` is set while some list of first-level class `fl`
  /// holds a free block. Read from the second level, for showing the index (O(fl_count)).
  [[nodiscard]] std::uint32_t first_level_bitmap() const noexcept {
    std::uint32_t map = 0;
    for (unsigned fl = 0; fl < fl_count; ++fl) {
      if (second_level_bitmap(fl) != 0) map |= 1u << fl;
    }
    return map;
  }
  /// The paper's second-level bitmap of class `fl`: bit `sl` is set while list (fl, sl) is not
  /// empty. Precondition: `fl < fl_count`.
  [[nodiscard]] std::uint32_t second_level_bitmap(unsigned fl) const noexcept {
    std::uint32_t map = 0;
    for (unsigned sl = 0; sl < sl_count; ++sl) {
      const unsigned list = fl * sl_count + sl;
      if ((list_bits_[list / 32] & bit(list % 32)) != 0) map |= 1u << sl;
    }
    return map;
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
    std::size_t size;   // payload bytes (a multiple of alignment), plus used_bit while in use
    block* prev_phys;   // the block just below in memory (the sentinel for the first block)
    block* next_free;   // valid only while free
    block** link;       // valid only while free: the pointer that points here (a list head,
                        // or the next_free of the block before in the list)
  };
  static constexpr std::size_t header = 2 * sizeof(void*);
  static constexpr std::size_t min_payload = 2 * sizeof(void*);
  static constexpr std::size_t used_bit = 1;
  static constexpr unsigned list_count = fl_count * sl_count;
  static constexpr unsigned word_count = (list_count + 31) / 32;  // of the second level
  static_assert(offsetof(block, next_free) == header && header == alignment);
  static_assert(word_count < 32, "the first level has one bit per word, and a bit to spare");

  // The bit of list `list` in its word of the second level is bit(list % 32); the bit of word w
  // in the first level is bit(w). Both levels run from the top bit down (bit(0) is bit 31), so
  // that a search for the first set bit from some list on is a count of leading zeros: one
  // `clz` on Cortex-M3, where the lowest set bit takes two instructions (`rbit`, `clz`).
  // Precondition: n < 32.
  static constexpr std::uint32_t bit(unsigned n) { return 0x80000000u >> n; }
  // Precondition: x != 0.
  static constexpr unsigned leading_zeros(std::uint32_t x) { return 31 - Bits::highest(x); }

  static constexpr std::uintptr_t align_up(std::uintptr_t a) {
    return (a + alignment - 1) & ~std::uintptr_t{alignment - 1};
  }
  // The payload size a request of 1 byte or more needs: a multiple of the alignment, which is
  // also the smallest payload (room for the free-list links).
  static constexpr std::size_t adjust(std::size_t size) {
    return (size + alignment - 1) & ~(alignment - 1);
  }
  static_assert(min_payload == alignment);
  static std::size_t size_of(const block* b) { return b->size & ~used_bit; }
  static bool is_free(const block* b) { return (b->size & used_bit) == 0; }
  static std::byte* payload(block* b) { return reinterpret_cast<std::byte*>(b) + header; }
  static block* from_payload(void* p) {
    return reinterpret_cast<block*>(static_cast<std::byte*>(p) - header);
  }
  // The block that starts where a block at b with `size` payload bytes ends.
  static block* after(const block* b, std::size_t size) {
    return reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(b) + header + size);
  }
  static block* next_phys(const block* b) { return after(b, size_of(b)); }

  // Is b where a block starts? Its neighbours must agree: the block above records b as the one
  // below it, and the block below ends where b starts.
  bool is_block(const block* b) const {
    const auto a = reinterpret_cast<std::uintptr_t>(b);
    if (size_of(b) > reinterpret_cast<std::uintptr_t>(sentinel_) - a - header) return false;
    if ((b->size & (alignment - 1) & ~used_bit) != 0) return false;
    if (next_phys(b)->prev_phys != b) return false;
    if (b->prev_phys == sentinel_) return b == first_;
    return owns(b->prev_phys) && next_phys(b->prev_phys) == b;
  }

  // [lists]
  // `words` is the first level (word_bits_), which the caller holds in a register and stores
  // once when it is done.
  //
  // Files free block b at the head of list `list`. A list that was empty sets its bit, and its
  // word's bit in the first level (which may be set already).
  [[gnu::always_inline]] void link(block* b, unsigned list, std::uint32_t& words) {
    block** const head = &heads_[list];
    block* const first = *head;
    b->next_free = first;
    b->link = head;
    *head = b;
    if (first != nullptr) [[unlikely]] {
      first->link = &b->next_free;
    } else {
      list_bits_[list / 32] |= bit(list % 32);
      words |= bit(list / 32);
    }
  }

  // Takes free block b out of whatever list holds it. Its link says where it is, so no class
  // is computed: only when the list empties (b was its head and its last block) does the
  // head's place in heads_ give the list, whose bits are then cleared.
  [[gnu::always_inline]] void unlink(block* b, std::uint32_t& words) {
    block* next = b->next_free;
    block** link = b->link;
    *link = next;
    if (next != nullptr) [[unlikely]] {
      next->link = link;
      return;
    }
    const auto offset = reinterpret_cast<std::uintptr_t>(link) -
                        reinterpret_cast<std::uintptr_t>(&heads_[0]);
    if (offset < sizeof(heads_)) [[likely]] {
      clear_bits(static_cast<unsigned>(offset / sizeof(block*)), words);
    }
  }

  // Takes the head b of list `list` out of it.
  [[gnu::always_inline]] void unlink_head(block* b, unsigned list, std::uint32_t& words) {
    block* next = b->next_free;
    heads_[list] = next;
    if (next != nullptr) [[unlikely]] {
      next->link = &heads_[list];
    } else {
      clear_bits(list, words);
    }
  }

  // List `list` has just emptied: its bit goes, and its word's bit when the word is empty.
  [[gnu::always_inline]] void clear_bits(unsigned list, std::uint32_t& words) {
    const std::uint32_t left = list_bits_[list / 32] & ~bit(list % 32);
    list_bits_[list / 32] = left;
    if (left == 0) [[likely]] words &= ~bit(list / 32);
  }
  // [lists]

  // [find-free]
  // Moves `list` to the first non-empty list at or after it; false when there is none. Two
  // bitmap searches at most, no loop: the rest of list's word, then the next word with a bit
  // set, found in the first level. The lists of a word run from its top bit down, so shifting
  // left drops the lists before `list`, and the leading zeros count the empty ones after it.
  [[gnu::always_inline]] bool find_list(unsigned& list) const {
    unsigned word = list / 32;
    const std::uint32_t later = list_bits_[word] << (list % 32);
    if (later != 0) [[unlikely]] {  // the shorter way (see the file comment on hints)
      list += leading_zeros(later);
      return true;
    }
    const std::uint32_t later_words = word_bits_ << (word + 1);
    if (later_words == 0) [[unlikely]] return false;
    word += 1 + leading_zeros(later_words);
    list = word * 32 + leading_zeros(list_bits_[word]);
    return true;
  }
  // [find-free]

  // [take]
  // Hands out `need` bytes of the head b of list `list`. When the rest can hold a block of its
  // own, the used block is cut from the top of b: the rest keeps b's header and, while its
  // size stays in b's class, b's place in the list, so nothing else changes. The upper
  // neighbour of b is used (or the sentinel): free blocks never touch.
  [[gnu::always_inline]] void* take(block* b, std::size_t need, unsigned list) {
    const std::size_t spare = b->size - need;  // free: no used_bit
    if (spare < header + min_payload) [[unlikely]] {
      unlink_head(b, list, word_bits_);
      b->size |= used_bit;
      return payload(b);
    }
    const std::size_t rest = spare - header;
    b->size = rest;
    block* used = after(b, rest);
    used->size = need | used_bit;
    used->prev_phys = b;
    after(used, need)->prev_phys = used;
    const unsigned rest_list = mapping::list(rest);
    if (rest_list != list) [[likely]] {
      std::uint32_t words = word_bits_;
      unlink_head(b, list, words);
      link(b, rest_list, words);
      word_bits_ = words;
    }
    return payload(used);
  }
  // [take]

  // An over-aligned request: find a block that fits the request plus the largest gap that
  // aligning it can need, then give the gap back as a free block of its own, and the rest
  // above the request. The gap is either empty or big enough for a block (header + the
  // smallest payload).
  [[gnu::noinline]] void* allocate_aligned(std::size_t need, std::size_t align) {
    if ((align & (align - 1)) != 0 || align > max_request) return nullptr;
    constexpr std::size_t gap_min = header + min_payload;
    const std::size_t search = need + align + gap_min;
    if (search > max_request) return nullptr;
    unsigned list = mapping::search_list(search);
    if (!find_list(list)) return nullptr;
    block* b = heads_[list];
    unlink_head(b, list, word_bits_);
    const auto start = reinterpret_cast<std::uintptr_t>(payload(b));
    auto aligned = (start + align - 1) & ~std::uintptr_t{align - 1};
    if (aligned != start && aligned - start < gap_min) {
      aligned = (start + gap_min + align - 1) & ~std::uintptr_t{align - 1};
    }
    if (aligned != start) {
      const std::size_t gap = aligned - start;
      block* moved = from_payload(reinterpret_cast<void*>(aligned));
      moved->size = b->size - gap;
      moved->prev_phys = b;
      next_phys(moved)->prev_phys = moved;
      // b keeps the gap. Its lower neighbour is not free (b was), so no merge is due.
      b->size = gap - header;
      link(b, mapping::list(b->size), word_bits_);
      b = moved;
    }
    // b is free and in no list; its neighbours are used. Keep `need`, give back the rest.
    const std::size_t size = b->size;
    if (size >= need + header + min_payload) {
      block* rest = after(b, need);
      rest->size = size - need - header;
      rest->prev_phys = b;
      next_phys(rest)->prev_phys = rest;
      link(rest, mapping::list(rest->size), word_bits_);
      b->size = need;
    }
    b->size |= used_bit;
    return payload(b);
  }

  // The index. list_bits_: bit(list % 32) of word `list / 32` is set while the list holds a
  // block (the second level). word_bits_: bit(w) is set while list_bits_[w] is not 0 (the
  // first level). heads_: the first block of each list, nullptr when empty.
  std::uint32_t list_bits_[word_count] = {};
  std::uint32_t word_bits_ = 0;
  block* heads_[list_count] = {};
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
  const block* prev = sentinel_;
  const block* b = first_;
  while (b != sentinel_) {
    if (r.used_blocks + r.free_blocks > most_blocks) return fail("tlsf: the block chain loops");
    if (b->prev_phys != prev) return fail("tlsf: a block's lower-neighbour link is wrong");
    if (!is_block(b)) return fail("tlsf: a block header is corrupt");
    if (size_of(b) < min_payload) return fail("tlsf: a block is smaller than the minimum");
    if (is_free(b)) {
      if (is_free(prev)) return fail("tlsf: two free blocks touch");
      ++r.free_blocks;
      r.free_bytes += size_of(b);
      if (size_of(b) > r.largest_free) r.largest_free = size_of(b);
    } else {
      ++r.used_blocks;
    }
    prev = b;
    b = next_phys(b);
  }
  if (sentinel_->prev_phys != prev || sentinel_->size != (0 | used_bit)) {
    return fail("tlsf: the pool's end is corrupt");
  }

  // The index: each bit says exactly whether its list is non-empty; each list holds real free
  // blocks of its class, each linked back to what points to it; together the lists hold every
  // free block.
  std::size_t listed = 0;
  for (unsigned word = 0; word < 32; ++word) {
    const bool any = word < word_count && list_bits_[word] != 0;
    if (((word_bits_ & bit(word)) != 0) != any) {
      return fail("tlsf: first-level bitmap disagrees with the second level");
    }
  }
  if (list_count % 32 != 0 && (list_bits_[word_count - 1] << (list_count % 32)) != 0) {
    return fail("tlsf: the second-level bitmap has a bit past the last list");
  }
  for (unsigned fl = 0; fl < fl_count; ++fl) {
    for (unsigned sl = 0; sl < sl_count; ++sl) {
      const unsigned list = fl * sl_count + sl;
      const block* head = heads_[list];
      if (((list_bits_[list / 32] & bit(list % 32)) != 0) != (head != nullptr)) {
        return fail("tlsf: second-level bitmap disagrees with its list");
      }
      block* const* expected_link = &heads_[list];
      for (const block* f = head; f != nullptr; f = f->next_free) {
        if (++listed > r.free_blocks) return fail("tlsf: a free list holds a block twice or a used one");
        if (!owns(f) || !is_block(f) || !is_free(f)) return fail("tlsf: a free list holds a non-free block");
        if (f->link != expected_link) return fail("tlsf: a free list's back link is wrong");
        if (mapping::list(size_of(f)) != list) {
          return fail("tlsf: a free block is filed under the wrong class");
        }
        expected_link = &f->next_free;
      }
    }
  }
  if (listed != r.free_blocks) return fail("tlsf: a free block is missing from the lists");
  return r;
}

}  // namespace coframe
