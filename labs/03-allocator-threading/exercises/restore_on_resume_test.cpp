// Test of lab 03 exercise restore_on_resume: two chains of design 3, started in scopes of two
// allocators, interleaved by your queue (in an order drawn from the runner's seed). Every frame
// allocated while a chain runs must come from that chain's allocator, none from the default
// pool, and after the run the default pool must be current again. The chains record which
// chain is running, and the allocators compare on every allocation, so the check holds
// whatever frames a compiler elides.
#include "lab03.hpp"

#include "../tests/design_checks.hpp"  // chain_resource, the chains with ids, default_pool_watch

#include <coframe/frame/frame_pool.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;
using lab03_tests::chain_resource;

namespace {
coframe::frame_pool memory;
chain_resource a{1, memory}, b{2, memory};  // static: never destroyed before their frames

// Starts chain `id` (sum(x) through design 3's async_run) inside a scope of `alloc`.
bool start(restoring_queue& queue, chain_resource& alloc, int id, int x, std::optional<int>* out) {
  lab03_tests::running_chain = id;
  coframe::frame_scope scope{alloc};
  const bool started = lab03::by_scope::async_run(queue, lab03_tests::by_scope::sum(queue, id, x),
                                                  lab03_tests::store_in(out));
  lab03_tests::running_chain = 0;
  return started;
}
}  // namespace

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  restoring_queue queue;
  const bool a_first = numbers.below(2) == 0;
  const int xa = static_cast<int>(numbers.below(20)), xb = static_cast<int>(numbers.below(20));
  std::optional<int> ra, rb;
  lab03_tests::default_pool_watch watch;
  const bool started = a_first ? start(queue, a, 1, xa, &ra) && start(queue, b, 2, xb, &rb)
                               : start(queue, b, 2, xb, &rb) && start(queue, a, 1, xa, &ra);
  lab03_tests::run(queue, watch);
  tap::ok(started, "both chains started");
  tap::ok(ra == lab03_tests::expected_sum(xa) && rb == lab03_tests::expected_sum(xb),
          "both chains computed their sums");
  tap::equal(a.strangers() + b.strangers(), std::size_t{0},
             "frames allocated after a resume came from the allocator of the chain that runs");
  tap::ok(watch.peak == 0, "no frame came from the default pool");
  tap::ok(&coframe::current_frame_resource() == &coframe::default_frame_pool(),
          "after the run the default pool is current again");
  tap::ok(a.outstanding() == 0 && b.outstanding() == 0, "every frame went back");

  // Inside a scope of its own, the queue must leave that scope current.
  {
    coframe::frame_scope outer{a};
    std::optional<int> r;
    lab03_tests::running_chain = 2;
    {
      coframe::frame_scope scope{b};
      lab03::by_scope::async_run(queue, lab03_tests::by_scope::sum(queue, 2, xb),
                                 lab03_tests::store_in(&r));
    }
    lab03_tests::running_chain = 0;
    queue.run();
    tap::ok(&coframe::current_frame_resource() == &a && r == lab03_tests::expected_sum(xb),
            "run inside a scope of A: A is current again afterwards");
  }
  tap::done();
}
