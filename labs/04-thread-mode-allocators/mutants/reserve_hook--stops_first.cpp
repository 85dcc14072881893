// Mutant of lab 04 exercise reserve_hook: stops at the first failure.
//
// The wrong answer: reports and stops at once, like the default hook, and never spends the
// reserve it was given for this moment.
// What catches it: a request that fits the reserve must succeed; here stop_out_of_memory() is
// reached with that request instead of the one after it.
//
// The test reports:
//   status 1
//   not ok {num} - stop_out_of_memory() got the request that failed
#include "lab04.hpp"

namespace lab04 {

void on_out_of_memory(coframe::allocation_request request) { stop_out_of_memory(request); }

}  // namespace lab04
