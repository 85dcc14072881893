// Test of lab 00 exercise fault_address: decode recorded and unrecorded addresses, then take
// a real bus fault and check that the address you report is the one that was read.
#include "lab00.hpp"

#include <coframe/testing/tap.hpp>

namespace {
constexpr std::uint32_t bad_address = 0xF000'0010;
}

// This test's own HardFault handler (it replaces lib/'s report): check, then end the run.
extern "C" void HardFault_Handler() {
  const auto reported = fault_address(coframe::fault_status::read());
  coframe::tap::ok(reported.has_value(), "a real bus fault has a faulting address");
  if (reported) coframe::tap::equal(*reported, bad_address, "and it is the address that was read");
  coframe::tap::done();
}

int main() {
  using coframe::fault_status;
  using coframe::tap::ok;
  coframe::tap::plan(6);
  ok(fault_address(fault_status{.cfsr = 1u << 9 | 1u << 15, .hfsr = 0, .mmfar = 0, .bfar = 0x100}) == 0x100u,
     "BFARVALID: the BusFault address");
  ok(fault_address(fault_status{.cfsr = 1u << 1 | 1u << 7, .hfsr = 0, .mmfar = 0x200, .bfar = 0}) == 0x200u,
     "MMARVALID: the MemManage address");
  ok(!fault_address(fault_status{.cfsr = 1u << 10, .hfsr = 0, .mmfar = 0x200, .bfar = 0x100}),
     "imprecise bus error: no address");
  ok(!fault_address(fault_status{.cfsr = 0, .hfsr = 1u << 30, .mmfar = 0x200, .bfar = 0x100}),
     "nothing valid: no address");

  (void)*reinterpret_cast<volatile std::uint32_t*>(bad_address);
  coframe::tap::bail_out("the bad read did not fault");
}
