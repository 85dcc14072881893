/// \file
/// The main stack: how much of it a program has used, and the guard that catches an overflow.
///
/// The linker script (lib/ld/mps2.ld) puts the main stack at the top of RAM, `__stack_size`
/// bytes (8 KiB unless a firmware defines the symbol), and below it a *guard* of
/// `guard_size()` bytes that nothing may use. Below the guard lie the heap and `.bss`: a stack
/// that grows past its bottom would overwrite them silently. The reset handler arms the guard
/// before the static constructors run:
///
/// - **MPU** (Cortex-M3 and M4F have one; QEMU emulates it): the guard is an MPU region that
///   no code may read or write, so the first push or store into it faults, and the fault
///   handler reports a *stack overflow* (MemManage, status 139) before anything below the
///   guard is touched.
/// - **Canary** (a core without an MPU, or a firmware that turned it off): the guard is filled
///   with a known pattern, checked when the run ends (main returns, exit(), a panic) and by
///   the fault handler. A damaged canary is reported as a stack overflow with status 139. It
///   is found late, and memory below the guard may be damaged too.
///
/// Either way the guard only sees what lands in it: a function whose frame is larger than the
/// guard can write below it without touching it, if it is called when the stack is nearly
/// full. `-Wframe-larger-than=256` (or `-fstack-usage`) lists such functions. Only the main
/// stack (MSP) is guarded; a stack of your own for the process stack pointer (PSP) is not.
#pragma once

#include <cstddef>

namespace coframe::stack {

/// Size of the stack region in bytes (the linker script's __stack_size).
std::size_t size();

/// The most bytes of the stack any code has written since reset (or since the last
/// reset_high_water_mark()), interrupt handlers included.
///
/// The reset handler paints the stack with a pattern; the mark is the deepest word that no
/// longer holds it. So it can under-report, and says nothing it cannot see:
/// - stack that was reserved but never written (a local array only partly filled, a
///   variable the compiler never stored) keeps the paint: the true peak can be deeper by as
///   much as such a function reserved;
/// - a word that happened to be written with the paint value itself looks unused;
/// - it never exceeds size(): an overflow past the bottom is the guard's business, not the
///   mark's. A mark equal to size() means the last word was used; check the guard.
std::size_t high_water_mark();

/// Bytes of stack in use right now (at the caller).
std::size_t in_use();

/// Forgets the history: repaints the unused part of the stack, so the next high_water_mark()
/// measures only what runs from here on.
void reset_high_water_mark();

/// How the stack is guarded right now.
enum class guard_kind {
  mpu,     ///< an MPU region: an overflow faults at once
  canary,  ///< a pattern checked at the end of the run and by the fault handler
};

/// The guard in force: `mpu` while the MPU is enabled with the region the reset handler set,
/// `canary` otherwise.
guard_kind guard();

/// Size of the guard below the stack, in bytes (256).
std::size_t guard_size();

/// True if the stack has been seen to overflow: the canary is damaged. (With the MPU guard an
/// overflow faults before it can damage anything, so this is false.)
bool overflowed();

namespace internal {
/// Fills the guard with the canary and, if the core has an MPU, makes it an MPU region no
/// code may access and enables the MPU and the MemManage fault. Called once by the reset
/// handler; users need not concern themselves with it.
void arm_guard();
}  // namespace internal

}  // namespace coframe::stack
