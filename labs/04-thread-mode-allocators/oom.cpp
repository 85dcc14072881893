// Lab 04, running out of memory: a vector grows on a 1 KiB thread-mode heap until a request
// cannot be met. The default out-of-memory hook prints the request and ends the run with
// status 1 (./workbook run 04 oom).
#include <coframe/alloc/std_allocator.hpp>
#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/console.hpp>

#include <vector>

namespace {
// [oom]
struct small_heap {
  using resource = coframe::tlsf<10>;  // pools up to 1 KiB
  static inline std::byte memory[1024];
  static resource make() { return resource{memory}; }
  // No out_of_memory here: coframe::default_out_of_memory reports the request.
};
using heap = coframe::thread_mode_allocator<small_heap>;
// [oom]
}  // namespace

int main() {
  auto h = heap::get();
  std::vector<int, coframe::std_allocator<int, heap>> v{coframe::std_allocator<int, heap>{*h}};
  for (int i = 0;; ++i) {
    v.push_back(i);
    // A vector doubles its storage; each new one must fit while the old one is still alive.
    if ((v.size() & (v.size() - 1)) == 0) coframe::println("size ", v.size(), ", capacity ", v.capacity());
  }
}
