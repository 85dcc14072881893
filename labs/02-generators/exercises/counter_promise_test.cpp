// Test of lab 02 exercise counter_promise: the ticker's promise.
#include "lab02.hpp"

#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;
using coframe::generator_frames;

namespace {
int runs = 0;
ticker count(int n) {
  ++runs;
  for (int i = 1; i <= n; ++i) co_yield i;
}
}  // namespace

int main() {
  tap::plan(7);
  {
    ticker t = count(3);
    tap::ok(t.valid(), "get_return_object gives a ticker that owns the frame");
    tap::equal(runs, 0, "the body does not run before the first next()");
    tap::equal(generator_frames::outstanding(), std::size_t{1},
               "the frame came from generator_frames");
    int got[3] = {};
    for (int& g : got) g = t.next() ? t.value() : -1;
    tap::ok(got[0] == 1 && got[1] == 2 && got[2] == 3, "next() and value() give 1 2 3");
    tap::ok(!t.next(), "next() is false once the body has returned");
  }
  tap::equal(generator_frames::outstanding(), std::size_t{0}, "the frame went back to generator_frames");
  generator_frames::fail_allocation();
  ticker none = count(1);
  tap::ok(!none.valid() && !none.next(), "allocation failure gives an invalid ticker");
  tap::done();
}
