// Mutant of lab 04 exercise pool_classes: blocks counted from allocations, not the peak.
//
// The wrong answer: gives each class as many blocks as there were allocations of its size. The
// pool never runs dry, so it looks right, but a frame allocated and freed a thousand times
// needs one block, not a thousand: the pool is as big as the program's whole history.
// What catches it: the classes are compared with the model (peaks), whose allocation counts
// differ from the peaks.
//
// The test reports:
//   status 1
//   not ok 1 - sizes already multiples of 8 keep their size
#include "lab04.hpp"

namespace lab04 {

std::size_t pool_classes(std::span<const coframe::ledger_entry> entries,
                         std::span<coframe::size_class> out) {
  std::size_t n = 0;
  for (const coframe::ledger_entry& e : entries) {
    const std::size_t block = (e.size + 7) / 8 * 8;
    std::size_t i = 0;
    while (i < n && out[i].block_size < block) ++i;
    if (i < n && out[i].block_size == block) {
      out[i].blocks += e.allocations;
      continue;
    }
    for (std::size_t j = n; j > i; --j) out[j] = out[j - 1];
    out[i] = {block, e.allocations};
    ++n;
  }
  return n;
}

}  // namespace lab04
