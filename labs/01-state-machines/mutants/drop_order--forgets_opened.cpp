// Mutant of lab 01 exercise drop_order: a state forgotten.
//
// The wrong answer: only `sending` holds objects "that need cleaning up"; in `opened` the file
// is alive too, and dropping the machine there leaks it (the file is never closed).
// What catches it: the log of a machine dropped while opened.
//
// The test reports:
//   status 1
//   not ok {num} - dropped while opened: the file is closed
#include "lab01.hpp"

void transfer::drop() {
  switch (state_) {
    case state::idle:
    case state::finished:
    case state::opened:
      break;
    case state::sending:
      std::destroy_at(&buffer_);  // the newest object first
      std::destroy_at(&file_);
      break;
  }
  state_ = state::finished;  // nothing is alive any more: a second drop() does nothing
}
