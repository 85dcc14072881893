// Mutant of lab 04 exercise tlsf_mapping: rounding adds a whole class.
//
// The wrong answer: mapping_round_up adds the width of a class (without the - 1), so a request
// that already starts a class is pushed into the next one. Every block found is still big
// enough, which is why it looks right; but a block of exactly the right class is never used,
// and memory that fits is refused.
// What catches it: for a size that starts a class, the search must start at that class.
//
// The test reports:
//   status 1
//   not ok 5 - mapping_round_up: every block of the class found is big enough, and no smaller class would do
#include "lab04.hpp"

#include <bit>

namespace lab04 {

coframe::tlsf_index mapping_insert(std::size_t size) {
  if (size < 64) return {0, static_cast<unsigned>(size >> 3)};
  const unsigned f = 31u - static_cast<unsigned>(std::countl_zero(static_cast<std::uint32_t>(size)));
  return {f - 5, static_cast<unsigned>(size >> (f - 3)) - 8};
}

std::size_t mapping_round_up(std::size_t size) {
  if (size < 64) return size;
  const unsigned f = 31u - static_cast<unsigned>(std::countl_zero(static_cast<std::uint32_t>(size)));
  return size + (std::size_t{1} << (f - 3));
}

}  // namespace lab04
