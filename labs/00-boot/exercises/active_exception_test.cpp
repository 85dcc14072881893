// Test of lab 00 exercise active_exception: the number must match in Thread mode and in
// three different handlers.
#include "lab00.hpp"

#include <coframe/board/board.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/testing/tap.hpp>

namespace {
volatile std::uint32_t in_svc = 999, in_systick = 999, in_timer0 = 999;
}

extern "C" void SVC_Handler() { in_svc = active_exception(); }
extern "C" void SysTick_Handler() { in_systick = active_exception(); }
extern "C" void TIMER0_IRQHandler() { in_timer0 = active_exception(); }

int main() {
  using coframe::tap::equal;
  equal(active_exception(), 0u, "Thread mode is 0");

  asm volatile("svc 0" ::: "memory");
  equal(in_svc, 11u, "SVC handler is exception 11");

  coframe::systick::start(1000, true);
  while (in_systick == 999) asm volatile("wfi");  // SysTick keeps ticking: no lost wake-up
  coframe::systick::stop();
  equal(in_systick, 15u, "SysTick handler is exception 15");

  coframe::nvic::enable(coframe::board::irq::timer0);
  coframe::nvic::set_pending(coframe::board::irq::timer0);
  asm volatile("dsb\n isb" ::: "memory");
  equal(in_timer0, 16u + coframe::board::irq::timer0, "IRQ 8 handler is exception 24");

  coframe::tap::done();
}
