// Mutant of lab 01 exercise drop_order: the file destroyed before the buffer.
//
// The wrong answer: the objects destroyed in the order they are declared (and were built),
// file then buffer, as one would list them. Destruction runs in reverse: the buffer was
// borrowed to send the file, so it goes first.
// What catches it: the log of a machine dropped while sending, compared whole.
//
// The test reports:
//   status 1
//   not ok {num} - dropped while sending: buffer, then file
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
      std::destroy_at(&file_);
      std::destroy_at(&buffer_);
      break;
  }
  state_ = state::finished;  // nothing is alive any more: a second drop() does nothing
}
