// Test of lab 03 exercise error_value: average() over a number of channels drawn from the
// runner's seed. With memory, the mean; with each allocation of the run failing in turn (the
// average's own frame, and each sample's), no value at the caller, never a made-up number,
// and no frame left behind.
#include "lab03.hpp"

#include <coframe/frame/counting_frame_resource.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/frame/frame_scope.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {
coframe::frame_pool memory;
coframe::counting_frame_resource frames{"frames", memory};
int base = 0;  // the first sample's value, from the seed

// average() is called through a pointer the compiler cannot see through, so that its frame is
// allocated (HALO needs the call inlined) under every compiler.
measurement (*volatile average_of)(int) = average;

int expected_average(int channels) {
  int sum = 0;
  for (int c = 0; c < channels; ++c) sum += base + 7 * c;
  return sum / channels;
}
}  // namespace

// noinline: each sample's frame must really be allocated (a compiler that sees its whole life
// inside average() may otherwise place it in average's frame, HALO), so that failing it is a
// failure average() must pass on.
[[gnu::noinline]] measurement sample(int channel) { co_return base + 7 * channel; }

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  const int channels = 2 + static_cast<int>(numbers.below(6));
  base = 100 + static_cast<int>(numbers.below(900));
  coframe::frame_scope scope{frames};

  tap::equal(average_of(channels).get().value_or(-1), expected_average(channels),
             "with memory, the mean of the samples");
  tap::equal(frames.outstanding(), std::size_t{0}, "every frame went back");

  // Fail allocation 1 (average's own frame), 2 (the first sample's), ... in turn.
  bool no_value = true, nothing_left = true;
  int made_up = 0;
  std::size_t n = 1;
  for (; n < 32; ++n) {
    frames.fail_at(n);
    const std::size_t before = frames.requests();
    const std::optional<int> got = average_of(channels).get();
    nothing_left = nothing_left && frames.outstanding() == 0;
    if (frames.requests() - before < n) break;  // nothing was left to fail
    if (got.has_value()) {
      no_value = false;
      made_up = *got;
    }
  }
  frames.fail_at(0);
  tap::equal(n, static_cast<std::size_t>(channels) + 2,
             "the run allocates a frame for average() and one per sample, no more");
  tap::ok(no_value, "a failed allocation anywhere reaches the caller as no value");
  if (!no_value) tap::diag("average() returned ", made_up, " although a frame was missing");
  tap::ok(nothing_left, "after each failure every frame was freed");
  tap::done();
}
