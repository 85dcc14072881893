// Mutant of lab 00 exercise fault_address: MMFAR trusted on DACCVIOL instead of MMARVALID.
//
// The wrong answer: the same mistake on the MemManage side: "a data access violation records
// its address", so the learner keys on DACCVIOL (CFSR bit 1), the cause, rather than on
// MMARVALID (bit 7), the flag that says MMFAR holds an address.
// What catches it: the cases with one of the two bits and not the other, and the random
// status words.
//
// The test reports:
//   status 1
//   not ok {num} - MMARVALID without DACCVIOL: MMFAR holds the address
//   not ok {num} - DACCVIOL without MMARVALID: MMFAR is stale, no address
#include "lab00.hpp"

std::optional<std::uint32_t> fault_address(const coframe::fault_status& status) {
  if ((status.cfsr & (1u << 15)) != 0) return status.bfar;  // BFARVALID
  if ((status.cfsr & (1u << 1)) != 0) return status.mmfar;  // DACCVIOL
  return std::nullopt;
}
