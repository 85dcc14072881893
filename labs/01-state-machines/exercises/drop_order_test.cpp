// Test of lab 01 exercise drop_order: drop a transfer in every state, once or more, and compare
// the whole log of constructions and destructions with what must happen; then machines driven
// by a sequence of steps and drops drawn from the seed.
#include "lab01.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;

namespace {

// The log a transfer must leave after `steps` steps and an end (drop() or its destructor):
// what each state constructed, then its objects destroyed newest first, each exactly once.
std::string_view expected_log(unsigned steps) {
  switch (steps) {
    case 0: return "";
    case 1: return "+file -file";
    default: return "+file +buffer -buffer -file";  // step 3 ends it the same way
  }
}

void drop_after(unsigned steps, unsigned drops, std::string_view description) {
  lab01::probe_log log;
  {
    transfer machine{log};
    for (unsigned i = 0; i < steps; ++i) machine.step();
    for (unsigned i = 0; i < drops; ++i) machine.drop();
  }  // ~transfer calls drop() (again)
  if (!tap::equal(log.events(), expected_log(steps), description)) {
    tap::diag("(", steps, " steps, then drop() ", drops, " times, then the destructor)");
  }
}

}  // namespace

int main() {
  drop_after(0, 0, "dropped idle: nothing to destroy");
  drop_after(1, 0, "dropped while opened: the file is closed");
  drop_after(2, 0, "dropped while sending: buffer, then file");
  drop_after(3, 0, "dropped when finished: nothing more");
  drop_after(2, 1, "drop() then the destructor: still once");
  drop_after(1, 1, "drop() while opened, then the destructor");

  // Drawn from the seed: some steps, drop() some times, more steps (a dropped machine stays
  // finished), then the destructor.
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  int wrong = 0;
  coframe::text_buffer<64> first_got;
  std::string_view first_want;
  unsigned first_steps = 0, first_drops = 0, first_after = 0;
  for (int i = 0; i < 40; ++i) {
    const unsigned steps = numbers.below(5), drops = numbers.below(4), after = numbers.below(3);
    lab01::probe_log log;
    {
      transfer machine{log};
      for (unsigned s = 0; s < steps; ++s) machine.step();
      for (unsigned d = 0; d < drops; ++d) machine.drop();
      for (unsigned s = 0; s < (drops > 0 ? after : 0); ++s) machine.step();
    }
    if (log.events() != expected_log(steps) && wrong++ == 0) {
      first_got.put(log.events());
      first_want = expected_log(steps);
      first_steps = steps, first_drops = drops, first_after = drops > 0 ? after : 0;
    }
  }
  if (!tap::ok(wrong == 0, "40 machines driven by steps and drops drawn from the seed")) {
    tap::diag(wrong, " of 40 wrong; the first: ", first_steps, " steps, drop() ", first_drops,
              " times, ", first_after, " steps more, then the destructor");
    tap::diag("     got: ", first_got.view());
    tap::diag("expected: ", first_want);
  }
  tap::done();
}
