// Lab 01, exercise countdown_range — solution.
#include "lab01.hpp"

// [solution]
countdown_range::iterator countdown_range::begin() {
  iterator it;
  it.machine_ = machine_;
  it.current_ = machine_->next();
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
// [solution]
