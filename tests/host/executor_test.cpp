// Host tests for coframe/exec/ under AddressSanitizer and UBSan, with GCC and Clang. The
// processor is simulated (coframe/exec/port.hpp): "interrupts" are functions the tests raise,
// pending while masked, and the clock ticks when a test (or the idle executor) raises the
// tick interrupt. Every test runs on frames from one counting allocator and ends with none
// outstanding, no task queued, no timer set, no spawned task alive.
#include <coframe/coro/task.hpp>
#include <coframe/exec/channel.hpp>
#include <coframe/exec/clock.hpp>
#include <coframe/exec/event.hpp>
#include <coframe/exec/executor.hpp>
#include <coframe/exec/irq_channel.hpp>
#include <coframe/exec/timer.hpp>
#include <coframe/exec/when_all.hpp>
#include <coframe/exec/when_any.hpp>
#include <coframe/exec/yield.hpp>
#include <coframe/frame/counting_frame_resource.hpp>
#include <coframe/frame/frame_scope.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

namespace host = coframe::port::host;
using coframe::error;
using coframe::instant;
using coframe::milliseconds;
using coframe::result;
using coframe::task;
using coframe::tick_clock;

// The executor's frames come from here (through its definition's allocator), and so do the
// frames of every task a test creates: the fixture opens a frame_scope on it.
struct test_heap {
  static inline coframe::counting_frame_resource* frames = nullptr;
  static std::optional<test_heap> get() noexcept { return test_heap{}; }
  void* allocate(std::size_t size, std::size_t alignment) const noexcept {
    return frames->allocate(size, alignment);
  }
  void deallocate(void* p, std::size_t size, std::size_t alignment) const noexcept {
    frames->deallocate(p, size, alignment);
  }
};
struct app {
  using allocator = test_heap;
};
using executor = coframe::thread_mode_executor<app>;
struct small_app {
  using allocator = test_heap;
  static constexpr std::size_t capacity = 4;
};
using small_executor = coframe::thread_mode_executor<small_app>;

void tick_interrupt(void*) { tick_clock::tick(); }

// When the executor would sleep, a tick comes (the SysTick of the board). A test that never
// ends would tick forever: after a million ticks it stops with a message instead.
std::size_t idle_ticks = 0;
void tick_when_idle() {
  if (++idle_ticks > 1'000'000) coframe::panic("the test's tasks wait for something that never comes");
  host::raise(tick_interrupt);
}

// Log of what tasks did, compared whole.
std::vector<std::string> events;
void note(std::string what) { events.push_back(std::move(what)); }

// Waits, a tick at a time, until every spawned task has ended. (Not by yielding: on the host
// time passes only while the executor sleeps, and a task that keeps yielding never lets it.)
task<> until_spawned_end() {
  while (executor::spawned() != 0) co_await coframe::sleep_for(milliseconds(1));
}
task<> let_others_run() { co_await coframe::yield_now(); }

class Executor : public ::testing::Test {
 protected:
  Executor() {
    host::reset();
    host::on_idle = tick_when_idle;
    idle_ticks = 0;
    tick_clock::start();
    test_heap::frames = &frames;
    events.clear();
  }
  ~Executor() override {
    EXPECT_EQ(executor::spawned(), 0u) << "spawned tasks still alive";
    EXPECT_TRUE(coframe::internal::timers.empty()) << "a timer outlived its task";
    EXPECT_EQ(coframe::internal::ready_tasks.front(), nullptr) << "a task still queued";
    EXPECT_EQ(frames.outstanding(), 0u) << "frames leaked";
    host::reset();
    test_heap::frames = nullptr;
  }
  // Runs until every spawned task has ended.
  void drain() { (void)x.block_on(until_spawned_end()); }

  coframe::counting_frame_resource frames{"executor test"};
  coframe::frame_scope scope{frames};
  executor x = *executor::get();
};

// [seed-example]
// The example of "no-std async experiments 2": A and B interleave, A spawns C, block_on(B) returns 42 before C ends.
task<int> task_c() {
  note("  C0");
  co_await coframe::yield_now();
  note("  C1");
  co_return 0;
}
task<int> task_a(executor x) {
  note(" A0");
  co_await coframe::yield_now();
  note(" A1");
  EXPECT_TRUE(x.spawn(task_c()));
  co_await coframe::yield_now();
  note(" A2");
  co_return 42;  // dropped: nobody awaits a spawned task
}
task<int> task_b() {
  for (int step = 0; step < 3; ++step) {
    note("B" + std::to_string(step));
    co_await coframe::yield_now();
  }
  note("B3");
  co_return 42;
}

TEST_F(Executor, SeedExampleBlockOnReturns42BeforeCEnds) {
  ASSERT_TRUE(x.spawn(task_a(x)));
  result<int> answer = x.block_on(task_b());
  EXPECT_EQ(*answer, 42);
  EXPECT_EQ(events, (std::vector<std::string>{"B0", " A0", "B1", " A1", "B2", "  C0", " A2",
                                              "B3"}));
  EXPECT_EQ(executor::spawned(), 1u) << "C is still suspended: block_on does not wait for it";
  drain();
  EXPECT_EQ(events.back(), "  C1");
}

// Round robin: every task that yields goes behind every task already waiting.
task<> yielder(int id, int times) {
  for (int i = 0; i < times; ++i) {
    note(std::to_string(id));
    co_await coframe::yield_now();
  }
}
task<> spawn_all(executor x, std::vector<int> times) {
  for (std::size_t id = 0; id < times.size(); ++id) {
    EXPECT_TRUE(x.spawn(yielder(static_cast<int>(id), times[id])));
  }
  co_return;
}

// The order round robin gives: in each round, every task that still has turns, by id.
std::vector<std::string> round_robin(const std::vector<int>& times) {
  std::vector<std::string> order;
  for (int round = 0; round < *std::max_element(times.begin(), times.end()); ++round) {
    for (std::size_t id = 0; id < times.size(); ++id) {
      if (round < times[id]) order.push_back(std::to_string(id));
    }
  }
  return order;
}

TEST_F(Executor, TasksTakeTurnsInTheOrderTheyWereWokenEvenSixtyFourOfThem) {
  std::mt19937 random{12345};
  for (int tasks : {1, 2, 7, 64}) {
    SCOPED_TRACE(std::to_string(tasks) + " tasks");
    events.clear();
    std::vector<int> times(static_cast<std::size_t>(tasks));
    for (int& t : times) t = static_cast<int>(random() % 9);
    times[0] = 3;
    (void)x.block_on(spawn_all(x, times));
    drain();
    EXPECT_EQ(events, round_robin(times));
  }
}

TEST_F(Executor, ATaskMayBlockOnAgainAfterwards) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(*x.block_on(task_b()), 42);
}

TEST_F(Executor, SpawnReturnsFullAtCapacityAndFreesTheTask) {
  small_executor small = *small_executor::get();
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(small.spawn(yielder(i, 1)));
  const std::size_t before = frames.outstanding();
  result<void> refused = small.spawn(yielder(4, 1));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), error::full);
  EXPECT_EQ(frames.outstanding(), before) << "the refused task's frame was freed";
  drain();
  EXPECT_EQ(events, (std::vector<std::string>{"0", "1", "2", "3"}));
  EXPECT_TRUE(small.spawn(yielder(5, 1))) << "room again once the tasks ended";
  drain();
}

TEST_F(Executor, SpawnAndBlockOnOfAnInvalidTaskAreOutOfMemory) {
  frames.fail_at(1);
  result<void> spawned = x.spawn(yielder(0, 1));
  ASSERT_FALSE(spawned);
  EXPECT_EQ(spawned.error(), error::out_of_memory);
  frames.fail_at(1);
  result<int> blocked = x.block_on(task_b());
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error(), error::out_of_memory);
}

task<int> nested_block_on(executor x) { co_return *x.block_on(task_b()); }

TEST(ExecutorDeath, ANestedBlockOnStopsWithAMessage) {
  EXPECT_DEATH(
      {
        coframe::counting_frame_resource frames{"death"};
        test_heap::frames = &frames;
        executor x = *executor::get();
        (void)x.block_on(nested_block_on(x));
      },
      "block_on inside block_on");
}

TEST(ExecutorHandle, OnlyThreadModeGetsOne) {
  host::reset();
  EXPECT_TRUE(executor::get().has_value());
  static bool got = true;
  host::raise([](void*) { got = executor::get().has_value(); });
  EXPECT_FALSE(got) << "an interrupt handler got a handle";
}

// A minimal awaitable woken from an "interrupt": the task leaves its waker here.
struct flag_wait {
  coframe::waker waiting;
  bool flag = false;
  auto wait() {
    struct awaiter {
      flag_wait& f;
      bool await_ready() const noexcept { return f.flag; }
      bool await_suspend(std::coroutine_handle<> self) noexcept {
        coframe::port::interrupt_mask masked;  // the check and the registration, one step
        if (f.flag) return false;
        f.waiting = coframe::this_task::suspend(self);
        return true;
      }
      void await_resume() const noexcept {}
    };
    return awaiter{*this};
  }
  // The "interrupt handler": sets the flag and wakes the task, as often as it likes.
  static void interrupt(void* self) {
    auto& f = *static_cast<flag_wait*>(self);
    f.flag = true;
    f.waiting.wake();
  }
};

int resumptions = 0;
task<> wait_on(flag_wait& f) {
  co_await f.wait();
  ++resumptions;
}
task<> raise_three_times(flag_wait& f) {
  co_await coframe::yield_now();  // the waiter is waiting now
  for (int i = 0; i < 3; ++i) host::raise(flag_wait::interrupt, &f);
  co_await coframe::yield_now();
}

TEST_F(Executor, WakingTwiceBeforeTheTaskRunsRunsItOnce) {
  flag_wait f;
  resumptions = 0;
  ASSERT_TRUE(x.spawn(wait_on(f)));
  (void)x.block_on(raise_three_times(f));
  drain();
  EXPECT_EQ(resumptions, 1);
}

task<> woken_while_running(flag_wait& f) {
  f.waiting = coframe::waker{*coframe::internal::ready_tasks.front()};  // a stale waker
  host::raise(flag_wait::interrupt, &f);  // wakes the running task: it is queued, so nothing
  ++resumptions;
  co_await coframe::yield_now();
  ++resumptions;
}

TEST_F(Executor, WakingARunningTaskDoesNotRunItTwice) {
  flag_wait f;
  resumptions = 0;
  (void)x.block_on(woken_while_running(f));
  EXPECT_EQ(resumptions, 2);
}

// Timers ------------------------------------------------------------------------------------

task<> sleeper(int id, std::uint32_t ticks) {
  const instant start = tick_clock::now();
  co_await coframe::sleep_for(milliseconds(ticks));
  note(std::to_string(id) + "@" + std::to_string(tick_clock::now() - start));
}
task<> spawn_sleepers(executor x, std::vector<std::uint32_t> ticks) {
  for (std::size_t id = 0; id < ticks.size(); ++id) {
    EXPECT_TRUE(x.spawn(sleeper(static_cast<int>(id), ticks[id])));
  }
  co_return;
}

// The order sleepers wake in: by deadline, and among equal deadlines in the order they slept.
std::vector<std::string> by_deadline(const std::vector<std::uint32_t>& ticks) {
  std::vector<std::size_t> ids(ticks.size());
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = i;
  std::stable_sort(ids.begin(), ids.end(), [&](auto a, auto b) { return ticks[a] < ticks[b]; });
  std::vector<std::string> order;
  for (auto id : ids) order.push_back(std::to_string(id) + "@" + std::to_string(ticks[id]));
  return order;
}

void sleepers_wake_by_deadline(executor x, std::uint32_t first_tick) {
  std::mt19937 random{first_tick};
  for (int round = 0; round < 5; ++round) {
    events.clear();
    tick_clock::start(instant{first_tick});
    std::vector<std::uint32_t> ticks(12);
    for (auto& t : ticks) t = 1 + random() % 40;
    (void)x.block_on(spawn_sleepers(x, ticks));
    while (executor::spawned() != 0) (void)x.block_on(until_spawned_end());
    EXPECT_EQ(events, by_deadline(ticks)) << "ticks started at " << first_tick;
  }
}

TEST_F(Executor, SleepersWakeAtTheirDeadlineInDeadlineOrder) { sleepers_wake_by_deadline(x, 0); }

TEST_F(Executor, SleepersWakeInOrderAcrossTheCountersWrap) {
  // The counter wraps from 2^32 - 1 to 0 in the middle of every sleep.
  sleepers_wake_by_deadline(x, 0xFFFF'FFF0u);
  EXPECT_LT(tick_clock::now().ticks(), 100u) << "the counter did wrap";
}

task<int> sleep_zero() {
  co_await coframe::sleep_for(milliseconds(0));
  co_await coframe::sleep_until(tick_clock::now() + milliseconds(0));
  co_return static_cast<int>(tick_clock::now().ticks());
}

TEST_F(Executor, SleepingForNoTimeDoesNotSuspend) {
  tick_clock::start(instant{77});
  EXPECT_EQ(*x.block_on(sleep_zero()), 77);
}

TEST(Instant, OrdersAcrossTheWrap) {
  const instant before_wrap{0xFFFF'FFFEu}, after_wrap{3};
  EXPECT_LT(before_wrap, after_wrap);
  EXPECT_EQ(after_wrap - before_wrap, 5);
  EXPECT_EQ((before_wrap + milliseconds(5)).ticks(), 3u);
}

// The interrupt channel -----------------------------------------------------------------------

coframe::irq_channel<int, 4> rx;
int next_value = 0;
void send_interrupt(void*) { (void)rx.try_send(next_value++); }

task<> receive_n(int n) {
  for (int i = 0; i < n; ++i) note(std::to_string(co_await rx.receive()));
}
task<> interrupts_now_and_then(int n) {
  for (int i = 0; i < n; ++i) {
    host::raise(send_interrupt);  // to a receiver that waits, or that has not come yet
    if (i % 3 == 0) co_await coframe::yield_now();
    if (i % 4 == 0) co_await coframe::sleep_for(milliseconds(1));
  }
}

TEST_F(Executor, AnIrqChannelDeliversEveryValueInOrder) {
  next_value = 0;
  const std::size_t dropped_before = rx.dropped();
  ASSERT_TRUE(x.spawn(receive_n(20)));
  (void)x.block_on(interrupts_now_and_then(20));
  drain();
  std::vector<std::string> want;
  for (int i = 0; i < 20; ++i) want.push_back(std::to_string(i));
  EXPECT_EQ(events, want);
  EXPECT_EQ(rx.dropped(), dropped_before);
}

TEST_F(Executor, AFullIrqChannelDropsAndCountsWhatDoesNotFit) {
  next_value = 0;
  const std::size_t dropped_before = rx.dropped();
  for (int i = 0; i < 6; ++i) host::raise(send_interrupt);
  EXPECT_EQ(rx.dropped() - dropped_before, 2u);
  (void)x.block_on(receive_n(4));
  EXPECT_EQ(events, (std::vector<std::string>{"0", "1", "2", "3"}));
}

task<> receive_within(milliseconds d) {
  result<int> r = co_await rx.receive_for(d);
  note(r ? std::to_string(*r) : std::string(coframe::name(r.error())));
}
task<> send_after(milliseconds d) {
  co_await coframe::sleep_for(d);
  host::raise(send_interrupt);
}

TEST_F(Executor, AnIrqChannelReceiveTimesOutOrGetsTheValueInTime) {
  next_value = 7;
  (void)x.block_on(receive_within(milliseconds(5)));
  ASSERT_TRUE(x.spawn(send_after(milliseconds(3))));
  (void)x.block_on(receive_within(milliseconds(5)));
  ASSERT_TRUE(x.spawn(send_after(milliseconds(9))));
  (void)x.block_on(receive_within(milliseconds(5)));
  drain();
  EXPECT_EQ(rx.try_receive(), std::optional<int>{8}) << "the late value waits in the channel";
  EXPECT_EQ(events, (std::vector<std::string>{"timed_out", "7", "timed_out"}));
}

// The task-to-task channel --------------------------------------------------------------------

using pipe_type = coframe::channel<int, 2>;

task<> produce(pipe_type& pipe, int id, int n) {
  for (int i = 0; i < n; ++i) {
    const int value = id * 100 + i;
    note("send " + std::to_string(value));
    result<void> sent = co_await pipe.send(value);
    if (!sent) note("closed");
  }
}
task<> consume_slowly(pipe_type& pipe) {
  while (result<int> r = co_await pipe.receive()) {
    note("got " + std::to_string(*r));
    co_await coframe::yield_now();
    co_await coframe::yield_now();
  }
  note("end");
}
task<> produce_then_close(pipe_type& pipe, int n) {
  co_await produce(pipe, 1, n);
  pipe.close();
}

TEST_F(Executor, AChannelHoldsBackAFastSenderAndDeliversInOrder) {
  pipe_type pipe;
  ASSERT_TRUE(x.spawn(consume_slowly(pipe)));
  (void)x.block_on(produce_then_close(pipe, 6));
  drain();
  std::vector<std::string> got, sent;
  for (auto& e : events) (e.rfind("got", 0) == 0 ? got : sent).push_back(e);
  EXPECT_EQ(got, (std::vector<std::string>{"got 100", "got 101", "got 102", "got 103", "got 104",
                                           "got 105"}));
  // Back-pressure: the sender is never more than the channel's two values plus one in hand
  // ahead of the receiver.
  int ahead = 0, most_ahead = 0;
  for (auto& e : events) {
    if (e.rfind("send", 0) == 0) most_ahead = std::max(most_ahead, ++ahead);
    if (e.rfind("got", 0) == 0) --ahead;
  }
  EXPECT_LE(most_ahead, 3);
  EXPECT_EQ(events.back(), "end");
}

task<> two_senders(executor x, pipe_type& pipe) {
  EXPECT_TRUE(x.spawn(produce(pipe, 1, 3)));
  EXPECT_TRUE(x.spawn(produce(pipe, 2, 3)));
  co_await coframe::yield_now();
  co_await coframe::yield_now();
  for (int i = 0; i < 6; ++i) note("got " + std::to_string(*co_await pipe.receive()));
}

TEST_F(Executor, WaitingSendersAreServedFirstComeFirstServed) {
  pipe_type pipe;
  (void)x.block_on(two_senders(x, pipe));
  drain();
  std::vector<std::string> got;
  for (auto& e : events) {
    if (e.rfind("got", 0) == 0) got.push_back(e.substr(4));
  }
  // The channel holds two; sender 1 waited first with 102, sender 2 next with 200: as the
  // receiver makes room, their values go in in that order.
  EXPECT_EQ(got, (std::vector<std::string>{"100", "101", "102", "200", "201", "202"}));
}

TEST_F(Executor, ClosingAChannelWakesItsWaitingSenders) {
  pipe_type pipe;
  ASSERT_TRUE(x.spawn(produce(pipe, 3, 4)));  // fills the channel, then waits
  (void)x.block_on(let_others_run());
  pipe.close();
  drain();
  EXPECT_EQ(std::count(events.begin(), events.end(), "closed"), 2)
      << "the send waiting when the channel closed failed, and so did the one after it";
  EXPECT_EQ(pipe.size(), 2u);
}

// The event ----------------------------------------------------------------------------------

coframe::event ready;
void set_interrupt(void*) { ready.set(); }

task<> wait_for_ready(int id) {
  co_await ready.wait();
  note("woke " + std::to_string(id));
}
task<> set_from_an_interrupt_later() {
  co_await coframe::sleep_for(milliseconds(2));
  host::raise(set_interrupt);
}

TEST_F(Executor, AnEventSetFromAnInterruptWakesEveryWaiterAndStaysSet) {
  ready.reset();
  for (int id = 0; id < 3; ++id) ASSERT_TRUE(x.spawn(wait_for_ready(id)));
  (void)x.block_on(set_from_an_interrupt_later());
  drain();
  EXPECT_EQ(events, (std::vector<std::string>{"woke 0", "woke 1", "woke 2"}));
  (void)x.block_on(wait_for_ready(9));  // set: no wait at all
  EXPECT_EQ(events.back(), "woke 9");
  ready.reset();
}

task<> wait_ready_within(milliseconds d) {
  result<void> r = co_await ready.wait_for(d);
  note(r ? "set" : "timed out");
}

TEST_F(Executor, AnEventWaitTimesOut) {
  ready.reset();
  (void)x.block_on(wait_ready_within(milliseconds(3)));
  ASSERT_TRUE(x.spawn(set_from_an_interrupt_later()));
  (void)x.block_on(wait_ready_within(milliseconds(5)));
  drain();
  EXPECT_EQ(events, (std::vector<std::string>{"timed out", "set"}));
  ready.reset();
}

// when_all, when_any, cancellation ---------------------------------------------------------------

task<int> after(std::uint32_t ticks, int value) {
  co_await coframe::sleep_for(milliseconds(ticks));
  co_return value;
}
task<> nothing_much() { co_await coframe::yield_now(); }

task<> all_of_them() {
  auto [a, b, c] = co_await coframe::when_all(after(3, 1), after(1, 2), nothing_much());
  note(std::to_string(*a) + " " + std::to_string(*b) + " " + (c ? "ok" : "?") + " at " +
       std::to_string(tick_clock::now().ticks()));
}

TEST_F(Executor, WhenAllWaitsForEveryChildAndKeepsTheirOrder) {
  (void)x.block_on(all_of_them());
  EXPECT_EQ(events, (std::vector<std::string>{"1 2 ok at 3"}));
}

task<> all_with_one_out_of_memory(coframe::counting_frame_resource& frames) {
  auto first = after(1, 1);
  frames.fail_at(1);
  auto second = after(1, 2);
  auto [a, b] = co_await coframe::when_all(std::move(first), std::move(second));
  note(std::to_string(*a) + " " + (b ? "?" : std::string(coframe::name(b.error()))));
}

TEST_F(Executor, WhenAllReportsAChildWithoutAFrameAndRunsTheOthers) {
  (void)x.block_on(all_with_one_out_of_memory(frames));
  EXPECT_EQ(events, (std::vector<std::string>{"1 out_of_memory"}));
}

struct noted {
  std::string name;
  explicit noted(std::string n) : name(std::move(n)) {}
  ~noted() { note("~" + name); }
};
// A chain three coroutines deep that ends up waiting on the event (or a long sleep).
task<int> deep_leaf() {
  noted guard{"leaf"};
  co_await ready.wait();
  co_return 1;
}
task<int> deep_middle() {
  noted guard{"middle"};
  co_return *co_await deep_leaf() + 1;
}
task<int> deep_root() {
  noted guard{"root"};
  co_return *co_await deep_middle() + 1;
}

task<> first_of_them(coframe::counting_frame_resource& frames) {
  const std::size_t before = frames.outstanding();
  auto winner = co_await coframe::when_any(deep_root(), after(50, 2), after(4, 3));
  note("winner " + std::to_string(winner.index()) + " = " + std::to_string(*std::get<2>(winner)));
  EXPECT_EQ(frames.outstanding(), before) << "the losers' frames, all of them, are freed";
  EXPECT_TRUE(coframe::internal::timers.empty()) << "the sleeping loser left the timer list";
}

TEST_F(Executor, WhenAnyCancelsAndFreesTheLosersAtOnceEvenMidChain) {
  ready.reset();
  (void)x.block_on(first_of_them(frames));
  EXPECT_EQ(events, (std::vector<std::string>{"~leaf", "~middle", "~root", "winner 2 = 3"}));
  ready.set();  // no one waits any more: the cancelled leaf left the event's list
  ready.reset();
}

task<int> both_of(coframe::counting_frame_resource& frames) {
  (void)frames;
  auto [a, b] = co_await coframe::when_all(after(20, 1), deep_root());
  co_return *a + *b;
}
task<> cancel_a_task_waiting_in_when_all(coframe::counting_frame_resource& frames) {
  const std::size_t before = frames.outstanding();
  auto first = co_await coframe::when_any(both_of(frames), after(1, 9));
  note("winner " + std::to_string(first.index()));
  EXPECT_EQ(frames.outstanding(), before);
}

TEST_F(Executor, CancellingATaskThatWaitsInWhenAllCancelsItsChildren) {
  ready.reset();
  (void)x.block_on(cancel_a_task_waiting_in_when_all(frames));
  EXPECT_EQ(events, (std::vector<std::string>{"~leaf", "~middle", "~root", "winner 1"}));
  EXPECT_TRUE(coframe::internal::timers.empty());
}

// Sharing without a mutex -----------------------------------------------------------------------

task<> add_to(int& shared, int times) {
  for (int i = 0; i < times; ++i) {
    const int seen = shared;  // no task can run between these two lines: no await between them
    shared = seen + 1;
    co_await coframe::yield_now();
  }
}
task<> share(executor x, int& shared, std::shared_ptr<int> counted) {
  for (int t = 0; t < 8; ++t) EXPECT_TRUE(x.spawn(add_to(shared, 25)));
  EXPECT_EQ(counted.use_count(), 2);
  co_return;
}

TEST_F(Executor, TasksShareStateWithoutAMutex) {
  int shared = 0;
  auto counted = std::make_shared<int>(1);
  (void)x.block_on(share(x, shared, counted));
  drain();
  EXPECT_EQ(shared, 8 * 25);
  EXPECT_EQ(counted.use_count(), 1) << "the task's copy went with its frame";
}

// [lost-wake]
// The lost wake-up, tried at every step of the check-then-sleep sequence: a task waits on a
// flag; the executor has nothing to run and goes to sleep; the "interrupt" that sets the flag
// and wakes the task arrives at step s. Whatever s, the executor must not sleep through it.

// A deliberately broken sequence, for comparison: it checks with interrupts enabled and masks
// only around the wfi. (lib/'s is coframe::internal::sleep_until_work.)
void broken_sleep_until_work() noexcept {
  using coframe::port::step;
  coframe::port::at(step::before_mask);
  const bool nothing_to_do =
      coframe::internal::ready_tasks.empty() && !tick_clock::ticked();  // unmasked: the bug
  coframe::port::at(step::before_wait);  // between the check and the sleep
  coframe::port::disable_interrupts();
  if (nothing_to_do) {
    coframe::port::wait_for_interrupt();
    coframe::port::at(step::after_wait);
  }
  coframe::port::at(step::before_unmask);
  coframe::port::enable_interrupts();
  coframe::port::at(step::after_unmask);
}

flag_wait* race_flag = nullptr;
std::optional<coframe::port::step> raise_at;
void raise_now() {
  raise_at.reset();
  host::raise(flag_wait::interrupt, race_flag);
}
void raise_at_step(coframe::port::step s) {
  if (raise_at == s) raise_now();
}
// The core sleeps: an interrupt still to come comes now, and wakes it (if it was due at a
// later step, it arrives during the sleep). One that came already cannot wake it again.
void raise_while_asleep() {
  if (raise_at.has_value()) raise_now();
}

class SleepRace : public Executor {
 protected:
  // True if the wake raised at step `s` of `sleep` was lost: the simulated core went to sleep
  // with the task already woken and no interrupt left to come.
  bool wake_lost_at(coframe::port::step s, void (*sleep)() noexcept) {
    flag_wait f;
    race_flag = &f;
    resumptions = 0;
    EXPECT_TRUE(x.spawn(wait_on(f)));
    (void)x.block_on(let_others_run());  // the task now waits on f; nothing is queued
    EXPECT_FALSE(f.flag);
    // The executor is idle and sleeps; the interrupt comes at step s.
    raise_at = s;
    host::on_step = raise_at_step;
    host::on_idle = raise_while_asleep;  // and no tick: a lost wake stays lost
    host::panic_when_asleep_forever = false;
    sleep();
    const bool lost = host::slept_forever != 0;
    EXPECT_FALSE(raise_at.has_value()) << "the interrupt was not raised";
    host::reset();
    host::on_idle = tick_when_idle;
    drain();  // the woken task runs and ends
    EXPECT_EQ(resumptions, 1);
    return lost;
  }
};

TEST_F(SleepRace, NoStepOfTheSleepSequenceLosesAWakeAndABrokenOneDoes) {
  using coframe::port::step;
  int lost_by_broken = 0;
  for (step s : {step::before_mask, step::after_mask, step::before_wait, step::after_wait,
                 step::before_unmask, step::after_unmask}) {
    SCOPED_TRACE("interrupt at step " + std::to_string(static_cast<int>(s)));
    EXPECT_FALSE(wake_lost_at(s, coframe::internal::sleep_until_work));
    lost_by_broken += wake_lost_at(s, broken_sleep_until_work);
  }
  EXPECT_EQ(lost_by_broken, 1) << "the broken sequence loses the wake raised between its check "
                                  "and its sleep, and only that one";
}
// [lost-wake]

}  // namespace
