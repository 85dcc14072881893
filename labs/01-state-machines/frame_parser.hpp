// Lab 01 — the frame parser as a hand-written state machine with a resume argument.
//
// Each call of feed() resumes the machine with the next byte (the resume argument) and returns
// what that byte completed (frame_protocol.hpp defines the format and every status). There is
// no loop inside waiting for input: the machine is a value that remembers where it stopped,
// so it can be fed from anywhere, one byte at a time, including from the UART's receive
// interrupt. It never allocates, never blocks, and its worst case is a few dozen instructions.
//
// Portable (no board dependency). Lab 02 includes it as the baseline its coroutine parser is
// measured against.
#pragma once

#include "frame_protocol.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lab01 {

// [frame-parser]
class frame_parser {
 public:
  /// Resumes the machine with the next byte. Safe to call from an interrupt handler (one
  /// caller at a time). Postcondition: payload() is valid after frame_ready until the next call.
  frame::status feed(std::uint8_t byte);

  /// The payload of the frame just completed.
  [[nodiscard]] std::string_view payload() const { return {payload_, length_}; }

 private:
  // Where the machine stopped. Each state is one place in a loop that reads a byte.
  enum class state : std::uint8_t {
    between_frames,  // expecting `$` or EOT
    in_payload,      // after `$`: payload bytes until `*`
    checksum_high,   // after `*`: the first hex digit
    checksum_low,    // the second hex digit
    line_end,        // expecting `\n`
    discarding,      // after an error: skipping to the next `$`
    ended,           // after EOT: nothing more is accepted
  };

  frame::status start_frame(frame::status answer);
  frame::status fail(frame::status error);

  // The machine's live variables. They are members, not locals of feed(): a local would not
  // survive from one byte to the next.
  state state_ = state::between_frames;
  std::uint8_t length_ = 0;   // payload bytes stored so far
  std::uint8_t sum_ = 0;      // XOR of the payload so far
  std::uint8_t claimed_ = 0;  // the checksum as the frame states it
  char payload_[frame::max_payload] = {};
};
// [frame-parser]

namespace internal {
// The value of a hex digit, or -1.
constexpr int hex_value(std::uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
constexpr bool is_payload_byte(std::uint8_t c) { return c >= 0x20 && c <= 0x7e && c != '$' && c != '*'; }
}  // namespace internal

// [frame-parser-feed]
inline frame::status frame_parser::feed(std::uint8_t byte) {
  using frame::status;
  // Two bytes mean the same thing in every state, so they are decided before the switch.
  if (state_ == state::ended) return status::after_end;
  const bool in_frame = state_ != state::between_frames && state_ != state::discarding;
  if (byte == frame::end_of_transmission) {
    state_ = state::ended;
    return in_frame ? status::unexpected_end : status::end_of_stream;
  }
  if (byte == '$') return start_frame(in_frame ? status::unexpected_byte : status::need_more);

  switch (state_) {
    case state::between_frames:
      return fail(status::unexpected_byte);
    case state::discarding:
      return status::need_more;
    case state::in_payload:
      if (byte == '*') {
        state_ = state::checksum_high;
        return status::need_more;
      }
      if (!internal::is_payload_byte(byte)) return fail(status::unexpected_byte);
      if (length_ == frame::max_payload) return fail(status::line_too_long);
      payload_[length_++] = static_cast<char>(byte);
      sum_ ^= byte;
      return status::need_more;
    case state::checksum_high:
    case state::checksum_low: {
      const int digit = internal::hex_value(byte);
      if (digit < 0) return fail(status::bad_hex_digit);
      claimed_ = static_cast<std::uint8_t>(claimed_ << 4 | digit);
      state_ = state_ == state::checksum_high ? state::checksum_low : state::line_end;
      return status::need_more;
    }
    case state::line_end:
      if (byte != '\n') return fail(status::unexpected_byte);
      state_ = state::between_frames;
      return claimed_ == sum_ ? status::frame_ready : status::bad_checksum;
    case state::ended:
      break;  // answered before the switch
  }
  return status::after_end;
}

inline frame::status frame_parser::start_frame(frame::status answer) {
  state_ = state::in_payload;
  length_ = 0;
  sum_ = 0;
  claimed_ = 0;
  return answer;
}

inline frame::status frame_parser::fail(frame::status error) {
  state_ = state::discarding;
  return error;
}
// [frame-parser-feed]

}  // namespace lab01
