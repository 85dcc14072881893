// Mutant of lab 02 exercise yield_reference: a copy made without the copy constructor.
//
// The wrong answer: "no reading was copied" fails for the starter, so the learner copies the
// bytes with memcpy, which the counting copy constructor never sees. It is still a copy: the
// caller sees an object of the promise's, not the body's.
// What catches it: the addresses.
//
// The test reports:
//   status 1
//   not ok {num} - the first element is the body's local itself
//   not ok {num} - the elements of the table are the table's own objects
#include "lab02.hpp"

#include <cstring>

std::suspend_always reading_stream::promise_type::yield_value(const reading& r) noexcept {
  static reading last;
  std::memcpy(static_cast<void*>(&last), &r, sizeof r);
  current = &last;
  return {};
}
