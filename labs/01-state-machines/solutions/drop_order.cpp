// Lab 01, exercise drop_order — solution.
#include "lab01.hpp"

// [solution]
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
  state_ = state::finished;  // nothing is alive any more: a second drop() does nothing
}
// [solution]
