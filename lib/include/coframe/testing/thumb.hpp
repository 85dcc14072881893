/// \file
/// Reading a function's own machine code, for tests that check the technique an exercise
/// teaches (an instruction used, or one avoided) and not only its result.
///
/// \code{.cpp}
/// using namespace coframe::testing;
/// tap::ok(any_instruction(address_of(&active_exception), reads_ipsr), "reads IPSR with mrs");
/// tap::ok(!any_instruction(address_of(&get_token), writes_primask), "never masks interrupts");
/// \endcode
///
/// The walk decodes Thumb-2 (every Cortex-M): 16-bit instructions, and 32-bit ones whose first
/// halfword starts 0b11101, 0b11110 or 0b11111. It stops at the function's return (`bx lr`, or a
/// `pop` that loads pc) and follows calls and tail calls (`bl`, `b.w`) `calls_to_follow` levels
/// deep, so a helper function the code calls counts as part of it. At most 96 halfwords per
/// function: for the small functions of exercises, not for whole programs.
#pragma once

#include <cstdint>

namespace coframe::testing {

/// One Thumb instruction: `second` is 0 for a 16-bit one.
struct thumb_instruction {
  std::uint16_t first;
  std::uint16_t second;
  bool wide;
};

/// The address of a function's code, for any_instruction().
template <class F>
std::uintptr_t address_of(F* function) {
  return reinterpret_cast<std::uintptr_t>(function);
}

/// True when `visit` returns true for some instruction of the function at `function` (or of a
/// function it calls, `calls_to_follow` levels deep).
template <class Visit>
bool any_instruction(std::uintptr_t function, Visit visit, int calls_to_follow = 1) {
  const auto* code = reinterpret_cast<const std::uint16_t*>(function & ~std::uintptr_t{1});
  for (int i = 0; i < 96;) {
    const std::uint16_t first = code[i];
    if ((first >> 11) < 0b11101) {
      if (visit(thumb_instruction{first, 0, false})) return true;
      if (first == 0x4770 || (first & 0xFF00) == 0xBD00) return false;  // bx lr; pop {.., pc}
      i += 1;
      continue;
    }
    const std::uint16_t second = code[i + 1];
    if (visit(thumb_instruction{first, second, true})) return true;
    if (first == 0xE8BD && (second & 0x8000) != 0) return false;  // pop.w {.., pc}
    const bool bl = (second & 0xD000) == 0xD000, b_w = (second & 0xD000) == 0x9000;
    if ((first & 0xF800) == 0xF000 && (bl || b_w) && calls_to_follow > 0) {
      // Branch offset: S:I1:I2:imm10:imm11:0, with I1 = !(J1 ^ S) and I2 = !(J2 ^ S).
      const std::uint32_t s = (first >> 10) & 1, j1 = (second >> 13) & 1, j2 = (second >> 11) & 1;
      const std::uint32_t offset = s << 24 | (~(j1 ^ s) & 1) << 23 | (~(j2 ^ s) & 1) << 22 |
                                   (first & 0x3FFu) << 12 | (second & 0x7FFu) << 1;
      const std::int32_t signed_offset = static_cast<std::int32_t>(offset << 7) >> 7;
      const auto here = reinterpret_cast<std::uintptr_t>(&code[i]);
      if (any_instruction(here + 4 + static_cast<std::uintptr_t>(signed_offset), visit,
                          calls_to_follow - 1)) {
        return true;
      }
      if (b_w) return false;  // a tail call: this function's code ends here
    }
    i += 2;
  }
  return false;
}

/// `mrs Rd, ipsr`, or of a PSR view that contains IPSR (IAPSR, xPSR, IEPSR). Thumb-2 encodes
/// `mrs Rd, <register>` as 0xF3EF, then 0x8000 | Rd << 8 | SYSm; SYSm 5 is IPSR, and 1, 3 and 7
/// contain it.
constexpr bool reads_ipsr(thumb_instruction i) {
  const std::uint16_t sysm = i.second & 0xFF;
  return i.wide && i.first == 0xF3EF && (i.second & 0xF000) == 0x8000 && sysm < 8 &&
         (sysm & 1) != 0;
}

/// `cpsid i`, or `msr primask, Rn`: code that masks interrupts.
constexpr bool writes_primask(thumb_instruction i) {
  if (!i.wide) return i.first == 0xB672;
  return (i.first & 0xFFF0) == 0xF380 && (i.second & 0xFF00) == 0x8800 && (i.second & 0xFF) == 0x10;
}

}  // namespace coframe::testing
