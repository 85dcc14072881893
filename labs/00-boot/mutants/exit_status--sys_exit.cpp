// Mutant of lab 00 exercise exit_status: SYS_EXIT instead of SYS_EXIT_EXTENDED.
//
// The wrong answer: operation 0x18, SYS_EXIT, the one most examples on the web use. On a
// 32-bit target it takes the reason alone in r1, with no room for a status: QEMU exits with 0
// for ADP_Stopped_ApplicationExit (and 1 for any other reason), so every run "succeeds".
// What catches it: the runner expects the seed (never 0) as the status.
//
// The test reports:
//   status 1
//   qemu-run: exit status 0, expected {num} (the seed {num})
#include "lab00.hpp"

#include <coframe/board/semihosting.hpp>

void exit_with(int) {
  coframe::semihosting::call(coframe::semihosting::op::exit,
                             reinterpret_cast<const void*>(std::uintptr_t{0x20026}));
}
