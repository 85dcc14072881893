/// \file
/// Target tests report TAP (the Test Anything Protocol) over the console.
///
/// A test firmware prints one line per check, `ok 3 - description` or `not ok 3 - description`,
/// and the plan `1..N`. Meson's TAP protocol reads those lines, so `meson test` counts
/// every check of every firmware. `tap::done()` ends the run through semihosting with status 0
/// when every check passed and the plan matched, 1 otherwise.
///
/// \code{.cpp}
/// int main() {
///   coframe::tap::equal(add(2, 2), 4, "add adds");
///   coframe::tap::ok(queue.empty(), "queue drained");
///   coframe::tap::done();
/// }
/// \endcode
///
/// Target tests run one at a time in Thread mode; the counters are plain statics, so do not
/// call these from an interrupt handler.
#pragma once

#include <coframe/board/console.hpp>

#include <string_view>

namespace coframe::tap {

/// Announces how many checks will follow (optional: `done()` prints the plan if you did not).
void plan(unsigned count);

/// Records one check. Returns `passed`, so a test can stop early on a failed precondition.
bool ok(bool passed, std::string_view description);

/// Prints a diagnostic line (`# ...`), ignored by the TAP parser, shown in the test log.
template <class... Values>
void diag(const Values&... values) {
  println("# ", values...);
}

/// Records a check that `got == want`; on failure prints both values as diagnostics.
template <class Got, class Want>
bool equal(const Got& got, const Want& want, std::string_view description) {
  const bool passed = (got == want);
  ok(passed, description);
  if (!passed) {
    diag("     got: ", got);
    diag("expected: ", want);
  }
  return passed;
}

/// Number of failed checks so far.
unsigned failures();

/// Ends the run: prints the plan if none was given, exits 0 if all passed, 1 otherwise.
[[noreturn]] void done();

/// Stops the whole test with `Bail out! reason` and a non-zero exit.
[[noreturn]] void bail_out(std::string_view reason);

}  // namespace coframe::tap
