// Mutant of lab 04 exercise tlsf_mapping: the first level off by one.
//
// The wrong answer: fl = f - 6, "the small sizes end at bit 6", so that 64 to 127 bytes land in
// first level 0 beside the small classes. It is the classic off-by-one of TLSF's mapping: the
// small classes take level 0, so the first power of two above them is level 1.
// What catches it: 100 bytes must be class (1, 4).
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
  return {f - 6, static_cast<unsigned>(size >> (f - 3)) - 8};
}

std::size_t mapping_round_up(std::size_t size) {
  if (size < 64) return size;
  const unsigned f = 31u - static_cast<unsigned>(std::countl_zero(static_cast<std::uint32_t>(size)));
  return size + (std::size_t{1} << (f - 3)) - 1;
}

}  // namespace lab04
