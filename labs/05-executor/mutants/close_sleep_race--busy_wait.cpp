// Mutant of lab 05 exercise close_sleep_race: no sleep at all, a loop that polls.
//
// The wrong answer: with no wfi there is no race, and no wake-up is lost; but the processor
// never sleeps, and spends its idle time (and its power) asking. What catches it: with no
// interrupt for a long time, work_ready() is asked hundreds of times instead of once or twice.
//
// The test reports:
//   status 1
//   not ok {num} - it sleeps (wfi) until the interrupt: work_ready() asked at most twice
#include "lab05.hpp"

namespace lab05 {

void sleep_until_work() noexcept {
  while (!work_ready()) {
  }
}

}  // namespace lab05
