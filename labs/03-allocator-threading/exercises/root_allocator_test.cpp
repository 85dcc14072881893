// Test of lab 03 exercise root_allocator: design 2's async_run. Every frame of the run, the
// root's included, comes from the allocator given (drawn from the runner's seed), none from
// the default pool; the result arrives; failing each allocation in turn gives false or an
// empty result and leaves nothing allocated.
#include "lab03.hpp"

#include "../tests/design_checks.hpp"  // chain_resource, default_pool_watch

#include <coframe/frame/frame_pool.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;
using lab03_tests::chain_resource;

namespace {
coframe::frame_pool memory;
chain_resource a{0, memory}, b{0, memory};  // static: never destroyed before their frames
}  // namespace

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  chain_resource& chosen = numbers.below(2) == 0 ? a : b;
  chain_resource& other = &chosen == &a ? b : a;
  const int x = static_cast<int>(numbers.below(20));

  lab03::run_queue queue;
  std::optional<int> result;
  lab03_tests::default_pool_watch watch;
  const root_exercise::dispatcher d{queue, chosen};
  root_exercise::task work = lab03::by_dispatcher::sum(d, x);
  const std::size_t chain_frames = chosen.requests();
  const bool started = root_exercise::start(queue, chosen, std::move(work), &result);
  const std::size_t root_frames = chosen.requests() - chain_frames;
  lab03_tests::run(queue, watch);
  tap::ok(started, "start() returns true when there is memory");
  tap::equal(result.value_or(-1), lab03::sum_expected(x), "the root stored the chain's result");
  tap::equal(root_frames, std::size_t{1}, "start() allocated the root's frame from the allocator");
  tap::ok(watch.peak == 0, "no frame of the run came from the default pool, the root's included");
  tap::ok(other.requests() == 0, "the other allocator served nothing");
  tap::ok(chosen.outstanding() == 0, "every frame went back");

  // Fail each allocation in turn, however many this compiler makes for the chain.
  bool every_failure_reported = true, nothing_left = true;
  std::size_t n = 1;
  for (; n < 64; ++n) {
    chosen.fail_at(n);
    const std::size_t before = chosen.requests();
    std::optional<int> r;
    lab03_tests::default_pool_watch w;
    const root_exercise::dispatcher dn{queue, chosen};
    const bool ok = root_exercise::start(queue, chosen, lab03::by_dispatcher::sum(dn, x), &r);
    lab03_tests::run(queue, w);
    nothing_left = nothing_left && chosen.outstanding() == 0 && w.peak == 0;
    if (chosen.requests() - before < n) {
      chosen.fail_at(0);
      tap::ok(ok && r == lab03::sum_expected(x), "with no allocation failed, the sum arrives");
      break;
    }
    every_failure_reported = every_failure_reported && (!ok || !r.has_value());
  }
  tap::ok(every_failure_reported, "each failed allocation reached the caller: false, or no value");
  tap::ok(nothing_left, "after each failure every frame was freed, none went to the default pool");
  tap::done();
}
