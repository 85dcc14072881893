// Lab 03, exercise error_value — running out of memory is a value.
//
// Without exceptions, a coroutine whose frame cannot be allocated returns
// get_return_object_on_allocation_failure(): here a measurement without a frame (lab03.hpp).
// Write what co_await does with one (the awaiter's await_ready and await_resume), and average(),
// so that a frame that could not be allocated anywhere below reaches the caller as "no value":
// not as a crash, not as a made-up number.
#include "lab03.hpp"

bool measurement::awaiter::await_ready() const noexcept {
  // TODO: true when there is nothing to run.
  return true;
}

std::optional<int> measurement::awaiter::await_resume() const noexcept {
  // TODO: the value of the measurement that ran, or nothing when it had no frame.
  return std::nullopt;
}

measurement average(int channels) {
  // TODO: the mean of sample(0), ..., sample(channels - 1), rounded down, each awaited in
  // turn; nothing as soon as one of them is nothing.
  (void)channels;
  co_return std::nullopt;
}
