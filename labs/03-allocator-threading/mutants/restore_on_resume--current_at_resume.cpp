// Mutant of lab 03 exercise restore_on_resume: the allocator looked up at resume time.
//
// The wrong answer: run_one() installs "the current allocator" for the resume, but reads it
// when it resumes, not when the coroutine was posted: that is whatever is current in the
// loop that drains the queue, not the chain's. What catches it: frames allocated after a
// resume come from the default pool.
//
// The test reports:
//   status 1
//   not ok {num} - no frame came from the default pool
#include "lab03.hpp"

void restoring_queue::post(std::coroutine_handle<> coroutine) noexcept {
  waiting_.push({coroutine, nullptr});
}

bool restoring_queue::run_one() noexcept {
  if (waiting_.empty()) return false;
  const entry next = waiting_.pop();
  coframe::frame_scope scope{coframe::current_frame_resource()};
  next.coroutine.resume();
  return true;
}
