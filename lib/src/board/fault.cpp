// coframe — panics, assertions and the fault handler (see coframe/board/fault.hpp).
#include <coframe/board/console.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/fault.hpp>
#include <coframe/board/mmio.hpp>
#include <coframe/board/semihosting.hpp>
#include <coframe/board/stack.hpp>

// From the linker script: all of RAM, the main stack and the guard below it.
extern "C" std::uint32_t __ram_start[], __ram_end[], __stack_guard_start[], __stack_bottom[],
    __stack_top[];

namespace coframe {
namespace {

constexpr std::uintptr_t cfsr_address = 0xE000'ED28;
constexpr std::uintptr_t hfsr_address = 0xE000'ED2C;
constexpr std::uintptr_t mmfar_address = 0xE000'ED34;
constexpr std::uintptr_t bfar_address = 0xE000'ED38;

constexpr std::uint32_t mmarvalid = 1u << 7;
constexpr std::uint32_t bfarvalid = 1u << 15;
constexpr std::uint32_t mstkerr = 1u << 4;   // MemManage fault while pushing the registers
constexpr std::uint32_t stkerr = 1u << 12;   // bus fault while pushing the registers

struct named_bit {
  std::uint32_t mask;
  const char* name;
  const char* meaning;
};

constexpr named_bit cfsr_bits[] = {
    {1u << 0, "IACCVIOL", "instruction fetch from a protected region"},
    {1u << 1, "DACCVIOL", "data access to a protected region"},
    {1u << 3, "MUNSTKERR", "MemManage fault while unstacking"},
    {1u << 4, "MSTKERR", "MemManage fault while stacking (into the stack guard?)"},
    {1u << 8, "IBUSERR", "bus error on instruction fetch"},
    {1u << 9, "PRECISERR", "precise data bus error"},
    {1u << 10, "IMPRECISERR", "imprecise data bus error"},
    {1u << 11, "UNSTKERR", "bus error while unstacking"},
    {1u << 12, "STKERR", "bus error while stacking (a stack pointer where nothing answers?)"},
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

std::uintptr_t address_of(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// The second line of every stack-overflow report.
void print_stack_size() {
  println("    the main stack is ", stack::size(),
          " bytes (__stack_size in the linker script): use less of it, or make it bigger");
}

// Why the registers stacked at `frame` cannot be read, or nullptr if they can. The fault
// handler must not read them blindly: the stack pointer that faulted may point at nothing (a
// read would fault again, inside the handler, and lock the core up), and if the core could
// not push them they hold whatever was there before.
const char* why_unreadable(const stacked_registers* frame, std::uint32_t cfsr) {
  if ((cfsr & stkerr) != 0) return "the core could not push them (STKERR)";
  if ((cfsr & mstkerr) != 0) return "the core could not push them (MSTKERR)";
  const std::uintptr_t sp = address_of(frame);
  if (sp % 4 != 0 || sp < address_of(__ram_start) ||
      sp > address_of(__ram_end) - sizeof(stacked_registers)) {
    return "the stack pointer is not in RAM";
  }
  if (sp + sizeof(stacked_registers) > address_of(__stack_guard_start) &&
      sp < address_of(__stack_bottom)) {
    return "the stack pointer is in the stack guard";
  }
  return nullptr;
}

// Reports a stack overflow seen at a fault: the main stack pointer below the stack, or a
// faulting access in the guard (MPU), or a damaged canary. Returns whether there was one.
bool report_overflow_at_fault(std::uintptr_t msp, const fault_status& status) {
  const std::uintptr_t bottom = address_of(__stack_bottom);
  if (msp < bottom) {
    println("*** stack overflow: the main stack pointer ", hex(msp), " is below the stack's bottom ",
            hex(bottom));
  } else if ((status.cfsr & mmarvalid) != 0 && status.mmfar >= address_of(__stack_guard_start) &&
             status.mmfar < bottom) {
    println("*** stack overflow: an access to ", hex(status.mmfar),
            ", in the guard below the main stack");
  } else {
    return internal::report_stack_overflow();
  }
  print_stack_size();
  return true;
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
  semihosting::exit(internal::report_stack_overflow() ? exit_status::fault : exit_status::panic);
}

namespace internal {
void assert_failed(const char* expression, const char* message, const char* file, unsigned line) {
  println("assertion failed: ", expression, message && *message ? " - " : "", message ? message : "");
  println("  at ", file, ":", line);
  semihosting::exit(report_stack_overflow() ? exit_status::fault : exit_status::panic);
}

bool report_stack_overflow() {
  if (!stack::overflowed()) return false;
  println("*** stack overflow: the canary in the guard below the main stack (",
          hex(address_of(__stack_guard_start)), "..", hex(address_of(__stack_bottom)),
          ") was overwritten");
  println("    without the MPU guard it is found late: memory below the guard may be damaged too");
  print_stack_size();
  return true;
}
}  // namespace internal

// Called by the naked handler in startup.cpp with the stack the core pushed the registers on,
// EXC_RETURN, and the main stack pointer as the fault left it (the handler may have moved it).
extern "C" [[noreturn]] void coframe_fault_entry(const coframe::stacked_registers* frame,
                                                 std::uint32_t exc_return, std::uint32_t msp) {
  const std::uint32_t number = coframe::cpu::ipsr();
  const auto status = coframe::fault_status::read();
  println("*** ", exception_name(number), " (exception ", number, ") from ",
          (exc_return & 0x8) != 0 ? "Thread mode" : "Handler mode", ", ",
          (exc_return & 0x4) != 0 ? "process stack" : "main stack");
  report_overflow_at_fault(msp, status);
  if (const char* why = why_unreadable(frame, status.cfsr)) {
    println("  stacked registers not readable at ", hex(address_of(frame)), ": ", why);
  } else {
    println("  r0  ", hex(frame->r0), "  r1 ", hex(frame->r1), "  r2 ", hex(frame->r2),
            "  r3   ", hex(frame->r3));
    println("  r12 ", hex(frame->r12), "  lr ", hex(frame->lr), "  pc ", hex(frame->pc),
            "  xpsr ", hex(frame->xpsr));
  }
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
  coframe::internal::report_stack_overflow();
  coframe::semihosting::exit(coframe::exit_status::fault);
}

// <cassert>'s assert() lands here in newlib.
extern "C" [[noreturn]] void __assert_func(const char* file, int line, const char* /*function*/,
                                           const char* expression) {
  coframe::internal::assert_failed(expression, "", file, static_cast<unsigned>(line));
}

}  // namespace coframe
