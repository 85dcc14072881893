// Lab 03, exercise restore_on_resume — the run queue of a scoped allocator (design 3).
//
// With design 3 a coroutine names no allocator: its frame comes from the current frame
// allocator (coframe::current_frame_resource(), set for a scope by coframe::frame_scope). A
// chain started inside a scope keeps running after the scope ends, each time a queue resumes
// it, and creates frames then too. Write post() and run_one() of restoring_queue (lab03.hpp)
// so that every coroutine resumes with the allocator that was current when it was posted,
// and the queue leaves the current allocator as it found it.
#include "lab03.hpp"

void restoring_queue::post(std::coroutine_handle<> coroutine) noexcept {
  // TODO: remember, with the coroutine, the allocator current now.
  waiting_.push({coroutine, nullptr});
}

bool restoring_queue::run_one() noexcept {
  if (waiting_.empty()) return false;
  const entry next = waiting_.pop();
  // TODO: resume it with the allocator it was posted under, then restore the previous one.
  next.coroutine.resume();
  return true;
}
