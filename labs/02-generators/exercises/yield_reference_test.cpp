// Test of lab 02 exercise yield_reference: no copies, the caller sees the body's objects.
#include "lab02.hpp"

#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {
const reading* seen_in_body = nullptr;
const reading table[2] = {{1, 10}, {2, 20}};

reading_stream readings() {
  reading local{7, 70};
  seen_in_body = &local;
  co_yield local;  // a local of the body
  for (const reading& r : table) co_yield r;  // objects the body was given
}
}  // namespace

int main() {
  tap::plan(4);
  reading::copies = 0;
  reading_stream s = readings();
  tap::ok(s.next() && &s.current() == seen_in_body && s.current().value == 70,
          "the first element is the body's local itself");
  tap::ok(s.next() && &s.current() == &table[0], "the second is table[0] itself");
  tap::ok(s.next() && &s.current() == &table[1] && !s.next(), "the third is table[1]; then done");
  tap::equal(reading::copies, 0, "no reading was copied");
  tap::done();
}
