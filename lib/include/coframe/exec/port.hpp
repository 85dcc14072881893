/// \file
/// What the executor needs of the processor: masking interrupts, sleeping until one is pending,
/// and telling Thread mode from an interrupt handler.
///
/// On a Cortex-M these are PRIMASK (`cpsid i` / `cpsie i`), `wfi` and IPSR
/// (`coframe/board/cpu.hpp`). On a host, where the library's tests run under the sanitizers,
/// they are a simulation: an "interrupt" is a function the test raises (`host::raise`), which
/// runs at once unless interrupts are masked, in which case it is pending and runs when they
/// are unmasked; and `wait_for_interrupt()` returns when one is pending, as `wfi` does even with
/// PRIMASK set. The simulation lets a test raise an interrupt at every step of the executor's
/// check-then-sleep sequence (`host::on_step`), which is how tests/host/executor_test.cpp
/// shows that no wake-up is lost there.
///
/// The executor uses only what this header declares, so the same executor code runs on the
/// board and in the host tests.
#pragma once

#if defined(__arm__)
#include <coframe/board/cpu.hpp>
#else
#include <coframe/board/fault.hpp>

#include <cstddef>
#endif

namespace coframe::port {

/// The steps of the executor's check-then-sleep sequence. On a host a test may raise an
/// interrupt at each of them (`host::on_step`); on the board they mark nothing.
enum class step {
  before_mask,    // interrupts enabled, the check not yet made
  after_mask,     // masked; the check comes next
  before_wait,    // masked, the check said "nothing to do"; wait_for_interrupt() comes next
  after_wait,     // woken
  before_unmask,  // about to unmask
  after_unmask,   // pending handlers have run
};

#if defined(__arm__)

/// Masks interrupts (PRIMASK) for its lifetime, restoring the previous mask after, so it nests.
/// Every interrupt waits while one is open: keep them to a few instructions.
using interrupt_mask = cpu::critical_section;

/// Masks interrupts. Pair with `enable_interrupts()` (no nesting: the sleep sequence only).
inline void disable_interrupts() noexcept { cpu::disable_interrupts(); }
/// Unmasks interrupts: a pending one runs now.
inline void enable_interrupts() noexcept { cpu::enable_interrupts(); }
/// Sleeps until an interrupt is pending; returns at once if one already is. With interrupts
/// masked the core still wakes, and the handler runs once they are unmasked.
inline void wait_for_interrupt() noexcept { cpu::wait_for_interrupt(); }
/// True in an exception or interrupt handler.
inline bool in_interrupt() noexcept { return cpu::in_handler_mode(); }
/// A step of the sleep sequence: nothing on the board.
inline void at(step) noexcept {}

#else  // a host: simulated interrupts for the tests

/// The simulated processor of the host tests. Not thread-safe: tests run in one thread and
/// "interrupt handlers" run on its stack, as they do on the board.
namespace host {

/// A simulated interrupt handler.
using handler = void (*)(void* context);

namespace internal {
struct pending_interrupt {
  handler run;
  void* context;
};
struct state {
  bool masked = false;
  int handler_depth = 0;  // > 0 while a simulated handler runs
  pending_interrupt pending[8] = {};
  std::size_t pending_count = 0;
  std::size_t raised = 0;  // interrupts raised since reset()
};
inline state cpu;

inline void run_pending() {
  while (!cpu.masked && cpu.pending_count > 0) {
    const pending_interrupt next = cpu.pending[0];
    for (std::size_t i = 1; i < cpu.pending_count; ++i) cpu.pending[i - 1] = cpu.pending[i];
    --cpu.pending_count;
    ++cpu.handler_depth;
    next.run(next.context);
    --cpu.handler_depth;
  }
}
}  // namespace internal

/// Called at each step of the sleep sequence, if set: a test raises an interrupt there.
inline void (*on_step)(step) = nullptr;

/// Called when the simulated core would sleep with nothing pending, if set: the test may
/// raise an interrupt (a clock tick, say) to wake it. If it raises none, the core would sleep
/// forever: `slept_forever` counts it and, unless `panic_when_asleep_forever` is false, the
/// run stops with a panic naming the lost wake-up.
inline void (*on_idle)() = nullptr;
inline std::size_t slept_forever = 0;
inline bool panic_when_asleep_forever = true;

/// An interrupt arrives: `run(context)` runs now, on this stack, unless interrupts are
/// masked, in which case it runs when they are unmasked. At most 8 may be pending at once.
inline void raise(handler run, void* context = nullptr) {
  auto& cpu = internal::cpu;
  COFRAME_ASSERT(cpu.pending_count < 8, "more than 8 simulated interrupts pending");
  cpu.pending[cpu.pending_count++] = {run, context};
  ++cpu.raised;
  internal::run_pending();
}

/// True while any simulated interrupt is pending (masked).
inline bool interrupt_pending() { return internal::cpu.pending_count > 0; }

/// Back to the state at start-up: unmasked, nothing pending, no hooks. For test fixtures.
inline void reset() {
  internal::cpu = {};
  on_step = nullptr;
  on_idle = nullptr;
  slept_forever = 0;
  panic_when_asleep_forever = true;
}

}  // namespace host

/// Reports a step of the sleep sequence to `host::on_step`.
inline void at(step s) noexcept {
  if (host::on_step != nullptr) host::on_step(s);
}

class interrupt_mask {
 public:
  interrupt_mask() noexcept : was_masked_(host::internal::cpu.masked) {
    host::internal::cpu.masked = true;
  }
  ~interrupt_mask() {
    host::internal::cpu.masked = was_masked_;
    host::internal::run_pending();
  }
  interrupt_mask(const interrupt_mask&) = delete;
  interrupt_mask& operator=(const interrupt_mask&) = delete;

 private:
  bool was_masked_;
};

inline void disable_interrupts() noexcept { host::internal::cpu.masked = true; }
inline void enable_interrupts() noexcept {
  host::internal::cpu.masked = false;
  host::internal::run_pending();
}
inline void wait_for_interrupt() noexcept {
  if (host::interrupt_pending()) return;
  const std::size_t raised = host::internal::cpu.raised;
  if (host::on_idle != nullptr) host::on_idle();
  if (host::internal::cpu.raised != raised) return;  // on_idle raised one: the core wakes
  ++host::slept_forever;
  if (host::panic_when_asleep_forever) {
    panic("the simulated core went to sleep with no interrupt pending and none to come: "
          "a wake-up was lost, or nothing was left to wake the executor");
  }
}
inline bool in_interrupt() noexcept { return host::internal::cpu.handler_depth > 0; }

#endif

}  // namespace coframe::port
