// coframe — panics, assertions and the fault handler (see coframe/board/fault.hpp).
#include <coframe/board/console.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/fault.hpp>
#include <coframe/board/mmio.hpp>
#include <coframe/board/semihosting.hpp>

namespace coframe {
namespace {

constexpr std::uintptr_t cfsr_address = 0xE000'ED28;
constexpr std::uintptr_t hfsr_address = 0xE000'ED2C;
constexpr std::uintptr_t mmfar_address = 0xE000'ED34;
constexpr std::uintptr_t bfar_address = 0xE000'ED38;

constexpr std::uint32_t mmarvalid = 1u << 7;
constexpr std::uint32_t bfarvalid = 1u << 15;

struct named_bit {
  std::uint32_t mask;
  const char* name;
  const char* meaning;
};

constexpr named_bit cfsr_bits[] = {
    {1u << 0, "IACCVIOL", "instruction fetch from a protected region"},
    {1u << 1, "DACCVIOL", "data access to a protected region"},
    {1u << 3, "MUNSTKERR", "MemManage fault while unstacking"},
    {1u << 4, "MSTKERR", "MemManage fault while stacking"},
    {1u << 8, "IBUSERR", "bus error on instruction fetch"},
    {1u << 9, "PRECISERR", "precise data bus error"},
    {1u << 10, "IMPRECISERR", "imprecise data bus error"},
    {1u << 11, "UNSTKERR", "bus error while unstacking"},
    {1u << 12, "STKERR", "bus error while stacking (stack overflow?)"},
    {1u << 16, "UNDEFINSTR", "undefined instruction"},
    {1u << 17, "INVSTATE", "invalid state (a branch to an even address?)"},
    {1u << 18, "INVPC", "invalid EXC_RETURN on exception return"},
    {1u << 19, "NOCP", "coprocessor instruction with the coprocessor off"},
    {1u << 24, "UNALIGNED", "unaligned access"},
    {1u << 25, "DIVBYZERO", "division by zero"},
};

const char* exception_name(std::uint32_t number) {
  switch (number) {
    case cpu::nmi: return "NMI";
    case cpu::hard_fault: return "HardFault";
    case cpu::mem_manage: return "MemManage";
    case cpu::bus_fault: return "BusFault";
    case cpu::usage_fault: return "UsageFault";
    case cpu::svcall: return "SVCall";
    case cpu::debug_monitor: return "DebugMonitor";
    case cpu::pendsv: return "PendSV";
    case cpu::systick: return "SysTick";
    default: return number >= cpu::irq0 ? "IRQ" : "reserved exception";
  }
}

}  // namespace

fault_status fault_status::read() {
  return {mmio::reg32(cfsr_address), mmio::reg32(hfsr_address), mmio::reg32(mmfar_address),
          mmio::reg32(bfar_address)};
}

std::optional<std::uint32_t> fault_status::faulting_address() const {
  if ((cfsr & bfarvalid) != 0) return bfar;
  if ((cfsr & mmarvalid) != 0) return mmfar;
  return std::nullopt;
}

void panic(std::string_view message, const char* file, unsigned line, const char* function) {
  println("panic: ", message);
  println("  at ", file, ":", line, " in ", function);
  semihosting::exit(exit_status::panic);
}

namespace internal {
void assert_failed(const char* expression, const char* message, const char* file, unsigned line) {
  println("assertion failed: ", expression, message && *message ? " - " : "", message ? message : "");
  println("  at ", file, ":", line);
  semihosting::exit(exit_status::panic);
}
}  // namespace internal

// Called by the naked handlers in startup.cpp with the stacked registers and EXC_RETURN.
extern "C" [[noreturn]] void coframe_fault_entry(const coframe::stacked_registers* frame,
                                                 std::uint32_t exc_return) {
  const std::uint32_t number = coframe::cpu::ipsr();
  const auto status = coframe::fault_status::read();
  println("*** ", exception_name(number), " (exception ", number, ") from ",
          (exc_return & 0x8) != 0 ? "Thread mode" : "Handler mode", ", ",
          (exc_return & 0x4) != 0 ? "process stack" : "main stack");
  println("  r0  ", hex(frame->r0), "  r1 ", hex(frame->r1), "  r2 ", hex(frame->r2),
          "  r3   ", hex(frame->r3));
  println("  r12 ", hex(frame->r12), "  lr ", hex(frame->lr), "  pc ", hex(frame->pc),
          "  xpsr ", hex(frame->xpsr));
  println("  CFSR ", hex(status.cfsr), "  HFSR ", hex(status.hfsr), "  MMFAR ", hex(status.mmfar),
          "  BFAR ", hex(status.bfar));
  for (const auto& bit : cfsr_bits) {
    if ((status.cfsr & bit.mask) != 0) println("  cause: ", bit.name, " - ", bit.meaning);
  }
  if ((status.hfsr & (1u << 30)) != 0) println("  cause: FORCED - a configurable fault escalated to HardFault");
  if ((status.hfsr & (1u << 1)) != 0) println("  cause: VECTTBL - bus fault reading the vector table");
  if (const auto address = status.faulting_address()) println("  faulting address: ", hex(*address));
  coframe::semihosting::exit(coframe::exit_status::fault);
}

// An exception or interrupt that nobody installed a handler for.
extern "C" [[noreturn]] void coframe_unexpected_exception() {
  const std::uint32_t number = coframe::cpu::ipsr();
  if (number >= coframe::cpu::irq0) {
    println("*** unexpected interrupt: IRQ ", number - coframe::cpu::irq0, " (exception ", number,
            ") has no handler");
  } else {
    println("*** unexpected exception: ", exception_name(number), " (exception ", number,
            ") has no handler");
  }
  coframe::semihosting::exit(coframe::exit_status::fault);
}

// <cassert>'s assert() lands here in newlib.
extern "C" [[noreturn]] void __assert_func(const char* file, int line, const char* /*function*/,
                                           const char* expression) {
  coframe::internal::assert_failed(expression, "", file, static_cast<unsigned>(line));
}

}  // namespace coframe
