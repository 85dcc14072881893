// Mutant of lab 04 exercise tlsf_mapping: the second level keeps the top bit.
//
// The wrong answer: the three bits below the highest one are taken as `size >> (f - 3)`, which
// still has the highest bit in it, so the second level comes out 8 to 15 instead of 0 to 7. A
// learner who pictures "shift the size down to four bits" forgets that one of them is the bit
// that chose the first level.
// What catches it: 100 bytes must be class (1, 4); the model's bounds for every size.
//
// The test reports:
//   status 1
//   not ok 2 - 100 bytes: class (1, 4), [96, 104)
#include "lab04.hpp"

#include <bit>

namespace lab04 {

coframe::tlsf_index mapping_insert(std::size_t size) {
  if (size < 64) return {0, static_cast<unsigned>(size >> 3)};
  const unsigned f = 31u - static_cast<unsigned>(std::countl_zero(static_cast<std::uint32_t>(size)));
  return {f - 5, static_cast<unsigned>(size >> (f - 3))};
}

std::size_t mapping_round_up(std::size_t size) {
  if (size < 64) return size;
  const unsigned f = 31u - static_cast<unsigned>(std::countl_zero(static_cast<std::uint32_t>(size)));
  return size + (std::size_t{1} << (f - 3)) - 1;
}

}  // namespace lab04
