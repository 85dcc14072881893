// Host tests for coframe/coro/generator.hpp, under AddressSanitizer and UBSan: sequences, references
// without copies, the contract for invalid and finished generators, early break in every state,
// destruction order, nested generators (elements_of) deep and wide, allocation failure, and
// no frame leaked by any test (the fixture checks generator_frames::outstanding()).
#include <coframe/coro/generator.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <ranges>
#include <string>
#include <vector>

namespace {

using coframe::elements_of;
using coframe::generator;
using coframe::generator_frames;

static_assert(std::ranges::input_range<generator<int>>);
static_assert(std::ranges::input_range<generator<const std::string&>>);

class Generator : public ::testing::Test {
 protected:
  void SetUp() override { generator_frames::reset(); }
  void TearDown() override {
    EXPECT_EQ(generator_frames::outstanding(), 0u) << "a generator frame leaked";
    EXPECT_EQ(generator_frames::allocated(), generator_frames::freed());
  }
};

generator<int> countdown(int n) {
  while (n > 0) co_yield n--;
}

template <class T>
std::vector<std::remove_cvref_t<T>> collect(generator<T> g) {
  std::vector<std::remove_cvref_t<T>> out;
  for (auto&& v : g) out.push_back(v);
  return out;
}

TEST_F(Generator, YieldsItsSequenceInOrder) {
  EXPECT_EQ(collect(countdown(4)), (std::vector<int>{4, 3, 2, 1}));
  EXPECT_EQ(generator_frames::allocated(), 1u);
}

TEST_F(Generator, EmptyBodyYieldsNothing) { EXPECT_TRUE(collect(countdown(0)).empty()); }

TEST_F(Generator, IsLazy) {
  int runs = 0;
  auto body = [](int* r) -> generator<int> {
    ++*r;
    co_yield 1;
  };
  auto g = body(&runs);
  EXPECT_EQ(runs, 0) << "the body must not run before begin()";
  auto it = g.begin();
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(*it, 1);
}

// A type that counts its copies and moves.
struct tally {
  static inline int copies = 0, moves = 0;
  int value = 0;
  explicit tally(int v) : value(v) {}
  tally(const tally& o) : value(o.value) { ++copies; }
  tally(tally&& o) noexcept : value(o.value) { ++moves; }
  tally& operator=(const tally&) = delete;
  tally& operator=(tally&&) = delete;
};

TEST_F(Generator, YieldsReferencesWithoutCopies) {
  tally::copies = tally::moves = 0;
  const tally* address_in_body = nullptr;
  auto body = [](const tally** where) -> generator<const tally&> {
    tally local{7};
    *where = &local;
    co_yield local;      // an lvalue: the reference is to the local in the frame
    co_yield tally{8};   // a temporary: lives until the body resumes
  };
  auto g = body(&address_in_body);
  auto it = g.begin();
  EXPECT_EQ(&*it, address_in_body);
  EXPECT_EQ(it->value, 7);
  ++it;
  EXPECT_EQ((*it).value, 8);
  ++it;
  EXPECT_TRUE(it == g.end());
  EXPECT_EQ(tally::copies, 0);
  EXPECT_EQ(tally::moves, 0);
}

TEST_F(Generator, ReferenceGeneratorLetsTheCallerModify) {
  std::vector<int> data{1, 2, 3};
  auto all = [](std::vector<int>& v) -> generator<int&> {
    for (int& x : v) co_yield x;
  };
  for (int& x : all(data)) x *= 10;
  EXPECT_EQ(data, (std::vector<int>{10, 20, 30}));
}

TEST_F(Generator, MovedFromAndDefaultAreInvalidAndEmpty) {
  generator<int> none;
  EXPECT_FALSE(none.valid());
  EXPECT_TRUE(none.begin() == none.end());
  auto g = countdown(2);
  auto h = std::move(g);
  EXPECT_FALSE(g.valid());  // NOLINT(bugprone-use-after-move): the contract under test
  EXPECT_TRUE(g.begin() == g.end());
  EXPECT_TRUE(h.valid());
  EXPECT_EQ(collect(std::move(h)), (std::vector<int>{2, 1}));
}

TEST_F(Generator, MoveAssignmentDestroysTheOldFrame) {
  auto g = countdown(3);
  g = countdown(1);
  EXPECT_EQ(generator_frames::outstanding(), 1u);
  EXPECT_EQ(collect(std::move(g)), (std::vector<int>{1}));
}

TEST_F(Generator, FinishedGeneratorStaysAtEnd) {
  auto g = countdown(1);
  for (int v : g) EXPECT_EQ(v, 1);
  EXPECT_TRUE(g.valid());
  EXPECT_TRUE(g.begin() == g.end()) << "begin() on a finished generator must not resume it";
  EXPECT_TRUE(g.begin() == g.end());
}

// Records constructions and destructions of named locals.
struct trace {
  std::string* log;
  char name;
  trace(std::string* l, char n) : log(l), name(n) { *log += '+', *log += name; }
  trace(const trace&) = delete;
  trace& operator=(const trace&) = delete;
  ~trace() { *log += '-', *log += name; }
};

generator<int> three_locals(std::string* log) {
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

TEST_F(Generator, EarlyBreakInEveryStateDestroysLiveLocalsInReverseOrder) {
  const char* want[] = {
      "",                          // never started: no local was constructed
      "+a-a",                      // stopped at co_yield 1
      "+a+b-b-a",                  // at co_yield 2
      "+a+b+c-c-b-a",              // at co_yield 3 (inside the block)
      "+a+b+c-c+d-d-b-a",          // at co_yield 4
      "+a+b+c-c+d-d-b-a",          // finished
  };
  for (int stop = 0; stop <= 5; ++stop) {
    std::string log;
    {
      auto g = three_locals(&log);
      int taken = 0;
      if (stop > 0) {
        for (int v : g) {
          if (++taken == stop) break;
          (void)v;
        }
      }
    }
    EXPECT_EQ(log, want[stop]) << "stopped after " << stop << " elements";
    EXPECT_EQ(generator_frames::outstanding(), 0u);
  }
}

// Nested generators.
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

TEST_F(Generator, ElementsOfYieldsTheNestedSequence) {
  EXPECT_EQ(collect(concatenated()), (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(generator_frames::allocated(), 4u);
}

TEST_F(Generator, ElementsOfAnLvalueGenerator) {
  auto body = []() -> generator<int> {
    auto inner = range(0, 3);
    co_yield elements_of(inner);
    co_yield 10;
  };
  EXPECT_EQ(collect(body()), (std::vector<int>{0, 1, 2, 10}));
}

TEST_F(Generator, ElementsOfAStartedGeneratorContinuesWhereItStopped) {
  // inner is itself suspended inside a nested generator when it is delegated to.
  auto inner_body = []() -> generator<int> {
    co_yield 1;
    co_yield elements_of(range(2, 5));
    co_yield 5;
  };
  auto body = [](generator<int>* inner) -> generator<int> {
    co_yield elements_of(*inner);
    co_yield 6;
  };
  auto inner = inner_body();
  auto it = inner.begin();
  EXPECT_EQ(*it, 1);
  ++it;
  EXPECT_EQ(*it, 2);  // inner's leaf is now range(2, 5)
  EXPECT_EQ(collect(body(&inner)), (std::vector<int>{3, 4, 5, 6}));
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
  EXPECT_EQ(generator_frames::allocated(), 101u);
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
    EXPECT_EQ(generator_frames::outstanding(), 3u);  // levels 3, 2 and 1 are alive
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

// Allocation failure.
TEST_F(Generator, FailedAllocationGivesAnInvalidGenerator) {
  generator_frames::fail_allocation();
  auto g = countdown(3);
  EXPECT_FALSE(g.valid());
  EXPECT_TRUE(g.allocation_failed());
  EXPECT_TRUE(g.begin() == g.end());
  EXPECT_EQ(generator_frames::failed(), 1u);
  EXPECT_EQ(generator_frames::allocated(), 0u);
  auto again = countdown(2);  // the failure was for one allocation only
  EXPECT_TRUE(again.valid());
}

TEST_F(Generator, FailedNestedAllocationIsReportedAtTheRoot) {
  generator_frames::fail_allocation(1);  // the root gets its frame, the first nested does not
  auto h = concatenated();
  std::vector<int> got;
  for (int v : h) got.push_back(v);
  EXPECT_EQ(got, (std::vector<int>{0, 4, 5, 6})) << "range(1, 4) could not be allocated";
  EXPECT_TRUE(h.valid());
  EXPECT_TRUE(h.allocation_failed());
  auto whole = concatenated();
  for (int v : whole) (void)v;
  EXPECT_FALSE(whole.allocation_failed());
}

}  // namespace
