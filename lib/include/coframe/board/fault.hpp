/// \file
/// When things go wrong: panics, assertions and processor faults.
///
/// Every one of them prints a diagnostic on the console and ends the run with a non-zero
/// status, so a test under QEMU fails at once with a reason instead of hanging:
///
/// | status | after |
/// |---:|---|
/// | 134 | `panic()` or a failed `COFRAME_ASSERT` / `assert()` |
/// | 139 | a HardFault (and MemManage, BusFault, UsageFault), an unexpected exception, or a stack overflow (see coframe/board/stack.hpp) |
///
/// The fault report shows the registers the processor stacked on entry (r0-r3, r12, lr, pc,
/// xPSR), the fault status registers, each set cause by name, and the faulting address when
/// the processor recorded one. The handler does not trust the stack pointer that faulted: when
/// the processor could not push the registers (STKERR, MSTKERR) or the stack pointer is not in
/// RAM, the report says so instead of reading them, and it runs on a stack of its own
/// when the main stack has overflowed. A stack overflow is named as such, with the stack's
/// size; panics, assertions and the normal end of a run (main returning, exit()) check for one
/// too.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace coframe {

namespace exit_status {
inline constexpr int success = 0;
inline constexpr int failure = 1;
inline constexpr int panic = 134;  // like a process killed by SIGABRT on a host
inline constexpr int fault = 139;  // like a process killed by SIGSEGV on a host
}  // namespace exit_status

/// Prints `panic: message` with the caller's file and line, then exits with status 134.
/// The defaults capture the caller's file, line and function, as std::source_location would
/// (Clang 14 cannot compile libstdc++ 12's `source_location`; these builtins work in both).
[[noreturn]] void panic(std::string_view message, const char* file = __builtin_FILE(),
                        unsigned line = __builtin_LINE(),
                        const char* function = __builtin_FUNCTION());

namespace internal {
[[noreturn]] void assert_failed(const char* expression, const char* message, const char* file,
                                unsigned line);

/// If the main stack has overflowed (stack::overflowed()), prints a report naming it and
/// returns true; the caller then exits with exit_status::fault.
bool report_stack_overflow();
}  // namespace internal

/// Checks `expression` in every build type (unlike `assert` from `<cassert>`, which NDEBUG removes).
#define COFRAME_ASSERT(expression, message)                                                  \
  ((expression) ? void(0)                                                                    \
                : ::coframe::internal::assert_failed(#expression, message, __FILE__, __LINE__))

/// The registers a Cortex-M pushes on exception entry, in stack order.
struct stacked_registers {
  std::uint32_t r0, r1, r2, r3, r12, lr, pc, xpsr;
};

/// The System Control Block's fault status and address registers.
struct fault_status {
  std::uint32_t cfsr;   ///< configurable fault status: MemManage, BusFault << 8, UsageFault << 16
  std::uint32_t hfsr;   ///< HardFault status (FORCED: a configurable fault escalated)
  std::uint32_t mmfar;  ///< MemManage fault address, valid when CFSR.MMARVALID
  std::uint32_t bfar;   ///< BusFault address, valid when CFSR.BFARVALID

  static fault_status read();

  /// The data address whose access faulted, if the processor recorded one.
  [[nodiscard]] std::optional<std::uint32_t> faulting_address() const;
};

}  // namespace coframe
