// Mutant of lab 04 exercise reserve_hook: the hook always returns.
//
// The wrong answer: gives the reserve back when it has one, and otherwise simply returns, as if
// returning from the hook meant "give up". For allocate() a return means "room was made, try
// again" (the contract of std::new_handler), so it would try forever.
// What catches it: the test counts the hook's calls and stops the run when it keeps returning.
//
// The test reports:
//   status 1
//   Bail out! on_out_of_memory() returned again and again without making room: allocate() would try forever
#include "lab04.hpp"

namespace lab04 {

void on_out_of_memory(coframe::allocation_request) {
  if (reserve != nullptr) {
    reserve_heap::get()->deallocate(reserve, reserve_size);
    reserve = nullptr;
  }
}

}  // namespace lab04
