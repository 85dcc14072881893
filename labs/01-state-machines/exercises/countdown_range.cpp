// Lab 01, exercise countdown_range — range-for over a machine.
//
// Make `for (std::uint32_t n : countdown_range{machine})` work: begin() resumes the machine for
// its first value, `*` gives the value produced last, `++` resumes the machine again, and the
// loop ends when the iterator compares equal to end() — when the machine produced nothing.
#include "lab01.hpp"

countdown_range::iterator countdown_range::begin() {
  iterator it;
  // TODO: the iterator needs the machine, and the machine's first value.
  return it;
}

std::uint32_t countdown_range::iterator::operator*() const {
  return 0;  // TODO
}

countdown_range::iterator& countdown_range::iterator::operator++() {
  // TODO
  return *this;
}

bool countdown_range::iterator::operator==(std::default_sentinel_t) const {
  return true;  // TODO: only once the machine has finished
}
