// Lab 01 — every machine on the board, reporting TAP. The checks are in checks.hpp, shared with
// the host test, which runs them again under the sanitizers.
#include "checks.hpp"

#include <coframe/testing/tap.hpp>

namespace {

struct tap_check {
  void ok(bool passed, std::string_view description) { coframe::tap::ok(passed, description); }
  template <class Got, class Want>
  void equal(const Got& got, const Want& want, std::string_view description) {
    coframe::tap::equal(got, want, description);
  }
};

}  // namespace

int main() {
  tap_check check;
  lab01::checks::check_protothreads(check);
  lab01::checks::check_range(check);
  lab01::checks::check_line_readers(check);
  lab01::checks::check_drops(check);
  lab01::checks::check_frame_parser<lab01::frame_parser>(check, "frame_parser");
  lab01::checks::check_the_checker(check);
  coframe::tap::done();
}
