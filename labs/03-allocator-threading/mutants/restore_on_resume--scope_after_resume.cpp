// Mutant of lab 03 exercise restore_on_resume: the scope opened after the resume.
//
// The wrong answer: the allocator is recorded at post() and a scope is opened for it, but
// after the coroutine has already run to its next suspension. What catches it: the frames the
// coroutine allocated while it ran came from the default pool.
//
// The test reports:
//   status 1
//   not ok {num} - no frame came from the default pool
#include "lab03.hpp"

void restoring_queue::post(std::coroutine_handle<> coroutine) noexcept {
  waiting_.push({coroutine, &coframe::current_frame_resource()});
}

bool restoring_queue::run_one() noexcept {
  if (waiting_.empty()) return false;
  const entry next = waiting_.pop();
  next.coroutine.resume();
  coframe::frame_scope scope{*next.allocator};
  return true;
}
