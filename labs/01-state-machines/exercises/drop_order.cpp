// Lab 01, exercise drop_order — destroy an early-dropped machine correctly.
//
// transfer (lab01.hpp) keeps its file and its buffer in unions, so it, not the compiler,
// decides when they are destroyed. drop() is called by the destructor and may also be called
// early. It must destroy exactly what the current state holds, each object once, in reverse
// order of construction, and leave the machine so that a second drop() does nothing.
// This version has bugs: run the test and read what it got.
#include "lab01.hpp"

void transfer::drop() {
  // TODO: fix the order, and the state that is forgotten.
  switch (state_) {
    case state::sending:
      std::destroy_at(&file_);
      std::destroy_at(&buffer_);
      break;
    case state::idle:
    case state::opened:
    case state::finished:
      break;
  }
  state_ = state::finished;
}
