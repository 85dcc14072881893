// Harness check: a fault whose stack pointer points at nothing. Thread mode switches to the
// process stack with PSP = 0xF0000000, where nothing answers on the bus, and pushes: the push
// faults, and so does the core's own push of the registers for the exception (STKERR). The
// fault handler must not read the "stacked registers" there (a second fault inside it would
// lock the core up, QEMU status 250, the report cut short): a full report and status 139.
#include <cstdint>

int main() {
  asm volatile(
      "msr  psp, %0     \n"
      "movs r0, #2      \n"  // CONTROL.SPSEL: Thread mode uses the process stack
      "msr  control, r0 \n"
      "isb              \n"
      "push {r0}        \n"
      :
      : "r"(0xF000'0000u)
      : "r0", "memory");
  return 0;
}
