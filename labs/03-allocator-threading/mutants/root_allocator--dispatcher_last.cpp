// Mutant of lab 03 exercise root_allocator: the dispatcher is the root's last parameter.
//
// The wrong answer: the root takes the dispatcher, but after the task and the result, where
// operator new does not look (it finds an allocator on the first or second parameter only), so
// the root's frame comes from the default pool. What catches it: the default pool gains a
// frame during the run, and the allocator counts no request for the root.
//
// The test reports:
//   status 1
//   not ok {num} - start() allocated the root's frame from the allocator
//   not ok {num} - no frame of the run came from the default pool, the root's included
#include "lab03.hpp"

namespace root_exercise {

namespace {
using root = lab03::root_task<lab03::by_dispatcher::allocation>;

root run_root(task work, std::optional<int>* result, dispatcher) {
  *result = co_await std::move(work);
}
}  // namespace

bool start(lab03::run_queue& queue, coframe::frame_resource& alloc, task work,
           std::optional<int>* result) {
  const dispatcher d = lab03::by_dispatcher::with_allocator(queue, alloc);
  root r = run_root(std::move(work), result, d);
  if (!r.valid()) return false;
  d.post(r.release());
  return true;
}

}  // namespace root_exercise
