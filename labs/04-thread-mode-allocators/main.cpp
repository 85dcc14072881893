// Lab 04 — thread-mode allocators.
//
// Five steps, each printed as it runs:
//   1. TLSF's mapping: where a size lands among the free lists.
//   2. A TLSF heap at work: the bitmaps as blocks come and go, and coalescing.
//   3. The thread-mode handle: given in Thread mode, refused in PendSV and SysTick, its heap
//      made on the first allocation.
//   4. Standard containers on the handle: std::vector and std::allocate_shared.
//   5. Coroutine frames on the handle, recorded in a ledger that sizes a tuned pool.
// Running out of memory is a firmware of its own (oom.cpp: ./workbook run 04 oom).
#include "job.hpp"

#include <coframe/alloc/ledger.hpp>
#include <coframe/alloc/pool.hpp>
#include <coframe/alloc/std_allocator.hpp>
#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/console.hpp>
#include <coframe/board/cpu.hpp>
#include <coframe/board/format.hpp>
#include <coframe/board/nvic.hpp>
#include <coframe/board/systick.hpp>
#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_scope.hpp>

#include <coroutine>
#include <cstddef>
#include <memory>
#include <span>
#include <utility>
#include <vector>

using coframe::println;

namespace {

// ---- 1. the mapping ---------------------------------------------------------------------------

// [mapping]
// The heap of this lab: pools up to 32 KiB, 8 classes per power of two, 8-byte alignment.
using heap_type = coframe::tlsf<15, 3>;
using mapping = heap_type::mapping;

void show_mapping() {
  println("-- 1. TLSF's mapping: a size's class, and the class a request searches");
  for (std::size_t size : {8u, 24u, 56u, 64u, 100u, 200u, 1000u, 5000u}) {
    const coframe::tlsf_index at = mapping::insert(size);
    const coframe::tlsf_index search = mapping::search(size);
    println("size ", coframe::padded{size, 4}, ": filed in (", at.fl, ", ", at.sl,
            "), a request searches from (", search.fl, ", ", search.sl, ")");
  }
}
// [mapping]

// ---- 2. a heap at work --------------------------------------------------------------------------

alignas(8) std::byte demo_memory[4096];

// A bitmap as ones and zeros, highest bit first, so the bits the text talks about line up.
struct bits {
  char text[33];
  bits(std::uint32_t value, unsigned width) {
    for (unsigned i = 0; i < width; ++i) text[i] = (value >> (width - 1 - i)) & 1 ? '1' : '0';
    text[width] = '\0';
  }
};

void show_bitmaps(const heap_type& heap, const char* after) {
  // The first level, then the second level of each class whose bit is set.
  coframe::print(after, " fl ", bits{heap.first_level_bitmap(), 10}.text, "  sl");
  for (unsigned fl = 0; fl < heap_type::fl_count; ++fl) {
    if (heap.second_level_bitmap(fl) != 0) {
      coframe::print(" ", fl, ":", bits{heap.second_level_bitmap(fl), 8}.text);
    }
  }
  const coframe::heap_report r = heap.check();
  println("  (", r.free_blocks, " free, ", r.used_blocks, " used", r ? ")" : ", CHECK FAILED)");
}

void show_heap() {
  println("-- 2. a 4 KiB TLSF heap: bitmaps and coalescing");
  // [heap]
  heap_type heap{demo_memory};
  show_bitmaps(heap, "empty:        ");
  void* a = heap.allocate(24);
  void* b = heap.allocate(100);
  void* c = heap.allocate(300);
  show_bitmaps(heap, "24, 100, 300: ");
  heap.deallocate(b);  // between two used blocks: a free block of its own
  show_bitmaps(heap, "free the 100: ");
  heap.deallocate(a);  // merges with the 100 just below it (blocks are cut from the top)
  show_bitmaps(heap, "free the 24:  ");
  heap.deallocate(c);  // merges with both neighbours: one block again
  show_bitmaps(heap, "free the 300: ");
  // [heap]
}

// ---- 3. the thread-mode handle ----------------------------------------------------------------

// [definition]
// A thread-mode allocator is defined by its resource and how to make it. The memory is a
// static array; the heap is made by the first allocation through any handle.
struct lab_heap {
  using resource = heap_type;
  static inline std::byte memory[8 * 1024];
  static resource make() { return resource{memory}; }
};
using heap = coframe::thread_mode_allocator<lab_heap>;
// [definition]

// [frame-heap]
// Coroutine frames get a heap of their own, wrapped in a ledger that records every size.
struct frame_heap_definition {
  using resource = coframe::ledgered<heap_type>;
  static inline std::byte memory[4 * 1024];
  static resource make() { return resource{memory}; }
};
using frame_heap = coframe::thread_mode_allocator<frame_heap_definition>;
// [frame-heap]

// What each handler saw: the handlers record, main prints (printing from a handler would
// interleave with main's output).
volatile int pendsv_saw = -1, systick_saw = -1;

}  // namespace

// [handlers]
extern "C" void PendSV_Handler() { pendsv_saw = heap::get().has_value(); }
extern "C" void SysTick_Handler() { systick_saw = heap::get().has_value(); }
// [handlers]

namespace {

void show_handle() {
  println("-- 3. the thread-mode handle");
  // [get]
  if (auto h = heap::get()) {
    println("Thread mode: get() gives a handle (", sizeof *h, " byte, no state)");
  }
  coframe::nvic::pend_pendsv();
  coframe::systick::start(1000, true);
  // SysTick keeps ticking until main stops it, so a wfi after the last check still wakes.
  while (systick_saw == -1) coframe::cpu::wait_for_interrupt();
  coframe::systick::stop();
  println("PendSV:      get() gives ", pendsv_saw ? "a handle" : "nothing");
  println("SysTick:     get() gives ", systick_saw ? "a handle" : "nothing");
  // [get]
  println("heap made before the first allocation: ", heap::made() ? "yes" : "no");
  auto h = heap::get();
  void* p = h->allocate(40);
  println("heap made after it: ", heap::made() ? "yes" : "no");
  h->deallocate(p, 40);
}

// ---- 4. standard containers -------------------------------------------------------------------

struct point {
  int x, y;
  point(int x_, int y_) : x(x_), y(y_) {}
};

void show_containers() {
  println("-- 4. standard containers on the handle");
  // [containers]
  auto h = heap::get();
  using int_allocator = coframe::std_allocator<int, heap>;
  std::vector<int, int_allocator> squares{int_allocator{*h}};
  for (int i = 1; i <= 10; ++i) squares.push_back(i * i);
  int sum = 0;
  for (int s : squares) sum += s;
  println("vector<int>: ", squares.size(), " squares, sum ", sum, ", sizeof ",
          sizeof squares, " (a vector on the global heap: ", sizeof(std::vector<int>), ")");
  auto shared = std::allocate_shared<point>(coframe::std_allocator<point, heap>{*h}, 3, 4);
  println("allocate_shared<point>: (", shared->x, ", ", shared->y, "), use count ",
          shared.use_count());
  // [containers]
  println("heap: ", h->resource().check().used_blocks, " blocks in use (the vector's and the point's)");
}

// ---- 5. frames, the ledger, a tuned pool ------------------------------------------------------

using lab04::job;

volatile int sink;

// Three coroutines with frames of different sizes (their locals live across a suspension).
job blink(int times) {
  for (int i = 0; i < times; ++i) {
    sink = i;
    co_await std::suspend_always{};
  }
}
job average(int a, int b, int c) {
  int history[8] = {a, b, c};
  co_await std::suspend_always{};
  sink = (history[0] + history[1] + history[2]) / 3;
}
job checksum(const char* text) {
  char copy[40] = {};
  for (int i = 0; text[i] != '\0' && i < 39; ++i) copy[i] = text[i];
  co_await std::suspend_always{};
  int sum = 0;
  for (char ch : copy) sum += ch;
  sink = sum;
}

void show_ledger() {
  println("-- 5. frames on the handle, a ledger of their sizes, a pool sized from it");
  // [scope]
  // The thread-mode heap as the current frame allocator for the frames made in this scope.
  static const frame_heap handle = *frame_heap::get();
  static coframe::frame_resource_for<const frame_heap> frames{handle};
  coframe::frame_scope scope{frames};
  // [scope]
  {
    // Two blinks and an average alive at once, then a checksum after them.
    job first = blink(3), second = blink(5), third = average(1, 2, 3);
    first.run();
    second.run();
    third.run();
  }
  job last = checksum("thread mode");
  last.run();
  // [ledger]
  const auto& ledger = frame_heap::get()->resource().ledger();
  ledger.print();
  coframe::size_class classes[8];
  const std::size_t n = coframe::size_classes_from(ledger.entries(), 8, classes);
  coframe::print("pool classes:");
  for (std::size_t i = 0; i < n; ++i) {
    coframe::print(" {", classes[i].block_size, " bytes, ", classes[i].blocks, "}");
  }
  println();
  // [ledger]
  const coframe::heap_report r = frame_heap::get()->resource().resource().check();
  println("frame heap: ", r ? "check clean" : r.problem, ", ", r.used_blocks,
          " block in use (the checksum's frame)");
}

}  // namespace

int main() {
  show_mapping();
  show_heap();
  show_handle();
  show_containers();
  show_ledger();
  println("done");
  return 0;
}
