// Mutant of lab 00 exercise active_exception: the right number, read from ICSR.
//
// The wrong answer: ICSR.VECTACTIVE (bits 8:0 of the System Control Block's register at
// 0xE000ED04) holds the same exception number, and a learner who knows registers better than
// inline assembly reads it with an ordinary load. Every value is right; the instruction the
// exercise is about is never used.
// What catches it: the test looks for `mrs Rd, ipsr` in the function's machine code.
//
// The test reports:
//   status 1
//   not ok {num} - active_exception() reads IPSR with the mrs instruction
#include "lab00.hpp"

#include <coframe/board/mmio.hpp>

std::uint32_t active_exception() { return coframe::mmio::reg32(0xE000'ED04) & 0x1ff; }
