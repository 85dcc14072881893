// Mutant of lab 04 exercise thread_mode_get: interrupts enabled taken for Thread mode.
//
// The wrong answer: reads PRIMASK and gives a token while interrupts are enabled, on the idea
// that "in a handler interrupts are off". They are not: a Cortex-M handler runs with PRIMASK
// clear (priorities, not a global mask, keep it from being re-entered), so every handler gets
// a token.
// What catches it: the SVCall handler must get nothing.
//
// The test reports:
//   status 1
//   not ok 2 - SVCall handler: nothing
#include "lab04.hpp"

#include <cstdint>

namespace lab04 {

std::optional<token> get_token() {
  std::uint32_t primask;
  asm volatile("mrs %0, primask" : "=r"(primask));
  if (primask != 0) return std::nullopt;
  return token{};
}

}  // namespace lab04
