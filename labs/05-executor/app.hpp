// Lab 05: the executor the lab and its benchmark run, and the heap its tasks' frames come from.
#pragma once

#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>
#include <coframe/exec/executor.hpp>

#include <cstddef>

namespace lab05 {

// [definition]
// Lab 04's thread-mode allocator: a TLSF heap that only Thread mode can reach.
struct task_heap {
  using resource = coframe::tlsf<>;
  static inline std::byte memory[16 * 1024];
  static resource make() { return resource{memory}; }
};
using heap = coframe::thread_mode_allocator<task_heap>;

// The executor, and where its tasks' frames come from. The Rust original wrote
// `executor!(name = X, allocator = A)`.
struct app {
  using allocator = heap;
};
using executor = coframe::thread_mode_executor<app>;
// [definition]

// Blocks in use in the heap: one per frame alive (nothing else allocates from it here).
inline std::size_t frames_in_heap() { return heap::get()->resource().check().used_blocks; }

}  // namespace lab05
