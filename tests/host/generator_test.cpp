// Host tests for coframe/coro/generator.hpp, under AddressSanitizer and UBSan, with GCC and
// with Clang: sequences, the contract for invalid, moved-from and finished generators, early
// break in every state with destruction order, allocation failure, and what only `generator`
// does: elements_of, deep and wide, adopted or iterated, destroyed anywhere without using stack
// in proportion to the depth. The conformance with P2502 (element types, copies, views, the
// standard libraries' own tests) is in generator_conformance_test.cpp.
//
// Every test ends by checking that no frame is alive and no allocation outstanding, and that
// no failure asked for with fail_allocation was left waiting (it would hit a later test).
#include "generator_testing.hpp"

#include <coframe/coro/generator.hpp>

#include <gtest/gtest.h>

#include <pthread.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace {

using coframe::elements_of;
using coframe::generator;
using coframe::generator_frames;
using coframe::plain_generator;
using generator_testing::collect;
using generator_testing::on_heap;
using generator_testing::trace;

class Generator : public generator_testing::frames_fixture {};

// ---- both kinds: generator and plain_generator ----------------------------------------------

// The tests in this section run for both types, which share everything but delegation.
struct nestable {
  template <class Ref, class V = void>
  using type = generator<Ref, V>;
};
struct plain {
  template <class Ref, class V = void>
  using type = plain_generator<Ref, V>;
};
template <class Kind>
class BothKinds : public Generator {};
using kinds = ::testing::Types<nestable, plain>;
TYPED_TEST_SUITE(BothKinds, kinds);

template <class Kind>
typename Kind::template type<int> countdown(int n) {
  while (n > 0) co_yield n--;
}

TYPED_TEST(BothKinds, YieldsItsSequenceInOrder) {
  EXPECT_EQ(collect(countdown<TypeParam>(4)), (std::vector<int>{4, 3, 2, 1}));
  EXPECT_EQ(generator_frames::created(), 1u);
}

TYPED_TEST(BothKinds, EmptyBodyYieldsNothing) {
  EXPECT_TRUE(collect(countdown<TypeParam>(0)).empty());
}

TYPED_TEST(BothKinds, IsLazy) {
  int runs = 0;
  auto body = [](int* r) -> typename TypeParam::template type<int> {
    ++*r;
    co_yield 1;
  };
  auto g = body(&runs);
  EXPECT_EQ(runs, 0) << "the body must not run before begin()";
  auto it = g.begin();
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(*it, 1);
}

TYPED_TEST(BothKinds, ReferenceGeneratorLetsTheConsumerModify) {
  std::vector<int> data{1, 2, 3};
  auto all = [](std::vector<int>& v) -> typename TypeParam::template type<int&> {
    for (int& x : v) co_yield x;
  };
  for (int& x : all(data)) x *= 10;
  EXPECT_EQ(data, (std::vector<int>{10, 20, 30}));
}

// Before: allocation_failed() was true for any generator without a frame, so a moved-from or
// default-constructed one claimed an allocation had failed.
TYPED_TEST(BothKinds, MovedFromAndDefaultAreInvalidAndEmptyButNothingFailed) {
  typename TypeParam::template type<int> none;
  EXPECT_FALSE(none.valid());
  EXPECT_FALSE(none.allocation_failed());
  EXPECT_TRUE(none.begin() == none.end());
  auto g = countdown<TypeParam>(2);
  auto h = std::move(g);
  EXPECT_FALSE(g.valid());  // NOLINT(bugprone-use-after-move): the contract under test
  EXPECT_FALSE(g.allocation_failed());
  EXPECT_TRUE(g.begin() == g.end());
  EXPECT_TRUE(h.valid());
  EXPECT_FALSE(h.allocation_failed());
  EXPECT_EQ(collect(std::move(h)), (std::vector<int>{2, 1}));
}

TYPED_TEST(BothKinds, MoveAssignmentDestroysTheOldFrame) {
  auto g = countdown<TypeParam>(3);
  g = countdown<TypeParam>(1);
  EXPECT_EQ(generator_frames::alive(), 1u);
  EXPECT_EQ(collect(std::move(g)), (std::vector<int>{1}));
}

TYPED_TEST(BothKinds, FinishedGeneratorStaysAtEnd) {
  auto g = countdown<TypeParam>(1);
  auto it = g.begin();
  EXPECT_EQ(*it, 1);
  ++it;
  EXPECT_TRUE(it == g.end());
  EXPECT_TRUE(g.valid()) << "the frame stays until the generator is destroyed";
  EXPECT_TRUE(it == g.end());
}

// Before: a second begin() resumed the body again and silently skipped an element.
TYPED_TEST(BothKinds, BeginTwicePanics) {
  auto g = countdown<TypeParam>(3);
  auto it = g.begin();
  EXPECT_EQ(*it, 3);
  EXPECT_DEATH(g.begin(), "begin\\(\\) called twice");
}

template <class Kind>
typename Kind::template type<int> three_locals(std::string* log) {
  trace a{log, 'a'};
  co_yield 1;
  trace b{log, 'b'};
  co_yield 2;
  {
    trace c{log, 'c'};
    co_yield 3;
  }
  trace d{log, 'd'};
  co_yield 4;
}

TYPED_TEST(BothKinds, EarlyBreakInEveryStateDestroysLiveLocalsInReverseOrder) {
  const char* want[] = {
      "",                  // never started: no local was constructed
      "+a-a",              // stopped at co_yield 1
      "+a+b-b-a",          // at co_yield 2
      "+a+b+c-c-b-a",      // at co_yield 3 (inside the block)
      "+a+b+c-c+d-d-b-a",  // at co_yield 4
      "+a+b+c-c+d-d-b-a",  // finished
  };
  for (int stop = 0; stop <= 5; ++stop) {
    std::string log;
    {
      auto g = three_locals<TypeParam>(&log);
      int taken = 0;
      if (stop > 0) {
        for (int v : g) {
          if (++taken == stop) break;
          (void)v;
        }
      }
    }
    EXPECT_EQ(log, want[stop]) << "stopped after " << stop << " elements";
    EXPECT_EQ(generator_frames::alive(), 0u);
  }
}

TYPED_TEST(BothKinds, FailedAllocationGivesAnInvalidGeneratorThatSaysSo) {
  generator_frames::fail_allocation();
  auto g = on_heap(countdown<TypeParam>, 3);
  EXPECT_FALSE(g.valid());
  EXPECT_TRUE(g.allocation_failed());
  EXPECT_TRUE(g.begin() == g.end());
  EXPECT_EQ(generator_frames::failed(), 1u);
  EXPECT_EQ(generator_frames::allocated(), 0u);
  EXPECT_EQ(generator_frames::created(), 0u) << "no body, no promise";
  auto moved = std::move(g);
  EXPECT_TRUE(moved.allocation_failed()) << "the failure moves with the generator";
  auto again = on_heap(countdown<TypeParam>, 2);  // the failure was for one allocation only
  EXPECT_TRUE(again.valid());
}

// Before: the promise's operator delete was not sized, so an allocator never learnt the size
// of the frame it was given back.
TYPED_TEST(BothKinds, FramesAreFreedWithTheirSize) {
  generator_testing::sized_deletes::reset();
  {
    auto g = on_heap(countdown<TypeParam>, 3);
    ASSERT_EQ(generator_frames::allocated(), 1u);
  }
  EXPECT_EQ(generator_testing::sized_deletes::last_size(), generator_frames::last_size());
}

// ---- elements_of: only generator ------------------------------------------------------------

generator<int> range(int from, int to) {
  for (int i = from; i < to; ++i) co_yield i;
}

generator<int> concatenated() {
  co_yield 0;
  co_yield elements_of(range(1, 4));
  co_yield elements_of(range(4, 4));  // an empty nested generator
  co_yield 4;
  co_yield elements_of(range(5, 7));
}

// Before: this counted allocations, and a compiler that elides nested frames (Clang -O2)
// allocates only one of the four.
TEST_F(Generator, ElementsOfYieldsTheNestedSequence) {
  EXPECT_EQ(collect(concatenated()), (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(generator_frames::created(), 4u);
  EXPECT_LE(generator_frames::allocated(), 4u);
}

// An rvalue generator is adopted: once it finishes, its frame is freed at once, not when the
// variable that held it goes out of scope. Before: it lived as long as that variable.
TEST_F(Generator, ElementsOfAnRvalueTakesTheFrameAndFreesItWhenItFinishes) {
  auto body = []() -> generator<int> {
    auto inner = range(0, 2);
    co_yield elements_of(std::move(inner));
    co_yield static_cast<int>(generator_frames::alive());  // inner is gone: only this frame
    co_yield inner.valid() ? 1 : 0;                         // moved from
  };
  EXPECT_EQ(collect(body()), (std::vector<int>{0, 1, 1, 0}));
}

// Destroying an outer generator in the middle of an adopted one exits scopes innermost first:
// the nested frame (which the awaiter of the co_yield owns) before the outer's locals, even a
// local declared after the nested generator. Before: `inner` was destroyed with the outer's
// locals, after `o`.
TEST_F(Generator, ScopesExitInnermostFirst) {
  std::string log;
  auto inner_body = [](std::string* l) -> generator<int> {
    trace i{l, 'i'};
    co_yield 1;
    co_yield 2;
  };
  auto outer = [&](std::string* l) -> generator<int> {
    auto inner = inner_body(l);
    trace o{l, 'o'};
    co_yield elements_of(std::move(inner));
  };
  {
    auto g = outer(&log);
    auto it = g.begin();
    EXPECT_EQ(*it, 1);
  }
  EXPECT_EQ(log, "+o+i-i-o");
}

// An lvalue generator is iterated as a range: the outer generator never takes it. Before: it
// was adopted, so its frames pointed at the outer's, and destroying the outer mid-way left `g`
// pointing at freed frames (a heap-use-after-free under ASan, when g was destroyed or used).
TEST_F(Generator, ElementsOfAnLvalueGeneratorIteratesItAndLeavesItToItsOwner) {
  std::string log;
  auto inner_body = [](std::string* l) -> generator<int> {
    trace i{l, 'i'};
    co_yield 1;
    co_yield 2;
    co_yield 3;
  };
  auto outer = [](generator<int>* inner) -> generator<int> {
    co_yield 0;
    co_yield elements_of(*inner);
    co_yield 4;
  };
  {
    auto g = inner_body(&log);
    {
      auto o = outer(&g);
      auto it = o.begin();
      ++it;
      EXPECT_EQ(*it, 1);
      ++it;
      EXPECT_EQ(*it, 2);
    }  // the outer generator is destroyed in the middle of g
    EXPECT_TRUE(g.valid()) << "g is still its owner's";
    EXPECT_EQ(log, "+i") << "g's locals belong to g";
    EXPECT_DEATH(g.begin(), "begin\\(\\) called twice") << "g was started by the outer loop";
  }
  EXPECT_EQ(log, "+i-i");
}

TEST_F(Generator, ElementsOfAnLvalueGeneratorNotStartedYieldsAllOfIt) {
  auto body = []() -> generator<int> {
    auto inner = range(0, 3);
    co_yield elements_of(inner);
    co_yield 10;
  };
  EXPECT_EQ(collect(body()), (std::vector<int>{0, 1, 2, 10}));
}

// P2502 adopts only a generator that has not started; here that precondition is checked.
TEST_F(Generator, AdoptingAStartedGeneratorPanics) {
  auto outer = [](generator<int> inner) -> generator<int> {
    co_yield elements_of(std::move(inner));
  };
  auto inner = range(0, 3);
  auto it = inner.begin();
  EXPECT_EQ(*it, 0);
  auto o = outer(std::move(inner));
  EXPECT_DEATH(o.begin(), "already started");
}

// A generator of another type with the same `yielded` is adopted too (no frame in between);
// one with another `yielded` is iterated as a range.
TEST_F(Generator, ElementsOfAGeneratorOfAnotherType) {
  auto rvalues = []() -> generator<int&&> {
    co_yield 1;
    co_yield 2;
  };
  auto same_yielded = [&]() -> generator<int> { co_yield elements_of(rvalues()); };
  EXPECT_EQ(collect(same_yielded()), (std::vector<int>{1, 2}));
  EXPECT_EQ(generator_frames::created(), 2u) << "adopted: no frame in between";

  generator_frames::reset();
  std::vector<int> data{5, 6};
  auto lvalues = [](std::vector<int>& v) -> generator<int&> {
    for (int& x : v) co_yield x;
  };
  auto other_yielded = [&]() -> generator<const int&> { co_yield elements_of(lvalues(data)); };
  EXPECT_EQ(collect(other_yielded()), (std::vector<int>{5, 6}));
  EXPECT_EQ(generator_frames::created(), 3u) << "iterated: a frame in between";
}

TEST_F(Generator, ElementsOfAnyInputRange) {
  auto body = []() -> generator<const int&> {
    // (GCC 12 cannot compile a braced list inside a co_yield: "array used as initializer".)
    std::vector<int> temporary{40, 30};
    co_yield elements_of(std::move(temporary));
    const std::vector<int> kept{20, 10};
    co_yield elements_of(kept);
    co_yield elements_of(generator_testing::single_pass{3});  // move-only iterator
  };
  EXPECT_EQ(collect(body()), (std::vector<int>{40, 30, 20, 10, 0, 1, 2}));
}

generator<int> nested(int depth) {
  co_yield depth;
  if (depth > 0) co_yield elements_of(nested(depth - 1));
  co_yield -depth;
}

TEST_F(Generator, DeepRecursion) {
  std::vector<int> want;
  for (int d = 100; d >= 0; --d) want.push_back(d);
  for (int d = 0; d <= 100; ++d) want.push_back(-d);
  EXPECT_EQ(collect(nested(100)), want);
  EXPECT_EQ(generator_frames::created(), 101u);
}

TEST_F(Generator, EarlyBreakInsideADeepChainFreesEveryFrame) {
  std::string log;
  auto level = [](auto& self, std::string* l, int depth) -> generator<int> {
    trace t{l, static_cast<char>('0' + depth)};
    co_yield depth;
    if (depth > 0) co_yield elements_of(self(self, l, depth - 1));
  };
  {
    auto g = level(level, &log, 3);
    for (int v : g) {
      if (v == 1) break;
    }
    EXPECT_EQ(generator_frames::alive(), 3u);  // levels 3, 2 and 1 are alive
  }
  EXPECT_EQ(log, "+3+2+1-1-2-3") << "innermost frame first";
}

struct node {
  int value;
  const node* left;
  const node* right;
};

generator<int> in_order(const node* n) {
  if (n == nullptr) co_return;
  co_yield elements_of(in_order(n->left));
  co_yield n->value;
  co_yield elements_of(in_order(n->right));
}

TEST_F(Generator, WalksATreeInOrder) {
  const node n1{1, nullptr, nullptr}, n3{3, nullptr, nullptr}, n2{2, &n1, &n3};
  const node n5{5, nullptr, nullptr}, n4{4, &n2, &n5};
  EXPECT_EQ(collect(in_order(&n4)), (std::vector<int>{1, 2, 3, 4, 5}));
}

#if defined(COFRAME_EXPECT_HALO)
// This build is the one where the compiler elides frames: check that it does, or the tests
// here would not have run where frames live in their callers. (Whether it elides a given
// frame is its own decision: a plain_generator consumed on the spot, it does; a nested frame
// never, because the chain keeps its handle.)
TEST_F(Generator, ThisBuildElidesFrames) {
  int sum = 0;
  for (int v : countdown<plain>(3)) sum += v;
  EXPECT_EQ(sum, 6);
  EXPECT_EQ(generator_frames::created(), 1u);
  EXPECT_EQ(generator_frames::allocated(), 0u) << "the frame came from the heap after all";
}
#endif

// ---- stack use --------------------------------------------------------------------------------

// A chain in which every level delegates at once, without yielding: entering it and (when
// the innermost finishes) leaving it pass through every level in a row.
generator<int> delegates_only(int depth) {
  if (depth == 0) {
    co_yield 1;
    co_yield 2;
    co_return;
  }
  co_yield elements_of(delegates_only(depth - 1));
}

// Destroying a chain suspended at its innermost level. Before: each frame destroyed its child
// from inside its own destruction, one nested call per level (on the board: 16 bytes per
// level; 650 levels overran an 8 KiB stack).
TEST_F(Generator, DestroyingASuspendedDeepChainUsesNoStackPerLevel) {
  constexpr int depth = 5'000;
  auto g = delegates_only(depth);
  auto it = g.begin();
  ASSERT_EQ(*it, 1);
  ASSERT_EQ(generator_frames::alive(), depth + 1u);
  // 64 KiB of stack: a recursion through 5 000 levels needs far more than that. (The chain is
  // built on the main thread: under AddressSanitizer, GCC does not make symmetric transfer a
  // jump, so entering the chain takes stack in proportion to its depth.)
  generator_testing::run_with_stack(64 * 1024, [&] { auto dying = std::move(g); });
  EXPECT_EQ(generator_frames::alive(), 0u);
}

// The tests of entering and leaving a chain without stack growth run on the board, where the
// stack can be measured (labs/02-generators/tests/lab02_test.cpp): on a host, AddressSanitizer
// keeps GCC from turning symmetric transfer into a jump.

// ---- allocation failure in a chain --------------------------------------------------------------

// Before: fail_allocation(1) aimed at the first nested frame, which Clang elides, and so hit a
// later, unrelated generator. The nested generator here comes from a call the compiler cannot
// inline, so its frame is always allocated, and the fixture checks the failure did happen.
TEST_F(Generator, FailedNestedAllocationCutsTheSequenceShortAndTheRootSaysSo) {
  auto body = []() -> generator<int> {
    co_yield 0;
    co_yield elements_of(on_heap(range, 1, 4));
    co_yield 4;
  };
  auto g = body();
  auto it = g.begin();
  EXPECT_EQ(*it, 0);
  generator_frames::fail_allocation();  // the nested frame
  std::vector<int> rest;
  for (++it; it != g.end(); ++it) rest.push_back(*it);
  EXPECT_EQ(rest, (std::vector<int>{4})) << "range(1, 4) could not be allocated";
  EXPECT_TRUE(g.valid());
  EXPECT_TRUE(g.allocation_failed());
  EXPECT_EQ(generator_frames::failed(), 1u);
}

TEST_F(Generator, AnEmptyNestedGeneratorIsNotAFailure) {
  auto body = []() -> generator<int> {
    co_yield elements_of(generator<int>{});
    co_yield 1;
  };
  auto g = body();
  EXPECT_EQ(collect(std::move(g)), (std::vector<int>{1}));
  auto h = body();
  for (int v : h) (void)v;
  EXPECT_FALSE(h.allocation_failed());
}

// The range elements_of iterates needs a frame of its own, which may fail too.
TEST_F(Generator, FailedAllocationForARangeIsReportedToo) {
  auto body = []() -> generator<const int&> {
    co_yield 0;
    std::vector<int> v{1, 2};
    generator_frames::fail_allocation();
    co_yield elements_of(std::move(v));
    co_yield 3;
  };
  auto g = body();
  EXPECT_EQ(collect(std::move(g)), (std::vector<int>{0, 3}));
  auto h = body();
  for (int v : h) (void)v;
  EXPECT_TRUE(h.allocation_failed());
}

// ---- over-aligned frames ---------------------------------------------------------------------

#if !defined(__clang__)
// GCC 12 aligns a frame that needs more than the heap's alignment itself. (Clang 14 does not,
// and cannot be made to in C++20: see the header.)
TEST_F(Generator, GccAlignsAnOverAlignedLocal) {
  struct alignas(64) block {
    char bytes[64];
  };
  auto body = []() -> generator<std::size_t> {
    block b{};
    co_yield reinterpret_cast<std::uintptr_t>(&b) % alignof(block);
    co_yield reinterpret_cast<std::uintptr_t>(&b) % alignof(block);
  };
  for (int i = 0; i < 8; ++i) {
    for (std::size_t misalignment : on_heap(body)) EXPECT_EQ(misalignment, 0u);
  }
}
#endif

}  // namespace
