// The default out-of-memory hook: a vector grows on a 1 KiB thread-mode heap until a request
// cannot be met; the run must end with the request printed and status 1 (checked by
// tests/meson.build through check-run).
#include <coframe/alloc/std_allocator.hpp>
#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/console.hpp>

#include <vector>

namespace {
struct small_heap {
  using resource = coframe::tlsf<10>;
  static inline std::byte memory[1024];
  static resource make() { return resource{memory}; }
};
using heap = coframe::thread_mode_allocator<small_heap>;
}  // namespace

int main() {
  auto h = heap::get();
  std::vector<int, coframe::std_allocator<int, heap>> v{coframe::std_allocator<int, heap>{*h}};
  for (int i = 0;; ++i) {
    v.push_back(i);
    if ((v.size() & (v.size() - 1)) == 0) coframe::println("size ", v.size());
  }
}
