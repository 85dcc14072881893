// Lab 04's benchmark: instructions per allocate and per free for TLSF, a size-class pool tuned
// from a frame ledger, and newlib's malloc/free, on the same random workloads in the same run
// (./workbook bench runs it under -icount; figures are instructions counted by QEMU, not
// cycles).
//
// The same objects are linked twice (meson.build): with newlib-nano, as every firmware of the
// workbook, and with the full newlib. The firmware finds out which malloc it has and names its
// tables after it.
// Figures for release builds: without the debug checks (a bad free found, a handle used in
// Handler mode trapped), which cost a few instructions per call. Defined before any include,
// and this firmware is the only file that uses the allocators.
#define COFRAME_ALLOC_CHECKS 0

#include <coframe/alloc/ledger.hpp>
#include <coframe/alloc/pool.hpp>
#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/board/console.hpp>
#include <coframe/board/format.hpp>
#include <coframe/frame/frame_pool.hpp>
#include <coframe/testing/measure.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>

extern "C" {
void* _sbrk(std::ptrdiff_t increment);
// Only newlib-nano's malloc defines the first, only the full newlib's the second.
[[gnu::weak]] extern char __malloc_free_list[];
[[gnu::weak]] extern char __malloc_av_[];
}

using coframe::hundredths;
using coframe::println;

#if defined(__clang__)
#define COMPILER "Clang " COFRAME_STR(__clang_major__)
#define TABLE_SUFFIX "-clang"
#else
#define COMPILER "GCC " COFRAME_STR(__GNUC__)
#define TABLE_SUFFIX ""
#endif
#define COFRAME_STR(x) COFRAME_STR2(x)
#define COFRAME_STR2(x) #x

namespace {


template <class T>
T opaque(T value) {
  asm volatile("" : "+r"(value));
  return value;
}

const char* malloc_name() {
  if (__malloc_free_list != nullptr) return "newlib-nano malloc";
  if (__malloc_av_ != nullptr) return "newlib malloc";
  return "malloc";
}
bool full_newlib() { return __malloc_av_ != nullptr; }

// ---- the workload ----------------------------------------------------------------------------

// xorshift32: the same sequence for every allocator, from a seed the compiler cannot see.
struct random_source {
  std::uint32_t state;
  std::uint32_t next() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  }
};

// What a figure counts: every instruction of the statement that makes the request in run()
// below, `p = a.allocate(size)` or `a.deallocate(p, size)`: loading its operands, the call when
// the allocator is a function, the allocator, storing the result. TLSF and malloc are called,
// as a program calls them (TLSF's hundred instructions are not inlined at every call site);
// the pools' fast paths are a few instructions in their headers, and a frame's operator new
// that names the pool inlines them, so they are measured inlined. The two "nothing" allocators
// below measure the statement with no allocator, called and inline: a figure net of the
// measurement is a figure minus the inline one (lab 03 states its targets so).
struct tlsf_under_test {
  coframe::tlsf<16>* heap;
  [[gnu::noinline, gnu::flatten]] void* allocate(std::size_t size) { return heap->allocate(size); }
  [[gnu::noinline, gnu::flatten]] void deallocate(void* p, std::size_t) { heap->deallocate(p); }
};
struct pool_under_test {
  coframe::size_class_pool<16, 128>* pool;
  void* allocate(std::size_t size) { return pool->allocate(size); }
  void deallocate(void* p, std::size_t size) { pool->deallocate(p, size); }
};
// The same pool called through a function of its own, to show what the call adds.
struct called_pool_under_test {
  coframe::size_class_pool<16, 128>* pool;
  [[gnu::noinline, gnu::flatten]] void* allocate(std::size_t size) { return pool->allocate(size); }
  [[gnu::noinline, gnu::flatten]] void deallocate(void* p, std::size_t size) { pool->deallocate(p, size); }
};
struct frame_pool_under_test {
  coframe::frame_pool* pool;
  void* allocate(std::size_t size) { return pool->allocate(size, coframe::frame_alignment); }
  void deallocate(void* p, std::size_t size) {
    pool->deallocate(p, size, coframe::frame_alignment);
  }
};
struct malloc_under_test {
  void* allocate(std::size_t size) { return std::malloc(size); }
  void deallocate(void* p, std::size_t) { std::free(p); }
};

// Instructions per call: best, worst, mean, and a histogram for the median and the plots.
struct cost_stats {
  static constexpr std::uint32_t bins = 640;  // counts at or above land in the last bin
  std::uint32_t best = UINT32_MAX, worst = 0, calls = 0;
  std::uint64_t total = 0;
  std::uint16_t histogram[bins] = {};

  void add(std::uint32_t c) {
    best = c < best ? c : best;
    worst = c > worst ? c : worst;
    total += c;
    ++calls;
    ++histogram[c < bins ? c : bins - 1];
  }
  std::uint32_t median() const {
    std::uint32_t seen = 0;
    for (std::uint32_t i = 0; i < bins; ++i) {
      seen += histogram[i];
      if (2 * seen >= calls) return i;
    }
    return bins - 1;
  }
  std::uint32_t mean_x100() const {
    return calls == 0 ? 0 : static_cast<std::uint32_t>((total * 100 + calls / 2) / calls);
  }
};

struct workload {
  std::uint32_t seed;
  std::uint32_t operations;
  std::uint32_t max_live;
  std::uint32_t max_size;       // requests of 1..max_size bytes
  std::uint32_t prefill_bytes;  // first allocate about this much in blocks of 8..256 bytes...
  // ...then free every other one of them: holes of every size between live blocks
};

constexpr std::uint32_t max_live_limit = 128;
constexpr std::uint32_t max_prefill = 256;

// Runs `w` on `a`, measuring each allocate and free of the random phase into `alloc` and
// `release`. Returns false if an allocation failed (a benchmark never measures a failure).
template <class A>
bool run(const coframe::instruction_counter& counter, A& a, const workload& w, cost_stats& alloc,
         cost_stats& release) {
  random_source random{opaque(w.seed)};
  void* prefill[max_prefill];
  std::uint32_t prefilled = 0;
  for (std::uint32_t bytes = 0; bytes < w.prefill_bytes && prefilled < max_prefill;) {
    const std::size_t size = 8 + random.next() % 249;
    prefill[prefilled] = a.allocate(size);
    if (prefill[prefilled] == nullptr) return false;
    ++prefilled;
    bytes += static_cast<std::uint32_t>(size);
  }
  for (std::uint32_t i = 0; i < prefilled; i += 2) a.deallocate(prefill[i], 0);

  void* live[max_live_limit];
  std::size_t live_size[max_live_limit];
  std::uint32_t n = 0;
  bool ok = true;
  for (std::uint32_t op = 0; op < w.operations && ok; ++op) {
    if (n < w.max_live && (n == 0 || (random.next() & 1) != 0)) {
      const std::size_t size = 1 + random.next() % w.max_size;
      void* p = nullptr;
      alloc.add(counter.count([&] { p = a.allocate(size); }));
      ok = p != nullptr;
      live[n] = p;
      live_size[n++] = size;
    } else {
      const std::uint32_t i = random.next() % n;
      void* p = live[i];
      const std::size_t size = live_size[i];
      release.add(counter.count([&] { a.deallocate(p, size); }));
      live[i] = live[--n];
      live_size[i] = live_size[n];
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) a.deallocate(live[i], live_size[i]);
  for (std::uint32_t i = 1; i < prefilled; i += 2) a.deallocate(prefill[i], 0);
  return ok;
}

// Memory for TLSF and the pools comes from the same heap region malloc uses, through the same
// _sbrk, and goes back before malloc runs: every allocator gets the same RAM in turn.
// malloc keeps what it took from _sbrk, so every TLSF and pool measurement runs before the
// first malloc.
struct borrowed {
  explicit borrowed(std::size_t n)
      : size(n), memory(static_cast<std::byte*>(_sbrk(static_cast<std::ptrdiff_t>(n)))) {
    if (memory == reinterpret_cast<std::byte*>(-1)) coframe::panic("bench: not enough RAM");
  }
  ~borrowed() { _sbrk(-static_cast<std::ptrdiff_t>(size)); }
  std::span<std::byte> span() const { return {memory, size}; }
  std::size_t size;
  std::byte* memory;
};

// What a table row shows of one run: best, mean, median and worst, for allocate and for free.
struct summary {
  std::uint32_t best, mean_x100, median, worst;
};
struct row {
  const char* name;
  summary alloc, release;
};
summary summarise(const cost_stats& c) { return {c.best, c.mean_x100(), c.median(), c.worst}; }

void print_summary(const summary& s) {
  coframe::print(s.best, " | ", hundredths{s.mean_x100}, " | ", s.median, " | ", s.worst);
}
void print_row(const row& r) {
  coframe::print("| ", r.name, " | ");
  print_summary(r.alloc);
  coframe::print(" | ");
  print_summary(r.release);
  println(" |");
}
void print_header(const char* name, const char* title) {
  println("table ", name, ": ", title, " (QEMU icount, " COMPILER " -O2)");
  println("| allocator | allocate best | mean | median | worst | free best | mean | median | worst |");
  println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
}

// The histograms are big: two, reused by every run. Each run that the chapter plots prints its
// distribution as a table of its own, right after it ran.
cost_stats alloc_stats, free_stats;

template <class A>
row measure(const coframe::instruction_counter& counter, const char* name, A& a, const workload& w,
            const char* distribution_table = nullptr) {
  alloc_stats = cost_stats{};
  free_stats = cost_stats{};
  if (!run(counter, a, w, alloc_stats, free_stats)) coframe::panic("bench: an allocation failed");
  if (distribution_table != nullptr) {
    println("table ", distribution_table, ": Distribution of instructions per call, ", name,
            ", random 1-124 byte requests (QEMU icount, " COMPILER " -O2)");
    println("| instructions | allocate calls | free calls |");
    println("|---:|---:|---:|");
    for (std::uint32_t i = 0; i < cost_stats::bins; ++i) {
      if (alloc_stats.histogram[i] != 0 || free_stats.histogram[i] != 0) {
        println("| ", i, " | ", alloc_stats.histogram[i], " | ", free_stats.histogram[i], " |");
      }
    }
    println("end table");
  }
  return {name, summarise(alloc_stats), summarise(free_stats)};
}

// A call to a function that does nothing, measured the same way: what a called allocator's
// figure includes besides its own instructions (loading the operands, the call, the return,
// storing the result).
struct nothing_under_test {
  [[gnu::noinline]] void* allocate(std::size_t size) {
    asm volatile("" : "+r"(size));
    return reinterpret_cast<void*>(size | 8);
  }
  [[gnu::noinline]] void deallocate(void* p, std::size_t) { asm volatile("" : "+r"(p)); }
};
// Nothing, inline: the measurement itself (loading the operands, storing the result).
struct inline_nothing_under_test {
  void* allocate(std::size_t size) {
    asm volatile("" : "+r"(size));
    return reinterpret_cast<void*>(size | 8);
  }
  void deallocate(void* p, std::size_t) { asm volatile("" : "+r"(p)); }
};

// ---- the handle's fast path ---------------------------------------------------------------------

// [probe]
struct probe_heap {
  using resource = coframe::tlsf<12>;
  static inline std::byte memory[1024];
  static resource make() { return resource{memory}; }
};
using probe = coframe::thread_mode_allocator<probe_heap>;

}  // namespace

// An allocation through a thread-mode handle, as a frame's operator new makes it. The chapter
// shows this function's machine code (disassembled from this firmware by plot.py): get() is
// the first instructions, up to the branch to the Handler-mode exit.
extern "C" [[gnu::noinline]] void* lab04_allocate_through_handle(std::size_t size) {
  if (auto h = probe::get()) return h->try_allocate(size);
  return nullptr;
}
// [probe]

namespace {

constexpr workload frames_workload{0x2545f491, 4000, 64, 124, 0};
constexpr workload fragmented_workload{0x9e3779b9, 4000, 64, 124, 12 * 1024};
constexpr std::uint32_t pool_kib[] = {4, 8, 16, 32, 48};
workload growth_workload(std::uint32_t kib) {
  return workload{0x1234567u + kib, 3000, kib * 2, 124, kib * 512};
}

// TLSF's longest allocate and longest free, each driven on purpose on a fresh heap over
// `memory`. A random workload meets them only when the heap happens to be in their state (few
// free blocks, each alone in its list and its word of the bitmap), which it seldom is in a big
// pool with many holes: the random worst calls of the growth table fall as the pool grows
// while the longest path stays the same. The longest allocate finds nothing in its own word of
// the second level, takes a block alone in its list and its word, and files the rest in an
// empty word; the longest free merges with two neighbours, each alone in its list and its
// word, and files the merged block in an empty list.
struct longest_paths {
  std::uint32_t allocate, free;
};
// Allocates every free byte of `heap`: no free block is left. (The heap is dropped after the
// measurement, with what it holds.)
void fill(coframe::tlsf<16>& heap) {
  void* held[48];
  std::size_t n = 0;
  for (std::size_t largest; (largest = heap.check().largest_free) != 0;) {
    // A quarter below the largest block is at or below the start of its class: it fits.
    held[n] = heap.allocate(largest - largest / 4);
    if (held[n] == nullptr || ++n == std::size(held)) coframe::panic("bench: fill failed");
  }
}
longest_paths longest(const coframe::instruction_counter& counter, std::span<std::byte> memory) {
  longest_paths l{};
  {
    coframe::tlsf<16> heap{memory};
    tlsf_under_test t{&heap};
    void* block = t.allocate(600);  // alone in the word of 512 bytes to 8 KiB once freed
    fill(heap);
    t.deallocate(block, 0);
    // 100 bytes: nothing in its word (up to 511 bytes); the rest, 488 bytes, lands there. The
    // request is measured as run() measures one.
    const std::size_t size = opaque(std::size_t{100});
    void* p = nullptr;
    l.allocate = counter.count([&] { p = t.allocate(size); });
    if (p == nullptr || !heap.check()) coframe::panic("bench: longest allocate failed");
  }
  {
    coframe::tlsf<16> heap{memory};
    tlsf_under_test t{&heap};
    // Each allocation is cut from the top of the free block: above comes first.
    void* above = t.allocate(100);   // its word: 8 to 511 bytes
    void* middle = t.allocate(8);
    void* below = t.allocate(1000);  // its word: 512 bytes to 8 KiB
    fill(heap);
    t.deallocate(above, 0);
    t.deallocate(below, 0);
    // Merged: 1128 bytes, a list of its own, empty.
    void* const p = opaque(middle);
    const std::size_t size = opaque(std::size_t{8});
    l.free = counter.count([&] { t.deallocate(p, size); });
    if (!heap.check()) coframe::panic("bench: longest free failed");
  }
  return l;
}

}  // namespace

int main() {
  coframe::instruction_counter counter;
  if (!counter.deterministic()) {
    println("note: not under -icount; the figures below are not instruction counts");
  }
  const char* libc = malloc_name();
  malloc_under_test m;

  if (full_newlib()) {
    // This build is here for the full newlib's malloc only: the lab's allocators are measured
    // in the newlib-nano build, on the same workloads, in the same ./workbook bench run.
    const row frames = measure(counter, "newlib malloc", m, frames_workload,
                               "lab04-dist-newlib" TABLE_SUFFIX);
    const row fragmented = measure(counter, "newlib malloc", m, fragmented_workload);
    print_header("lab04-newlib" TABLE_SUFFIX,
                 "Instructions per call, newlib (full) malloc and free, the same workloads");
    print_row({"random 1-124 bytes, at most 64 live", frames.alloc, frames.release});
    print_row({"fragmented first", fragmented.alloc, fragmented.release});
    println("end table");
    return 0;
  }

  // ---- everything that borrows RAM first: malloc keeps what it takes ---------------------------
  // get() alone: the test of IPSR and of the result, beside the same code with the answer known.
  const std::uint32_t get_cost = counter.count([] { coframe::do_not_optimize(probe::get().has_value()); });
  const std::uint32_t known_cost = counter.count([] { coframe::do_not_optimize(opaque(true)); });
  coframe::do_not_optimize(lab04_allocate_through_handle(opaque(std::size_t{16})));

  nothing_under_test nothing;
  const row call = measure(counter, "a call that does nothing", nothing, frames_workload);
  inline_nothing_under_test inline_nothing;
  const row itself = measure(counter, "the measurement itself", inline_nothing, frames_workload);
  row tlsf_frames, tlsf_fragmented, pool_frames, called_pool_frames;
  std::size_t class_count = 0, pool_bytes = 0;
  static coframe::size_class classes[16];
  {
    borrowed memory{32 * 1024};
    coframe::tlsf<16> heap{memory.span()};
    tlsf_under_test t{&heap};
    tlsf_frames = measure(counter, "TLSF", t, frames_workload, "lab04-dist-tlsf" TABLE_SUFFIX);
    if (!heap.check()) coframe::panic("bench: TLSF check failed");
  }
  {
    borrowed memory{32 * 1024};
    coframe::tlsf<16> heap{memory.span()};
    tlsf_under_test t{&heap};
    tlsf_fragmented = measure(counter, "TLSF", t, fragmented_workload);
  }
  {
    // The ledger: the same workload on TLSF wrapped in a ledger, to learn the sizes and how many
    // of each are alive at once; then a pool with exactly those classes.
    borrowed memory{32 * 1024};
    using recorder_type = coframe::ledgered<coframe::tlsf<16>, 128>;
    static recorder_type* recorder;
    recorder = ::new (memory.memory) recorder_type{
        std::span(memory.memory + sizeof(recorder_type), memory.size - sizeof(recorder_type))};
    struct {
      void* allocate(std::size_t size) { return recorder->allocate(size, 8); }
      void deallocate(void* p, std::size_t size) { recorder->deallocate(p, size, 8); }
    } recording;
    measure(counter, "recording", recording, frames_workload);
    class_count = coframe::size_classes_from(recorder->ledger().entries(), 8, classes);
  }
  {
    pool_bytes = coframe::size_class_pool<16, 128>::bytes_for({classes, class_count});
    borrowed memory{pool_bytes};
    coframe::size_class_pool<16, 128> pool{memory.span(), {classes, class_count}};
    pool_under_test p{&pool};
    pool_frames = measure(counter, "tuned pool", p, frames_workload, "lab04-dist-pool" TABLE_SUFFIX);
    called_pool_under_test c{&pool};
    called_pool_frames = measure(counter, "tuned pool, called", c, frames_workload);
  }
  static summary tlsf_growth[std::size(pool_kib)][2];
  static longest_paths tlsf_longest[std::size(pool_kib)];
  for (std::size_t k = 0; k < std::size(pool_kib); ++k) {
    borrowed memory{pool_kib[k] * 1024};
    coframe::tlsf<16> heap{memory.span()};
    tlsf_under_test t{&heap};
    const row r = measure(counter, "TLSF", t, growth_workload(pool_kib[k]));
    tlsf_growth[k][0] = r.alloc;
    tlsf_growth[k][1] = r.release;
    tlsf_longest[k] = longest(counter, memory.span());
  }

  // ---- then malloc ------------------------------------------------------------------------------
  const row malloc_frames = measure(counter, libc, m, frames_workload, "lab04-dist-nano" TABLE_SUFFIX);
  const row malloc_fragmented = measure(counter, libc, m, fragmented_workload);
  // Lab 03's default frame pool: a free list per 8-byte class, refilled from malloc when a class
  // is empty (those first allocations are the worst case).
  static coframe::frame_pool frame_pool;
  frame_pool_under_test fp{&frame_pool};
  const row frame_pool_frames = measure(counter, "lab 03's frame pool", fp, frames_workload);

  print_header("lab04-costs" TABLE_SUFFIX,
               "Instructions per request, random 1-124 byte requests, at most 64 live");
  print_row({"TLSF, 32 KiB pool (called)", tlsf_frames.alloc, tlsf_frames.release});
  print_row({"size-class pool tuned from the ledger (inline)", pool_frames.alloc,
             pool_frames.release});
  print_row({"the same pool, called", called_pool_frames.alloc, called_pool_frames.release});
  print_row({"lab 03's default frame pool, refilled from malloc (inline)", frame_pool_frames.alloc,
             frame_pool_frames.release});
  print_row({libc, malloc_frames.alloc, malloc_frames.release});
  print_row({"a call that does nothing", call.alloc, call.release});
  print_row({"nothing, inline: the measurement itself", itself.alloc, itself.release});
  println("end table");

  print_header("lab04-fragmented" TABLE_SUFFIX,
               "Instructions per call after fragmenting the heap (12 KiB of 8-256 byte blocks, "
               "every other one freed), then the random workload");
  print_row({"TLSF, 32 KiB pool", tlsf_fragmented.alloc, tlsf_fragmented.release});
  print_row(malloc_fragmented);
  println("end table");

  // Net of the measurement: minus what the request statement costs with no allocator at all.
  const std::uint32_t itself_pair = itself.alloc.mean_x100 + itself.release.mean_x100;
  const std::uint32_t pool_pair = pool_frames.alloc.mean_x100 + pool_frames.release.mean_x100;
  const std::uint32_t called_pool_pair =
      called_pool_frames.alloc.mean_x100 + called_pool_frames.release.mean_x100;
  const std::uint32_t tlsf_pair = tlsf_frames.alloc.mean_x100 + tlsf_frames.release.mean_x100;
  println("table lab04-pool" TABLE_SUFFIX ": The tuned pool beside TLSF, allocate + free "
          "(QEMU icount, " COMPILER " -O2)");
  println("| | tuned pool, inline | tuned pool, called | TLSF, called |");
  println("|---|---:|---:|---:|");
  println("| mean instructions, allocate + free | ", hundredths{pool_pair}, " | ",
          hundredths{called_pool_pair}, " | ", hundredths{tlsf_pair}, " |");
  println("| the same, net of the measurement | ", hundredths{pool_pair - itself_pair}, " | ",
          hundredths{called_pool_pair - itself_pair}, " | ", hundredths{tlsf_pair - itself_pair},
          " |");
  println("| worst instructions, allocate + free | ",
          pool_frames.alloc.worst + pool_frames.release.worst, " | ",
          called_pool_frames.alloc.worst + called_pool_frames.release.worst, " | ",
          tlsf_frames.alloc.worst + tlsf_frames.release.worst, " |");
  println("| size classes (from the ledger) | ", class_count, " | ", class_count, " | - |");
  println("| bytes for the workload's peak | ", pool_bytes, " | ", pool_bytes, " | - |");
  println("end table");

  println("table lab04-growth" TABLE_SUFFIX ": Mean and worst instructions per call as the pool "
          "grows; each workload first fragments half its pool, then keeps up to pool/512 "
          "requests of 1-124 bytes live (QEMU icount, " COMPILER " -O2)");
  println("| pool | TLSF allocate mean | worst | TLSF free mean | worst | ", libc,
          " allocate mean | worst | free mean | worst |");
  println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (std::size_t k = 0; k < std::size(pool_kib); ++k) {
    const row r = measure(counter, libc, m, growth_workload(pool_kib[k]));
    const summary& ta = tlsf_growth[k][0];
    const summary& tf = tlsf_growth[k][1];
    println("| ", pool_kib[k], " KiB | ", hundredths{ta.mean_x100}, " | ", ta.worst, " | ",
            hundredths{tf.mean_x100}, " | ", tf.worst, " | ", hundredths{r.alloc.mean_x100},
            " | ", r.alloc.worst, " | ", hundredths{r.release.mean_x100}, " | ", r.release.worst,
            " |");
  }
  println("end table");

  println("table lab04-longest" TABLE_SUFFIX ": TLSF's longest allocate and longest free, each "
          "driven on purpose on a fresh heap of each pool size (QEMU icount, " COMPILER " -O2)");
  println("| pool | longest allocate | longest free |");
  println("|---:|---:|---:|");
  for (std::size_t k = 0; k < std::size(pool_kib); ++k) {
    println("| ", pool_kib[k], " KiB | ", tlsf_longest[k].allocate, " | ", tlsf_longest[k].free,
            " |");
  }
  println("end table");

  println("table lab04-get" TABLE_SUFFIX ": The handle's get(), Thread mode (QEMU icount, "
          COMPILER " -O2)");
  println("| | instructions |");
  println("|---|---:|");
  println("| get() and a test of its result | ", get_cost, " |");
  println("| the same test of a result known to be true | ", known_cost, " |");
  println("| get() itself | ", get_cost - known_cost, " |");
  println("end table");

  println("table lab04-control" TABLE_SUFFIX ": TLSF control block by index size (bytes, "
          COMPILER ")");
  println("| largest pool (MaxBlockLog2) | classes per power of two | control block |");
  println("|---|---:|---:|");
  println("| 4 KiB (12) | 8 | ", coframe::tlsf<12, 3>::control_block_bytes(), " |");
  println("| 32 KiB (15), the default | 8 | ", coframe::tlsf<15, 3>::control_block_bytes(), " |");
  println("| 32 KiB (15) | 16 | ", coframe::tlsf<15, 4>::control_block_bytes(), " |");
  println("| 32 KiB (15) | 32 | ", coframe::tlsf<15, 5>::control_block_bytes(), " |");
  println("| 64 KiB (16) | 8 | ", coframe::tlsf<16, 3>::control_block_bytes(), " |");
  println("end table");

  // ---- the targets set for this lab -------------------------------------------------------------
  // Each instruction figure as measured (the whole request) and net of the measurement (minus
  // the inline "nothing"), and whether it is within its limit each way.
  println("table lab04-targets" TABLE_SUFFIX ": The lab's targets, from the figures above "
          "(QEMU icount, " COMPILER " -O2)");
  println("| target | limit | as measured | net of the measurement | met as measured | met net |");
  println("|---|---:|---:|---:|:---:|:---:|");
  auto mean = [](const char* what, std::uint32_t limit, std::uint32_t measured_x100,
                 std::uint32_t itself_x100) {
    const std::uint32_t net_x100 = measured_x100 - itself_x100;
    println("| ", what, " | ", limit, " | ", hundredths{measured_x100}, " | ", hundredths{net_x100},
            " | ", measured_x100 <= limit * 100 ? "yes" : "no", " | ",
            net_x100 <= limit * 100 ? "yes" : "no", " |");
  };
  auto worst = [](const char* what, std::uint32_t limit, std::uint32_t measured,
                  std::uint32_t itself) {
    println("| ", what, " | ", limit, " | ", measured, " | ", measured - itself, " | ",
            measured <= limit ? "yes" : "no", " | ", measured - itself <= limit ? "yes" : "no",
            " |");
  };
  mean("TLSF allocate, mean", 70, tlsf_frames.alloc.mean_x100, itself.alloc.mean_x100);
  worst("TLSF allocate, worst", 100, tlsf_frames.alloc.worst, itself.alloc.worst);
  worst("TLSF free, worst", 80, tlsf_frames.release.worst, itself.release.worst);
  worst("tuned pool (inline), allocate + free, worst", 20,
        pool_frames.alloc.worst + pool_frames.release.worst,
        itself.alloc.worst + itself.release.worst);
  const std::uint32_t get_itself = get_cost - known_cost;
  println("| get() | 5 | ", get_itself, " | - | ", get_itself <= 5 ? "yes" : "no", " | - |");
  const std::size_t control = coframe::tlsf<15, 3>::control_block_bytes();
  println("| TLSF control block for a 32 KiB pool, bytes | 600 | ", control, " | - | ",
          control <= 600 ? "yes" : "no", " | - |");
  // Flat: TLSF's longest calls, driven on purpose at each pool size. (The random workloads'
  // worst calls are in the growth table: they show which paths a workload happened to take.)
  std::uint32_t lowest[2] = {UINT32_MAX, UINT32_MAX}, highest[2] = {0, 0};
  for (const longest_paths& l : tlsf_longest) {
    const std::uint32_t calls[2] = {l.allocate, l.free};
    for (int i = 0; i < 2; ++i) {
      lowest[i] = calls[i] < lowest[i] ? calls[i] : lowest[i];
      highest[i] = calls[i] > highest[i] ? calls[i] : highest[i];
    }
  }
  println("| TLSF longest allocate, pools of 4 to 48 KiB | flat | ", lowest[0], " to ",
          highest[0], " | - | - | - |");
  println("| TLSF longest free, pools of 4 to 48 KiB | flat | ", lowest[1], " to ", highest[1],
          " | - | - | - |");
  println("end table");
  return 0;
}
