// Harness check: an average over 0 iterations is refused with a failed assertion (status 134),
// not computed as a division by zero (which a Cortex-M3 answers with 0, silently).
#include <coframe/board/console.hpp>
#include <coframe/testing/measure.hpp>

namespace {
volatile std::uint32_t iterations = 0;  // a count computed at run time, and wrong
}

int main() {
  const coframe::instruction_counter counter;
  const std::uint32_t x100 = counter.count_per_iteration_x100(iterations, [] { asm volatile("nop"); });
  coframe::println("measured ", x100, " hundredths per iteration of nothing");
  return 0;
}
