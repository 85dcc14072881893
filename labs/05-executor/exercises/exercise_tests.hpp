// Lab 05 exercise tests: what they share. Included by the *_test.cpp files only.
//
// The executor (frames from the default pool), its clock on SysTick, and a watchdog: a test
// whose tasks wait for a wake-up that never comes would sleep forever; the watchdog ends it
// with a failed check instead, so a wrong answer fails with status 1, never a timeout.
#pragma once

#include <coframe/coro/task.hpp>
#include <coframe/exec/executor.hpp>
#include <coframe/exec/timer.hpp>
#include <coframe/exec/when_any.hpp>
#include <coframe/testing/tap.hpp>

#include <string_view>

namespace lab05::testing {

struct app {};
using executor = coframe::thread_mode_executor<app>;

inline coframe::task<> sleep_ticks(std::uint32_t ticks) {
  co_await coframe::sleep_for(coframe::milliseconds(ticks));
}

// Runs `body` under the executor; if it has not ended after `limit` ticks, records a failed
// check saying `what`, and ends the test.
inline coframe::task<> watched(coframe::task<> body, std::uint32_t limit, const char* what) {
  auto first = co_await coframe::when_any(std::move(body), sleep_ticks(limit));
  if (first.index() == 1) {
    coframe::tap::ok(false, what);
    coframe::tap::done();  // exits: a task left waiting can never be cleaned up
  }
}

inline void run_watched(coframe::task<> body, std::uint32_t limit, const char* what) {
  (void)executor::get()->block_on(watched(std::move(body), limit, what));
}

}  // namespace lab05::testing

// The clock's interrupt (a test has no other SysTick handler).
extern "C" void SysTick_Handler() { coframe::tick_clock::tick(); }
