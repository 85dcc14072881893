// coframe::generator against P2502 (C++23 std::generator), tested the way the standard
// libraries test their own: the checks of libstdc++ (testsuite/24_iterators/range_generators),
// libc++ (test/std/ranges/coro.generator) and Microsoft's STL (tests/std/tests/P2502R2_generator)
// that apply without an Allocator parameter and without exceptions, restated here. Where a
// check needs a range adaptor it runs under GCC only: Clang 14 cannot compile libstdc++ 12's
// range adaptors at all, even over a std::vector.
#include "generator_testing.hpp"

#include <coframe/coro/generator.hpp>

#include <gtest/gtest.h>

#include <array>
#include <concepts>
#include <cstddef>
#include <forward_list>
#include <iterator>
#include <ranges>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using coframe::elements_of;
using coframe::generator;
using coframe::generator_frames;
using coframe::plain_generator;
using generator_testing::collect;

class Conformance : public generator_testing::frames_fixture {};

// ---- the types: libc++'s generator.compile.pass.cpp and the STL's static_checks -----------

template <class G, class V, class R, class RR>
constexpr bool conformance() {
  static_assert(std::ranges::range<G>);
  static_assert(std::ranges::view<G>);
  static_assert(std::ranges::input_range<G>);
  static_assert(!std::ranges::forward_range<G>);
  static_assert(!std::ranges::borrowed_range<G>);
  static_assert(!std::ranges::common_range<G>);
  static_assert(std::same_as<std::ranges::range_value_t<G>, V>);
  static_assert(std::same_as<std::ranges::range_difference_t<G>, std::ptrdiff_t>);
  static_assert(std::same_as<std::ranges::range_reference_t<G>, R>);
  static_assert(std::same_as<std::ranges::range_rvalue_reference_t<G>, RR>);
  static_assert(!std::copy_constructible<G>);
  static_assert(std::movable<std::ranges::iterator_t<G>>);
  static_assert(!std::copy_constructible<std::ranges::iterator_t<G>>);
  return true;
}
template <class R, class V, class Value, class Ref, class RRef>
constexpr bool both_kinds() {
  return conformance<generator<R, V>, Value, Ref, RRef>() &&
         conformance<plain_generator<R, V>, Value, Ref, RRef>();
}

static_assert(both_kinds<int, void, int, int&&, int&&>());
static_assert(both_kinds<int, int, int, int, int>());
static_assert(both_kinds<int&, void, int, int&, int&&>());
static_assert(both_kinds<int&, int, int, int&, int&&>());
static_assert(both_kinds<const int&, void, int, const int&, const int&&>());
static_assert(both_kinds<const int&, int, int, const int&, const int&&>());
static_assert(both_kinds<int&&, void, int, int&&, int&&>());
static_assert(both_kinds<int&&, int, int, int&&, int&&>());
static_assert(both_kinds<const int&&, void, int, const int&&, const int&&>());
static_assert(both_kinds<const int&&, int, int, const int&&, const int&&>());

// P2502's `yielded`: `reference` if it is a reference, else `const reference&`.
static_assert(std::same_as<generator<int>::yielded, int&&>);
static_assert(std::same_as<generator<const int&>::yielded, const int&>);
static_assert(std::same_as<generator<int&>::yielded, int&>);
static_assert(std::same_as<generator<int, int>::yielded, const int&>);

// libstdc++'s iter_deref_return.cc: *it returns the reference type, not the yielded one.
static_assert(std::same_as<decltype(*std::declval<generator<bool, bool>>().begin()), bool>);
static_assert(std::same_as<generator<bool, bool>::yielded, const bool&>);

// libstdc++'s pr118022.cc: a type whose copy constructor is explicit can be yielded as a const
// lvalue into a generator of rvalue references (the copy is direct-initialised).
struct explicit_copy {
  explicit_copy() = default;
  explicit explicit_copy(const explicit_copy&) = default;
};
[[maybe_unused]] generator<explicit_copy&&> explicit_copies() {
  const explicit_copy o;
  co_yield o;
}

// ---- running: libstdc++'s 01.cc, libc++'s generator.pass.cpp, the STL's main -----------------

generator<int> bar() {
  co_yield 3;
  co_yield 4;
}
generator<int> foo() {
  co_yield 1;
  co_yield 2;
  co_yield elements_of{bar()};  // braces, as libstdc++ writes it
  co_yield 5;
}
TEST_F(Conformance, Libstdcxx01) { EXPECT_EQ(collect(foo()), (std::vector<int>{1, 2, 3, 4, 5})); }

template <class Ref = const int&>
generator<Ref, int> meow(const int hi) {
  for (int i = 0; i < hi; ++i) co_yield i;
}

TEST_F(Conformance, StlMeow) {
  EXPECT_EQ(collect(meow(6)), (std::vector<int>{0, 1, 2, 3, 4, 5}));
  // With a mutable lvalue reference the consumer writes into the body's variable.
  auto r = meow<int&>(32);
  auto pos = r.begin();
  for (int i = 0; i < 16; ++i, ++*pos, ++pos) {
    ASSERT_TRUE(pos != r.end());
    EXPECT_EQ(*pos, 2 * i);
  }
  EXPECT_TRUE(pos == r.end());
}

// A generator of xvalues: the consumer may move from what the body yields with std::move, and
// the body sees it moved from; an lvalue the body yields is copied, and left alone.
TEST_F(Conformance, StlMutableXvalueReference) {
  auto woof = [](std::size_t size, std::size_t count) -> generator<std::vector<int>&&> {
    std::vector<int> vec;
    while (count-- > 0) {
      vec.assign(size, static_cast<int>(count));
      co_yield std::move(vec);
    }
    vec.assign(size, 7);
    const auto tmp = vec;
    co_yield vec;  // an lvalue: copied
    EXPECT_EQ(tmp, vec) << "the consumer moved from the body's lvalue";
  };
  constexpr std::size_t size = 16;
  auto r = woof(size, 4);
  int n = 0;
  for (auto i = r.begin(); i != r.end(); ++i, ++n) {
    std::vector<int> vec = *i;
    EXPECT_EQ(vec.size(), size);
    EXPECT_TRUE((*i).empty());
  }
  EXPECT_EQ(n, 5);
}

template <std::ranges::input_range Rng1, std::ranges::input_range Rng2>
generator<std::tuple<std::ranges::range_reference_t<Rng1>, std::ranges::range_reference_t<Rng2>>,
          std::tuple<std::ranges::range_value_t<Rng1>, std::ranges::range_value_t<Rng2>>>
zip(Rng1 r1, Rng2 r2) {
  auto it1 = std::ranges::begin(r1);
  auto it2 = std::ranges::begin(r2);
  const auto end1 = std::ranges::end(r1);
  const auto end2 = std::ranges::end(r2);
  for (; it1 != end1 && it2 != end2; ++it1, ++it2) co_yield {*it1, *it2};
}

TEST_F(Conformance, StlZip) {
  int length = 0;
  for (auto x : zip(std::array{1, 2, 3}, std::vector{10, 20, 30, 40, 50})) {
    static_assert(std::same_as<decltype(x), std::tuple<int&, int&>>);
    EXPECT_EQ(std::get<0>(x) * 10, std::get<1>(x));
    ++length;
  }
  EXPECT_EQ(length, 3);
}

generator<int> iota_repeater(const int hi, const int depth) {
  if (depth > 0) {
    co_yield elements_of(iota_repeater(hi, depth - 1));
    co_yield elements_of(iota_repeater(hi, depth - 1));
  } else {
    co_yield elements_of(meow<int>(hi));
  }
}

TEST_F(Conformance, StlRecursive) {
  EXPECT_EQ(collect(iota_repeater(3, 2)), (std::vector<int>{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}));
}

TEST_F(Conformance, StlArbitraryRanges) {
  auto yield_arbitrary_ranges = []() -> generator<const int&> {
    // (GCC 12 cannot compile a braced list inside a co_yield: "array used as initializer".)
    std::vector<int> temporary{40, 30, 20, 10};
    co_yield elements_of(std::move(temporary));
    std::forward_list<int> fl{500, 400, 300};
    co_yield elements_of(fl);
    co_yield elements_of(generator_testing::single_pass{4});
  };
  EXPECT_EQ(collect(yield_arbitrary_ranges()),
            (std::vector<int>{40, 30, 20, 10, 500, 400, 300, 0, 1, 2, 3}));
}

// The STL's adl_proof_test: nothing in the generator, its iterator or its promise may make
// argument-dependent lookup instantiate a template argument's class (here, one that cannot be
// instantiated: its member has an incomplete type).
template <class T>
struct holder {
  T t;
};
struct incomplete;
using validator = holder<incomplete>*;

struct validators {  // an input range of 42 null validators, as prvalues
  struct iterator {
    int i = 0;
    using value_type = validator;
    using difference_type = std::ptrdiff_t;
    validator operator*() const { return nullptr; }
    iterator& operator++() {
      ++i;
      return *this;
    }
    void operator++(int) { ++i; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) { return it.i == 42; }
  };
  iterator begin() const { return {}; }
  std::default_sentinel_t end() const { return {}; }
};

TEST_F(Conformance, StlAdlProof) {
  auto yield_range = []() -> generator<validator> { co_yield elements_of(validators{}); };
  using R = decltype(yield_range());
  static_assert(std::ranges::input_range<R>);
  using It = std::ranges::iterator_t<R>;
  static_assert(std::is_same_v<decltype(&std::declval<It&>()), It*>);
  using Promise = R::promise_type;
  static_assert(std::is_same_v<decltype(&std::declval<Promise&>()), Promise*>);
  std::size_t i = 0;
  for (const auto elem : yield_range()) {
    ++i;
    EXPECT_TRUE(elem == nullptr);  // (EXPECT_EQ itself is not ADL-proof)
  }
  EXPECT_EQ(i, 42u);
}

// libstdc++'s subrange.cc: a range between two yields, by reference.
TEST_F(Conformance, LibstdcxxSubrange) {
  auto yield_vector = []() -> generator<int&> {
    std::vector foo{1, 2, 3};
    auto x = 123;
    co_yield x;
    co_yield elements_of{foo};
    x = 456;
    co_yield x;
  };
  EXPECT_EQ(collect(yield_vector()), (std::vector<int>{123, 1, 2, 3, 456}));
}

// ---- copies and moves: libstdc++'s 02.cc and copy.cc -------------------------------------

// Logs every copy and move; a copy multiplies the id by 100, so the log shows which object is
// which.
struct logged {
  static inline std::string log;
  int id;
  explicit logged(int i) : id(i) {}
  logged(const logged& o) : id(o.id * 100) { log += "copy " + std::to_string(o.id) + "; "; }
  logged(logged&& o) noexcept : id(o.id) {
    o.id = -1;
    log += "move " + std::to_string(id) + "; ";
  }
  logged& operator=(const logged&) = delete;
  logged& operator=(logged&&) = delete;
};

template <class Ref>
generator<Ref> four_ways() {
  co_yield logged{0};  // a temporary
  {
    logged f{1};
    co_yield f;  // an lvalue
  }
  {
    const logged f{2};
    co_yield f;  // a const lvalue
  }
  {
    logged f{3};
    co_yield std::move(f);  // an xvalue
  }
}

template <class Ref>
std::string by_value() {
  logged::log.clear();
  for (auto f : four_ways<Ref>()) logged::log += "got " + std::to_string(f.id) + "; ";
  return logged::log;
}
template <class Ref>
std::string by_reference() {
  logged::log.clear();
  for (const auto& f : four_ways<Ref>()) logged::log += "got " + std::to_string(f.id) + "; ";
  return logged::log;
}

TEST_F(Conformance, Libstdcxx02GeneratorOfValues) {
  // A value generator hands out rvalue references: the consumer moves; an lvalue of the body
  // is copied before it is handed out.
  const std::string want_by_value =
      "move 0; got 0; copy 1; move 100; got 100; copy 2; move 200; got 200; move 3; got 3; ";
  const std::string want_by_reference = "got 0; copy 1; got 100; copy 2; got 200; got 3; ";
  EXPECT_EQ(by_value<logged>(), want_by_value);
  EXPECT_EQ(by_reference<logged>(), want_by_reference);
  EXPECT_EQ(by_value<logged&&>(), want_by_value);
  EXPECT_EQ(by_reference<logged&&>(), want_by_reference);
}

TEST_F(Conformance, Libstdcxx02GeneratorOfConstReferences) {
  // The body's objects themselves, read-only: nothing is copied unless the consumer copies.
  EXPECT_EQ(by_value<const logged&>(),
            "copy 0; got 0; copy 1; got 100; copy 2; got 200; copy 3; got 300; ");
  EXPECT_EQ(by_reference<const logged&>(), "got 0; got 1; got 2; got 3; ");
}

// Before: `reference` was T& for generator<T>, so std::ranges::move (or `auto x =
// std::move(*it)`) emptied the body's live local behind its back.
TEST_F(Conformance, TheConsumerCannotEmptyALocalTheBodyStillUses) {
  auto body = [](std::string* after) -> generator<std::string> {
    std::string kept = "the body's own";
    co_yield kept;
    *after = kept;
  };
  std::string after;
  std::vector<std::string> taken;
  auto g = body(&after);
  std::ranges::move(g.begin(), g.end(), std::back_inserter(taken));
  EXPECT_EQ(taken, (std::vector<std::string>{"the body's own"}));
  EXPECT_EQ(after, "the body's own");
}

// Before: generator<std::string&&> handed out an lvalue of the body's xvalue.
TEST_F(Conformance, AGeneratorOfRvalueReferencesHandsOutRvalues) {
  auto body = []() -> generator<std::string&&> { co_yield std::string{"x"}; };
  auto g = body();
  auto it = g.begin();
  static_assert(std::same_as<decltype(*it), std::string&&>);
  EXPECT_EQ(*it, "x");
}

template <unsigned MaxCopies>
struct copy_max {
  int copies = 0;
  copy_max() = default;
  copy_max(const copy_max& o) : copies(o.copies + 1) {
    EXPECT_LE(copies, static_cast<int>(MaxCopies));
  }
  copy_max(copy_max&& o) noexcept { std::swap(o.copies, copies); }
  copy_max& operator=(const copy_max&) = delete;
  copy_max& operator=(copy_max&&) = delete;
};

template <class Ref>
generator<Ref> braced() {
  co_yield {};  // yield_value(yielded) takes a braced-init-list
}

TEST_F(Conformance, LibstdcxxCopy) {
  {
    auto gen = braced<const copy_max<1>&>();
    auto i = gen.begin();
    (void)*i;
    (void)*i;
    auto is = *i;
    EXPECT_GT(is.copies, 0);
  }
  {
    auto gen = braced<copy_max<0>&&>();
    auto i = gen.begin();
    (void)*i;
    (void)*i;
    auto is = *i;
    (void)is;
  }
  {
    auto gen = braced<copy_max<0>>();  // the same as the one before
    auto i = gen.begin();
    (void)*i;
    (void)*i;
    auto is = *i;
    (void)is;
  }
}

// ---- range adaptors: libc++'s generator.pass.cpp and recursive.pass.cpp, the STL's iota ----

#if !defined(__clang__)
generator<int> fib() {
  int a = 0;
  int b = 1;
  while (true) co_yield std::exchange(a, std::exchange(b, a + b));
}

generator<int> recursive_fib(int depth) {
  if (depth == 0) {
    co_yield elements_of(fib());
  } else {
    co_yield elements_of(recursive_fib(depth - 1));
  }
}

template <std::ranges::input_range R>
std::vector<int> to_vector(R&& r) {
  std::vector<int> out;
  for (int v : r) out.push_back(v);
  return out;
}

TEST_F(Conformance, LibcxxTake) {
  const std::vector<int> want{0, 1, 1, 2, 3};
  EXPECT_EQ(to_vector(fib() | std::views::take(5)), want);
  EXPECT_EQ(to_vector(recursive_fib(1) | std::views::take(5)), want);
  EXPECT_EQ(to_vector(recursive_fib(42) | std::views::take(5)), want);
  EXPECT_EQ(to_vector(plain_generator<int>{} | std::views::take(5)), std::vector<int>{});
}

generator<int> iota(int start = 0) {
  while (true) {
    co_yield start;
    ++start;
  }
}

TEST_F(Conformance, StlIotaTake3) {
  std::string out;
  for (auto i : iota() | std::views::take(3)) out += std::to_string(i) + ' ';
  EXPECT_EQ(out, "0 1 2 ");
}
#endif

struct tree_node {
  tree_node* left;
  tree_node* right;
  int element;
  ~tree_node() {
    delete left;
    delete right;
  }
};

tree_node* build_tree(int depth) {
  if (depth == 0) return nullptr;
  auto* root = new tree_node{build_tree(depth - 1), build_tree(depth - 1), depth};
  return root;
}

generator<int> traversal(tree_node* node) {
  if (node == nullptr) co_return;
  co_yield elements_of(traversal(node->left));
  co_yield node->element;
  co_yield elements_of(traversal(node->right));
}

TEST_F(Conformance, LibcxxRecursiveTraversal) {
  tree_node* root = build_tree(10);
  EXPECT_EQ(collect(traversal(root)).size(), 1023u);
  delete root;
}

}  // namespace
