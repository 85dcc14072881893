// Mutant of lab 03 exercise root_allocator: the root is made but never posted.
//
// The wrong answer: the root coroutine is right and its frame comes from the allocator, but
// start() returns without handing it to the dispatcher; the root_task object destroys the
// root, and the task with it, when start() returns. What catches it: the result never arrives.
//
// The test reports:
//   status 1
//   not ok {num} - the root stored the chain's result
#include "lab03.hpp"

namespace root_exercise {

namespace {
using root = lab03::root_task<lab03::by_dispatcher::allocation>;

root run_root(dispatcher, task work, std::optional<int>* result) {
  *result = co_await std::move(work);
}
}  // namespace

bool start(lab03::run_queue& queue, coframe::frame_resource& alloc, task work,
           std::optional<int>* result) {
  const dispatcher d = lab03::by_dispatcher::with_allocator(queue, alloc);
  root r = run_root(d, std::move(work), result);
  return r.valid();
}

}  // namespace root_exercise
