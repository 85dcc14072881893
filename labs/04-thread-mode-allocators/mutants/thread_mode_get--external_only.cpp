// Mutant of lab 04 exercise thread_mode_get: only external interrupts refused.
//
// The wrong answer: "interrupts start at exception 16", so the token is refused only when IPSR
// is 16 or more. SVCall, PendSV and SysTick are handlers too (exceptions 11, 14, 15): in them
// this gives a token, and the allocator behind it can be entered twice at once.
// What catches it: the SVCall handler must get nothing.
//
// The test reports:
//   status 1
//   not ok 2 - SVCall handler: nothing
#include "lab04.hpp"

#include <cstdint>

namespace lab04 {

std::optional<token> get_token() {
  std::uint32_t ipsr;
  asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  if ((ipsr & 0x1ff) >= 16) return std::nullopt;
  return token{};
}

}  // namespace lab04
