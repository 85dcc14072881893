// Lab 00, exercise fault_address — make a fault report say which address it tripped on.
//
// When a load or store faults, the processor may record the address: BFAR for a bus fault,
// MMFAR for a memory-management fault. Each is valid only while its flag in CFSR is set
// (BFARVALID is bit 15, MMARVALID is bit 7); otherwise the register holds stale data.
#include "lab00.hpp"

std::optional<std::uint32_t> fault_address(const coframe::fault_status& status) {
  // TODO: return status.bfar if BFARVALID is set, status.mmfar if MMARVALID is set,
  //       and no address otherwise.
  (void)status;
  return std::nullopt;
}
