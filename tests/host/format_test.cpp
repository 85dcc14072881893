// Host tests for coframe/board/format.hpp: the text the console and TAP reporter print.
#include <coframe/board/format.hpp>

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <string>

namespace {

struct string_sink {
  std::string text;
  void put(std::string_view s) { text.append(s); }
};

template <class... Values>
std::string format(const Values&... values) {
  string_sink sink;
  coframe::write_to(sink, values...);
  return sink.text;
}

TEST(Format, StringsAndCharacters) {
  EXPECT_EQ(format("abc", std::string_view{"def"}, 'g'), "abcdefg");
  EXPECT_EQ(format(static_cast<const char*>(nullptr)), "(null)");
  EXPECT_EQ(format(true, ' ', false), "true false");
}

TEST(Format, UnsignedDecimal) {
  EXPECT_EQ(format(0u), "0");
  EXPECT_EQ(format(std::uint8_t{255}), "255");
  EXPECT_EQ(format(UINT32_MAX), "4294967295");
  EXPECT_EQ(format(UINT64_MAX), "18446744073709551615");
}

TEST(Format, SignedDecimalIncludingTheExtremes) {
  EXPECT_EQ(format(-1), "-1");
  EXPECT_EQ(format(INT32_MIN), "-2147483648");
  EXPECT_EQ(format(INT64_MIN), "-9223372036854775808");
  EXPECT_EQ(format(INT64_MAX), "9223372036854775807");
}

TEST(Format, HexIsZeroPaddedToTheRequestedDigits) {
  EXPECT_EQ(format(coframe::hex(0x2a)), "0x0000002a");
  EXPECT_EQ(format(coframe::hex(0x2a, 2)), "0x2a");
  EXPECT_EQ(format(coframe::hex(0, 1)), "0x0");
  EXPECT_EQ(format(coframe::hex(0xdeadbeefcafef00d, 4)), "0xdeadbeefcafef00d");
}

TEST(Format, PaddedRightAligns) {
  EXPECT_EQ(format(coframe::padded{42, 5}), "   42");
  EXPECT_EQ(format(coframe::padded{-42, 5}), "  -42");
  EXPECT_EQ(format(coframe::padded{123456, 3}), "123456");
}

TEST(Format, HundredthsPrintTwoDecimalPlaces) {
  EXPECT_EQ(format(coframe::hundredths{1234}), "12.34");
  EXPECT_EQ(format(coframe::hundredths{5}), "0.05");
  EXPECT_EQ(format(coframe::hundredths{100}), "1.00");
}

TEST(Format, TextBufferTruncatesAndSaysSo) {
  coframe::text_buffer<8> buffer;
  coframe::write_to(buffer, "0123", 4567);
  EXPECT_EQ(buffer.view(), "01234567");
  EXPECT_FALSE(buffer.truncated());
  coframe::write_to(buffer, 8);
  EXPECT_EQ(buffer.view(), "01234567");
  EXPECT_TRUE(buffer.truncated());
  buffer.clear();
  EXPECT_EQ(buffer.view(), "");
  EXPECT_FALSE(buffer.truncated());
}

}  // namespace
