// Lab 04 exercises: the functions you write. Each has a starter in exercises/NAME.cpp with
// TODOs, a test in exercises/NAME_test.cpp, and hints in exercises/NAME.hint.
#pragma once

#include <coframe/alloc/ledger.hpp>
#include <coframe/alloc/out_of_memory.hpp>
#include <coframe/alloc/pool.hpp>
#include <coframe/alloc/thread_mode.hpp>
#include <coframe/alloc/tlsf.hpp>

#include <cstddef>
#include <optional>
#include <span>

namespace lab04 {

// ---- tlsf_mapping ----------------------------------------------------------------------------
// TLSF's two mapping functions for the lab's heap: 8-byte alignment, 8 classes per power of two
// (second-level bits: 3), so sizes below 64 form first-level class 0, one class per 8 bytes.
//
// mapping_insert(size): the class (fl, sl) a free block of `size` bytes is filed under.
//   size < 64: fl 0, sl = size / 8.
//   otherwise, with f the index of size's highest set bit: fl = f - 5, and sl = the 3 bits
//   below the highest one.
// mapping_round_up(size): the request rounded up to the start of the next class (a size that
//   starts a class stays as it is), so every block of the class it maps to is big enough.
//   Sizes below 64 need no rounding.
// Preconditions: 0 < size < 2^31.
coframe::tlsf_index mapping_insert(std::size_t size);
std::size_t mapping_round_up(std::size_t size);

// ---- thread_mode_get -------------------------------------------------------------------------
// A proof that the caller runs in Thread mode: get_token() gives one in Thread mode and nothing
// in any exception or interrupt handler. It reads IPSR, and never masks interrupts.
struct token {};
std::optional<token> get_token();

// ---- reserve_hook ----------------------------------------------------------------------------
// A thread-mode heap that holds back an emergency reserve: `reserve` is a block allocated
// early (`reserve_size` bytes), to be given back when the heap runs out. Write the heap's
// out-of-memory hook, on_out_of_memory(request):
//   - while the reserve is held: give it back to the heap, forget it (reserve = nullptr), and
//     return: the allocation is then tried again;
//   - when there is no reserve left: hand the request to stop_out_of_memory(), which reports
//     it and ends the run.
struct reserve_heap_definition {
  using resource = coframe::tlsf<12>;
  static resource make();
  static void out_of_memory(coframe::allocation_request request);
};
using reserve_heap = coframe::thread_mode_allocator<reserve_heap_definition>;
inline void* reserve = nullptr;
inline std::size_t reserve_size = 0;
void on_out_of_memory(coframe::allocation_request request);      // yours
[[noreturn]] void stop_out_of_memory(coframe::allocation_request request);  // given

// ---- pool_classes ----------------------------------------------------------------------------
// The classes of a size-class pool that serves what a ledger recorded: each size rounded up to
// 8 bytes, one class per rounded size, in increasing order, with as many blocks as were ever
// alive at once (sizes that round to the same block add their peaks). Writes the classes to
// `out` (which has room for one per entry) and returns how many it wrote.
std::size_t pool_classes(std::span<const coframe::ledger_entry> entries,
                         std::span<coframe::size_class> out);

}  // namespace lab04
