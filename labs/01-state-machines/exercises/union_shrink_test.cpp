// Test of lab 01 exercise union_shrink: the recorder reports the same, in at most 40 bytes.
#include "lab01.hpp"

#include <coframe/testing/tap.hpp>

int main() {
  constexpr std::uint16_t samples[] = {5, 3, 9, 4, 4, 7, 1, 8, 100, 200, 300, 400, 500, 600, 700, 800, 6};
  const auto report = run_recorder(samples);
  coframe::tap::equal(report.view(),
                      std::string_view{"min 1 max 9 sum 41\nmin 100 max 800 sum 3600\n"},
                      "the recorder reports as before");
  coframe::tap::ok(recorder_size() <= 40, "the recorder is at most 40 bytes");
  coframe::tap::diag("sizeof(recorder) = ", recorder_size(), " bytes");
  coframe::tap::done();
}
