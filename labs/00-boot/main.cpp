// Lab 00 — boot: from reset to main(), exceptions and the two processor modes.
//
// Run it:   ./workbook run 00
// Chapter:  book/00-boot.md ("Lab 00: boot" in the book)
//
// lib/src/board/startup.cpp did everything before main(): the core loaded the stack pointer and the
// reset handler's address from the vector table, the reset handler copied .data, zeroed .bss,
// painted the stack and ran the static constructors. This firmware shows that each step
// happened, then takes the exceptions the later labs build on: SVCall, PendSV and SysTick.
#include <coframe/board/console.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/fault.hpp>
#include <coframe/board/mmio.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/stack.hpp>
#include <coframe/board/systick.hpp>

#include <cstdint>
#include <iterator>

using coframe::hex;
using coframe::println;

namespace {

// [startup-evidence]
int boot_count = 1;  // .data: its 1 was copied from flash to RAM by the reset handler
int tick_count;      // .bss: zeroed by the reset handler (SysTick_Handler counts it up later)

struct greeter {
  const char* text = "not constructed";
  greeter() { text = "constructed before main"; }
};
greeter greeting;  // a static constructor: run from .init_array by the reset handler
// [startup-evidence]

const char* mode_name() { return coframe::cpu::in_thread_mode() ? "Thread" : "Handler"; }

// [event-log]
// What the SysTick and PendSV handlers did, in the order they did it. The handlers only
// record; main() prints the log when they are done. A handler that printed would take as long
// as the host lets it: every line is a semihosting call, a trip out to QEMU, and on a busy
// host the next tick could arrive while a handler was still printing about the last one.
struct event {
  std::uint32_t ipsr;  // read by the handler that recorded the event, as it ran
  int tick;
  const char* what;
};
event event_log[16];
unsigned event_count;  // written only by handlers; main() reads it after they are done

void record(const char* what) {
  COFRAME_ASSERT(event_count < std::size(event_log), "the event log is full");
  event_log[event_count] = {coframe::cpu::ipsr(), tick_count, what};
  ++event_count;
}
// [event-log]

// Set by PendSV_Handler; main() sleeps until it is.
volatile bool pendsv_done;

}  // namespace

// [handlers]
// Defining a handler replaces the weak default in lib/src/board/startup.cpp's vector table.
extern "C" void SVC_Handler() {
  println("  SVC_Handler:     IPSR = ", coframe::cpu::ipsr(), " (SVCall), ", mode_name(), " mode");
}

extern "C" void SysTick_Handler() {
  ++tick_count;
  record("SysTick_Handler enters");
  if (tick_count == 3) {
    // Stop first: once stop() returns, no fourth tick can run, not even one whose period ended
    // while this handler was running (stop() clears a pending tick).
    coframe::systick::stop();
    // PendSV has the lowest priority, so pending it here defers work until every more urgent
    // handler is done: the "do it later" exception that executors and RTOSes switch tasks in.
    coframe::nvic::pend_pendsv();
    record("SysTick_Handler stopped SysTick and made PendSV pending");
  }
  record("SysTick_Handler returns");
}

extern "C" void PendSV_Handler() {
  record("PendSV_Handler enters");
  pendsv_done = true;
}
// [handlers]

int main() {
  println("coframe lab 00: boot");

  // [vector-table]
  // VTOR (Vector Table Offset Register) says where the table is: address 0 after reset.
  // Word 0 of the table is the initial stack pointer, word 1 the reset handler's address
  // (odd: bit 0 set means Thumb code, the only kind a Cortex-M runs).
  const std::uint32_t vtor = coframe::mmio::reg32(0xE000'ED08);
  const auto* vectors = reinterpret_cast<const volatile std::uint32_t*>(vtor);
  println("vector table at ", hex(vtor), ": initial SP ", hex(vectors[0]), ", reset handler ",
          hex(vectors[1]));
  // [vector-table]

  println(".data: boot_count = ", boot_count, " (copied from flash)");
  println(".bss:  tick_count = ", tick_count, " (zeroed)");
  println("static constructor: greeting is \"", greeting.text, "\"");

  // [modes]
  println("main:              IPSR = ", coframe::cpu::ipsr(), ", ", mode_name(), " mode");
  asm volatile("svc 0" ::: "memory");  // a synchronous exception: the handler runs right here
  // [modes]

  // [systick]
  // Lowest priority for PendSV (only the top 3 bits exist on this core: 0xE0 is the lowest).
  coframe::nvic::set_system_priority(coframe::cpu::pendsv, 0xE0);
  // 25 MHz / 25 000 = one tick per millisecond.
  coframe::systick::start(25'000 - 1, true);
  // Sleep until PendSV has run, without the lost wake-up race: if the last interrupt arrived
  // between the check and the `wfi`, nothing would ever wake us (SysTick is stopped by then).
  // With interrupts masked the interrupt waits until after the check; `wfi` still wakes on
  // the pending interrupt, and it runs the moment the critical section ends.
  for (;;) {
    coframe::cpu::critical_section masked;
    if (pendsv_done) break;
    coframe::cpu::wait_for_interrupt();
  }
  // [systick]

  // [print-log]
  println("log kept by the handlers, printed by main afterwards:");
  for (unsigned i = 0; i < event_count; ++i) {
    const event& e = event_log[i];
    println("  IPSR ", e.ipsr, ", tick ", e.tick, ": ", e.what);
  }
  // [print-log]

  println("stack: high-water mark ", coframe::stack::high_water_mark(), " of ",
          coframe::stack::size(), " bytes");
  println("main returns 0; the reset handler passes it to QEMU with SYS_EXIT_EXTENDED");
  return 0;
}
