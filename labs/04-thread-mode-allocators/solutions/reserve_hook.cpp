// Lab 04 exercise reserve_hook: solution.
#include "lab04.hpp"

namespace lab04 {

void on_out_of_memory(coframe::allocation_request request) {
  if (reserve != nullptr) {
    // Room for the request: give the reserve back and let the allocation try again.
    reserve_heap::get()->deallocate(reserve, reserve_size);
    reserve = nullptr;
    return;
  }
  stop_out_of_memory(request);
}

}  // namespace lab04
