// Mutant of lab 03 exercise restore_on_resume: one allocator for the whole queue.
//
// The wrong answer: the queue remembers the allocator current at its first post() and
// installs that one around every resume, as if a queue had one allocator. With two chains on
// two allocators, the second chain's frames come from the first chain's allocator. What
// catches it: the allocators see frames allocated while the other chain runs.
//
// The test reports:
//   status 1
//   not ok {num} - frames allocated after a resume came from the allocator of the chain that runs
#include "lab03.hpp"

namespace {
coframe::frame_resource* first = nullptr;
}

void restoring_queue::post(std::coroutine_handle<> coroutine) noexcept {
  if (first == nullptr) first = &coframe::current_frame_resource();
  waiting_.push({coroutine, first});
}

bool restoring_queue::run_one() noexcept {
  if (waiting_.empty()) return false;
  const entry next = waiting_.pop();
  coframe::frame_scope scope{*next.allocator};
  next.coroutine.resume();
  return true;
}
