// Lab 03, exercise root_allocator — solution.
#include "lab03.hpp"

namespace root_exercise {

// [solution]
namespace {
using root = lab03::root_task<lab03::by_dispatcher::allocation>;

// The dispatcher comes first: operator new finds its get_frame_allocator().
root run_root(dispatcher, task work, std::optional<int>* result) {
  *result = co_await std::move(work);
}
}  // namespace

bool start(lab03::run_queue& queue, coframe::frame_resource& alloc, task work,
           std::optional<int>* result) {
  const dispatcher d = lab03::by_dispatcher::with_allocator(queue, alloc);
  root r = run_root(d, std::move(work), result);
  if (!r.valid()) return false;
  d.post(r.release());
  return true;
}
// [solution]

}  // namespace root_exercise
