// Test of lab 01 exercise countdown_range: range-for over a countdown.
#include "lab01.hpp"

#include <coframe/testing/tap.hpp>

namespace {

// Runs the loop, but never more than 20 iterations, so a broken iterator cannot hang the test.
coframe::text_buffer<128> visit(std::uint32_t from) {
  coframe::text_buffer<128> seen;
  countdown machine{from};
  unsigned iterations = 0;
  for (std::uint32_t n : countdown_range{machine}) {
    coframe::write_to(seen, seen.view().empty() ? "" : " ", n);
    if (++iterations == 20) {
      seen.put(" ... (stopped after 20)");
      break;
    }
  }
  return seen;
}

}  // namespace

int main() {
  coframe::tap::equal(visit(5).view(), std::string_view{"5 4 3 2 1"}, "countdown from 5");
  coframe::tap::equal(visit(1).view(), std::string_view{"1"}, "countdown from 1");
  coframe::tap::equal(visit(0).view(), std::string_view{""}, "countdown from 0: no iteration");
  countdown machine{3};
  countdown_range range{machine};
  auto it = range.begin();
  coframe::tap::ok(!(it == range.end()) && *it == 3, "begin() holds the first value");
  ++it;
  coframe::tap::ok(!(it == range.end()) && *it == 2, "++ resumes the machine");
  coframe::tap::done();
}
