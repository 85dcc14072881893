// Lab 03 on the board: the four designs (tests/design_checks.hpp), reporting TAP.
#include "design_checks.hpp"

#include <coframe/frame/frame_pool.hpp>
#include <coframe/testing/tap.hpp>

#include <string_view>

namespace {

coframe::frame_pool upstream;  // the test allocators' own memory, apart from the default pool

template <class Design>
void check(std::string_view) {
  lab03_tests::check_design<Design>(
      [](bool passed, std::string_view what) {
        if (!coframe::tap::ok(passed, what)) coframe::tap::diag("in ", Design::name);
      },
      upstream);
}

}  // namespace

int main() {
  check<lab03_tests::argument_design>("argument");
  check<lab03_tests::dispatcher_design>("dispatcher");
  check<lab03_tests::scope_design>("scope");
  check<lab03_tests::any_dispatcher_design>("any_dispatcher");
  coframe::tap::equal(coframe::default_frame_pool().outstanding(), std::size_t{0},
                      "no frame left in the default pool");
  coframe::tap::done();
}
