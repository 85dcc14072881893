// coframe — TAP reporter (see coframe/testing/tap.hpp).
#include <coframe/board/semihosting.hpp>
#include <coframe/testing/tap.hpp>

namespace coframe::tap {
namespace {
unsigned planned = 0;
unsigned count = 0;
unsigned failed = 0;
}  // namespace

void plan(unsigned n) {
  planned = n;
  println("1..", n);
}

bool ok(bool passed, std::string_view description) {
  ++count;
  if (!passed) ++failed;
  println(passed ? "ok " : "not ok ", count, " - ", description);
  return passed;
}

unsigned failures() { return failed; }

void done() {
  if (planned == 0) {
    println("1..", count);
  } else if (planned != count) {
    diag("planned ", planned, " checks but ran ", count);
    ++failed;
  }
  semihosting::exit(failed == 0 ? 0 : 1);
}

void bail_out(std::string_view reason) {
  println("Bail out! ", reason);
  semihosting::exit(1);
}

}  // namespace coframe::tap
