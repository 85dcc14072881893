// Mutant of lab 01 exercise countdown_range: `*` resumes the machine, `++` does nothing.
//
// The wrong answer: "the value comes out when you read it": operator* calls next(), and `++`
// has nothing left to do. begin() already took the first value, so every value read is one
// further on, and the iterator never learns that the machine has finished.
// What catches it: the values of every loop (which the test stops after 40).
//
// The test reports:
//   status 1
//   not ok {num} - countdown from 5
#include "lab01.hpp"

countdown_range::iterator countdown_range::begin() {
  iterator it;
  it.machine_ = machine_;
  it.current_ = machine_->next();
  return it;
}

std::uint32_t countdown_range::iterator::operator*() const {
  const auto next = machine_->next();
  return next ? *next : 0;
}

countdown_range::iterator& countdown_range::iterator::operator++() {
  return *this;
}

bool countdown_range::iterator::operator==(std::default_sentinel_t) const {
  return !current_.has_value();
}
