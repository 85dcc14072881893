// Test of lab 00 exercise exit_status: QEMU must exit with the status exit_with() was given.
//
// The status is the runner's seed (coframe/testing/seed.hpp): a number from 2 to 123 that the
// compiler cannot see and that changes from run to run, so no constant can pass. The runner
// knows the seed too: labs/00-boot/meson.build tells it that this status, and only this one,
// is success (COFRAME_EXPECT_STATUS=seed).
#include "lab00.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

int main() {
  const int status = static_cast<int>(coframe::testing::seed());
  coframe::tap::plan(1);
  coframe::tap::ok(true, "exit_with(status) is called next: QEMU must exit with that status");
  coframe::tap::diag("the status: ", status);
  exit_with(status);
  coframe::tap::bail_out("exit_with() returned: the run did not end");
}
