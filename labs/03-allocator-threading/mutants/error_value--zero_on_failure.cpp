// Mutant of lab 03 exercise error_value: a missing frame read as 0.
//
// The wrong answer: co_await on a measurement without a frame does not suspend (right), but
// gives 0, as if the sample had read 0. average() then has nothing to notice. What catches
// it: with a sample's frame failing, the caller gets a number.
//
// The test reports:
//   status 1
//   not ok {num} - a failed allocation anywhere reaches the caller as no value
#include "lab03.hpp"

bool measurement::awaiter::await_ready() const noexcept { return !frame; }

std::optional<int> measurement::awaiter::await_resume() const noexcept {
  if (!frame) return 0;
  return frame.promise().value;
}

measurement average(int channels) {
  int sum = 0;
  for (int channel = 0; channel < channels; ++channel) {
    const std::optional<int> value = co_await sample(channel);
    if (!value) co_return std::nullopt;
    sum += *value;
  }
  co_return sum / channels;
}
