// Test of lab 02 exercise counter_promise: the ticker's promise. Two bodies, one counting to a
// number drawn from the seed, one handing out values drawn from the seed; laziness; every frame
// allocated through coframe::generator_frames and freed, also when a ticker is dropped early;
// allocation failure.
#include "lab02.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;
using coframe::generator_frames;

namespace {
int runs = 0;

ticker count(int n) {
  ++runs;
  for (int i = 1; i <= n; ++i) co_yield i;
}

ticker hand_out(const int* values, int n) {
  for (int i = 0; i < n; ++i) co_yield values[i];
}

// What a ticker hands out, as text, never more than 40 values (a broken ticker cannot hang).
coframe::text_buffer<512> drain(ticker& t) {
  coframe::text_buffer<512> text;
  for (int i = 0; i < 40 && t.next(); ++i) {
    coframe::write_to(text, text.view().empty() ? "" : " ", t.value());
  }
  return text;
}
}  // namespace

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  const int n = static_cast<int>(3 + numbers.below(10));
  coframe::text_buffer<512> counted;
  for (int i = 1; i <= n; ++i) coframe::write_to(counted, i == 1 ? "" : " ", i);
  const std::size_t allocated_before = generator_frames::allocated();
  {
    ticker t = count(n);
    tap::ok(t.valid(), "get_return_object gives a ticker that owns the frame");
    tap::equal(runs, 0, "the body does not run before the first next()");
    tap::equal(generator_frames::outstanding(), std::size_t{1},
               "the frame came from generator_frames");
    if (!tap::equal(drain(t).view(), counted.view(), "next() and value() count to n")) {
      tap::diag("(n = ", n, ", drawn from the seed)");
    }
    tap::ok(!t.next(), "next() is false once the body has returned");
  }
  tap::equal(generator_frames::outstanding(), std::size_t{0},
             "the frame went back to generator_frames");

  int values[12];
  coframe::text_buffer<512> want;
  for (int i = 0; i < 12; ++i) {
    values[i] = numbers.between(-1000, 1000);
    coframe::write_to(want, i == 0 ? "" : " ", values[i]);
  }
  {
    ticker t = hand_out(values, 12);
    tap::equal(drain(t).view(), want.view(), "value() is what the body yielded: values drawn "
                                              "from the seed");
  }
  {
    ticker t = count(5);
    t.next();
    t.next();
  }  // dropped after two values, suspended in the middle of the loop
  tap::ok(generator_frames::outstanding() == 0 &&
              generator_frames::allocated() == allocated_before + 3,
          "three tickers, three frames from generator_frames, all freed (one dropped early)");

  generator_frames::fail_allocation();
  ticker none = count(1);
  tap::ok(!none.valid() && !none.next(), "allocation failure gives an invalid ticker");
  tap::done();
}
