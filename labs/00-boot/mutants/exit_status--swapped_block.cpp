// Mutant of lab 00 exercise exit_status: the two words of the block in the wrong order.
//
// The wrong answer: {status, reason} instead of {reason, status}. QEMU reads the status where
// the reason belongs, finds no ADP_Stopped_ApplicationExit there, and exits with 1: "some
// failure", whatever the status was.
// What catches it: the runner expects the seed (never 1) as the status.
//
// The test reports:
//   status 1
//   qemu-run: exit status 1, expected {num} (the seed {num})
#include "lab00.hpp"

#include <coframe/board/semihosting.hpp>

void exit_with(int status) {
  const std::uint32_t block[2] = {static_cast<std::uint32_t>(status), 0x20026};
  coframe::semihosting::call(coframe::semihosting::op::exit_extended, block);
}
