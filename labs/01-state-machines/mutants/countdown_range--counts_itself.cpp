// Mutant of lab 01 exercise countdown_range: the iterator counts down by itself.
//
// The wrong answer: begin() takes the first value from the machine, then `++` subtracts one
// from it, because "a countdown goes down by one". The values are right for this machine, but
// the loop no longer resumes it: a range adaptor that only works for one machine.
// What catches it: after a loop stopped early, the machine is still where begin() left it.
//
// The test reports:
//   status 1
//   not ok {num} - the loop resumes the machine once per element, and no further
#include "lab01.hpp"

countdown_range::iterator countdown_range::begin() {
  iterator it;
  it.machine_ = machine_;
  it.current_ = machine_->next();
  return it;
}

std::uint32_t countdown_range::iterator::operator*() const { return *current_; }

countdown_range::iterator& countdown_range::iterator::operator++() {
  if (*current_ == 1) {
    current_.reset();
  } else {
    current_ = *current_ - 1;
  }
  return *this;
}

bool countdown_range::iterator::operator==(std::default_sentinel_t) const {
  return !current_.has_value();
}
