// Test of lab 04 exercise pool_classes: ledgers drawn from the run's seed (sizes of 1 to 200
// bytes, in any order, some rounding to the same block, allocation counts above the peaks)
// against a model, plus the cases the exercise names: a size already a multiple of 8, two sizes
// that share a block, the order of the classes. Then the technique: a pool built from your
// classes replays a workload whose ledger it came from, and never runs dry.
#include "lab04.hpp"

#include <coframe/board/format.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;
using coframe::ledger_entry;
using coframe::size_class;

namespace {

// The model: for each multiple of 8, the sum of the peaks of the sizes that round to it.
std::size_t model(std::span<const ledger_entry> entries, size_class* out) {
  std::size_t n = 0;
  for (std::size_t block = 8; block <= 256; block += 8) {
    std::size_t blocks = 0;
    bool seen = false;
    for (const ledger_entry& e : entries) {
      if ((e.size + 7) / 8 * 8 == block) blocks += e.peak, seen = true;
    }
    if (seen) out[n++] = {block, blocks};
  }
  return n;
}

void print_classes(const char* what, const size_class* c, std::size_t n) {
  coframe::print("# ", what, ":");
  for (std::size_t i = 0; i < n; ++i) coframe::print(" {", c[i].block_size, ", ", c[i].blocks, "}");
  coframe::println();
}

bool same(std::span<const ledger_entry> entries, const char* description, bool quiet = false) {
  size_class got[32] = {}, want[32] = {};
  const std::size_t n = lab04::pool_classes(entries, {got, entries.size()});
  const std::size_t m = model(entries, want);
  bool equal = n == m;
  for (std::size_t i = 0; equal && i < n; ++i) equal = got[i] == want[i];
  if (!quiet || !equal) tap::ok(equal, description);
  if (!equal) {
    coframe::print("# ledger:");
    for (const ledger_entry& e : entries) coframe::print(" (size ", e.size, ", peak ", e.peak, ")");
    coframe::println();
    print_classes("     got", got, n <= 32 ? n : 32);
    print_classes("expected", want, m);
  }
  return equal;
}

}  // namespace

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  tap::plan(6);

  const ledger_entry exact[] = {{16, 5, 0, 2}, {48, 9, 1, 3}};
  same(exact, "sizes already multiples of 8 keep their size");
  const ledger_entry shared[] = {{20, 7, 0, 3}, {24, 2, 0, 1}, {100, 4, 0, 2}};
  same(shared, "20 and 24 bytes share the 24-byte class: their peaks add up");
  const ledger_entry unordered[] = {{100, 1, 0, 1}, {12, 6, 2, 4}, {60, 3, 0, 2}, {33, 1, 1, 1}};
  same(unordered, "the classes come out in increasing order");

  // Ledgers from the seed: allocations above the peaks, so counting allocations over-sizes.
  bool all = true;
  for (int round = 0; round < 50 && all; ++round) {
    ledger_entry entries[12];
    const std::size_t count = 3 + numbers.below(10);
    for (std::size_t i = 0; i < count; ++i) {
      std::size_t size;
      bool fresh;
      do {  // distinct sizes, as a ledger has
        size = 1 + numbers.below(200);
        fresh = true;
        for (std::size_t j = 0; j < i; ++j) fresh = fresh && entries[j].size != size;
      } while (!fresh);
      const std::uint32_t peak = 1 + numbers.below(5);
      entries[i] = {size, peak + 1 + numbers.below(20), 0, peak};
    }
    all = same({entries, count}, "50 ledgers drawn from the seed", true);
  }
  if (all) tap::ok(true, "50 ledgers drawn from the seed");

  // A real ledger: a workload on TLSF, then a pool from your classes replays it.
  alignas(8) static std::byte heap_memory[8192];
  coframe::ledgered<coframe::tlsf<13>, 128> recorder{heap_memory};
  void* live[24];
  std::size_t live_size[24], n = 0;
  // Static, as the big arrays below: the stack is 8 KiB.
  struct op { bool allocate; std::size_t value; };
  static op ops[400];
  for (op& o : ops) {
    if (n < 24 && (n == 0 || numbers.below(2) == 0)) {
      live_size[n] = 8 + numbers.below(120);
      live[n] = recorder.allocate(live_size[n], 8);
      o = {true, live_size[n]};
      ++n;
    } else {
      const std::size_t i = numbers.below(static_cast<std::uint32_t>(n));
      recorder.deallocate(live[i], live_size[i], 8);
      o = {false, i};
      live[i] = live[--n];
      live_size[i] = live_size[n];
    }
  }
  for (std::size_t i = 0; i < n; ++i) recorder.deallocate(live[i], live_size[i], 8);
  static size_class classes[128] = {};
  const auto entries = recorder.ledger().entries();
  const std::size_t c = lab04::pool_classes(entries, {classes, entries.size()});
  bool fits = c > 0 && c <= 16;
  for (std::size_t i = 0; fits && i < c; ++i) {
    fits = classes[i].block_size % 8 == 0 && (i == 0 || classes[i - 1].block_size < classes[i].block_size);
  }
  if (!tap::ok(fits, "classes from a recorded ledger: multiples of 8, increasing, at most 16")) {
    print_classes("     got", classes, c <= 16 ? c : 16);
    tap::done();
  }
  alignas(8) static std::byte pool_memory[16384];
  if (coframe::size_class_pool<16, 128>::bytes_for({classes, c}) > sizeof pool_memory) {
    tap::ok(false, "the pool fits 16 KiB (the classes ask for too many blocks)");
    tap::done();
  }
  coframe::size_class_pool<16, 128> pool{pool_memory, {classes, c}};
  n = 0;
  bool dry = false;
  for (const op& o : ops) {
    if (o.allocate) {
      live[n] = pool.allocate(o.value);
      live_size[n] = o.value;
      if (live[n] == nullptr) { dry = true; break; }
      ++n;
    } else {
      pool.deallocate(live[o.value], live_size[o.value]);
      live[o.value] = live[--n];
      live_size[o.value] = live_size[n];
    }
  }
  tap::ok(!dry, "a pool built from your classes serves the recorded workload without running dry");
  tap::done();
}
