// Mutant of lab 04 exercise reserve_hook: the reserve given back but not forgotten.
//
// The wrong answer: deallocates the reserve and returns, but leaves `reserve` pointing at it.
// The memory now belongs to someone else (the request it was freed for), and at the next
// failure the hook frees it again: a double free.
// What catches it: the test checks that the reserve is forgotten; TLSF's debug check then stops
// the second free.
//
// The test reports:
//   status 134
//   not ok {num} - the reserve is spent: forgotten by the hook
//   panic: tlsf: deallocate of a block that is already free (double free)
#include "lab04.hpp"

namespace lab04 {

void on_out_of_memory(coframe::allocation_request request) {
  if (reserve == nullptr) stop_out_of_memory(request);
  reserve_heap::get()->deallocate(reserve, reserve_size);
}

}  // namespace lab04
