// coframe — reset and the vector table for the MPS2 boards.
//
// On reset a Cortex-M loads its stack pointer from word 0 of the vector table and jumps to the
// address in word 1. Everything before main() is here: turn on the FPU if the core has one,
// copy .data's initial values from flash to RAM, zero .bss, paint the stack (for
// coframe::stack::high_water_mark) and arm the guard below it, run the static constructors,
// then main(). main()'s return value becomes the QEMU exit status: the reset handler must
// never fall off the end. Nothing runs after main(): no static destructors.
//
// Every handler is a weak symbol: define `extern "C" void SysTick_Handler()` (or any other
// name below) in your firmware and the linker puts yours in the table instead.
#include <coframe/board/mmio.hpp>
#include <coframe/board/stack.hpp>

#include <cstdint>

extern "C" {
// The compiler registers the destructor of every static object with
// __cxa_atexit(destructor, object, &__dso_handle), __dso_handle naming the program. crtbegin.o
// defines it on a host; firmware links without the C runtime's start files (-nostartfiles).
// (The destructors are never run: see __cxa_atexit in syscalls.cpp.)
void* __dso_handle = &__dso_handle;

// Provided by the linker script (lib/ld/mps2.ld).
extern std::uint32_t __stack_top[];
extern std::uint32_t __data_start[], __data_end[], __data_load[];
extern std::uint32_t __bss_start[], __bss_end[];
using init_function = void (*)();
extern init_function __init_array_start[], __init_array_end[];

int main();
[[noreturn]] void _exit(int status);
[[noreturn]] void Reset_Handler();
[[noreturn]] void coframe_unexpected_exception();
void coframe_fault_handler() noexcept;
// Every handler nobody defined: report the exception by number and exit (fault.cpp).
void coframe_default_handler() noexcept { coframe_unexpected_exception(); }

#define COFRAME_WEAK_HANDLER(name) void name() noexcept __attribute__((weak, alias("coframe_default_handler")))
#define COFRAME_FAULT_HANDLER(name) void name() noexcept __attribute__((weak, alias("coframe_fault_handler")))
COFRAME_WEAK_HANDLER(NMI_Handler);
COFRAME_FAULT_HANDLER(HardFault_Handler);
COFRAME_FAULT_HANDLER(MemManage_Handler);
COFRAME_FAULT_HANDLER(BusFault_Handler);
COFRAME_FAULT_HANDLER(UsageFault_Handler);
COFRAME_WEAK_HANDLER(SVC_Handler);
COFRAME_WEAK_HANDLER(DebugMon_Handler);
COFRAME_WEAK_HANDLER(PendSV_Handler);
COFRAME_WEAK_HANDLER(SysTick_Handler);
// External interrupts of the MPS2 AN385/AN386 images (CMSIS CMSDK names).
COFRAME_WEAK_HANDLER(UARTRX0_IRQHandler);
COFRAME_WEAK_HANDLER(UARTTX0_IRQHandler);
COFRAME_WEAK_HANDLER(UARTRX1_IRQHandler);
COFRAME_WEAK_HANDLER(UARTTX1_IRQHandler);
COFRAME_WEAK_HANDLER(UARTRX2_IRQHandler);
COFRAME_WEAK_HANDLER(UARTTX2_IRQHandler);
COFRAME_WEAK_HANDLER(PORT0_ALL_IRQHandler);
COFRAME_WEAK_HANDLER(PORT1_ALL_IRQHandler);
COFRAME_WEAK_HANDLER(TIMER0_IRQHandler);
COFRAME_WEAK_HANDLER(TIMER1_IRQHandler);
COFRAME_WEAK_HANDLER(DUALTIMER_IRQHandler);
COFRAME_WEAK_HANDLER(SPI_IRQHandler);
COFRAME_WEAK_HANDLER(UARTOVF_IRQHandler);
COFRAME_WEAK_HANDLER(ETHERNET_IRQHandler);
COFRAME_WEAK_HANDLER(I2S_IRQHandler);
COFRAME_WEAK_HANDLER(TSC_IRQHandler);
}

namespace {

using vector = void (*)();

// [vector-table]
// The table the core reads at reset: initial stack pointer, then handler addresses.
[[gnu::section(".vectors"), gnu::used]] const vector vector_table[16 + 32] = {
    reinterpret_cast<vector>(__stack_top),
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    nullptr, nullptr, nullptr, nullptr,  // reserved
    SVC_Handler,
    DebugMon_Handler,
    nullptr,  // reserved
    PendSV_Handler,
    SysTick_Handler,
    // IRQ 0..15
    UARTRX0_IRQHandler, UARTTX0_IRQHandler, UARTRX1_IRQHandler, UARTTX1_IRQHandler,
    UARTRX2_IRQHandler, UARTTX2_IRQHandler, PORT0_ALL_IRQHandler, PORT1_ALL_IRQHandler,
    TIMER0_IRQHandler, TIMER1_IRQHandler, DUALTIMER_IRQHandler, SPI_IRQHandler,
    UARTOVF_IRQHandler, ETHERNET_IRQHandler, I2S_IRQHandler, TSC_IRQHandler,
    // IRQ 16..31 (GPIO lines on the FPGA images; unused here)
    coframe_default_handler, coframe_default_handler, coframe_default_handler,
    coframe_default_handler, coframe_default_handler, coframe_default_handler,
    coframe_default_handler, coframe_default_handler, coframe_default_handler,
    coframe_default_handler, coframe_default_handler, coframe_default_handler,
    coframe_default_handler, coframe_default_handler, coframe_default_handler,
    coframe_default_handler,
};
// [vector-table]

}  // namespace

// [reset-handler]
extern "C" void Reset_Handler() {
#if defined(__ARM_FP)
  // Cortex-M4F: grant full access to coprocessors 10 and 11 (the FPU) first of all. The copy
  // loops below become calls to memcpy and memset, which a C library may write with FPU
  // registers; with the FPU off, its first instruction would fault (NOCP).
  volatile std::uint32_t& cpacr = coframe::mmio::reg32(0xE000'ED88);
  cpacr = cpacr | 0xFu << 20;  // read, then write: C++20 deprecates |= on a volatile
  asm volatile("dsb\n isb" ::: "memory");
#endif

  // .data: initial values live in flash, the variables in RAM.
  for (std::uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (std::uint32_t* p = __bss_start; p < __bss_end;) *p++ = 0;

  // Paint the unused stack, so stack::high_water_mark() can tell how deep it ever got, and arm
  // the guard below it (an MPU region, or a canary), so an overflow cannot pass unnoticed.
  coframe::stack::reset_high_water_mark();
  coframe::stack::internal::arm_guard();

  for (init_function* f = __init_array_start; f < __init_array_end; ++f) (*f)();

  _exit(main());  // syscalls.cpp: checks the stack's guard, then ends the run with the status
}
// [reset-handler]

// HardFault and the configurable faults: find which stack the processor pushed the registers
// on (EXC_RETURN bit 2) and hand it, EXC_RETURN and the main stack pointer to
// coframe_fault_entry in fault.cpp. The handler itself runs on the main stack, so first make
// sure there is one: if the main stack pointer is not between 1 KiB above the stack's bottom
// and its top (it overflowed into the guard, or points anywhere else), move it to the top.
// The run ends in this handler, so nothing on the old stack is needed again, and registers
// pushed near the bottom are far from the top (the stack is at least 2 KiB). coframe_fault_entry
// needs about 870 bytes at -O0 and 430 at -O2. Written with armv6-m instructions only, so it
// also runs on a Cortex-M0.
extern "C" [[gnu::naked]] void coframe_fault_handler() noexcept {
  asm volatile(
      "mrs  r2, msp                    \n"
      "mov  r0, r2                     \n"
      "movs r3, #4                     \n"
      "mov  r1, lr                     \n"
      "tst  r1, r3                     \n"
      "beq  1f                         \n"
      "mrs  r0, psp                    \n"
      "1:                              \n"
      "ldr  r3, =__stack_top           \n"
      "cmp  r2, r3                     \n"
      "bhi  2f                         \n"
      "ldr  r3, =__stack_bottom + 1024 \n"
      "cmp  r2, r3                     \n"
      "bhs  3f                         \n"
      "2:                              \n"
      "ldr  r3, =__stack_top           \n"
      "msr  msp, r3                    \n"
      "3:                              \n"
      "ldr  r3, =coframe_fault_entry   \n"
      "bx   r3                         \n");
}
