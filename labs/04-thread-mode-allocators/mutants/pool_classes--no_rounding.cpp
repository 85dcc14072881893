// Mutant of lab 04 exercise pool_classes: sizes not rounded to the alignment.
//
// The wrong answer: one class per size as recorded. 20 and 24 bytes then get two classes,
// though both need a 24-byte block (every block is 8-byte aligned), so the pool holds twice the
// lists and rounds in the wrong place.
// What catches it: 20 and 24 bytes must share the 24-byte class.
//
// The test reports:
//   status 1
//   not ok 2 - 20 and 24 bytes share the 24-byte class: their peaks add up
#include "lab04.hpp"

namespace lab04 {

std::size_t pool_classes(std::span<const coframe::ledger_entry> entries,
                         std::span<coframe::size_class> out) {
  std::size_t n = 0;
  for (const coframe::ledger_entry& e : entries) {
    std::size_t i = 0;
    while (i < n && out[i].block_size < e.size) ++i;
    for (std::size_t j = n; j > i; --j) out[j] = out[j - 1];
    out[i] = {e.size, e.peak};
    ++n;
  }
  return n;
}

}  // namespace lab04
