// Test of lab 01 exercise union_shrink: the recorder reports exactly what it did before, for
// samples drawn from the seed as well as the cases below, and uses at most 40 bytes.
//
// Its size is measured, not asked: the recorder is built in memory this test painted with a
// pattern (the way lab 00 measures the stack), and the bytes that no longer hold the pattern
// afterwards are those the recorder wrote.
#include "lab01.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

#include <algorithm>

namespace tap = coframe::tap;

namespace {

constexpr std::byte paint{0xA5};
alignas(8) std::byte place[recorder_place_size];
std::size_t most_used = 0;  // the largest footprint of any run

// The recorder's reports, from a model of it: after every 8 samples, one line.
coframe::text_buffer<256> expected_reports(std::span<const std::uint16_t> samples) {
  coframe::text_buffer<256> out;
  for (std::size_t first = 0; first + 8 <= samples.size(); first += 8) {
    const auto group = samples.subspan(first, 8);
    std::uint32_t sum = 0;
    for (std::uint16_t s : group) sum += s;
    coframe::write_to(out, "min ", *std::min_element(group.begin(), group.end()), " max ",
                      *std::max_element(group.begin(), group.end()), " sum ", sum, '\n');
  }
  return out;
}

// Runs the recorder in freshly painted memory; returns its reports, and notes how many bytes
// from the start of `place` it wrote.
coframe::text_buffer<256> run(std::span<const std::uint16_t> samples) {
  std::fill(std::begin(place), std::end(place), paint);
  auto reports = run_recorder(samples, place);
  std::size_t used = recorder_place_size;
  while (used > 0 && place[used - 1] == paint) --used;
  most_used = std::max(most_used, used);
  return reports;
}

void check(std::span<const std::uint16_t> samples, std::string_view description) {
  tap::equal(run(samples).view(), expected_reports(samples).view(), description);
}

}  // namespace

int main() {
  constexpr std::uint16_t two_reports[] = {5,   3,   9,   4,   4,   7,   1,   8,  100,
                                           200, 300, 400, 500, 600, 700, 800, 6};
  check(two_reports, "two reports, and a sample left over");
  constexpr std::uint16_t longest[] = {65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535};
  check(longest, "the longest report: 31 characters");
  check({}, "no samples, no report");

  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  std::uint16_t drawn[60];
  const std::size_t count = 20 + numbers.below(41);
  for (std::size_t i = 0; i < count; ++i) {
    // Mostly small samples, some as large as a sample gets: reports of every length.
    drawn[i] = static_cast<std::uint16_t>(numbers.below(4) == 0 ? numbers.below(65536)
                                                                : numbers.below(1000));
  }
  check(std::span{drawn, count}, "samples drawn from the seed");

  if (!tap::ok(most_used >= 18, "the recorder is built in the memory the test gives it")) {
    tap::diag("it wrote ", most_used, " bytes there: leave run_recorder() as it was given");
  }
  if (!tap::ok(most_used <= 40, "the recorder uses at most 40 bytes")) {
    tap::diag("it wrote ", most_used, " bytes (the first ", most_used,
              " bytes of its memory changed); a union of the two states' variables needs 36");
  }
  tap::done();
}
