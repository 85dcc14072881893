// Lab 00, exercise fault_address — solution.
#include "lab00.hpp"

std::optional<std::uint32_t> fault_address(const coframe::fault_status& status) {
  // [solution]
  constexpr std::uint32_t mmarvalid = 1u << 7, bfarvalid = 1u << 15;
  if ((status.cfsr & bfarvalid) != 0) return status.bfar;
  if ((status.cfsr & mmarvalid) != 0) return status.mmfar;
  return std::nullopt;
  // [solution]
}
