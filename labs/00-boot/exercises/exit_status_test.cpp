// Test of lab 00 exercise exit_status: QEMU must exit with status 7.
// (labs/00-boot/meson.build tells the runner that 7, and only 7, is success.)
#include "lab00.hpp"

#include <coframe/testing/tap.hpp>

int main() {
  coframe::tap::plan(1);
  coframe::tap::ok(true, "exit_with(7) is called next; QEMU must exit with status 7");
  exit_with(7);
  coframe::tap::bail_out("exit_with(7) returned: the run did not end");
}
