// Mutant of lab 01 exercise drop_order: the state left as it was.
//
// The wrong answer: drop() destroys the right objects in the right order, but leaves the state
// unchanged, so the destructor's drop() destroys them a second time.
// What catches it: a drop() followed by the destructor, logged whole.
//
// The test reports:
//   status 1
//   not ok {num} - drop() then the destructor: still once
//   not ok {num} - drop() while opened, then the destructor
#include "lab01.hpp"

void transfer::drop() {
  switch (state_) {
    case state::idle:
    case state::finished:
      break;  // nothing is alive
    case state::opened:
      std::destroy_at(&file_);
      break;
    case state::sending:
      std::destroy_at(&buffer_);  // the newest object first
      std::destroy_at(&file_);
      break;
  }
}
