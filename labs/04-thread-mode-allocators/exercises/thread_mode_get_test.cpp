// Test of lab 04 exercise thread_mode_get: a token in Thread mode, nothing in SVCall, PendSV,
// SysTick and the handler of an interrupt line chosen from the run's seed; called many times,
// a number of times the seed decides, with interrupts pending meanwhile; and the technique: the
// machine code reads IPSR with mrs and never touches PRIMASK (no cpsid, no msr primask).
#include "lab04.hpp"

#include <coframe/board/format.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>
#include <coframe/testing/thumb.hpp>

#include <iterator>

namespace tap = coframe::tap;

namespace {
constexpr int not_run = -1;
volatile int seen = not_run;  // 1 = a token, 0 = nothing, in the last handler
void record() { seen = lab04::get_token().has_value() ? 1 : 0; }

template <class Trigger>
int in_handler(Trigger trigger) {
  seen = not_run;
  trigger();
  asm volatile("dsb\n isb" ::: "memory");
  return seen;
}

}  // namespace

extern "C" void SVC_Handler() { record(); }
extern "C" void PendSV_Handler() { record(); }
extern "C" void SysTick_Handler() { record(); }
extern "C" void PORT0_ALL_IRQHandler() { record(); }  // IRQ 6
extern "C" void PORT1_ALL_IRQHandler() { record(); }  // IRQ 7
extern "C" void TIMER0_IRQHandler() { record(); }     // IRQ 8
extern "C" void TIMER1_IRQHandler() { record(); }     // IRQ 9
extern "C" void DUALTIMER_IRQHandler() { record(); }  // IRQ 10
extern "C" void SPI_IRQHandler() { record(); }        // IRQ 11

int main() {
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};
  constexpr unsigned lines[] = {6, 7, 8, 9, 10, 11};
  const unsigned irq = lines[numbers.below(std::size(lines))];
  tap::plan(8);

  tap::ok(lab04::get_token().has_value(), "Thread mode: a token");
  tap::equal(in_handler([] { asm volatile("svc 0" ::: "memory"); }), 0, "SVCall handler: nothing");
  tap::equal(in_handler([] { coframe::nvic::pend_pendsv(); }), 0, "PendSV handler: nothing");
  tap::equal(in_handler([] {
               coframe::systick::start(1000, true);
               while (seen == not_run) asm volatile("wfi");
               coframe::systick::stop();
             }),
             0, "SysTick handler: nothing");
  tap::diag("the interrupt line chosen by this run's seed: IRQ ", irq);
  tap::equal(in_handler([irq] {
               coframe::nvic::enable(irq);
               coframe::nvic::set_pending(irq);
             }),
             0, "the handler of an external interrupt: nothing");

  // Thread mode again, many times, while PendSV comes and goes: still a token each time.
  const unsigned calls = 50 + numbers.below(50);
  unsigned tokens = 0;
  for (unsigned i = 0; i < calls; ++i) {
    if (i % 7 == 0) coframe::nvic::pend_pendsv();
    tokens += lab04::get_token().has_value() ? 1u : 0u;
  }
  tap::equal(tokens, calls, "Thread mode, called again and again: a token every time");

  using namespace coframe::testing;
  const std::uintptr_t code = address_of(&lab04::get_token);
  tap::ok(any_instruction(code, reads_ipsr), "get_token() reads IPSR with the mrs instruction");
  tap::ok(!any_instruction(code, writes_primask),
          "get_token() never masks interrupts (no cpsid, no msr primask)");
  tap::done();
}
