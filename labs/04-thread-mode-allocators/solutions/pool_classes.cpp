// Lab 04 exercise pool_classes: solution.
#include "lab04.hpp"

namespace lab04 {

std::size_t pool_classes(std::span<const coframe::ledger_entry> entries,
                         std::span<coframe::size_class> out) {
  std::size_t n = 0;
  for (const coframe::ledger_entry& e : entries) {
    const std::size_t block = (e.size + 7) / 8 * 8;
    // Find where this block size belongs among the classes so far (kept in order).
    std::size_t i = 0;
    while (i < n && out[i].block_size < block) ++i;
    if (i < n && out[i].block_size == block) {
      out[i].blocks += e.peak;  // another size that rounds to the same block
      continue;
    }
    for (std::size_t j = n; j > i; --j) out[j] = out[j - 1];
    out[i] = {block, e.peak};
    ++n;
  }
  return n;
}

}  // namespace lab04
