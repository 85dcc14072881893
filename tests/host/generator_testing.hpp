// What the generator's host tests share: a fixture that proves no frame leaked, helpers to
// collect a sequence, record constructions and destructions, keep a frame on the heap, run
// code on a small stack, and see the size a frame is freed with.
#pragma once

#include <coframe/coro/generator.hpp>

#include <gtest/gtest.h>

#include <pthread.h>

#include <cstddef>
#include <iterator>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace generator_testing {

/// Every test starts with an empty ledger and ends with no frame alive, no allocation
/// outstanding, and no failure asked for but not yet happened (it would hit a later test).
class frames_fixture : public ::testing::Test {
 protected:
  void SetUp() override { coframe::generator_frames::reset(); }
  void TearDown() override {
    EXPECT_EQ(coframe::generator_frames::alive(), 0u) << "a generator frame was not destroyed";
    EXPECT_EQ(coframe::generator_frames::outstanding(), 0u) << "a frame allocation was not freed";
    EXPECT_FALSE(coframe::generator_frames::failure_pending())
        << "fail_allocation() was asked for, but no allocation failed";
  }
};

/// Every element of `g`, as values.
template <class Generator>
auto collect(Generator&& g) {
  std::vector<std::remove_cvref_t<decltype(*g.begin())>> out;
  for (auto&& v : g) out.push_back(v);
  return out;
}

/// Records its construction (+name) and destruction (-name) in a log.
struct trace {
  std::string* log;
  char name;
  trace(std::string* l, char n) : log(l), name(n) { *log += '+', *log += name; }
  trace(const trace&) = delete;
  trace& operator=(const trace&) = delete;
  ~trace() { *log += '-', *log += name; }
};

/// Calls `f(args...)` where the compiler may not inline it. The generator it returns leaves
/// the call that created it, so its frame must come from the heap: no compiler can elide it
/// (HALO), and fail_allocation() reaches it on every compiler.
template <class F, class... Args>
[[gnu::noinline]] auto on_heap(F f, Args... args) {
  return f(args...);
}

/// Runs `f` on a thread whose stack is `bytes` long. A recursion through many levels overruns
/// it, and AddressSanitizer reports the overflow.
template <class F>
void run_with_stack(std::size_t bytes, F f) {
  pthread_attr_t attributes;
  ASSERT_EQ(pthread_attr_init(&attributes), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attributes, bytes), 0);
  pthread_t thread;
  auto run = [](void* function) -> void* {
    (*static_cast<F*>(function))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attributes, run, &f), 0);
  ASSERT_EQ(pthread_join(thread, nullptr), 0);
  pthread_attr_destroy(&attributes);
}

/// A single-pass input range of 0, 1, ..., n - 1 whose iterator can only be moved.
struct single_pass {
  int n;
  class iterator {
   public:
    using value_type = int;
    using difference_type = std::ptrdiff_t;
    explicit iterator(int i) : i_(i) {}
    iterator(iterator&&) = default;
    iterator& operator=(iterator&&) = default;
    int operator*() const { return i_; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    void operator++(int) { ++i_; }
    friend bool operator==(const iterator& it, int end) { return it.i_ == end; }

   private:
    int i_;
  };
  iterator begin() const { return iterator{0}; }
  int end() const { return n; }
};
static_assert(std::input_iterator<single_pass::iterator>);
static_assert(!std::copy_constructible<single_pass::iterator>);

/// The size the program's sized operator delete was last called with (it is replaced in
/// generator_testing.cpp, for the whole test program, to record it).
struct sized_deletes {
  static void reset() noexcept;
  static std::size_t last_size() noexcept;
};

}  // namespace generator_testing
