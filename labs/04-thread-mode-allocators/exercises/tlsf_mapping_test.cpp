// Test of lab 04 exercise tlsf_mapping: every size a block of a 64 KiB heap can have, and sizes
// drawn from the run's seed up to 2 GiB, against a model that finds each class by its bounds
// (not by the shifts the exercise asks for); and the rounding: every block of the class a
// rounded request maps to is big enough, and no smaller class would have been.
#include "lab04.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;
using coframe::tlsf_index;

namespace {

// The model: classes by their bounds. Below 64, class (0, sl) holds [8 sl, 8 sl + 8). Above,
// power of two [2^f, 2^(f+1)) is first level f - 5, cut into 8 equal classes.
struct class_bounds {
  std::size_t start, end;  // [start, end)
};
class_bounds bounds(tlsf_index i) {
  if (i.fl == 0) return {8u * i.sl, 8u * i.sl + 8};
  const unsigned f = i.fl + 5;
  const std::size_t width = (std::size_t{1} << f) / 8;
  return {(std::size_t{1} << f) + i.sl * width, (std::size_t{1} << f) + (i.sl + 1) * width};
}
tlsf_index model_insert(std::size_t size) {
  if (size < 64) return {0, static_cast<unsigned>(size / 8)};
  unsigned f = 6;
  while ((size >> (f + 1)) != 0) ++f;  // a loop on purpose: not the technique asked for
  return {f - 5, static_cast<unsigned>((size - (std::size_t{1} << f)) / ((std::size_t{1} << f) / 8))};
}

int failures = 0;
bool check_size(std::size_t size) {
  const tlsf_index got = lab04::mapping_insert(size), want = model_insert(size);
  if (!(got == want)) {
    if (failures++ == 0) {
      tap::diag("mapping_insert(", size, ") = (", got.fl, ", ", got.sl, "), expected (", want.fl,
                ", ", want.sl, "): class [", bounds(want).start, ", ", bounds(want).end, ")");
    }
    return false;
  }
  return true;
}
bool check_round_up(std::size_t size) {
  // The class to search is the first whose every block holds `size`: size's own class when
  // size starts it, otherwise the next one.
  tlsf_index want = model_insert(size);
  if (bounds(want).start != size) want = model_insert(bounds(want).end);
  const std::size_t rounded = lab04::mapping_round_up(size);
  const tlsf_index got = model_insert(rounded);
  if (!(got == want)) {
    if (failures++ == 0) {
      tap::diag("mapping_round_up(", size, ") = ", rounded, ", which is in class [",
                bounds(got).start, ", ", bounds(got).end, "); the search must start at [",
                bounds(want).start, ", ", bounds(want).end, ")");
    }
    return false;
  }
  return true;
}

}  // namespace

int main() {
  tap::plan(6);
  tap::equal(lab04::mapping_insert(24).sl, 3u, "24 bytes: first level 0, one class per 8 bytes");
  tap::ok(lab04::mapping_insert(100) == (tlsf_index{1, 4}), "100 bytes: class (1, 4), [96, 104)");

  bool all = true;
  for (std::size_t size = 8; size <= 65536 && all; size += 8) all = check_size(size);
  tap::ok(all, "mapping_insert: every block size of a 64 KiB heap");

  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  all = true;
  for (int i = 0; i < 2000 && all; ++i) {
    const unsigned bits = 1 + numbers.below(31);
    all = check_size(1 + numbers.below(1u << bits));
  }
  tap::ok(all, "mapping_insert: 2000 sizes drawn from the seed, up to 2 GiB");

  all = true;
  for (std::size_t size = 8; size <= 65536 && all; size += 8) all = check_round_up(size);
  tap::ok(all, "mapping_round_up: every block of the class found is big enough, and no smaller class would do");

  all = true;
  for (int i = 0; i < 2000 && all; ++i) all = check_round_up(8 + numbers.below(1u << 30));
  tap::ok(all, "mapping_round_up: 2000 requests drawn from the seed");
  tap::done();
}
