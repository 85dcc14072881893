// Test of lab 02 exercise yield_reference: no copies; the caller sees the body's own objects (a
// local, the elements of a table whose length and contents are drawn from the seed, a
// temporary), by address where it has one and by value where it does not.
#include "lab02.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {
const reading* seen_in_body = nullptr;
reading table[8];
int table_size = 0;
int temporary_id = 0;

reading_stream readings() {
  reading local{7, 70};
  seen_in_body = &local;
  co_yield local;                                         // a local of the body
  for (int i = 0; i < table_size; ++i) co_yield table[i];  // objects the body was given
  co_yield reading{temporary_id, -1};                      // a temporary
}
}  // namespace

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  table_size = static_cast<int>(2 + numbers.below(7));
  for (int i = 0; i < table_size; ++i) {
    table[i] = reading{static_cast<int>(numbers.below(1000)), numbers.between(-500, 500)};
  }
  temporary_id = static_cast<int>(1000 + numbers.below(1000));
  reading::copies = 0;

  tap::plan(4);
  reading_stream s = readings();
  const bool first = s.next();
  tap::ok(first && &s.current() == seen_in_body && s.current().value == 70,
          "the first element is the body's local itself");
  int wrong = -1;
  for (int i = 0; i < table_size && wrong < 0; ++i) {
    if (!s.next() || &s.current() != &table[i]) wrong = i;
  }
  if (!tap::ok(wrong < 0, "the elements of the table are the table's own objects")) {
    tap::diag("element ", wrong, " of ", table_size, " (the length was drawn from the seed) ",
              "is not table[", wrong, "] itself");
  }
  tap::ok(wrong < 0 && s.next() && s.current().id == temporary_id && s.current().value == -1 &&
              !s.next(),
          "a temporary is seen with its value; then the body is done");
  tap::equal(reading::copies, 0, "no reading was copied");
  tap::done();
}
