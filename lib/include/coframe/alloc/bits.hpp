/// \file
/// Finding the highest and lowest set bit of a word: the two questions TLSF asks of its bitmaps.
///
/// armv7-m (Cortex-M3, M4, M7) answers both in one or two instructions: `clz` counts leading
/// zeros, and `rbit` + `clz` counts trailing ones. armv6-m (Cortex-M0, M0+) has neither, and
/// `__builtin_clz` there calls a library routine. `portable_bits` answers the same questions
/// with a fixed number of shifts and compares (five steps for 32 bits), so an allocator built on
/// it stays O(1) on every core. `default_bits` picks `clz_bits` where the core has `clz`
/// (`__ARM_FEATURE_CLZ`, or any host compiler) and `portable_bits` elsewhere.
///
/// Both answer for `x != 0` only (precondition): a bitmap search asks only once it knows a bit
/// is set.
#pragma once

#include <bit>
#include <cstdint>

namespace coframe {

/// The bit searches with the processor's count-leading-zeros instruction.
struct clz_bits {
  /// Index of the highest set bit (`31 - clz`). Precondition: `x != 0`.
  static constexpr unsigned highest(std::uint32_t x) {
    return 31u - static_cast<unsigned>(std::countl_zero(x));
  }
  /// Index of the lowest set bit. Precondition: `x != 0`.
  static constexpr unsigned lowest(std::uint32_t x) {
    return static_cast<unsigned>(std::countr_zero(x));
  }
};

/// The same searches without `clz`: a binary search over the word, five steps, no loop and no
/// table, so the same number of instructions for every input.
struct portable_bits {
  /// Index of the highest set bit. Precondition: `x != 0`.
  static constexpr unsigned highest(std::uint32_t x) {
    unsigned bit = 0;
    if (x & 0xffff0000u) { x >>= 16; bit += 16; }
    if (x & 0x0000ff00u) { x >>= 8; bit += 8; }
    if (x & 0x000000f0u) { x >>= 4; bit += 4; }
    if (x & 0x0000000cu) { x >>= 2; bit += 2; }
    if (x & 0x00000002u) { bit += 1; }
    return bit;
  }
  /// Index of the lowest set bit: `x & -x` keeps only that bit. Precondition: `x != 0`.
  static constexpr unsigned lowest(std::uint32_t x) { return highest(x & (~x + 1u)); }
};

#if defined(__ARM_ARCH) && !defined(__ARM_FEATURE_CLZ)
using default_bits = portable_bits;  // armv6-m: no clz
#else
using default_bits = clz_bits;
#endif

}  // namespace coframe
