// Mutant of lab 00 exercise fault_address: BFAR trusted on PRECISERR instead of BFARVALID.
//
// The wrong answer: "a precise bus error records its address", so the learner keys on the
// cause (PRECISERR, CFSR bit 9) rather than on the flag that says BFAR is valid. A real
// precise bus fault sets both bits, so a test that only takes one cannot tell them apart; but
// BFARVALID is cleared when a later fault overwrites BFAR, and then BFAR is stale.
// What catches it: the cases with one of the two bits and not the other, and the random
// status words.
//
// The test reports:
//   status 1
//   not ok {num} - BFARVALID without PRECISERR: BFAR holds the address
//   not ok {num} - PRECISERR without BFARVALID: BFAR is stale, no address
//   not ok {num} - 200 status words drawn from the seed
#include "lab00.hpp"

std::optional<std::uint32_t> fault_address(const coframe::fault_status& status) {
  if ((status.cfsr & (1u << 9)) != 0) return status.bfar;   // PRECISERR
  if ((status.cfsr & (1u << 7)) != 0) return status.mmfar;  // MMARVALID
  return std::nullopt;
}
