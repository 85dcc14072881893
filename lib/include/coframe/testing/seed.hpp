/// \file
/// Test inputs the compiler cannot see: the runner's seed, and numbers drawn from it.
///
/// A test that checks only values written in its own source can be passed by an answer that
/// recognises them (a constant, a table of the test's inputs), and the compiler may fold such a
/// check away. So every exercise test also checks inputs drawn at run time from a seed that
/// `tools/qemu-run` passes on the semihosting command line: `COFRAME_SEED` when it is set (the
/// checks of `./workbook test` fix it, so they repeat exactly), otherwise a new one each run
/// (`./workbook grade`, which reports the seed of a failed run so that you can repeat it).
///
/// \code{.cpp}
/// coframe::testing::xorshift32 numbers{coframe::testing::seed()};
/// const std::uint32_t from = 5 + numbers.below(20);  // 5 to 24, unknown to the compiler
/// \endcode
#pragma once

#include <coframe/board/semihosting.hpp>

#include <cstdint>

namespace coframe::testing {

/// Seeds run from 2 to 123, so a seed can itself be an exit status distinct from every status
/// the workbook gives a meaning to (0 passed, 1 failed, 124 timeout, 134 panic, 139 fault).
inline constexpr std::uint32_t first_seed = 2;
inline constexpr std::uint32_t last_seed = 123;

/// The runner's seed: the last word of the semihosting command line, which `tools/qemu-run`
/// makes the seed alone ("57"). A firmware started without one (by hand, under gdb, where QEMU
/// offers the firmware's file name instead) gets `first_seed`.
inline std::uint32_t seed() {
  char line[256] = {};
  struct {
    char* buffer;
    std::uint32_t length;
  } block = {line, sizeof line};
  if (semihosting::call(semihosting::op::get_cmdline, &block) != 0) return first_seed;
  std::uint32_t value = 0;
  bool digits = false;
  for (std::uint32_t i = 0; i < block.length && line[i] != '\0'; ++i) {
    if (line[i] == ' ') {
      value = 0, digits = false;  // only the last word counts
    } else if (line[i] >= '0' && line[i] <= '9') {
      value = value * 10 + static_cast<std::uint32_t>(line[i] - '0'), digits = true;
    } else {
      value = 0, digits = false;
    }
  }
  return digits && value >= first_seed && value <= last_seed ? value : first_seed;
}

/// Marsaglia's xorshift32: a small, fast sequence of pseudo-random numbers for test inputs.
/// The same seed gives the same sequence on every board and compiler.
class xorshift32 {
 public:
  /// Any seed works, including 0 (the state is never allowed to become 0).
  explicit xorshift32(std::uint32_t seed) : state_(seed * 2654435761u | 1u) {}

  std::uint32_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }

  /// A number from 0 to `bound - 1` (bound > 0). The modulo bias is irrelevant for tests.
  std::uint32_t below(std::uint32_t bound) { return next() % bound; }

  /// A number from `low` to `high`, both included (low <= high).
  std::int32_t between(std::int32_t low, std::int32_t high) {
    return low + static_cast<std::int32_t>(below(static_cast<std::uint32_t>(high - low) + 1));
  }

 private:
  std::uint32_t state_;
};

}  // namespace coframe::testing
