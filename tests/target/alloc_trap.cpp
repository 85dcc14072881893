// The debug trap: a handle smuggled into an interrupt handler (copied into a global, which C++
// cannot forbid) allocates there. With COFRAME_ALLOC_CHECKS the run must end with a panic
// naming the exception (SysTick is 15), status 134 (checked by tests/meson.build).
#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/console.hpp>
#include <coframe/board/fault.hpp>
#include <coframe/board/semihosting.hpp>
#include <coframe/board/systick.hpp>

#include <optional>

namespace {
struct frames {
  using resource = coframe::tlsf<12>;
  static inline std::byte memory[2048];
  static resource make() { return resource{memory}; }
};
using heap = coframe::thread_mode_allocator<frames>;
std::optional<heap> smuggled;
}  // namespace

extern "C" void SysTick_Handler() {
  void* frame = smuggled->allocate(48);  // a coroutine frame, say
  coframe::println("allocated in SysTick at ", frame, ": the trap did not fire");
  coframe::semihosting::exit(coframe::exit_status::failure);
}

int main() {
  smuggled = heap::get();
  coframe::println("Thread mode allocates: ", smuggled->allocate(48) != nullptr ? "yes" : "no");
  coframe::systick::start(1000, true);
  for (;;) {
  }
}
