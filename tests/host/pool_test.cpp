// Host tests for coframe/alloc/pool.hpp and ledger.hpp, under AddressSanitizer and UBSan: the
// pool serves each size from its class and nothing else, runs dry and recovers; the ledger
// counts sizes and peaks; the classes it suggests serve the workload it recorded.
#include <coframe/alloc/ledger.hpp>
#include <coframe/alloc/pool.hpp>
#include <coframe/alloc/tlsf.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

namespace {

using coframe::ledger_entry;
using coframe::size_class;
using pool = coframe::size_class_pool<4, 256>;
constexpr std::size_t A = pool::alignment;

TEST(SizeClassPool, EachSizeGoesToTheSmallestClassThatHoldsIt) {
  static constexpr size_class classes[] = {{3 * A, 2}, {4 * A, 1}, {8 * A, 1}};
  alignas(A) std::byte memory[pool::bytes_for(classes)];
  EXPECT_EQ(sizeof memory, (6 + 4 + 8) * A);
  pool p{memory, classes};
  EXPECT_EQ(p.available(1), 2u);
  EXPECT_EQ(p.available(3 * A), 2u);
  EXPECT_EQ(p.available(3 * A + 1), 1u);
  EXPECT_EQ(p.available(5 * A), 1u);
  EXPECT_EQ(p.available(8 * A + 1), 0u) << "no class that big";
  EXPECT_EQ(p.allocate(8 * A + 1), nullptr);

  void* a = p.allocate(1);
  void* b = p.allocate(3 * A);
  EXPECT_EQ(p.allocate(2 * A), nullptr) << "the class is used up; a larger one is not borrowed";
  void* c = p.allocate(4 * A);
  void* d = p.allocate(7 * A);
  EXPECT_EQ(p.allocate(4 * A), nullptr);
  for (void* x : {a, b, c, d}) {
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(x) % A, 0u);
  }
  EXPECT_EQ(std::set<void*>({a, b, c, d}).size(), 4u);
  p.deallocate(b, 3 * A);
  EXPECT_EQ(p.allocate(3 * A), b) << "the block just freed is the next one out";
  p.deallocate(a, 1);
  p.deallocate(b, 3 * A);
  p.deallocate(c, 4 * A);
  p.deallocate(d, 7 * A);
  EXPECT_EQ(p.available(1), 2u);
  EXPECT_EQ(p.available(4 * A), 1u);
  EXPECT_EQ(p.available(8 * A), 1u);
}

#if COFRAME_ALLOC_CHECKS
TEST(SizeClassPoolDeathTest, DeallocateWithTheWrongSizeIsRefused) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  static constexpr size_class classes[] = {{A, 1}, {4 * A, 1}};
  alignas(A) std::byte memory[pool::bytes_for(classes)];
  pool p{memory, classes};
  void* small = p.allocate(A);
  EXPECT_DEATH(p.deallocate(small, 4 * A), "not from this class");
  p.deallocate(small, A);
}
#endif

TEST(Ledger, CountsAllocationsLiveAndPeakPerSize) {
  coframe::frame_ledger<2> ledger;
  ledger.record_allocation(40);
  ledger.record_allocation(40);
  ledger.record_allocation(96);
  ledger.record_deallocation(40);
  ledger.record_allocation(40);
  ledger.record_deallocation(40);
  ledger.record_deallocation(40);
  ledger.record_allocation(12);  // a third size: no room
  ASSERT_EQ(ledger.entries().size(), 2u);
  const ledger_entry forty = ledger.entries()[0];
  EXPECT_EQ(forty.size, 40u);
  EXPECT_EQ(forty.allocations, 3u);
  EXPECT_EQ(forty.live, 0u);
  EXPECT_EQ(forty.peak, 2u);
  EXPECT_EQ(ledger.entries()[1].size, 96u);
  EXPECT_EQ(ledger.entries()[1].live, 1u);
  EXPECT_EQ(ledger.unrecorded(), 1u);
}

TEST(Ledger, SizeClassesRoundMergeAndSort) {
  const ledger_entry entries[] = {
      {100, 9, 0, 2}, {20, 5, 1, 3}, {24, 4, 0, 1}, {8, 1, 0, 1}, {200, 1, 0, 1}};
  size_class out[8];
  const std::size_t n = coframe::size_classes_from(entries, 8, out);
  ASSERT_EQ(n, 4u);
  EXPECT_EQ(out[0], (size_class{8, 1}));
  EXPECT_EQ(out[1], (size_class{24, 4})) << "20 and 24 share the 24-byte class";
  EXPECT_EQ(out[2], (size_class{104, 2}));
  EXPECT_EQ(out[3], (size_class{200, 1}));
  size_class two[2];
  ASSERT_EQ(coframe::size_classes_from(entries, 8, two), 2u);
  EXPECT_EQ(two[0], (size_class{8, 1}));
  EXPECT_EQ(two[1], (size_class{24, 4})) << "the smallest classes are kept";
}

// The whole loop: record a workload on TLSF, build a pool from the ledger, replay the workload
// on the pool: it must never run dry.
TEST(Ledger, APoolSizedFromTheLedgerServesTheRecordedWorkload) {
  std::mt19937 random(7);
  const std::size_t frame_sizes[] = {36, 52, 52, 100, 120, 180};
  std::vector<std::pair<bool, std::size_t>> workload;  // (allocate?, size or index)
  {
    std::vector<std::size_t> live;
    for (int i = 0; i < 20000; ++i) {
      if (live.size() < 24 && (live.empty() || random() % 2)) {
        live.push_back(frame_sizes[random() % 6]);
        workload.push_back({true, live.back()});
      } else {
        const std::size_t at = random() % live.size();
        workload.push_back({false, at});
        live.erase(live.begin() + static_cast<std::ptrdiff_t>(at));
      }
    }
  }
  alignas(16) static std::byte heap_memory[16 * 1024];
  coframe::ledgered<coframe::tlsf<15>> recorded{heap_memory};
  auto replay = [&](auto& resource) {
    std::vector<std::pair<void*, std::size_t>> live;
    for (auto [allocate, value] : workload) {
      if (allocate) {
        void* p = resource.allocate(value, 8);
        if (p == nullptr) return false;
        live.push_back({p, value});
      } else {
        resource.deallocate(live[value].first, live[value].second, 8);
        live.erase(live.begin() + static_cast<std::ptrdiff_t>(value));
      }
    }
    for (auto [p, size] : live) resource.deallocate(p, size, 8);
    return true;
  };
  ASSERT_TRUE(replay(recorded));
  size_class classes[8];
  const std::size_t n = coframe::size_classes_from(recorded.ledger().entries(), pool::alignment, classes);
  EXPECT_EQ(n, 5u);
  std::vector<std::byte> pool_memory(coframe::size_class_pool<8, 256>::bytes_for({classes, n}) + A);
  auto* aligned = reinterpret_cast<std::byte*>(
      (reinterpret_cast<std::uintptr_t>(pool_memory.data()) + A - 1) & ~std::uintptr_t{A - 1});
  coframe::size_class_pool<8, 256> tuned{{aligned, pool_memory.size() - A}, {classes, n}};
  EXPECT_TRUE(replay(tuned)) << "a class ran dry on the workload it was sized for";
  // One block fewer in any class, and the same workload runs dry: the ledger's peaks are exact.
  for (std::size_t c = 0; c < n; ++c) {
    size_class fewer[8];
    std::copy(classes, classes + n, fewer);
    --fewer[c].blocks;
    coframe::size_class_pool<8, 256> short_pool{{aligned, pool_memory.size() - A}, {fewer, n}};
    EXPECT_FALSE(replay(short_pool)) << "class " << c << " had a block to spare";
  }
}

}  // namespace
