// Lab 00, exercise active_exception — solution.
#include "lab00.hpp"

std::uint32_t active_exception() {
  // [solution]
  std::uint32_t ipsr;
  asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  return ipsr & 0x1ff;  // the exception number is the low 9 bits
  // [solution]
}
