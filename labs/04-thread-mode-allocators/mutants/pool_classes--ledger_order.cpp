// Mutant of lab 04 exercise pool_classes: classes in the order the ledger saw the sizes.
//
// The wrong answer: rounds and merges, but keeps the classes in the order the sizes were first
// allocated. A size-class pool finds the class for a request by walking its classes upward and
// taking the first that is big enough, so the order is part of the answer.
// What catches it: the unordered ledger must come out in increasing order.
//
// The test reports:
//   status 1
//   not ok 3 - the classes come out in increasing order
#include "lab04.hpp"

namespace lab04 {

std::size_t pool_classes(std::span<const coframe::ledger_entry> entries,
                         std::span<coframe::size_class> out) {
  std::size_t n = 0;
  for (const coframe::ledger_entry& e : entries) {
    const std::size_t block = (e.size + 7) / 8 * 8;
    std::size_t i = 0;
    while (i < n && out[i].block_size != block) ++i;
    if (i < n) {
      out[i].blocks += e.peak;
    } else {
      out[n++] = {block, e.peak};
    }
  }
  return n;
}

}  // namespace lab04
