// Lab 02's host tests, under AddressSanitizer and UBSan: the two-way generator and the
// coroutine parser. Parity with lab 01: the coroutine parser runs lab 01's test vectors, and
// every frame it allocates is freed.
#include "../../01-state-machines/frame_parser.hpp"  // lab 01's hand-written parser: the reference
#include "../frame_parser.hpp"
#include "../smallest.hpp"
#include "../two_way.hpp"

#include <coframe/coro/generator.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {

// A counter whose frame comes from operator new on every compiler: one that sees the whole life
// of a coroutine may place its frame in the caller's stack frame instead (Clang does: HALO).
[[gnu::noinline]] lab02::counter counter_on_heap(int last) { return lab02::count_to(last); }

using coframe::generator_frames;

class Lab02 : public ::testing::Test {
 protected:
  void SetUp() override { generator_frames::reset(); }
  void TearDown() override { EXPECT_EQ(generator_frames::outstanding(), 0u); }
};

lab02::two_way<int, int> running_total() {
  int total = 0;
  for (;;) total += co_yield total;
}

TEST_F(Lab02, TwoWayStartsEagerlyAndAnswersEachSend) {
  auto sum = running_total();
  ASSERT_TRUE(sum.valid());
  EXPECT_EQ(sum.last(), 0);
  EXPECT_EQ(sum.send(5), 5);
  EXPECT_EQ(sum.send(2), 7);
  EXPECT_FALSE(sum.done());
}

TEST_F(Lab02, TwoWayAllocationFailureIsInvalid) {
  generator_frames::fail_allocation();
  auto sum = running_total();
  EXPECT_FALSE(sum.valid());
  EXPECT_TRUE(sum.done());
  EXPECT_DEATH(sum.send(1), "invalid or finished two_way");
}

TEST_F(Lab02, TwoWayDestroysLocalsOfASuspendedBody) {
  std::string log;
  struct guard {
    std::string* log;
    ~guard() { *log += "destroyed"; }
  };
  {
    auto body = [](std::string* l) -> lab02::two_way<int, int> {
      guard g{l};
      for (;;) co_yield 0;
    };
    auto t = body(&log);
    t.send(1);
    EXPECT_EQ(log, "");
  }
  EXPECT_EQ(log, "destroyed");
}

TEST_F(Lab02, CounterCountsAndFreesItsFrame) {
  lab02::counter c = counter_on_heap(2);
  EXPECT_TRUE(c.next());
  EXPECT_EQ(c.value(), 1);
  EXPECT_TRUE(c.next());
  EXPECT_EQ(c.value(), 2);
  EXPECT_FALSE(c.next());
  EXPECT_GT(lab02::counter::promise_type::last_frame_size, 0u);
}

class Parity : public Lab02, public ::testing::WithParamInterface<frame::test_case> {};

TEST_P(Parity, CoroutineParserPassesLab01Vectors) {
  lab02::coroutine_parser parser;
  ASSERT_TRUE(parser.valid());
  const auto m = frame::check(parser, GetParam());
  ASSERT_FALSE(m.has_value()) << "at byte " << m->at << ": got " << frame::name(m->got)
                              << ", expected " << frame::name(m->want)
                              << (m->payload_differs ? " (payload differs)" : "");
}

INSTANTIATE_TEST_SUITE_P(Lab01Vectors, Parity, ::testing::ValuesIn(frame::test_cases));

// Beyond the vectors: random streams, mostly made of the bytes the protocol cares about, fed
// to both parsers. Every answer and every payload must agree.
TEST_F(Lab02, CoroutineParserAgreesWithLab01OnRandomStreams) {
  constexpr std::uint8_t alphabet[] = {'$', '*', '\n', 0x04, '0', '1', '4', 'a', 'F', 'g', 'h',
                                       'i', 'o', 'k', ' ', '\t', 0x7f, 0xff};
  std::mt19937 random(2);
  std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int stream = 0; stream < 2000; ++stream) {
    lab01::frame_parser reference;
    lab02::coroutine_parser parser;
    ASSERT_TRUE(parser.valid());
    std::string fed;
    const int n = length(random) * 3;
    for (int i = 0; i < n; ++i) {
      // Mostly well-formed frames, with random bytes mixed in.
      const std::uint8_t byte = (i % 7 == 0) ? '$' : alphabet[pick(random)];
      fed += static_cast<char>(byte);
      const frame::status want = reference.feed(byte);
      const frame::status got = parser.feed(byte);
      ASSERT_EQ(frame::name(got), std::string{frame::name(want)}) << "stream " << stream
                                                                  << ", after " << fed.size() << " bytes";
      if (got == frame::status::frame_ready) {
        ASSERT_EQ(parser.payload(), reference.payload());
      }
    }
  }
}

TEST_F(Lab02, ParserNeverStoresMoreThan32Bytes) {
  // A long run of payload bytes, many times the buffer: ASan would catch an overflow.
  lab02::coroutine_parser parser;
  EXPECT_EQ(parser.feed('$'), frame::status::need_more);
  for (int i = 0; i < 32; ++i) EXPECT_EQ(parser.feed('a'), frame::status::need_more);
  EXPECT_EQ(parser.feed('a'), frame::status::line_too_long);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(parser.feed('a'), frame::status::need_more);
}

TEST_F(Lab02, ParserAllocationFailure) {
  generator_frames::fail_allocation();
  lab02::coroutine_parser parser;
  EXPECT_FALSE(parser.valid());
}

}  // namespace
