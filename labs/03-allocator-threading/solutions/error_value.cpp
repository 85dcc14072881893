// Lab 03, exercise error_value — solution.
#include "lab03.hpp"

// [solution]
bool measurement::awaiter::await_ready() const noexcept { return !frame; }

std::optional<int> measurement::awaiter::await_resume() const noexcept {
  if (!frame) return std::nullopt;
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
// [solution]
