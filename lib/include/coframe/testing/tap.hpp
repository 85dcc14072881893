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
#include <type_traits>

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

namespace internal {
template <class Value>
bool is_multi_line(const Value& value) {
  if constexpr (std::is_convertible_v<const Value&, std::string_view>) {
    return std::string_view{value}.find('\n') != std::string_view::npos;
  } else {
    return false;
  }
}

// Prints one value of a failed check. When either value is text of several lines, both are
// printed one diagnostic line per line of text, whole, so the TAP stream stays intact and
// tools/grade can show a diff:
//   #      got: 2 lines
//   #       | min 1 max 9 sum 41
//   #       | min 100 max 800 sum 3600
template <class Value>
void diag_value(std::string_view label, const Value& value, bool as_lines) {
  if constexpr (std::is_convertible_v<const Value&, std::string_view>) {
    if (as_lines) {
      std::string_view text = value;
      const bool newline_at_end = !text.empty() && text.back() == '\n';
      if (newline_at_end) text.remove_suffix(1);
      std::size_t lines = 1;
      for (char c : text) lines += c == '\n';
      diag(label, lines, lines == 1 ? " line" : " lines");
      while (true) {
        const std::size_t end = text.find('\n');
        diag("      | ", text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
      }
      if (!newline_at_end) diag("      (no newline at the end)");
      return;
    }
  }
  diag(label, value);
}
}  // namespace internal

/// Records a check that `got == want`; on failure prints both values as diagnostics (text of
/// several lines one line at a time, whole).
template <class Got, class Want>
bool equal(const Got& got, const Want& want, std::string_view description) {
  const bool passed = (got == want);
  ok(passed, description);
  if (!passed) {
    const bool as_lines = internal::is_multi_line(got) || internal::is_multi_line(want);
    internal::diag_value("     got: ", got, as_lines);
    internal::diag_value("expected: ", want, as_lines);
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
