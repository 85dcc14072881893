// Mutant of lab 03 exercise error_value: average() averages the samples that arrived.
//
// The wrong answer: a sample without a value is skipped and the mean taken over the others,
// which looks robust and hides that memory ran out. What catches it: with a sample's frame
// failing, the caller gets a number.
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
  int sum = 0, count = 0;
  for (int channel = 0; channel < channels; ++channel) {
    const std::optional<int> value = co_await sample(channel);
    if (value) sum += *value, ++count;
  }
  if (count == 0) co_return std::nullopt;
  co_return sum / count;
}
