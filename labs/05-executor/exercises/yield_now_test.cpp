// Lab 05 exercise yield_now: its test. Tasks (how many, and how many turns each, drawn from
// the runner's seed) note their name at every turn and yield with lab05::yield_now(); the
// order of the notes must be round robin. A task that is never queued again would leave the
// test waiting: the watchdog then fails it.
#include "exercise_tests.hpp"
#include "lab05.hpp"

#include <coframe/testing/seed.hpp>
#include <coframe/testing/tap.hpp>

#include <cstddef>
#include <string_view>

namespace {

namespace tap = coframe::tap;
using lab05::testing::executor;

char turns_taken[128];
std::size_t turn_count = 0;

coframe::task<> taker(char name, int turns) {
  for (int i = 0; i < turns; ++i) {
    if (turn_count < sizeof turns_taken) turns_taken[turn_count++] = name;
    co_await lab05::yield_now();
  }
}

coframe::task<> until_all_ended() {
  while (executor::spawned() != 0) co_await lab05::testing::sleep_ticks(1);
}

coframe::task<> take_turns(const int* turns, int tasks) {
  for (int t = 0; t < tasks; ++t) {
    if (!executor::get()->spawn(taker(static_cast<char>('a' + t), turns[t]))) co_return;
  }
  co_await until_all_ended();
}

}  // namespace

int main() {
  coframe::tick_clock::start();
  coframe::testing::xorshift32 numbers{coframe::testing::seed()};

  // One task alone: yield_now comes straight back.
  const int alone[] = {3};
  lab05::testing::run_watched(take_turns(alone, 1), 200,
                              "every task got all its turns (a yielding task ran again)");
  tap::equal(std::string_view(turns_taken, turn_count), std::string_view{"aaa"},
             "a task alone yields and goes on");

  // Several, with turns the compiler cannot see.
  const int tasks = 2 + static_cast<int>(numbers.below(4));
  int turns[6];
  int most = 0;
  for (int t = 0; t < tasks; ++t) {
    turns[t] = 1 + static_cast<int>(numbers.below(5));
    if (turns[t] > most) most = turns[t];
  }
  char want[128];
  std::size_t wanted = 0;
  for (int round = 0; round < most; ++round) {
    for (int t = 0; t < tasks; ++t) {
      if (round < turns[t]) want[wanted++] = static_cast<char>('a' + t);
    }
  }
  turn_count = 0;
  lab05::testing::run_watched(take_turns(turns, tasks), 500,
                              "every task got all its turns (a yielding task ran again)");
  tap::equal(std::string_view(turns_taken, turn_count), std::string_view(want, wanted),
             "tasks take turns round robin");
  coframe::tick_clock::stop();
  tap::done();
}
