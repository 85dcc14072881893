// Lab 00 — what a fault looks like. This firmware reads from an address where nothing
// answers on the bus; the processor raises a BusFault, which (not enabled on its own)
// escalates to HardFault. lib/'s handler prints the stacked registers, the fault status and
// the faulting address, then exits with status 139.
//
// Run it:  ./workbook run 00 fault
#include <coframe/board/console.hpp>

#include <cstdint>

// [fault]
int main() {
  coframe::println("coframe lab 00: a fault on purpose");
  volatile auto* nowhere = reinterpret_cast<volatile std::uint32_t*>(0xF000'0000);
  const std::uint32_t value = *nowhere;  // precise bus error: BFAR records the address
  coframe::println("not reached: ", value);
  return 0;
}
// [fault]
