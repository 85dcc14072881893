// Harness check: a failed COFRAME_ASSERT prints the expression, message, file and line and
// exits 134. tests/meson.build runs this and checks exactly that.
#include <coframe/board/fault.hpp>

int main() {
  volatile int ticks = 2;
  COFRAME_ASSERT(ticks == 3, "the clock stopped");
  return 0;
}
