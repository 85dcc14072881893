// Mutant of lab 01 exercise countdown_range: begin() does not resume the machine.
//
// The wrong answer: begin() only points the iterator at the machine, and the first `++` is
// to fetch the first value. But a range-for compares begin() with end() before the first
// iteration, and an iterator holding no value is already at the end.
// What catches it: every loop visits nothing.
//
// The test reports:
//   status 1
//   not ok {num} - countdown from 5
//   not ok {num} - begin() holds the first value
#include "lab01.hpp"

countdown_range::iterator countdown_range::begin() {
  iterator it;
  it.machine_ = machine_;
  return it;
}

std::uint32_t countdown_range::iterator::operator*() const { return *current_; }

countdown_range::iterator& countdown_range::iterator::operator++() {
  current_ = machine_->next();
  return *this;
}

bool countdown_range::iterator::operator==(std::default_sentinel_t) const {
  return !current_.has_value();
}
