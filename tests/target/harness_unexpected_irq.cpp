// Harness check: an interrupt without a handler is reported by number and exits 139.
#include <coframe/board/nvic.hpp>

int main() {
  coframe::nvic::enable(20);
  coframe::nvic::set_pending(20);  // taken at once: nobody defined a handler for IRQ 20
  return 0;
}
