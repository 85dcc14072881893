// Test of lab 00 exercise fault_address: decode status words where the address registers hold
// an address and where they hold stale values, the cases the exercise names one by one, then
// 200 status words drawn from the seed; last, take a real bus fault at an address chosen by
// the seed and check that the address you report is the one that was read.
#include "lab00.hpp"

#include <coframe/board/format.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

namespace tap = coframe::tap;
using coframe::fault_status;
using coframe::hex;

namespace {
// CFSR bits (Armv7-M Architecture Reference Manual, B3.2.15).
constexpr std::uint32_t iaccviol = 1u << 0, daccviol = 1u << 1, mstkerr = 1u << 4,
                        mmarvalid = 1u << 7, ibuserr = 1u << 8, preciserr = 1u << 9,
                        impreciserr = 1u << 10, stkerr = 1u << 12, bfarvalid = 1u << 15,
                        forced = 1u << 30;

// What the processor recorded, decided from the valid bits alone (the exercise's rule).
std::optional<std::uint32_t> recorded(const fault_status& s) {
  if ((s.cfsr & bfarvalid) != 0) return s.bfar;
  if ((s.cfsr & mmarvalid) != 0) return s.mmfar;
  return std::nullopt;
}

void show(std::string_view label, std::optional<std::uint32_t> address) {
  if (address) {
    tap::diag(label, hex(*address));
  } else {
    tap::diag(label, "no address");
  }
}

void describe(const fault_status& s, std::optional<std::uint32_t> got) {
  tap::diag("    CFSR ", hex(s.cfsr), "  MMFAR ", hex(s.mmfar), "  BFAR ", hex(s.bfar));
  show("     got: ", got);
  show("expected: ", recorded(s));
}

bool check(const fault_status& s, std::string_view description) {
  const auto got = fault_address(s);
  if (tap::ok(got == recorded(s), description)) return true;
  describe(s, got);
  return false;
}

volatile std::uint32_t bad_address = 0;
}  // namespace

// This test's own HardFault handler (it replaces lib/'s report): check, then end the run.
extern "C" void HardFault_Handler() {
  const fault_status status = fault_status::read();
  const auto reported = fault_address(status);
  if (!tap::ok(reported == bad_address, "a real bus fault: the address that was read")) {
    describe(status, reported);
    tap::diag("the address read: ", hex(bad_address));
  }
  tap::done();
}

int main() {
  tap::plan(10);
  constexpr std::uint32_t stale_mmfar = 0x2000'0200, stale_bfar = 0x4000'0100;
  check({.cfsr = preciserr | bfarvalid, .hfsr = forced, .mmfar = stale_mmfar, .bfar = 0x100},
        "a precise bus error: BFAR holds the address");
  check({.cfsr = daccviol | mmarvalid, .hfsr = forced, .mmfar = 0x200, .bfar = stale_bfar},
        "a data access violation: MMFAR holds the address");
  check({.cfsr = stkerr | bfarvalid, .hfsr = forced, .mmfar = stale_mmfar, .bfar = 0x300},
        "BFARVALID without PRECISERR: BFAR holds the address");
  check({.cfsr = preciserr, .hfsr = forced, .mmfar = stale_mmfar, .bfar = stale_bfar},
        "PRECISERR without BFARVALID: BFAR is stale, no address");
  check({.cfsr = mstkerr | mmarvalid, .hfsr = forced, .mmfar = 0x400, .bfar = stale_bfar},
        "MMARVALID without DACCVIOL: MMFAR holds the address");
  check({.cfsr = daccviol | iaccviol, .hfsr = forced, .mmfar = stale_mmfar, .bfar = stale_bfar},
        "DACCVIOL without MMARVALID: MMFAR is stale, no address");
  check({.cfsr = impreciserr | ibuserr, .hfsr = forced, .mmfar = stale_mmfar, .bfar = stale_bfar},
        "an imprecise bus error: no address");
  check({.cfsr = 0, .hfsr = forced, .mmfar = stale_mmfar, .bfar = stale_bfar},
        "nothing valid, both registers stale: no address");

  // Status words drawn from the seed: any cause bits, stale or valid addresses. (Not both
  // valid bits at once: on the Cortex-M3 and M4 BFAR and MMFAR are one register, so the core
  // never sets both.)
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  int wrong = 0;
  fault_status first_wrong{};
  for (int i = 0; i < 200; ++i) {
    fault_status s{.cfsr = numbers.next() & ~(bfarvalid | mmarvalid), .hfsr = forced,
                   .mmfar = numbers.next(), .bfar = numbers.next()};
    const std::uint32_t which = numbers.below(3);
    s.cfsr |= which == 0 ? 0 : which == 1 ? bfarvalid : mmarvalid;
    if (fault_address(s) != recorded(s) && wrong++ == 0) first_wrong = s;
  }
  if (!tap::ok(wrong == 0, "200 status words drawn from the seed")) {
    tap::diag(wrong, " of 200 wrong; the first:");
    describe(first_wrong, fault_address(first_wrong));
  }

  // A read from a hole in the memory map: a precise bus fault, escalated to HardFault.
  bad_address = 0xF000'0000 + 16 * numbers.below(4096);
  (void)*reinterpret_cast<volatile std::uint32_t*>(bad_address);
  tap::bail_out("the bad read did not fault");
}
