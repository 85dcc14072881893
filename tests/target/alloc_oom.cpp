// The default out-of-memory hook: a request larger than a 1 KiB thread-mode heap can hold,
// with an alignment of its own. The run must end with the request printed and status 1
// (checked by tests/meson.build through check-run). (Lab 04's oom firmware shows the same hook
// reached from a growing std::vector.)
#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/console.hpp>

namespace {
struct small_heap {
  using resource = coframe::tlsf<10>;
  static inline std::byte memory[1024];
  static resource make() { return resource{memory}; }
};
using heap = coframe::thread_mode_allocator<small_heap>;

std::size_t opaque(std::size_t v) {
  asm volatile("" : "+r"(v));
  return v;
}
}  // namespace

int main() {
  auto h = heap::get();
  void* fits = h->allocate(opaque(600), 16);
  coframe::println("600 bytes, alignment 16: ", fits != nullptr ? "allocated" : "nullptr");
  (void)h->allocate(opaque(700), 16);  // 600 are in use: no room, the hook reports and exits
  coframe::println("allocate returned: the hook did not stop the run");
  return 0;
}
