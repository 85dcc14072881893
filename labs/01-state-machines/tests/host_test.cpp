// Lab 01 — the portable machines natively, under AddressSanitizer and UBSan (GoogleTest).
// The checks themselves are in checks.hpp, shared with the target test.
#include "checks.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

struct gtest_check {
  void ok(bool passed, std::string_view description) { EXPECT_TRUE(passed) << description; }
  template <class Got, class Want>
  void equal(const Got& got, const Want& want, std::string_view description) {
    EXPECT_EQ(got, want) << description;
  }
};

TEST(Lab01, Protothreads) {
  gtest_check check;
  lab01::checks::check_protothreads(check);
}

TEST(Lab01, MachineRange) {
  gtest_check check;
  lab01::checks::check_range(check);
}

TEST(Lab01, LineReadersBehaveAsTheFunction) {
  gtest_check check;
  lab01::checks::check_line_readers(check);
}

TEST(Lab01, LineReaderDroppedInEveryState) {
  gtest_check check;
  lab01::checks::check_drops(check);
}

TEST(Lab01, FrameParser) {
  gtest_check check;
  lab01::checks::check_frame_parser<lab01::frame_parser>(check, "frame_parser");
}

TEST(Lab01, FrameCheckCanFail) {
  gtest_check check;
  lab01::checks::check_the_checker(check);
}

// Host only: every single-byte prefix of every test vector, fed to a fresh parser, must end in
// a state from which the rest of the stream is still parsed correctly (no hidden carry-over).
TEST(Lab01, FrameParserIsAPlainValue) {
  for (const frame::test_case& c : frame::test_cases) {
    for (std::size_t split = 0; split < c.input.size(); ++split) {
      lab01::frame_parser first;
      for (std::size_t i = 0; i < split; ++i) first.feed(static_cast<std::uint8_t>(c.input[i]));
      lab01::frame_parser copy = first;  // a machine is a value: copy it mid-stream
      lab01::frame_parser reference = first;
      for (std::size_t i = split; i < c.input.size(); ++i) {
        const auto b = static_cast<std::uint8_t>(c.input[i]);
        ASSERT_EQ(copy.feed(b), reference.feed(b)) << c.name << " split at " << split;
      }
    }
  }
}

}  // namespace
