// Host tests for coframe/alloc/tlsf.hpp and bits.hpp, under AddressSanitizer and UBSan: the
// mapping without clz against the one with it for every size; the allocator against a reference
// model under a million random operations of mixed sizes and alignments; exhaustion and
// recovery; bad frees and corrupted headers found by the checks.
#include <coframe/alloc/bits.hpp>
#include <coframe/alloc/tlsf.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <random>
#include <vector>

namespace {

using coframe::clz_bits;
using coframe::portable_bits;
using coframe::tlsf_index;

// ---- bit searches -------------------------------------------------------------------------

TEST(Bits, PortableAgreesWithClzOnEveryBitAndItsNeighbours) {
  for (unsigned bit = 0; bit < 32; ++bit) {
    const std::uint32_t one = 1u << bit;
    for (std::uint32_t x : {one, one | 1u, one | (one >> 1), one | (one - 1), one * 3u}) {
      if (x == 0) continue;
      EXPECT_EQ(portable_bits::highest(x), clz_bits::highest(x)) << std::hex << x;
      EXPECT_EQ(portable_bits::lowest(x), clz_bits::lowest(x)) << std::hex << x;
    }
  }
  std::mt19937 random(1);
  for (int i = 0; i < 100000; ++i) {
    const std::uint32_t x = random() | 1u << (random() % 32);
    ASSERT_EQ(portable_bits::highest(x), clz_bits::highest(x)) << std::hex << x;
    ASSERT_EQ(portable_bits::lowest(x), clz_bits::lowest(x)) << std::hex << x;
  }
}

// ---- mapping ------------------------------------------------------------------------------

template <unsigned Sl, unsigned Align>
void expect_mappings_agree(std::size_t up_to) {
  using with_clz = coframe::tlsf_mapping<Sl, Align, clz_bits>;
  using without = coframe::tlsf_mapping<Sl, Align, portable_bits>;
  for (std::size_t size = 1; size < up_to; ++size) {
    ASSERT_EQ(with_clz::list(size), without::list(size)) << "size " << size;
    ASSERT_EQ(with_clz::search_list(size), without::search_list(size)) << "size " << size;
  }
}

TEST(Mapping, ArmV6MappingEqualsArmV7MappingForEverySize) {
  expect_mappings_agree<4, 3>(std::size_t{1} << 21);  // Cortex-M defaults, past 2 MiB
  expect_mappings_agree<3, 3>(std::size_t{1} << 18);
  expect_mappings_agree<5, 4>(std::size_t{1} << 18);  // the host's 16-byte alignment
}

// The paper's mapping, as written there: two cases, and a request rounded up to the start of the
// next class before it is mapped. lib/ computes the same lists in one formula.
template <unsigned Sl, unsigned Align>
struct paper_mapping {
  static constexpr std::size_t small_limit = std::size_t{1} << (Sl + Align);
  static tlsf_index insert(std::size_t size) {
    if (size < small_limit) return {0, static_cast<unsigned>(size >> Align)};
    const unsigned f = clz_bits::highest(static_cast<std::uint32_t>(size));
    return {f - (Sl + Align) + 1, static_cast<unsigned>(size >> (f - Sl)) - (1u << Sl)};
  }
  static std::size_t round_up(std::size_t size) {
    if (size < small_limit) return size;
    return size + (std::size_t{1} << (clz_bits::highest(static_cast<std::uint32_t>(size)) - Sl)) - 1;
  }
};

template <unsigned Sl, unsigned Align>
void expect_paper_mapping(std::size_t up_to) {
  using M = coframe::tlsf_mapping<Sl, Align>;
  using paper = paper_mapping<Sl, Align>;
  for (std::size_t size = 1; size < up_to; ++size) {
    ASSERT_EQ(M::insert(size), paper::insert(size)) << "size " << size;
    // The paper rounds requests that are multiples of the alignment (block sizes).
    const std::size_t request = (size + (1u << Align) - 1) & ~std::size_t{(1u << Align) - 1};
    ASSERT_EQ(M::search(size), paper::insert(paper::round_up(request))) << "size " << size;
  }
}

TEST(Mapping, OneFormulaEqualsThePapersTwoCasesAndRounding) {
  expect_paper_mapping<3, 3>(std::size_t{1} << 21);
  expect_paper_mapping<4, 3>(std::size_t{1} << 18);
  expect_paper_mapping<5, 4>(std::size_t{1} << 18);
}

// The start of class i, computed without the mapping: the smallest size filed there.
template <class M>
std::size_t class_start(tlsf_index i, unsigned align_log2) {
  if (i.fl == 0) return std::size_t{i.sl} << align_log2;
  const unsigned f = i.fl + M::fl_shift - 1;
  return (std::size_t{1} << f) + (std::size_t{i.sl} << (f - (M::fl_shift - align_log2)));
}

// The class after i.
tlsf_index following(tlsf_index i, unsigned sl_count) {
  return i.sl + 1 < sl_count ? tlsf_index{i.fl, i.sl + 1} : tlsf_index{i.fl + 1, 0};
}

TEST(Mapping, EverySizeLiesInItsClassAndEverySearchedBlockFits) {
  using M = coframe::tlsf_mapping<4, 3>;
  for (std::size_t size = 8; size < (1u << 20); size += 8) {
    const tlsf_index i = M::insert(size);
    ASSERT_LT(i.sl, M::sl_count);
    ASSERT_EQ(M::list(size), i.fl * M::sl_count + i.sl) << "lists numbered in size order";
    ASSERT_LE(class_start<M>(i, 3), size);
    ASSERT_GT(class_start<M>(following(i, M::sl_count), 3), size) << "size " << size;
  }
  // Every block of the class searched for a request is big enough, and no earlier class would
  // do: for every request, not only multiples of the alignment.
  for (std::size_t size = 1; size < (1u << 18); ++size) {
    const tlsf_index s = M::search(size);
    ASSERT_EQ(M::search_list(size), s.fl * M::sl_count + s.sl);
    ASSERT_GE(class_start<M>(s, 3), size) << "size " << size;
    const tlsf_index before = s.sl > 0 ? tlsf_index{s.fl, s.sl - 1}
                                       : tlsf_index{s.fl - 1, M::sl_count - 1};
    if (s.fl > 0 || s.sl > 0) {
      ASSERT_LT(class_start<M>(before, 3), size) << "searched past a class that fits, size " << size;
    }
  }
}

// ---- the allocator against a model --------------------------------------------------------

template <class Heap>
struct harness {
  explicit harness(std::size_t bytes) : memory(bytes + 64), heap(std::span(memory.data() + 7, bytes)) {}
  std::vector<std::byte> memory;
  Heap heap;
};

// What the model knows of each live allocation: its size and the byte it was filled with.
struct live {
  std::size_t size;
  std::uint8_t fill;
};

template <class Heap>
void random_operations(std::uint32_t seed, std::size_t pool_bytes, int operations) {
  harness<Heap> h(pool_bytes);
  Heap& heap = h.heap;
  const coframe::heap_report empty = heap.check();
  ASSERT_TRUE(empty) << empty.problem;
  ASSERT_EQ(empty.free_blocks, 1u);
  const std::size_t capacity = empty.free_bytes;

  std::mt19937 random(seed);
  std::map<std::uintptr_t, live> model;  // address -> allocation
  std::size_t successes = 0, failures = 0;

  auto check_contents = [](std::uintptr_t at, const live& l) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(at);
    for (std::size_t i = 0; i < l.size; ++i) {
      if (p[i] != l.fill) return false;
    }
    return true;
  };

  for (int op = 0; op < operations; ++op) {
    // Fill up to a random occupancy, then drain: both a steady mix and runs into exhaustion.
    const bool allocate = model.empty() || (random() % 100) < (op / 20000 % 2 ? 40u : 60u);
    if (allocate) {
      std::size_t size;
      switch (random() % 8) {
        case 0: size = random() % 4 + 1; break;                        // tiny
        case 1: size = random() % 2048 + 1; break;                     // medium
        case 2: size = random() % (pool_bytes / 4) + 1; break;         // large
        default: size = random() % 124 + 1; break;                     // coroutine-frame-like
      }
      const std::size_t align = std::size_t{1} << (random() % 5 == 0 ? random() % 9 : 0);
      void* p = heap.allocate(size, align);
      if (p == nullptr) {
        ++failures;
        // A failed ordinary request means no free block is in or above the class searched.
        if (align <= Heap::alignment) {
          const coframe::heap_report r = heap.check();
          ASSERT_TRUE(r) << r.problem;
          if (size <= Heap::max_request && r.largest_free > 0) {
            using M = typename Heap::mapping;
            const tlsf_index wanted = M::search((size + Heap::alignment - 1) & ~(Heap::alignment - 1));
            const tlsf_index biggest = M::insert(r.largest_free);
            ASSERT_TRUE(biggest.fl < wanted.fl || (biggest.fl == wanted.fl && biggest.sl < wanted.sl))
                << "refused " << size << " bytes with a " << r.largest_free << "-byte block free";
          }
        }
        continue;
      }
      ++successes;
      const auto a = reinterpret_cast<std::uintptr_t>(p);
      ASSERT_EQ(a % std::max(align, Heap::alignment), 0u) << "alignment " << align;
      ASSERT_TRUE(heap.owns(p));
      ASSERT_LE(a + size, reinterpret_cast<std::uintptr_t>(h.memory.data() + h.memory.size()));
      // No overlap with the neighbours the model knows.
      auto next = model.lower_bound(a);
      if (next != model.end()) {
        ASSERT_LE(a + size, next->first) << "overlaps the next allocation";
      }
      if (next != model.begin()) {
        auto prev = std::prev(next);
        ASSERT_LE(prev->first + prev->second.size, a) << "overlaps the previous allocation";
      }
      const live l{size, static_cast<std::uint8_t>(random())};
      std::memset(p, l.fill, size);
      model.emplace(a, l);
    } else {
      auto it = model.begin();
      std::advance(it, random() % model.size());
      ASSERT_TRUE(check_contents(it->first, it->second)) << "an allocation was overwritten";
      ASSERT_EQ(heap.bad_free(reinterpret_cast<void*>(it->first)), nullptr);
      heap.deallocate(reinterpret_cast<void*>(it->first));
      model.erase(it);
    }
    if (op % 16 == 0) {
      const coframe::heap_report r = heap.check();
      ASSERT_TRUE(r) << r.problem << " after operation " << op;
      ASSERT_EQ(r.used_blocks, model.size());
    }
  }
  for (auto& [a, l] : model) {
    ASSERT_TRUE(check_contents(a, l));
    heap.deallocate(reinterpret_cast<void*>(a));
  }
  const coframe::heap_report r = heap.check();
  ASSERT_TRUE(r) << r.problem;
  EXPECT_EQ(r.used_blocks, 0u);
  EXPECT_EQ(r.free_blocks, 1u) << "freeing everything must leave one block";
  EXPECT_EQ(r.free_bytes, capacity);
  EXPECT_GT(successes, static_cast<std::size_t>(operations) / 4);
  EXPECT_GT(failures, 0u) << "the workload never reached exhaustion";
}

TEST(Tlsf, MillionRandomOperationsAgainstTheModel) {
  random_operations<coframe::tlsf<15, 3, clz_bits>>(12, 32 * 1024, 1'000'000);
}

TEST(Tlsf, RandomOperationsWithoutClz) {
  random_operations<coframe::tlsf<15, 3, portable_bits>>(34, 32 * 1024, 200'000);
}

TEST(Tlsf, RandomOperationsOtherIndexSizes) {
  random_operations<coframe::tlsf<12, 4>>(56, 4 * 1024, 100'000);
  random_operations<coframe::tlsf<17, 5>>(78, 96 * 1024, 100'000);
}

// ---- exhaustion and recovery --------------------------------------------------------------

TEST(Tlsf, ExhaustionThenRecovery) {
  using Heap = coframe::tlsf<15>;
  harness<Heap> h(16 * 1024);
  const std::size_t capacity = h.heap.check().free_bytes;
  std::vector<void*> blocks;
  for (void* p; (p = h.heap.allocate(40)) != nullptr;) blocks.push_back(p);
  EXPECT_EQ(blocks.size(), (capacity + 16) / Heap::footprint(40));
  coframe::heap_report full = h.heap.check();
  ASSERT_TRUE(full) << full.problem;
  EXPECT_LT(full.largest_free, 40u) << "refused 40 bytes with room for them";
  // Free every other block: lots of free memory, none of it in one piece.
  for (std::size_t i = 0; i < blocks.size(); i += 2) h.heap.deallocate(blocks[i]);
  EXPECT_EQ(h.heap.allocate(200), nullptr) << "fragmented: no 200-byte hole";
  EXPECT_NE(h.heap.allocate(8), nullptr);
  for (std::size_t i = 1; i < blocks.size(); i += 2) h.heap.deallocate(blocks[i]);
  full = h.heap.check();
  ASSERT_TRUE(full) << full.problem;
  EXPECT_EQ(full.used_blocks, 1u);
  EXPECT_EQ(h.heap.allocate(capacity), nullptr);
  void* big = h.heap.allocate(capacity / 2);
  EXPECT_NE(big, nullptr) << "coalescing gave the memory back";
}

TEST(Tlsf, LargestRequestOnAFullSizedPool) {
  using Heap = coframe::tlsf<12, 4>;
  harness<Heap> h(Heap::max_pool_bytes);
  void* p = h.heap.allocate(Heap::max_request);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(h.heap.allocate(Heap::max_request + 1), nullptr);
  h.heap.deallocate(p);
  EXPECT_EQ(h.heap.allocate(Heap::max_request + 1), nullptr) << "beyond the index";
  EXPECT_EQ(h.heap.allocate(SIZE_MAX), nullptr);
  EXPECT_EQ(h.heap.allocate(16, 48), nullptr) << "alignment not a power of two";
  EXPECT_TRUE(h.heap.check());
}

TEST(Tlsf, ZeroBytesGetTheSmallestBlock) {
  using Heap = coframe::tlsf<12>;
  harness<Heap> h(1024);
  void* a = h.heap.allocate(0);
  void* b = h.heap.allocate(0);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_NE(a, b) << "like malloc(0): distinct pointers";
  // Blocks are cut from the top of the free block: b lies just below a.
  EXPECT_EQ(static_cast<std::byte*>(a) - static_cast<std::byte*>(b),
            static_cast<std::ptrdiff_t>(Heap::footprint(0)));
  h.heap.deallocate(a);
  h.heap.deallocate(b);
  const coframe::heap_report r = h.heap.check();
  EXPECT_TRUE(r) << r.problem;
  EXPECT_EQ(r.free_blocks, 1u);
}

TEST(Tlsf, OverAlignedRequestsKeepTheirAlignmentAndReturnTheGap) {
  harness<coframe::tlsf<15>> h(8 * 1024);
  std::vector<void*> blocks;
  for (std::size_t align = 32; align <= 1024; align *= 2) {
    void* p = h.heap.allocate(24, align);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % align, 0u);
    blocks.push_back(p);
    blocks.push_back(h.heap.allocate(8));  // a small used block between, so gaps stay apart
  }
  coframe::heap_report r = h.heap.check();
  ASSERT_TRUE(r) << r.problem;
  EXPECT_GT(r.free_blocks, 1u) << "the alignment gaps went back to the free lists";
  for (void* p : blocks) h.heap.deallocate(p);
  r = h.heap.check();
  EXPECT_EQ(r.free_blocks, 1u);
}

// ---- bad frees and corruption -------------------------------------------------------------

// A pointer the optimizer knows nothing about (it would otherwise warn that the checks read
// around a local that is not in the pool, which is the point).
void* opaque(void* p) {
  asm volatile("" : "+r"(p));
  return p;
}

TEST(Tlsf, BadFreesAreNamed) {
  harness<coframe::tlsf<15>> h(4096);
  auto* p = static_cast<std::byte*>(h.heap.allocate(64));
  auto* q = static_cast<std::byte*>(h.heap.allocate(64));
  int elsewhere = 0;
  EXPECT_STREQ(h.heap.bad_free(opaque(&elsewhere)), "tlsf: deallocate of a pointer outside the pool");
  EXPECT_STREQ(h.heap.bad_free(p + 1), "tlsf: deallocate of a pointer outside the pool");
  EXPECT_STREQ(h.heap.bad_free(p + 32), "tlsf: deallocate of a pointer that is not an allocation");
  EXPECT_EQ(h.heap.bad_free(p), nullptr);
  h.heap.deallocate(q);  // merges with the free rest below it: q's header is gone
  EXPECT_NE(h.heap.bad_free(q), nullptr);
  void* r = h.heap.allocate(64);
  void* s = h.heap.allocate(64);
  h.heap.deallocate(r);  // r stays free on its own, between used s (below) and p (above)
  EXPECT_STREQ(h.heap.bad_free(r), "tlsf: deallocate of a block that is already free (double free)");
  h.heap.deallocate(s);
  h.heap.deallocate(p);
}

#if COFRAME_ALLOC_CHECKS
TEST(TlsfDeathTest, DeallocateRefusesBadPointers) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  harness<coframe::tlsf<15>> h(4096);
  auto* p = static_cast<std::byte*>(h.heap.allocate(64));
  void* q = h.heap.allocate(64);
  EXPECT_DEATH(h.heap.deallocate(p + 16), "not an allocation");
  h.heap.deallocate(p);
  EXPECT_DEATH(h.heap.deallocate(p), "already free");
  int elsewhere = 0;
  EXPECT_DEATH(h.heap.deallocate(opaque(&elsewhere)), "outside the pool");
  h.heap.deallocate(q);
}
#endif

TEST(Tlsf, CheckerFindsACorruptedHeader) {
  harness<coframe::tlsf<15>> h(4096);
  void* p = h.heap.allocate(64);
  auto* q = static_cast<std::byte*>(h.heap.allocate(64));  // cut just below p
  ASSERT_TRUE(h.heap.check());
  // A write past the end of q lands on p's header: a classic buffer overflow.
  auto* p_header = reinterpret_cast<std::size_t*>(q + 64);
  ASSERT_EQ(static_cast<void*>(p_header + 2), p);
  const std::size_t saved = p_header[0];
  p_header[0] = 4000;
  EXPECT_FALSE(h.heap.check());
  p_header[0] = saved;
  ASSERT_TRUE(h.heap.check());
  p_header[1] = 0;  // the link to q's block, below p
  EXPECT_FALSE(h.heap.check()) << "a broken link to the block below";
  p_header[1] = reinterpret_cast<std::uintptr_t>(q - 2 * sizeof(void*));
  EXPECT_TRUE(h.heap.check());
  h.heap.deallocate(p);
  h.heap.deallocate(q);
}

TEST(Tlsf, ControlBlockSizeOnThirtyTwoBits) {
  // On the host pointers are 8 bytes; the figure for Cortex-M is measured on the target.
  using Heap = coframe::tlsf<15, 4>;
  EXPECT_EQ(Heap::fl_count, 15u - (4 + 4) + 1);
  EXPECT_EQ(Heap::control_block_bytes(), sizeof(Heap));
}

}  // namespace
