// Mutant of lab 03 exercise root_allocator: the root takes the run queue, not the dispatcher.
//
// The wrong answer: the root's first parameter is where it resumes, the run_queue, as in a
// framework that has not thought about allocation; the queue carries no allocator, so the
// root's frame comes from the default pool. What catches it: the default pool gains a frame,
// and the allocator counts no request for the root.
//
// The test reports:
//   status 1
//   not ok {num} - start() allocated the root's frame from the allocator
//   not ok {num} - no frame of the run came from the default pool, the root's included
#include "lab03.hpp"

namespace root_exercise {

namespace {
using root = lab03::root_task<lab03::by_dispatcher::allocation>;

root run_root(lab03::run_queue&, task work, std::optional<int>* result) {
  *result = co_await std::move(work);
}
}  // namespace

bool start(lab03::run_queue& queue, coframe::frame_resource&, task work,
           std::optional<int>* result) {
  root r = run_root(queue, std::move(work), result);
  if (!r.valid()) return false;
  queue.post(r.release());
  return true;
}

}  // namespace root_exercise
