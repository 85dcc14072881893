// Mutant of lab 00 exercise fault_address: BFARVALID at its bit in the BFSR byte.
//
// The wrong answer: manuals describe the BusFault status as a byte of its own, BFSR, with
// BFARVALID at bit 7; read through the 32-bit CFSR, that byte starts at bit 8, so BFARVALID
// is bit 15. A learner who copies "bit 7" tests MMARVALID instead, and hands out BFAR for a
// MemManage fault (and never reports a bus fault's address).
// What catches it: the MemManage cases, the random status words and the real bus fault.
//
// The test reports:
//   status 1
//   not ok {num} - a data access violation: MMFAR holds the address
//   not ok {num} - a precise bus error: BFAR holds the address
//   not ok {num} - a real bus fault: the address that was read
#include "lab00.hpp"

std::optional<std::uint32_t> fault_address(const coframe::fault_status& status) {
  if ((status.cfsr & (1u << 7)) != 0) return status.bfar;   // "BFARVALID", from BFSR
  if ((status.cfsr & (1u << 7)) != 0) return status.mmfar;  // MMARVALID
  return std::nullopt;
}
