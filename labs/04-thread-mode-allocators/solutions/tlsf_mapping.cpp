// Lab 04 exercise tlsf_mapping: solution.
#include "lab04.hpp"

#include <bit>

namespace lab04 {

namespace {
constexpr unsigned sl_log2 = 3, align_log2 = 3;
constexpr std::size_t small_limit = std::size_t{1} << (sl_log2 + align_log2);  // 64

unsigned highest_bit(std::size_t size) {
  return 31u - static_cast<unsigned>(std::countl_zero(static_cast<std::uint32_t>(size)));
}
}  // namespace

coframe::tlsf_index mapping_insert(std::size_t size) {
  if (size < small_limit) return {0, static_cast<unsigned>(size >> align_log2)};
  const unsigned f = highest_bit(size);
  const unsigned sl = static_cast<unsigned>(size >> (f - sl_log2)) - (1u << sl_log2);
  return {f - (sl_log2 + align_log2) + 1, sl};
}

std::size_t mapping_round_up(std::size_t size) {
  if (size < small_limit) return size;
  return size + (std::size_t{1} << (highest_bit(size) - sl_log2)) - 1;
}

}  // namespace lab04
