// Harness check: panic() prints its message and the caller's location, then exits 134.
#include <coframe/board/fault.hpp>

int main() {
  volatile int widgets = 0;
  if (widgets == 0) coframe::panic("out of widgets");
  return 0;
}
