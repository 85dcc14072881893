// Lab 03, exercise root_allocator — async_run's root_task on the dispatcher's allocator
// (design 2).
//
// start() is design 2's async_run (see root_exercise::start in lab03.hpp): the framework wraps
// the task it is handed in a root coroutine of its own, which awaits the task and stores its
// result. The root's frame is allocated when the root coroutine is called, by design 2's
// operator new, which looks for get_frame_allocator() on the coroutine's first or second
// parameter and otherwise takes the default pool. Write the root coroutine and start() so that
// the root's frame comes from `alloc`, like every other frame of the chain.
#include "lab03.hpp"

namespace root_exercise {

namespace {
using root = lab03::root_task<lab03::by_dispatcher::allocation>;

// TODO: the root coroutine. Which parameter must it have, and where, for its frame to come
// from the dispatcher's allocator?
root run_root(task work, std::optional<int>* result) {
  *result = co_await std::move(work);
}
}  // namespace

bool start(lab03::run_queue& queue, coframe::frame_resource& alloc, task work,
           std::optional<int>* result) {
  // TODO: a dispatcher for queue and alloc; the root; false if the root has no frame;
  // otherwise post the root (root::release()) to the dispatcher and return true.
  (void)queue;
  (void)alloc;
  (void)run_root;
  (void)work;
  (void)result;
  return false;
}

}  // namespace root_exercise
