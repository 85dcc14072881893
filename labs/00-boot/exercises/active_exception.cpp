// Lab 00, exercise active_exception — which exception is running?
//
// The IPSR special register holds the number of the active exception: 0 in Thread mode,
// 11 in an SVC handler, 15 in SysTick, 16 + n in the handler of external interrupt n.
// Read it with the `mrs` instruction (GCC inline assembly), without coframe/board/cpu.hpp.
#include "lab00.hpp"

std::uint32_t active_exception() {
  // TODO: read IPSR into a variable with inline assembly and return its exception number.
  return 0;
}
