// Target tests of lib/'s board support: startup, modes, exceptions, SysTick, heap, stack.
#include <coframe/board/board.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/fault.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/stack.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/testing/tap.hpp>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

int initialised = 1234;  // .data: copied from flash by the reset handler
int zeroed;              // .bss: cleared by the reset handler

struct constructed_at_startup {
  int value;
  constructed_at_startup() : value(42) {}
};
constructed_at_startup global_object;  // needs the static constructors to have run

volatile std::uint32_t svc_ipsr, pendsv_ipsr, systick_ipsr, timer1_ipsr;
volatile unsigned systick_count, pendsv_count;

}  // namespace

extern "C" void SVC_Handler() { svc_ipsr = coframe::cpu::ipsr(); }
extern "C" void PendSV_Handler() {
  pendsv_ipsr = coframe::cpu::ipsr();
  pendsv_count = pendsv_count + 1;
}
extern "C" void SysTick_Handler() {
  systick_ipsr = coframe::cpu::ipsr();
  systick_count = systick_count + 1;
}
extern "C" void TIMER1_IRQHandler() { timer1_ipsr = coframe::cpu::ipsr(); }

int main() {
  using namespace coframe;

  tap::equal(initialised, 1234, ".data holds its initial value");
  tap::equal(zeroed, 0, ".bss is zero");
  tap::equal(global_object.value, 42, "static constructors ran before main");

  tap::equal(cpu::ipsr(), 0u, "main runs in Thread mode (IPSR 0)");
  tap::ok(cpu::in_thread_mode() && !cpu::in_handler_mode(), "in_thread_mode agrees");

  asm volatile("svc 0" ::: "memory");
  tap::equal(svc_ipsr, std::uint32_t{cpu::svcall}, "SVC handler runs as exception 11");

  nvic::pend_pendsv();
  asm volatile("dsb\n isb" ::: "memory");
  tap::equal(pendsv_ipsr, std::uint32_t{cpu::pendsv}, "PendSV handler runs as exception 14");

  {
    cpu::critical_section outer;
    {
      cpu::critical_section inner;
      nvic::pend_pendsv();
      asm volatile("dsb\n isb" ::: "memory");
    }
    tap::equal(pendsv_count, 1u, "PendSV stays pending inside nested critical sections");
  }
  asm volatile("dsb\n isb" ::: "memory");
  tap::equal(pendsv_count, 2u, "and runs when the outer one ends");

  nvic::enable(board::irq::timer1);
  nvic::set_pending(board::irq::timer1);
  asm volatile("dsb\n isb" ::: "memory");
  tap::equal(timer1_ipsr, std::uint32_t{cpu::irq0 + board::irq::timer1},
             "a pended IRQ runs its handler as exception 16 + n");
  nvic::disable(board::irq::timer1);

  systick::start(10'000, true);
  while (systick_count < 3) cpu::wait_for_interrupt();
  systick::stop();
  tap::equal(systick_ipsr, std::uint32_t{cpu::systick}, "SysTick fires as exception 15");

  void* block = std::malloc(1024);
  tap::ok(block != nullptr, "malloc serves a small block from the heap");
  std::free(block);
  tap::ok(std::malloc(1 << 20) == nullptr, "malloc of 1 MiB fails cleanly (64 KiB RAM budget)");
  tap::ok(::operator new(1 << 20, std::nothrow) == nullptr, "nothrow new returns nullptr");

  tap::ok(stack::guard() == stack::guard_kind::mpu, "the stack's guard is an MPU region");
  tap::equal(stack::guard_size(), std::size_t{256}, "the guard is 256 bytes");
  tap::ok(!stack::overflowed(), "the stack has not overflowed");

  const std::size_t used = stack::high_water_mark();
  tap::ok(used > 0 && used < stack::size(), "stack high-water mark is within the stack");
  tap::ok(stack::in_use() <= used, "what is in use now is at most the high-water mark");

  const fault_status precise{.cfsr = 1u << 9 | 1u << 15, .hfsr = 0, .mmfar = 0, .bfar = 0x1234};
  const fault_status imprecise{.cfsr = 1u << 10, .hfsr = 0, .mmfar = 0, .bfar = 0x1234};
  tap::ok(precise.faulting_address() == 0x1234u, "BFARVALID gives the faulting address");
  tap::ok(!imprecise.faulting_address(), "no address when BFARVALID is clear");

  tap::done();
}
