// Mutant of lab 03 exercise error_value: average() fills a missing sample with 0.
//
// The wrong answer: the awaiter is right, but average() adds each sample with value_or(0),
// the habit of code that must "always return something". What catches it: with a sample's
// frame failing, the caller gets a number.
//
// The test reports:
//   status 1
//   not ok {num} - a failed allocation anywhere reaches the caller as no value
#include "lab03.hpp"

bool measurement::awaiter::await_ready() const noexcept { return !frame; }

std::optional<int> measurement::awaiter::await_resume() const noexcept {
  if (!frame) return std::nullopt;
  return frame.promise().value;
}

measurement average(int channels) {
  int sum = 0;
  for (int channel = 0; channel < channels; ++channel) {
    sum += (co_await sample(channel)).value_or(0);
  }
  co_return sum / channels;
}
