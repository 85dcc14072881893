// Mutant of lab 00 exercise exit_status: a constant status.
//
// The wrong answer: the status the old test wanted (7), whatever exit_with() is given. A learner
// writes it while trying the call out, or to make a test that checks a single status pass.
// What catches it: the test's status is the runner's seed, which the compiler cannot see (42
// in ./workbook test, a new one in every graded run), and the runner checks that QEMU ended
// with exactly that status.
//
// The test reports:
//   status 1
//   qemu-run: exit status 7, expected {num} (the seed {num})
#include "lab00.hpp"

#include <coframe/board/semihosting.hpp>

void exit_with(int) {
  const std::uint32_t block[2] = {0x20026, 7};
  coframe::semihosting::call(coframe::semihosting::op::exit_extended, block);
}
