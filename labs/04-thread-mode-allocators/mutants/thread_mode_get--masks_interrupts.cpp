// Mutant of lab 04 exercise thread_mode_get: the right answer inside a critical section.
//
// The wrong answer: masks interrupts around the IPSR read, "to be safe". Every answer is right,
// but reading IPSR needs no protection (it is the state of the core that runs the code), and a
// thread-mode allocator's promise is that it never masks interrupts: no interrupt waits for it.
// What catches it: the test looks for cpsid or msr primask in the function's machine code.
//
// The test reports:
//   status 1
//   not ok 8 - get_token() never masks interrupts (no cpsid, no msr primask)
#include "lab04.hpp"

#include <coframe/board/cpu.hpp>

#include <cstdint>

namespace lab04 {

std::optional<token> get_token() {
  coframe::cpu::critical_section masked;
  std::uint32_t ipsr;
  asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  if ((ipsr & 0x1ff) != 0) return std::nullopt;
  return token{};
}

}  // namespace lab04
