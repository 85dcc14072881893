// Host tests for coframe/frame/ (the frame-allocation layer), under AddressSanitizer and UBSan,
// built by GCC and by Clang: the default pool, the promise mixin's choice of allocator, the
// record that returns each frame to the allocator that served it, allocation failure along a
// chain, and the lifetime check.
//
// Clang elides frames (HALO) that GCC allocates, so no test here asserts how many frames a
// chain allocated. What every test asserts instead holds under both: which allocator served
// every frame that was allocated, that every allocated frame was freed, and that a failure
// leaves nothing behind.
#include <coframe/alloc/tlsf.hpp>
#include <coframe/frame/counting_frame_resource.hpp>
#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_scope.hpp>
#include <coframe/frame/promise_allocator.hpp>

#include "../frame_task.hpp"

#include <gtest/gtest.h>

#include <coroutine>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <utility>
#include <vector>

namespace {

using coframe::counting_frame_resource;
using coframe::frame_pool;
using coframe::frame_resource;
using coframe::frame_scope;

constexpr std::size_t align = coframe::frame_alignment;  // what every frame asks for

using frame_tests::task;

// A value the compiler cannot see, so it cannot fold a chain to a constant.
int opaque(int v) {
  volatile int x = v;
  return x;
}

// ---- the default pool ------------------------------------------------------------------------

TEST(FramePool, EveryBlockIsAlignedAndLargeEnough) {
  frame_pool pool;
  std::vector<std::pair<void*, std::size_t>> blocks;
  for (std::size_t size = 1; size <= frame_pool::largest_pooled + 64; ++size) {
    void* block = pool.allocate(size, align);
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block) % coframe::frame_alignment, 0u) << size;
    std::memset(block, 0xA5, size);  // ASan reports a block smaller than asked for
    blocks.emplace_back(block, size);
  }
  EXPECT_EQ(pool.outstanding(), blocks.size());
  for (auto [block, size] : blocks) pool.deallocate(block, size, align);
  EXPECT_EQ(pool.outstanding(), 0u);
  pool.release();
}

TEST(FramePool, AFreedBlockServesTheNextRequestOfItsClass) {
  frame_pool pool;
  void* a = pool.allocate(40, align);
  pool.deallocate(a, 40, align);
  // Any size of the same class gets the same block back: a list pop, no heap.
  const std::size_t same_class = frame_pool::block_size_for(40);
  EXPECT_EQ(pool.allocate(same_class, align), a);
  pool.deallocate(a, same_class, align);
  void* other = pool.allocate(same_class + 1, align);  // the next class has its own list
  EXPECT_NE(other, a);
  pool.deallocate(other, same_class + 1, align);
  pool.release();
}

TEST(FramePool, BlockSizesRoundUpToTheGranularity) {
  EXPECT_EQ(frame_pool::block_size_for(1), frame_pool::granularity);
  EXPECT_EQ(frame_pool::block_size_for(frame_pool::granularity), frame_pool::granularity);
  EXPECT_EQ(frame_pool::block_size_for(frame_pool::granularity + 1), 2 * frame_pool::granularity);
  EXPECT_EQ(frame_pool::block_size_for(frame_pool::largest_pooled), frame_pool::largest_pooled);
  EXPECT_EQ(frame_pool::block_size_for(frame_pool::largest_pooled + 1),
            frame_pool::largest_pooled + 1);
}

TEST(FramePool, TakesNewBlocksFromItsUpstreamAndLargeOnesGoBack) {
  counting_frame_resource upstream{"upstream"};
  {
    frame_pool pool{upstream};
    void* small = pool.allocate(24, align);
    void* large = pool.allocate(frame_pool::largest_pooled + 8, align);
    EXPECT_EQ(upstream.allocated(), 2u);
    pool.deallocate(small, 24, align);
    pool.deallocate(large, frame_pool::largest_pooled + 8, align);
    EXPECT_EQ(upstream.freed(), 1u) << "a large block goes straight back upstream";
    EXPECT_EQ(pool.allocate(24, align), small) << "a small one stays in the pool";
    EXPECT_EQ(upstream.allocated(), 2u);
    pool.deallocate(small, 24, align);
    EXPECT_EQ(upstream.outstanding(), 1u);
    pool.release();
  }
  EXPECT_EQ(upstream.outstanding(), 0u) << "release() gives the pooled blocks back";
}

TEST(FramePool, AnEmptyUpstreamIsANullNotACrash) {
  counting_frame_resource upstream{"upstream"};
  frame_pool pool{upstream};
  upstream.fail_at(1);
  EXPECT_EQ(pool.allocate(32, align), nullptr);
  EXPECT_EQ(pool.outstanding(), 0u);
}

TEST(FramePool, RandomWorkloadKeepsBlocksDisjoint) {
  frame_pool pool;
  std::mt19937 random(static_cast<unsigned>(opaque(1234)));
  struct live {
    unsigned char* block;
    std::size_t size;
    unsigned char tag;
  };
  std::vector<live> alive;
  for (int step = 0; step < 20000; ++step) {
    if (alive.size() < 64 && (alive.empty() || random() % 2 == 0)) {
      const std::size_t size = 1 + random() % (frame_pool::largest_pooled + 32);
      auto* block = static_cast<unsigned char*>(pool.allocate(size, align));
      ASSERT_NE(block, nullptr);
      const auto tag = static_cast<unsigned char>(step);
      std::memset(block, tag, size);
      alive.push_back({block, size, tag});
    } else {
      const std::size_t i = random() % alive.size();
      const live l = alive[i];
      for (std::size_t b = 0; b < l.size; ++b) ASSERT_EQ(l.block[b], l.tag) << "blocks overlap";
      pool.deallocate(l.block, l.size, align);
      alive.erase(alive.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  for (const live& l : alive) pool.deallocate(l.block, l.size, align);
  EXPECT_EQ(pool.outstanding(), 0u);
  pool.release();
}

TEST(FramePoolDeathTest, ReleasedWithFramesOutstandingIsReported) {
  EXPECT_DEATH(
      {
        frame_pool pool;
        opaque(*static_cast<int*>(pool.allocate(16, align)));
        pool.release();
      },
      "frame_pool released with frames outstanding");
}

#if defined(COFRAME_FRAME_POOL_ASAN)
TEST(FramePoolDeathTest, AFrameUsedAfterItWasFreedIsReported) {
  EXPECT_DEATH(
      {
        frame_pool pool;
        auto* block = static_cast<int*>(pool.allocate(32, align));
        pool.deallocate(block, 32, align);
        opaque(block[3]);  // past the list link, which stays readable
        pool.release();
      },
      "use-after-poison");
}
#endif

// ---- which allocator serves a frame ----------------------------------------------------------
// The single-frame coroutines below are noinline: a compiler that sees a frame's whole life may
// place it in the caller's frame instead (HALO, which Clang does), and these tests are about
// the allocation. The chains further down are not: what they check holds either way.

[[gnu::noinline]] task<int> plain(int x) { co_return x + 1; }

TEST(PromiseAllocator, WithoutAnAllocatorTheFrameComesFromTheCurrentOne) {
  counting_frame_resource a{"A"};
  {
    frame_scope scope{a};
    auto t = plain(opaque(1));
    EXPECT_EQ(a.allocated(), 1u);
    EXPECT_EQ(t.run(), 2);
  }
  EXPECT_EQ(a.outstanding(), 0u);
}

TEST(PromiseAllocator, WithoutAScopeTheFrameComesFromTheDefaultPool) {
  EXPECT_EQ(&coframe::current_frame_resource(), &coframe::default_frame_pool());
  const std::size_t before = coframe::default_frame_pool().outstanding();
  auto t = plain(opaque(1));
  EXPECT_EQ(coframe::default_frame_pool().outstanding(), before + 1);
  EXPECT_EQ(t.run(), 2);
}

TEST(PromiseAllocator, ScopesNestAndRestore) {
  counting_frame_resource a{"A"}, b{"B"};
  {
    frame_scope outer{a};
    {
      frame_scope inner{b};
      EXPECT_EQ(&coframe::current_frame_resource(), &b);
    }
    EXPECT_EQ(&coframe::current_frame_resource(), &a);
  }
  EXPECT_EQ(&coframe::current_frame_resource(), &coframe::default_frame_pool());
}

[[gnu::noinline]] task<int> forced(std::allocator_arg_t, counting_frame_resource&, int x) {
  co_return x * 2;
}

TEST(PromiseAllocator, AnAllocatorArgumentBeatsTheCurrentOne) {
  counting_frame_resource a{"A"}, b{"B"};
  frame_scope scope{a};
  auto t = forced(std::allocator_arg, b, opaque(4));
  EXPECT_EQ(b.allocated(), 1u);
  EXPECT_EQ(a.requests(), 0u);
  EXPECT_EQ(t.run(), 8);
}

struct sensor {
  int offset;
  [[gnu::noinline]] task<int> read(std::allocator_arg_t, frame_resource&, int x) {
    co_return x + offset;
  }
};

TEST(PromiseAllocator, AMemberCoroutineTakesTheAllocatorAfterItsObject) {
  counting_frame_resource a{"A"}, b{"B"};
  frame_scope scope{a};
  sensor s{opaque(10)};
  auto t = s.read(std::allocator_arg, b, 5);
  EXPECT_EQ(b.allocated(), 1u);
  EXPECT_EQ(a.requests(), 0u);
  EXPECT_EQ(t.run(), 15);
}

// Something that carries an allocator, as a dispatcher or executor would.
struct carrier {
  counting_frame_resource* frames;
  counting_frame_resource& get_frame_allocator() const { return *frames; }
};
static_assert(coframe::has_frame_allocator<carrier>);
static_assert(coframe::has_frame_allocator<const carrier>);
static_assert(!coframe::has_frame_allocator<int>);

[[gnu::noinline]] task<int> on_first(carrier, int x) { co_return x; }
[[gnu::noinline]] task<int> on_second(int x, const carrier&) { co_return x; }
[[gnu::noinline]] task<int> on_both(carrier, carrier, int x) { co_return x; }
[[gnu::noinline]] task<int> carrier_then_tag(carrier, std::allocator_arg_t, frame_resource&,
                                             int x) {
  co_return x;
}

TEST(PromiseAllocator, TheFirstOrSecondParameterMayCarryTheAllocator) {
  counting_frame_resource a{"A"}, b{"B"}, c{"C"};
  frame_scope scope{a};
  {
    auto t1 = on_first(carrier{&b}, opaque(1));
    auto t2 = on_second(opaque(2), carrier{&c});
    EXPECT_EQ(b.allocated(), 1u);
    EXPECT_EQ(c.allocated(), 1u);
    auto t3 = on_both(carrier{&c}, carrier{&b}, opaque(3));
    EXPECT_EQ(c.allocated(), 2u) << "the first parameter wins";
    EXPECT_EQ(t1.run(), 1);
    EXPECT_EQ(t2.run(), 2);
    EXPECT_EQ(t3.run(), 3);
  }
  EXPECT_EQ(a.requests(), 0u);
  EXPECT_EQ(b.outstanding() + c.outstanding(), 0u);
}

TEST(PromiseAllocator, AnAllocatorArgumentBeatsACarrier) {
  counting_frame_resource b{"B"}, c{"C"};
  auto t = carrier_then_tag(carrier{&b}, std::allocator_arg, c, opaque(7));
  EXPECT_EQ(c.allocated(), 1u);
  EXPECT_EQ(b.requests(), 0u);
  EXPECT_EQ(t.run(), 7);
}

// A resource that remembers each block's size, to check what operator delete passes.
class size_checking_resource final : public frame_resource {
 public:
  void* allocate(std::size_t size, std::size_t alignment) noexcept override {
    void* block = coframe::default_frame_pool().allocate(size, alignment);
    sizes_.emplace_back(block, size);
    return block;
  }
  void deallocate(void* block, std::size_t size, std::size_t alignment) noexcept override {
    for (auto it = sizes_.begin(); it != sizes_.end(); ++it) {
      if (it->first == block) {
        EXPECT_EQ(it->second, size) << "operator delete passed another size than operator new";
        sizes_.erase(it);
        coframe::default_frame_pool().deallocate(block, size, alignment);
        return;
      }
    }
    ADD_FAILURE() << "freed a block this resource never served";
  }
  std::size_t live() const { return sizes_.size(); }

 private:
  std::vector<std::pair<void*, std::size_t>> sizes_;
};

task<int> leaf(int x) { co_return x * x; }
task<int> middle(int x) {
  std::optional<int> a = co_await leaf(x);
  if (!a) co_return std::nullopt;
  std::optional<int> b = co_await leaf(x + 1);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
task<int> top(int x) {
  std::optional<int> a = co_await middle(x);
  if (!a) co_return std::nullopt;
  std::optional<int> b = co_await middle(x + 2);
  if (!b) co_return std::nullopt;
  co_return *a + *b;
}
int top_expected(int x) {
  auto sq = [](int v) { return v * v; };
  return sq(x) + sq(x + 1) + sq(x + 2) + sq(x + 3);
}

TEST(PromiseAllocator, OperatorDeleteGetsTheSizeOperatorNewGot) {
  size_checking_resource r;
  {
    frame_scope scope{r};
    auto t = top(opaque(3));
    EXPECT_EQ(t.run(), top_expected(3));
  }
  EXPECT_EQ(r.live(), 0u);
}

TEST(PromiseAllocator, AFrameGoesBackWhereItCameFromWhateverIsCurrentThen) {
  counting_frame_resource a{"A"}, b{"B"};
  std::optional<task<int>> t;
  {
    frame_scope scope{a};
    t.emplace(plain(opaque(1)));
  }
  {
    frame_scope scope{b};
    t.reset();  // destroyed while B is current: the record sends it to A
  }
  EXPECT_EQ(a.allocated(), 1u);
  EXPECT_EQ(a.freed(), 1u);
  EXPECT_EQ(b.requests() + b.freed(), 0u);
}

// A frame_pool is called directly, not through the vtable (as_frame_pool()): a frame from a
// pool other than the default one must still go back to that pool.
[[gnu::noinline]] task<int> from_pool(std::allocator_arg_t, frame_resource&, int x) {
  co_return x + 3;
}

TEST(PromiseAllocator, APoolIsKnownAndItsFramesGoBackToIt) {
  frame_pool a, b;
  counting_frame_resource counted{"C"};
  EXPECT_EQ(a.as_frame_pool(), &a);
  EXPECT_EQ(static_cast<frame_resource&>(coframe::default_frame_pool()).as_frame_pool(),
            &coframe::default_frame_pool());
  EXPECT_EQ(counted.as_frame_pool(), nullptr);
  const std::size_t default_before = coframe::default_frame_pool().outstanding();
  std::optional<task<int>> named, scoped;
  named.emplace(from_pool(std::allocator_arg, a, opaque(1)));  // through a frame_resource&
  {
    frame_scope scope{b};
    scoped.emplace(plain(opaque(1)));
  }
  EXPECT_EQ(a.outstanding(), 1u);
  EXPECT_EQ(b.outstanding(), 1u);
  EXPECT_EQ(coframe::default_frame_pool().outstanding(), default_before);
  {
    frame_scope scope{counted};  // current while they die: the record decides, not the scope
    EXPECT_EQ(named->run(), 4);
    EXPECT_EQ(scoped->run(), 2);
    named.reset();
    scoped.reset();
  }
  EXPECT_EQ(a.outstanding(), 0u);
  EXPECT_EQ(b.outstanding(), 0u);
  EXPECT_EQ(counted.requests() + counted.freed(), 0u);
  EXPECT_EQ(coframe::default_frame_pool().outstanding(), default_before);
  a.release();
  b.release();
}

TEST(PromiseAllocator, EveryFrameOfAChainComesFromTheScopeItWasCreatedIn) {
  counting_frame_resource a{"A"}, b{"B"};
  frame_scope outer{b};
  {
    frame_scope scope{a};
    auto t = top(opaque(2));
    // The body runs inside the scope, so its children come from A as well.
    EXPECT_EQ(t.run(), top_expected(2));
  }
  EXPECT_GE(a.allocated(), 1u) << "the root frame escapes: no compiler can elide it";
  EXPECT_EQ(a.outstanding(), 0u);
  EXPECT_EQ(b.requests(), 0u);
}

// ---- allocation failure ----------------------------------------------------------------------

struct counted_argument {
  static inline int alive = 0;
  counted_argument() { ++alive; }
  counted_argument(const counted_argument&) { ++alive; }
  ~counted_argument() { --alive; }
};
[[gnu::noinline]] task<int> takes_argument(counted_argument, int x) { co_return x; }

TEST(AllocationFailure, TheCallerGetsAnInvalidTaskAndTheArgumentsAreDestroyed) {
  counting_frame_resource a{"A"};
  frame_scope scope{a};
  a.fail_at(1);
  {
    auto t = takes_argument(counted_argument{}, opaque(1));
    EXPECT_FALSE(t.valid());
    EXPECT_EQ(t.run(), std::nullopt);
  }
  EXPECT_EQ(counted_argument::alive, 0);
  EXPECT_EQ(a.failed(), 1u);
  EXPECT_EQ(a.outstanding(), 0u);
}

TEST(AllocationFailure, FailingTheNthAllocationForEveryNLeavesNothingBehind) {
  counting_frame_resource a{"A"};
  frame_scope scope{a};
  const int x = opaque(5);
  // However many frames this compiler allocates for the chain, fail each one in turn; the
  // first N that fails nothing is a complete run.
  std::size_t n = 1;
  for (;; ++n) {
    a.fail_at(n);
    const std::size_t failed_before = a.failed();
    std::optional<int> result = top(x).run();
    EXPECT_EQ(a.outstanding(), 0u) << "after failing allocation " << n;
    if (a.failed() == failed_before) {
      EXPECT_EQ(result, top_expected(x));
      break;
    }
    EXPECT_EQ(result, std::nullopt) << "allocation " << n << " failed, yet a value came back";
    ASSERT_LT(n, 100u);
  }
  a.fail_at(0);
  EXPECT_GE(n, 2u) << "at least the root frame was allocated";
}

// ---- lifetime --------------------------------------------------------------------------------

TEST(CountingFrameResourceDeathTest, DestroyedWithFramesOutstandingIsReported) {
  EXPECT_DEATH(
      {
        std::optional<task<int>> t;
        {
          counting_frame_resource a{"A"};
          frame_scope scope{a};
          t.emplace(plain(1));
        }
      },
      "frame allocator 'A' destroyed with 1 frame\\(s\\) outstanding");
}

// ---- any frame_allocator as a frame_resource -------------------------------------------------

struct bump_allocator {
  alignas(coframe::frame_alignment) unsigned char arena[1024];
  std::size_t used = 0;
  int freed = 0;
  void* allocate(std::size_t size, std::size_t alignment) noexcept {
    const std::size_t rounded = (size + alignment - 1) & ~(alignment - 1);
    if (used + rounded > sizeof arena) return nullptr;
    void* block = arena + used;
    used += rounded;
    return block;
  }
  void deallocate(void*, std::size_t, std::size_t) noexcept { ++freed; }
};
static_assert(coframe::frame_allocator<bump_allocator>);
static_assert(!coframe::frame_allocator<int>);

[[gnu::noinline]] task<int> on_bump(std::allocator_arg_t,
                                    coframe::frame_resource_for<bump_allocator>&, int x) {
  co_return x;
}

TEST(FrameResourceFor, AdaptsAnyFrameAllocator) {
  bump_allocator bump;
  coframe::frame_resource_for<bump_allocator> frames{bump};
  {
    auto t = on_bump(std::allocator_arg, frames, opaque(6));
    EXPECT_GT(bump.used, 0u);
    EXPECT_EQ(t.run(), 6);
  }
  EXPECT_EQ(bump.freed, 1);
}

// A memory resource whose allocate() would stop the program when empty (an out-of-memory
// hook), and whose try_allocate() returns nullptr: frames must take the second.
struct hooked_allocator {
  bool empty = false;
  int hooked = 0;
  void* allocate(std::size_t size, std::size_t alignment) noexcept {
    void* block = try_allocate(size, alignment);
    if (block == nullptr) ++hooked;
    return block;
  }
  void* try_allocate(std::size_t size, std::size_t alignment) noexcept {
    return empty ? nullptr : coframe::default_frame_pool().allocate(size, alignment);
  }
  void deallocate(void* block, std::size_t size, std::size_t alignment) noexcept {
    coframe::default_frame_pool().deallocate(block, size, alignment);
  }
};

TEST(FrameResourceFor, AsksThroughTryAllocateWhenThereIsOne) {
  hooked_allocator hooked;
  coframe::frame_resource_for<hooked_allocator> frames{hooked};
  frame_scope scope{frames};
  EXPECT_EQ(plain(opaque(1)).run(), 2);
  hooked.empty = true;
  EXPECT_FALSE(plain(opaque(1)).valid());
  EXPECT_EQ(hooked.hooked, 0) << "a failed frame allocation must not reach an out-of-memory hook";
}

TEST(FrameResourceFor, ServesFramesFromLab04sTlsf) {
  alignas(coframe::tlsf<>::alignment) static std::byte arena[8192];
  coframe::tlsf<> heap{arena};
  coframe::frame_resource_for<coframe::tlsf<>> frames{heap};
  {
    frame_scope scope{frames};
    EXPECT_EQ(top(opaque(2)).run(), top_expected(2));
  }
  const coframe::heap_report report = heap.check();
  EXPECT_TRUE(report) << report.problem;
  EXPECT_EQ(report.used_blocks, 0u) << "every frame went back to the TLSF heap";
}

TEST(FramePool, RefusesMoreAlignmentThanAFrameNeeds) {
  EXPECT_EQ(coframe::default_frame_pool().allocate(32, 2 * align), nullptr);
}

// ---- over-aligned locals ---------------------------------------------------------------------

// Such a local is not supported (see frame_alignment): the compiler gives the frame the
// local's alignment, but C++20 passes a frame's operator new no alignment, so an allocator
// that keeps the contract (frame_alignment, and no more) hands out a misaligned frame.
// GCC's UBSan reports it on the host; Clang 14's does not check a frame's alignment.
struct alignas(4 * coframe::frame_alignment) over_aligned {
  unsigned char bytes[4 * coframe::frame_alignment];
};

// Hands out one block, aligned to frame_alignment and not to 2 * frame_alignment.
class minimally_aligned_resource final : public frame_resource {
 public:
  void* allocate(std::size_t size, std::size_t) noexcept override {
    if (size + coframe::frame_alignment > sizeof arena_ || busy_) return nullptr;
    busy_ = true;
    return arena_ + coframe::frame_alignment;
  }
  void deallocate(void*, std::size_t, std::size_t) noexcept override { busy_ = false; }

 private:
  alignas(alignof(over_aligned)) unsigned char arena_[1024];
  bool busy_ = false;
};

// The local's address escapes before the suspension and is used after it: the local must be
// in the frame at every optimisation level.
over_aligned* volatile escaped = nullptr;
[[maybe_unused]] task<int> with_over_aligned_local(std::allocator_arg_t, frame_resource&, int x) {
  over_aligned local{};
  escaped = &local;
  co_await plain(x);
  co_return static_cast<int>(reinterpret_cast<std::uintptr_t>(escaped) % alignof(over_aligned));
}

TEST(FrameAlignmentDeathTest, AFrameWithAnOverAlignedLocalIsReportedMisaligned) {
#if defined(__clang__)
  GTEST_SKIP() << "Clang 14's UBSan does not check the alignment of a coroutine frame";
#endif
  EXPECT_DEATH(
      {
        minimally_aligned_resource frames;
        auto t = with_over_aligned_local(std::allocator_arg, frames, opaque(3));
        opaque(t.run().value_or(-1));
      },
      "misaligned address");
}

}  // namespace
