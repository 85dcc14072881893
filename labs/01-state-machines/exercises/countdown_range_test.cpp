// Test of lab 01 exercise countdown_range: range-for over countdowns of the lengths the
// exercise names and of a length drawn from the seed, and that the loop resumes the machine
// itself, once per element.
#include "lab01.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {

// The values a range-for over the machine visits, never more than 40 of them, so a broken
// iterator cannot hang the test; stops after `limit` values.
coframe::text_buffer<192> visit(countdown& machine, unsigned limit = 40) {
  coframe::text_buffer<192> seen;
  unsigned iterations = 0;
  for (std::uint32_t n : countdown_range{machine}) {
    coframe::write_to(seen, seen.view().empty() ? "" : " ", n);
    if (++iterations == limit) {
      if (limit == 40) seen.put(" ... (stopped after 40)");
      break;
    }
  }
  return seen;
}

coframe::text_buffer<192> visit(std::uint32_t from) {
  countdown machine{from};
  return visit(machine);
}

coframe::text_buffer<192> countdown_text(std::uint32_t from, std::uint32_t to = 1) {
  coframe::text_buffer<192> text;
  for (std::uint32_t n = from; n >= to && n > 0; --n) {
    coframe::write_to(text, text.view().empty() ? "" : " ", n);
  }
  return text;
}

}  // namespace

int main() {
  tap::equal(visit(5).view(), std::string_view{"5 4 3 2 1"}, "countdown from 5");
  tap::equal(visit(1).view(), std::string_view{"1"}, "countdown from 1");
  tap::equal(visit(0).view(), std::string_view{""}, "countdown from 0: no iteration");

  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  const std::uint32_t from = 4 + numbers.below(30);
  if (!tap::equal(visit(from).view(), countdown_text(from).view(),
                  "countdown from a number drawn from the seed")) {
    tap::diag("(from ", from, ")");
  }

  {
    countdown machine{3};
    countdown_range range{machine};
    auto it = range.begin();
    tap::ok(!(it == range.end()) && *it == 3, "begin() holds the first value");
    ++it;
    tap::ok(!(it == range.end()) && *it == 2, "++ resumes the machine");
  }

  // The loop takes its values from the machine, one resume per element: stopped after k
  // elements, the machine goes on from where the loop left it.
  {
    const std::uint32_t k = 2 + numbers.below(from - 2);
    countdown machine{from};
    const auto seen = visit(machine, k);
    const auto next = machine.next();
    if (!tap::ok(seen.view() == countdown_text(from, from - k + 1).view() && next == from - k,
                 "the loop resumes the machine once per element, and no further")) {
      tap::diag("a countdown from ", from, ", the loop stopped after ", k, " elements: ",
                seen.view());
      tap::diag("     got: the machine's next value ",
                next ? static_cast<std::int64_t>(*next) : std::int64_t{-1}, next ? "" : " (none)");
      tap::diag("expected: the machine's next value ", from - k);
    }
  }
  {
    countdown machine{from};
    machine.next();
    machine.next();
    tap::equal(visit(machine).view(), countdown_text(from - 2).view(),
               "a machine already resumed twice: the loop starts where it is");
  }
  tap::done();
}
