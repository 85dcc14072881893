// Test of lab 01 exercise drop_order: drop a transfer in every state.
#include "lab01.hpp"

#include <coframe/testing/tap.hpp>

namespace {

void drop_after(unsigned steps, bool drop_twice, std::string_view want, std::string_view description) {
  lab01::probe_log log;
  {
    transfer machine{log};
    for (unsigned i = 0; i < steps; ++i) machine.step();
    if (drop_twice) machine.drop();
  }  // ~transfer calls drop() (again)
  coframe::tap::equal(log.events(), want, description);
  coframe::tap::ok(log.alive() == 0 && log.constructions() == log.destructions(),
                   "  and every object was destroyed exactly once");
}

}  // namespace

int main() {
  drop_after(0, false, "", "dropped idle: nothing to destroy");
  drop_after(1, false, "+file -file", "dropped while opened: the file is closed");
  drop_after(2, false, "+file +buffer -buffer -file", "dropped while sending: buffer, then file");
  drop_after(3, false, "+file +buffer -buffer -file", "dropped when finished: nothing more");
  drop_after(2, true, "+file +buffer -buffer -file", "drop() then the destructor: still once");
  drop_after(1, true, "+file -file", "drop() while opened, then the destructor");
  coframe::tap::done();
}
