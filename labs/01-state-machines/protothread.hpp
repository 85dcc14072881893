// Lab 01 — a protothread-style machine: a `switch` on a saved resume point.
//
// A function that can stop in the middle and later carry on from where it stopped needs two
// things the C++ stack does not keep between calls: where it stopped (the resume point) and the
// values of its variables. Here both are members of a small struct, and the function body is a
// `switch` whose `case` labels sit inside the loop, at the places it stops (the trick of Duff's
// device and of Adam Dunkels' protothreads).
//
// Portable (no board dependency). Lab 02 measures its generators against `fibonacci`.
#pragma once

#include <cstdint>
#include <optional>

namespace lab01 {

// [fibonacci]
/// Produces the first `count` Fibonacci numbers, one per call of next().
class fibonacci {
 public:
  explicit fibonacci(std::uint32_t count) : count_(count) {}

  /// The next number, or nothing once all `count` have been produced.
  std::optional<std::uint32_t> next() {
    switch (resume_point_) {
      case 0:
        for (i_ = 0; i_ < count_; ++i_) {
          resume_point_ = 1;
          return a_;  // suspend: the next call continues at `case 1`
          case 1:
            const std::uint32_t sum = a_ + b_;
            a_ = b_;
            b_ = sum;
        }
        resume_point_ = 2;
        [[fallthrough]];
      case 2:
        return std::nullopt;  // finished, and stays finished
    }
    return std::nullopt;
  }

 private:
  // Everything that must survive a suspension is hoisted out of next() into the struct.
  std::uint8_t resume_point_ = 0;
  std::uint32_t count_;
  std::uint32_t i_ = 0;
  std::uint32_t a_ = 0;
  std::uint32_t b_ = 1;
};
// [fibonacci]

// [forgetful]
/// The classic trap: the same machine with `a` and `b` left as locals of next(). Each call
/// starts a new stack frame, so after a suspension they hold their initial values again, not
/// the ones from before. (The loop counter is hoisted, or the machine would never finish.)
class forgetful_fibonacci {
 public:
  explicit forgetful_fibonacci(std::uint32_t count) : count_(count) {}

  std::optional<std::uint32_t> next() {
    std::uint32_t a = 0;  // BUG: re-initialised on every call, so lost at every suspension
    std::uint32_t b = 1;
    switch (resume_point_) {
      case 0:
        for (i_ = 0; i_ < count_; ++i_) {
          resume_point_ = 1;
          return a;
          case 1:
            const std::uint32_t sum = a + b;
            a = b;
            b = sum;
        }
        resume_point_ = 2;
        [[fallthrough]];
      case 2:
        return std::nullopt;
    }
    return std::nullopt;
  }

 private:
  std::uint8_t resume_point_ = 0;
  std::uint32_t count_;
  std::uint32_t i_ = 0;
};
// [forgetful]

}  // namespace lab01
