// Test of lab 04 exercise reserve_hook: a 4 KiB thread-mode heap with a reserve whose size the
// run's seed decides; filled up with blocks of seed-drawn sizes; then a request that fits only
// in the reserve must succeed (the hook gave the reserve back once), and the next request that
// cannot fit must reach stop_out_of_memory() with that request, the reserve spent. A hook that
// returns without making room would make allocate() try forever: the test counts the calls and
// stops the run instead.
#include "lab04.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {
alignas(8) std::byte memory[4096];
unsigned hook_calls = 0;
coframe::allocation_request last_request{};
std::size_t final_request = 0;
}  // namespace

namespace lab04 {

reserve_heap_definition::resource reserve_heap_definition::make() { return resource{memory}; }

// The heap's hook: yours, counted. allocate() calls it until it returns with room made.
void reserve_heap_definition::out_of_memory(coframe::allocation_request request) {
  last_request = request;
  if (++hook_calls > 3) {
    tap::bail_out("on_out_of_memory() returned again and again without making room: "
                  "allocate() would try forever");
  }
  on_out_of_memory(request);
}

void stop_out_of_memory(coframe::allocation_request request) {
  tap::equal(request.size, final_request, "stop_out_of_memory() got the request that failed");
  tap::ok(reserve == nullptr, "it was called only once the reserve was spent");
  tap::equal(hook_calls, 2u, "the hook ran once for each failure, no more");
  tap::done();
}

}  // namespace lab04

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  tap::plan(7);
  auto heap = lab04::reserve_heap::get();

  // A size that starts a TLSF class (256 to 480 in steps of 32), so that every request a
  // little smaller searches exactly the class the reserve is filed in.
  lab04::reserve_size = 256 + 32 * numbers.below(8);
  lab04::reserve = heap->allocate(lab04::reserve_size);
  tap::diag("reserve: ", lab04::reserve_size, " bytes (from the seed)");

  // Fill the heap with blocks of 16 to 136 bytes until none fits any more.
  void* blocks[200];
  unsigned count = 0;
  while (count < 200) {
    blocks[count] = heap->try_allocate(16 + 8 * numbers.below(16));
    if (blocks[count] == nullptr) break;
    ++count;
  }
  while (count < 200 && (blocks[count] = heap->try_allocate(8)) != nullptr) ++count;
  tap::ok(hook_calls == 0 && heap->try_allocate(8) == nullptr, "the heap is full, the reserve held");

  // A request only the reserve can serve: allocate() must succeed through the hook.
  const std::size_t wanted = lab04::reserve_size - 8 * numbers.below(4);
  void* p = heap->allocate(wanted);
  tap::ok(p != nullptr && hook_calls == 1, "a request that fits the reserve succeeds after one call of the hook");
  tap::ok(lab04::reserve == nullptr, "the reserve is spent: forgotten by the hook");
  tap::equal(last_request.size, wanted, "the hook was told the size asked for");

  // Nothing left to give: the next failure must stop the run through stop_out_of_memory().
  final_request = 600 + numbers.below(100);
  (void)heap->allocate(final_request);
  tap::bail_out("allocate() returned after the reserve was spent: the hook must stop the run");
}
