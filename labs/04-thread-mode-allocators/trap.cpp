// Lab 04, the Handler-mode trap: the thread-mode heap is the current frame allocator, and a
// coroutine is called inside the SysTick handler. Its frame goes through the handle, which in a
// debug build (COFRAME_ALLOC_CHECKS) stops the run: a frame must never be allocated in an
// interrupt handler (./workbook run 04 trap; status 134).
#include "job.hpp"

#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/console.hpp>
#include <coframe/board/semihosting.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_scope.hpp>

namespace {

struct frames_definition {
  using resource = coframe::tlsf<12>;
  static inline std::byte memory[2048];
  static resource make() { return resource{memory}; }
};
using frame_heap = coframe::thread_mode_allocator<frames_definition>;

using lab04::job;

job blink(int times) {
  for (int i = 0; i < times; ++i) co_await std::suspend_always{};
}

}  // namespace

// [trap]
extern "C" void SysTick_Handler() {
  job j = blink(3);  // a frame, in an interrupt handler: the trap stops the run here
  coframe::println("a frame was allocated in SysTick: the trap did not fire");
  coframe::semihosting::exit(1);
}
// [trap]

int main() {
  static const frame_heap handle = *frame_heap::get();
  static coframe::frame_resource_for<const frame_heap> frames{handle};
  coframe::frame_scope scope{frames};
  {
    job j = blink(3);
    coframe::println("Thread mode: a frame from the thread-mode heap: ", j.handle ? "yes" : "no");
  }
  coframe::systick::start(1000, true);
  for (;;) coframe::cpu::wait_for_interrupt();
}
