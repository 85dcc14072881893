// Mutant of lab 02 exercise yield_reference: copies, each in a place of its own.
//
// The wrong answer: the starter's fault seen as "every yield lands in the same place", so the
// learner keeps the last few yields in a ring of slots. The caller sees distinct objects that
// hold the right values, but they are copies.
// What catches it: the copy count and the addresses.
//
// The test reports:
//   status 1
//   not ok {num} - the first element is the body's local itself
//   not ok {num} - no reading was copied
#include "lab02.hpp"

std::suspend_always reading_stream::promise_type::yield_value(const reading& r) noexcept {
  static reading slots[4];
  static unsigned next = 0;
  reading& slot = slots[next++ % 4];
  slot = r;
  current = &slot;
  return {};
}
