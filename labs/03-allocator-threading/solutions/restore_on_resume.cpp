// Lab 03, exercise restore_on_resume — solution.
#include "lab03.hpp"

// [solution]
void restoring_queue::post(std::coroutine_handle<> coroutine) noexcept {
  waiting_.push({coroutine, &coframe::current_frame_resource()});
}

bool restoring_queue::run_one() noexcept {
  if (waiting_.empty()) return false;
  const entry next = waiting_.pop();
  coframe::frame_scope scope{*next.allocator};  // installed now, the previous one back at '}'
  next.coroutine.resume();
  return true;
}
// [solution]
