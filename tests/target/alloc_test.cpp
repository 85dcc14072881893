// Target tests for coframe/alloc/: the thread-mode handle refused in PendSV and SysTick and
// given in Thread mode; the resource made lazily on first use; std::vector and
// std::allocate_shared on the handle at no space cost; TLSF's control block and a size-class
// pool on the board; every allocation back at the end.
#include <coframe/alloc/ledger.hpp>
#include <coframe/alloc/pool.hpp>
#include <coframe/alloc/std_allocator.hpp>
#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/testing/tap.hpp>

#include <cstddef>
#include <memory>
#include <vector>

namespace {

namespace tap = coframe::tap;

struct test_heap {
  using resource = coframe::ledgered<coframe::tlsf<13>>;
  static inline std::byte memory[4096];
  static unsigned made;
  static resource make() {
    ++made;
    return resource{memory};
  }
};
unsigned test_heap::made = 0;
using heap = coframe::thread_mode_allocator<test_heap>;

// A heap whose out-of-memory hook gives back a reserve once: allocate() must try again after
// the hook returns (std::new_handler's contract).
struct reserve_heap {
  using resource = coframe::tlsf<10>;
  static inline std::byte memory[1024];
  static inline void* reserve = nullptr;
  static inline unsigned hook_calls = 0;
  static resource make() { return resource{memory}; }
  static void out_of_memory(coframe::allocation_request) {
    ++hook_calls;
    if (reserve == nullptr) coframe::tap::bail_out("the hook was called with nothing to give");
    coframe::thread_mode_allocator<reserve_heap>::get()->deallocate(reserve, 256);
    reserve = nullptr;
  }
};
using with_reserve = coframe::thread_mode_allocator<reserve_heap>;

// What each handler saw: 1 = got a handle, 0 = got nothing, 2 = never ran.
volatile int pendsv_got = 2, systick_got = 2;

// Counts its own construction and destruction, to show allocate_shared runs both.
int widgets_alive = 0;
struct widget {
  explicit widget(int v) : value(v) { ++widgets_alive; }
  ~widget() { --widgets_alive; }
  int value;
};

// A count the compiler cannot see, so the vector's growth happens at run time.
unsigned opaque(unsigned v) {
  asm volatile("" : "+r"(v));
  return v;
}

}  // namespace

extern "C" void PendSV_Handler() { pendsv_got = heap::get().has_value() ? 1 : 0; }
extern "C" void SysTick_Handler() {
  systick_got = heap::get().has_value() ? 1 : 0;
  coframe::systick::stop();
}

int main() {
  using namespace coframe;

  // ---- get(): Thread mode only -------------------------------------------------------------
  tap::ok(heap::get().has_value(), "get() gives a handle in Thread mode");
  nvic::pend_pendsv();
  tap::equal(pendsv_got, 0, "get() gives nothing in PendSV");
  systick::start(1000, true);
  while (systick_got == 2) {
  }
  tap::equal(systick_got, 0, "get() gives nothing in SysTick");
  tap::equal(sizeof(heap), std::size_t{1}, "the handle is empty");

  // ---- lazy: made by the first allocation, once ----------------------------------------------
  auto h = heap::get();
  tap::ok(!heap::made() && test_heap::made == 0, "get() does not make the resource");
  void* first = h->allocate(24);
  tap::ok(heap::made() && test_heap::made == 1, "the first allocation makes it");
  void* second = heap::get()->allocate(opaque(100), 32);
  tap::equal(test_heap::made, 1u, "and only the first");
  tap::equal(reinterpret_cast<std::uintptr_t>(second) % 32, std::uintptr_t{0}, "alignment 32 kept");
  h->deallocate(first, 24);
  h->deallocate(second, 100, 32);
  h->deallocate(nullptr, 8);

  // ---- standard containers on the handle ------------------------------------------------------
  {
    using int_allocator = std_allocator<int, heap>;
    tap::equal(sizeof(std::vector<int, int_allocator>), sizeof(std::vector<int>),
               "a vector on the handle is no bigger than one on the global heap");
    std::vector<int, int_allocator> v{int_allocator{*h}};
    const unsigned n = opaque(100);
    for (unsigned i = 0; i < n; ++i) v.push_back(static_cast<int>(i * i));
    int sum = 0;
    for (int x : v) sum += x;
    tap::equal(sum, 328350, "vector<int> of 100 squares on the handle");
    tap::ok(h->resource().resource().check().used_blocks == 1, "its storage is one TLSF block");

    auto shared = std::allocate_shared<widget>(std_allocator<widget, heap>{*h}, 7);
    auto copy = shared;
    tap::ok(shared->value == 7 && widgets_alive == 1 && copy.use_count() == 2,
            "allocate_shared builds one widget on the handle");
  }
  tap::equal(widgets_alive, 0, "and destroys it");
  const heap_report after = h->resource().resource().check();
  tap::ok(static_cast<bool>(after), "TLSF check clean after the containers");
  tap::equal(after.used_blocks, std::size_t{0}, "every block is back");
  tap::equal(after.free_blocks, std::size_t{1}, "in one piece");

  // ---- the ledger saw every size --------------------------------------------------------------
  const auto& ledger = h->resource().ledger();
  bool all_freed = true;
  for (const ledger_entry& e : ledger.entries()) all_freed = all_freed && e.live == 0;
  tap::ok(ledger.entries().size() >= 4 && all_freed, "the ledger recorded every size, none live");

  // ---- the out-of-memory hook makes room, allocate() tries again ------------------------------
  {
    auto r = with_reserve::get();
    reserve_heap::reserve = r->allocate(256);
    void* filler[64];
    unsigned n = 0;
    while (n < 64 && (filler[n] = r->try_allocate(opaque(24))) != nullptr) ++n;
    void* p = r->allocate(opaque(200));
    tap::ok(p != nullptr && reserve_heap::hook_calls == 1 && reserve_heap::reserve == nullptr,
            "allocate() on a full heap: the hook gave the reserve back once, the retry succeeded");
    r->deallocate(p, 200);
    while (n > 0) r->deallocate(filler[--n], 24);
    tap::equal(r->resource().check().used_blocks, std::size_t{0}, "and every block came back");
  }

  // ---- sizes on the board ---------------------------------------------------------------------
  tap::diag("tlsf<15, 4> control block: ", tlsf<15, 4>::control_block_bytes(), " bytes");
  tap::diag("tlsf<15, 3> control block: ", tlsf<15, 3>::control_block_bytes(), " bytes");
  tap::ok(tlsf<15>::control_block_bytes() <= 600,
          "the default TLSF for a 32 KiB pool has a control block of at most 600 bytes");
  tap::equal(tlsf<15>::alignment, std::size_t{8}, "blocks aligned to 8 (AAPCS)");

  // ---- a size-class pool on the board ---------------------------------------------------------
  {
    static constexpr size_class classes[] = {{24, 2}, {64, 1}};
    alignas(8) static std::byte memory[size_class_pool<>::bytes_for(classes)];
    size_class_pool<> pool{memory, classes};
    void* a = pool.allocate(opaque(20));
    void* b = pool.allocate(opaque(24));
    void* c = pool.allocate(opaque(17));
    void* d = pool.allocate(opaque(40));
    tap::ok(a && b && !c && d, "pool: two 24-byte blocks, then dry; 40 bytes from the 64 class");
    pool.deallocate(a, 20);
    tap::ok(pool.allocate(opaque(1)) == a, "pool: a freed block is reused");
    pool.deallocate(a, 1);
    pool.deallocate(b, 24);
    pool.deallocate(d, 40);
    tap::equal(pool.available(24) + pool.available(64), std::size_t{3}, "pool: all back");
  }

  tap::done();
}
