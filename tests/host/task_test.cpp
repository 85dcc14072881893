// Host tests for coframe/coro/task.hpp under AddressSanitizer and UBSan, with GCC and Clang:
// laziness, results through co_await, symmetric transfer down a deep chain, allocation failure
// at every level turned into an error value with nothing leaked, destruction of a suspended
// chain innermost first, and where frames come from. No executor here: the tests resume the
// root by hand, and a "parking" awaitable stands for whatever a task would wait on.
#include <coframe/coro/task.hpp>
#include <coframe/frame/counting_frame_resource.hpp>
#include <coframe/frame/frame_scope.hpp>

#include <gtest/gtest.h>

#include <coroutine>
#include <memory>
#include <string>
#include <vector>

namespace {

using coframe::counting_frame_resource;
using coframe::error;
using coframe::frame_scope;
using coframe::result;
using coframe::task;

// A number the optimiser cannot see through, so no test is folded at compile time.
[[gnu::noinline]] int opaque(int x) {
  asm volatile("" : "+r"(x));
  return x;
}

// Runs a task from the outside, as an executor would: resume its frame until it ends.
template <class T>
void start(task<T>& t) {
  coframe::internal::task_access::frame(t).resume();
}
template <class T>
bool finished(task<T>& t) {
  return (coframe::internal::task_access::header(t).state &
          coframe::internal::task_header::finished) != 0;
}
template <class T>
result<T> run(task<T>& t) {
  start(t);
  EXPECT_TRUE(finished(t)) << "the task suspended: this test has nothing to resume it";
  return coframe::internal::task_access::take_result(t);
}

// What a task waits on in these tests: the awaiting coroutine parks here until the test
// resumes it (or destroys its chain).
struct parking {
  std::coroutine_handle<> parked;
  auto wait() {
    struct awaiter {
      parking& lot;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> h) noexcept { lot.parked = h; }
      void await_resume() const noexcept {}
    };
    return awaiter{*this};
  }
};

class Task : public ::testing::Test {
 protected:
  counting_frame_resource frames{"task frames"};
  frame_scope scope{frames};
};

std::vector<std::string> events;
struct noted {
  std::string name;
  explicit noted(std::string n) : name(std::move(n)) {}
  ~noted() { events.push_back("~" + name); }
};

// The coroutines whose frames a test counts are noinline: Clang can otherwise place a child's
// frame inside its parent's (HALO) and never call the allocator for it.
[[gnu::noinline]] task<int> add(int a, int b) {
  events.push_back("add runs");
  co_return a + b;
}

TEST_F(Task, IsLazyTheBodyRunsWhenAwaited) {
  events.clear();
  auto t = add(opaque(2), opaque(3));
  EXPECT_TRUE(t.valid());
  EXPECT_TRUE(events.empty()) << "the body ran before anyone awaited the task";
  EXPECT_EQ(frames.outstanding(), 1u) << "calling allocates the frame";
  EXPECT_EQ(*run(t), 5);
  EXPECT_EQ(events, std::vector<std::string>{"add runs"});
}

[[gnu::noinline]] task<int> sum_of_three(int a, int b, int c) {
  result<int> ab = co_await add(a, b);
  if (!ab) co_return -100;  // a frame below could not be allocated
  result<int> abc = co_await add(*ab, c);
  if (!abc) co_return -100;
  co_return *abc;
}
task<> nothing_back(int* out) {
  *out = *(co_await sum_of_three(1, 2, opaque(3)));
  co_return;
}

TEST_F(Task, CoAwaitGivesTheChildsResult) {
  auto t = sum_of_three(opaque(1), 2, 3);
  EXPECT_EQ(*run(t), 6);
  int out = 0;
  auto v = nothing_back(&out);
  EXPECT_TRUE(run(v).has_value());
  EXPECT_EQ(out, 6);
}

// Each level awaits the next. Optimised (GCC -O2, Clang) symmetric transfer makes the entry
// into a child and the return to the parent jumps, and the chain's depth costs no stack;
// under AddressSanitizer, or GCC below -O2, they are calls (tests/target/exec_test.cpp
// checks the stack on the board). Here: a deep chain gives the right answer and frees all.
[[gnu::noinline]] task<int> depth(int n) {
  if (n == 0) co_return 0;
  result<int> below = co_await depth(n - 1);
  co_return *below + 1;
}

TEST_F(Task, ADeepChainGivesItsResultAndFreesEveryFrame) {
  const int n = opaque(1000);
  {
    auto t = depth(n);
    EXPECT_EQ(*run(t), n);
    EXPECT_EQ(frames.allocated(), static_cast<std::size_t>(n) + 1);
  }
  EXPECT_EQ(frames.outstanding(), 0u);
}

[[gnu::noinline]] task<int> three_levels(int x) {
  result<int> r = co_await sum_of_three(x, x, x);
  if (!r) co_return -1;  // the child's own frame could not be allocated
  co_return *r;
}

// Awaits `t` and says what it gave: its value, or -2 for out_of_memory.
[[gnu::noinline]] task<int> await_it(task<int> t) {
  result<int> r = co_await std::move(t);
  if (!r) co_return r.error() == error::out_of_memory ? -2 : -3;
  co_return *r;
}

TEST_F(Task, AnAllocationFailureAtAnyLevelIsAnErrorValueAndLeaksNothing) {
  // three_levels -> sum_of_three -> add, add: four frames. Fail each in turn.
  counting_frame_resource outside{"await_it's frames"};
  for (std::size_t n = 1; n <= 4; ++n) {
    SCOPED_TRACE("failing frame " + std::to_string(n));
    frames.fail_at(n);
    auto inner = three_levels(opaque(2));  // frame 1
    task<int> t;
    {
      frame_scope elsewhere{outside};  // await_it's frame is not one of the four
      t = await_it(std::move(inner));
    }
    const int want[] = {0, -2, -1, -100, -100};  // by the frame that failed
    EXPECT_EQ(*run(t), want[n]) << "each level sees the failure of the frame below as a value";
    EXPECT_EQ(frames.failed(), n) << "the failure happened";
  }
  frames.fail_at(0);
  auto ok = three_levels(opaque(2));
  EXPECT_EQ(*run(ok), 6);
}

task<int> parked_leaf(parking& lot) {
  noted guard{"leaf"};
  co_await lot.wait();
  co_return 1;
}
task<int> parked_middle(parking& lot) {
  noted guard{"middle"};
  result<int> r = co_await parked_leaf(lot);
  co_return *r + 1;
}
task<int> parked_root(parking& lot) {
  noted guard{"root"};
  result<int> r = co_await parked_middle(lot);
  co_return *r + 1;
}

TEST_F(Task, DestroyingASuspendedChainFreesEveryFrameInnermostFirst) {
  events.clear();
  parking lot;
  {
    auto t = parked_root(lot);
    start(t);
    ASSERT_TRUE(lot.parked) << "the leaf is waiting";
    EXPECT_EQ(frames.outstanding(), 3u);
  }
  EXPECT_EQ(frames.outstanding(), 0u);
  EXPECT_EQ(events, (std::vector<std::string>{"~leaf", "~middle", "~root"}));
}

TEST_F(Task, AResumedChainFinishesAndGivesItsResult) {
  parking lot;
  auto t = parked_root(lot);
  start(t);
  EXPECT_FALSE(finished(t));
  lot.parked.resume();  // the leaf goes on, and symmetric transfer carries the chain to its end
  EXPECT_TRUE(finished(t));
  EXPECT_EQ(*coframe::internal::task_access::take_result(t), 3);
  EXPECT_EQ(frames.outstanding(), 1u) << "the children's frames are freed as they end";
}

task<int> with_resource(std::allocator_arg_t, coframe::frame_resource&, int x) { co_return x; }
struct carrier {
  counting_frame_resource* frames;
  counting_frame_resource& get_frame_allocator() const { return *frames; }
};
task<int> carried(carrier, int x) { co_return x; }

TEST_F(Task, FramesComeFromTheAllocatorTheCallNamesElseTheCurrentOne) {
  counting_frame_resource named{"named"}, carried_by{"carried"};
  auto a = with_resource(std::allocator_arg, named, opaque(1));
  auto b = carried(carrier{&carried_by}, opaque(2));
  auto c = add(opaque(3), 0);
  EXPECT_EQ(named.allocated(), 1u);
  EXPECT_EQ(carried_by.allocated(), 1u);
  EXPECT_EQ(frames.allocated(), 1u) << "no allocator among the arguments: the current one";
  EXPECT_EQ(*run(a) + *run(b) + *run(c), 6);
}

TEST_F(Task, AnInvalidTaskGivesOutOfMemoryWithoutSuspending) {
  task<int> moved_from = add(1, 2);
  task<int> taker = std::move(moved_from);
  EXPECT_FALSE(moved_from.valid());  // NOLINT: moved-from on purpose
  auto awaited = await_it(std::move(moved_from));
  EXPECT_EQ(*run(awaited), -2);
  EXPECT_EQ(*run(taker), 3);
}

TEST(TaskDeath, DestroyingATaskAnExecutorRunsStopsTheProgram) {
  EXPECT_DEATH(
      {
        auto t = add(1, 2);
        coframe::internal::task_access::header(t).state =
            coframe::internal::task_header::scheduled;
      },
      "a task an executor is running was destroyed behind its back");
}

TEST(ResultDeath, ValueOfAnErrorNamesTheError) {
  EXPECT_DEATH((void)result<int>{error::timed_out}.value(),
               "value\\(\\) of a result that holds an error: timed_out");
  EXPECT_DEATH(result<void>{error::full}.value(), "holds an error: full");
}

TEST(Result, HoldsAValueOrAnError) {
  result<int> v = opaque(7);
  result<int> e = error::closed;
  EXPECT_TRUE(v && !e);
  EXPECT_EQ(*v, 7);
  EXPECT_EQ(e.error(), error::closed);
  EXPECT_EQ(coframe::name(error::out_of_memory), "out_of_memory");
  result<std::unique_ptr<int>> moved = std::make_unique<int>(opaque(5));
  std::unique_ptr<int> p = *std::move(moved);
  EXPECT_EQ(*p, 5);
}

}  // namespace
