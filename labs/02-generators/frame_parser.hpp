// Lab 02, step 3 — lab 01's byte-fed frame parser, rewritten as a coroutine.
//
// Portable: lab02.elf, the lab's target test, its host tests and its benchmark use it.
//
// The wire format, the statuses, the `feed`/`payload` interface and the test vectors are lab
// 01's, from `labs/01-state-machines/frame_protocol.hpp`. Including another lab's file is the
// one exception to "labs share only lib/": both parsers must be held to one definition of
// correct, and measured in the same run.
//
// Lab 01 wrote the parser as a hand-made state machine: an enum of states, a switch, and the
// variables that must survive between bytes promoted into the struct. Here the parser is
// straight-line code that waits for its next byte with `co_yield`; the compiler builds the
// state machine, and the frame holds what crosses a co_yield (the payload buffer, the running
// checksum, which co_yield the body is suspended at).
#pragma once

#include "../01-state-machines/frame_protocol.hpp"  // lab 01's protocol: see above
#include "two_way.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lab02 {

namespace detail {
constexpr bool is_payload_byte(std::uint8_t b) { return b >= 0x20 && b <= 0x7e && b != '$' && b != '*'; }
constexpr int hex_value(std::uint8_t b) {
  if (b >= '0' && b <= '9') return b - '0';
  if (b >= 'a' && b <= 'f') return b - 'a' + 10;
  if (b >= 'A' && b <= 'F') return b - 'A' + 10;
  return -1;
}
}  // namespace detail

// [parse-frames]
// It hands out one status per byte, as lab 01's feed() returns one, and writes the payload's
// place to `payload` only when a frame is complete: the rest of the time there is nothing to
// say beyond the status. `payload` is a reference parameter, so the frame keeps its address:
// whatever it refers to must outlive the coroutine, and must not move (coroutine_parser,
// below, owns both).
inline two_way<frame::status, std::uint8_t> parse_frames(std::string_view& payload) {
  using enum frame::status;
  using detail::hex_value, detail::is_payload_byte;
  constexpr std::uint8_t eot = frame::end_of_transmission;

  char buffer[frame::max_payload];  // crosses every co_yield: it lives in the frame
  bool quiet = false;                // after an error, skip to the next '$' without complaint
  frame::status last_word = end_of_stream;
  std::uint8_t byte = co_yield need_more;  // primed: wait for the first byte

  for (;;) {
    // Between frames only '$' and EOT mean something.
    while (byte != '$' && byte != eot) {
      byte = co_yield (quiet ? need_more : unexpected_byte);
      quiet = true;
    }
    if (byte == eot) break;

    // A frame. A '$' inside it is an error that starts the next frame at once.
    frame::status verdict = need_more;
    frame::status answer_to_dollar = need_more;
    std::size_t length = 0;
    for (;;) {
      byte = co_yield answer_to_dollar;  // the first byte after '$'
      length = 0;
      std::uint8_t sum = 0;
      while (is_payload_byte(byte) && length < frame::max_payload) {
        buffer[length++] = static_cast<char>(byte);
        sum ^= byte;
        byte = co_yield need_more;
      }
      if (is_payload_byte(byte)) {
        verdict = line_too_long;
      } else if (byte != '*') {
        verdict = unexpected_byte;
      } else {
        verdict = need_more;
        std::uint8_t claimed = 0;
        for (int digit = 0; digit < 2 && verdict == need_more; ++digit) {
          byte = co_yield need_more;
          const int value = hex_value(byte);
          if (value < 0) verdict = bad_hex_digit;
          else claimed = static_cast<std::uint8_t>(claimed << 4 | value);
        }
        if (verdict == need_more) {
          byte = co_yield need_more;
          verdict = byte != '\n' ? unexpected_byte : claimed == sum ? frame_ready : bad_checksum;
        }
      }
      if (byte != '$') break;
      answer_to_dollar = unexpected_byte;  // report the cut-short frame, and read the next one
    }
    // `byte` decided the verdict.
    if (byte == eot) {
      last_word = unexpected_end;
      break;
    }
    // Lab 01's machine goes back to "between frames" after a frame it read to the end, good
    // or bad checksum alike; after any other error it discards to the next '$'.
    quiet = verdict != frame_ready && verdict != bad_checksum;
    if (verdict == frame_ready) payload = std::string_view{buffer, length};
    byte = co_yield verdict;
  }
  co_yield last_word;
  for (;;) co_yield after_end;
}
// [parse-frames]

// [coroutine-parser]
/// Lab 01's parser interface (`frame::parser`) over the parse_frames() coroutine. Not
/// movable: the coroutine's frame holds the address of `payload_`.
class coroutine_parser {
 public:
  /// Allocates the coroutine's frame and runs it to its first co_yield.
  coroutine_parser() : machine_(parse_frames(payload_)) {}
  coroutine_parser(const coroutine_parser&) = delete;
  coroutine_parser& operator=(const coroutine_parser&) = delete;

  /// False if the frame could not be allocated. Precondition of feed().
  [[nodiscard]] bool valid() const { return machine_.valid(); }
  frame::status feed(std::uint8_t byte) { return machine_.send(byte); }
  /// The payload of the frame just completed: valid after frame_ready until the next feed().
  std::string_view payload() const { return payload_; }

 private:
  std::string_view payload_;  // before machine_: it exists when the coroutine starts
  two_way<frame::status, std::uint8_t> machine_;
};
static_assert(frame::parser<coroutine_parser>);
// [coroutine-parser]

}  // namespace lab02
