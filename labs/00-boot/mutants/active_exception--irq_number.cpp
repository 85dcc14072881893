// Mutant of lab 00 exercise active_exception: the IRQ number instead of the exception number.
//
// The wrong answer: CMSIS numbers interrupts from the first external line (IRQn = exception
// number - 16, so SysTick is -1), and a learner used to it subtracts 16 from IPSR.
// What catches it: the exact numbers expected in Thread mode (0) and in every handler.
//
// The test reports:
//   status 1
//   not ok {num} - Thread mode is exception 0
//   not ok {num} - the handler of IRQ n is exception 16 + n
#include "lab00.hpp"

std::uint32_t active_exception() {
  std::uint32_t ipsr;
  asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  return (ipsr & 0x1ff) - 16;
}
