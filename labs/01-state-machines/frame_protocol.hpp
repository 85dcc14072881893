// Lab 01 — the frame protocol: the wire format, the parser's interface and the test vectors
// that every frame parser in this workbook must pass.
//
// Portable (no board dependency): the firmware, the host tests under the sanitizers and lab 02
// (which rewrites the parser as a coroutine and must give the same answers) all include it.
// Lab 02 includes it by path, `labs/01-state-machines/frame_protocol.hpp`: the one sanctioned
// cross-lab include, so that both labs are held to one definition of "correct".
//
// # The wire format
//
//     $<payload>*<hh>\n        a frame
//     0x04                     EOT: the end of the stream
//
// - `payload`: 0 to 32 bytes, each printable ASCII (0x20..0x7e) except `$` and `*`.
// - `hh`: two hex digits (`0-9`, `a-f` or `A-F`), the XOR of the payload's bytes.
// - Between frames only `$` (a frame starts) and EOT (the stream ends) may appear.
//
// # The parser's interface
//
// A parser is fed one byte at a time and answers each byte with a status:
//
//     frame::status feed(std::uint8_t byte);  // what this byte completed, if anything
//     std::string_view payload() const;       // the payload; valid after feed() returned
//                                             // frame_ready, until the next feed()
//
// `need_more` means "nothing yet". Every other status is reported by the byte that decided it:
// `frame_ready` by the frame's `\n`, `end_of_stream` by EOT, an error by the first byte that
// cannot be part of a valid stream. A parser never stores more than 32 payload bytes, whatever
// it is fed.
//
// # Errors and recovery
//
// After an error inside a frame the parser discards bytes until the next `$`, which starts a
// new frame. A bad checksum is the exception: it is decided by the frame's own `\n`, so that
// frame has ended and the parser is simply between frames again (a stray byte right after it
// is `unexpected_byte`, like any byte between frames). A `$`
// inside a frame is itself an error (`unexpected_byte`: the frame before it was cut short)
// and starts the new frame at once, so no good frame after a bad one is lost. EOT inside a frame
// is `unexpected_end`; EOT while discarding after an error ends the stream normally (the error
// was already reported). Once the stream has ended, every byte is answered `after_end`.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace frame {

/// The most payload bytes a frame may carry.
inline constexpr std::size_t max_payload = 32;
/// The byte that ends the stream (ASCII EOT).
inline constexpr std::uint8_t end_of_transmission = 0x04;

/// A parser's answer to one byte.
enum class status : std::uint8_t {
  need_more,       ///< nothing decided yet: feed the next byte
  frame_ready,     ///< this `\n` completed a valid frame: read payload()
  end_of_stream,   ///< this EOT ended the stream
  line_too_long,   ///< a 33rd payload byte: the frame is dropped
  bad_checksum,    ///< the frame was well formed but its checksum does not match the payload
  bad_hex_digit,   ///< a checksum digit is not a hex digit
  unexpected_byte, ///< a byte that cannot appear here (between frames, in a payload, instead of `\n`)
  unexpected_end,  ///< EOT inside a frame
  after_end,       ///< a byte after the stream ended
};

/// The status's name as it appears in the enum, for diagnostics.
constexpr const char* name(status s) {
  switch (s) {
    case status::need_more: return "need_more";
    case status::frame_ready: return "frame_ready";
    case status::end_of_stream: return "end_of_stream";
    case status::line_too_long: return "line_too_long";
    case status::bad_checksum: return "bad_checksum";
    case status::bad_hex_digit: return "bad_hex_digit";
    case status::unexpected_byte: return "unexpected_byte";
    case status::unexpected_end: return "unexpected_end";
    case status::after_end: return "after_end";
  }
  return "(not a frame::status)";
}

/// True for the statuses that report bad input.
constexpr bool is_error(status s) {
  return s != status::need_more && s != status::frame_ready && s != status::end_of_stream;
}

/// The checksum a frame carries for `payload`: the XOR of its bytes.
constexpr std::uint8_t checksum(std::string_view payload) {
  std::uint8_t sum = 0;
  for (char c : payload) sum ^= static_cast<std::uint8_t>(c);
  return sum;
}

/// What a hand-written machine and a coroutine must both offer to be called a frame parser.
template <class P>
concept parser = requires(P& p, const P& cp, std::uint8_t byte) {
  { p.feed(byte) } -> std::same_as<status>;
  { cp.payload() } -> std::same_as<std::string_view>;
};

// ---------------------------------------------------------------------------------------------
// Test vectors. Each case is a byte string and every status other than need_more that feeding
// it byte by byte must produce, with the index of the byte that produces it; every other byte
// must be answered need_more. Both labs run exactly these.

/// One expected answer: feeding `input[at]` returns `what` (and, for frame_ready, `payload`).
struct event {
  std::size_t at;
  status what;
  std::string_view payload = {};
};

struct test_case {
  std::string_view name;
  std::string_view input;
  std::span<const event> events;
};

namespace vectors {
using enum status;
// The byte offsets are counted by hand and commented where they are not obvious.
inline constexpr event one_frame[] = {{6, frame_ready, "hi"}, {7, end_of_stream}};
inline constexpr event two_frames[] = {
    {12, frame_ready, "GPS,12.5"}, {17, frame_ready, ""}, {18, end_of_stream}};
inline constexpr event longest[] = {
    {36, frame_ready, "abcdefghijklmnopqrstuvwxyz012345"}, {37, end_of_stream}};
// 33rd payload byte '6' at 33; the rest of that line is discarded; "$ok*04\n" is 38..44.
inline constexpr event too_long[] = {
    {33, line_too_long}, {44, frame_ready, "ok"}, {45, end_of_stream}};
inline constexpr event bad_sum[] = {{6, bad_checksum}, {13, frame_ready, "ok"}, {14, end_of_stream}};
// "$hi*02\n" at 0-6, 'z' at 7 (between frames again, not discarding), "$ok*04\n" at 8-14.
inline constexpr event stray_after_bad_sum[] = {
    {6, bad_checksum}, {7, unexpected_byte}, {14, frame_ready, "ok"}, {15, end_of_stream}};
inline constexpr event bad_hex[] = {{5, bad_hex_digit}, {13, frame_ready, "ok"}, {14, end_of_stream}};
// "xy" at 0-1, "$hi*01\n" at 2-8, "z\r\n" at 9-11, "$ok*04\n" at 12-18, EOT at 19.
inline constexpr event garbage[] = {{0, unexpected_byte},
                                    {8, frame_ready, "hi"},
                                    {9, unexpected_byte},
                                    {18, frame_ready, "ok"},
                                    {19, end_of_stream}};
inline constexpr event dollar_in_payload[] = {
    {4, unexpected_byte}, {10, frame_ready, "hi"}, {11, end_of_stream}};
inline constexpr event dollar_in_checksum[] = {
    {5, unexpected_byte}, {11, frame_ready, "ok"}, {12, end_of_stream}};
inline constexpr event control_byte[] = {
    {2, unexpected_byte}, {14, frame_ready, "ok"}, {15, end_of_stream}};
inline constexpr event early_newline[] = {
    {3, unexpected_byte}, {10, frame_ready, "ok"}, {11, end_of_stream}};
inline constexpr event no_newline[] = {{6, unexpected_byte}, {13, frame_ready, "ok"}, {14, end_of_stream}};
inline constexpr event after_eot[] = {{6, frame_ready, "hi"}, {7, end_of_stream}, {8, after_end},
                                      {9, after_end},         {10, after_end},   {11, after_end},
                                      {12, after_end},        {13, after_end},   {14, after_end}};
inline constexpr event eot_in_frame[] = {{5, unexpected_end}, {6, after_end}};
inline constexpr event empty_stream[] = {{0, end_of_stream}};
inline constexpr event eot_after_error[] = {{0, unexpected_byte}, {2, end_of_stream}};
}  // namespace vectors

/// The cases every frame parser must pass.
inline constexpr test_case test_cases[] = {
    {"one frame", "$hi*01\n\x04", vectors::one_frame},
    {"two frames, one empty", "$GPS,12.5*70\n$*00\n\x04", vectors::two_frames},
    {"32-byte payload, upper-case hex", "$abcdefghijklmnopqrstuvwxyz012345*1A\n\x04",
     vectors::longest},
    {"overlong line", "$abcdefghijklmnopqrstuvwxyz0123456*00\n$ok*04\n\x04", vectors::too_long},
    {"bad checksum", "$hi*02\n$ok*04\n\x04", vectors::bad_sum},
    {"stray byte after a bad checksum", "$hi*02\nz$ok*04\n\x04", vectors::stray_after_bad_sum},
    {"bad hex digit", "$hi*0g\n$ok*04\n\x04", vectors::bad_hex},
    {"garbage between frames", "xy$hi*01\nz\r\n$ok*04\n\x04", vectors::garbage},
    {"'$' inside a payload", "$abc$hi*01\n\x04", vectors::dollar_in_payload},
    {"'$' instead of a hex digit", "$hi*0$ok*04\n\x04", vectors::dollar_in_checksum},
    {"control byte in a payload", "$h\ti*00\n$ok*04\n\x04", vectors::control_byte},
    {"line ends before the checksum", "$hi\n$ok*04\n\x04", vectors::early_newline},
    {"no newline after the checksum", "$hi*01x$ok*04\n\x04", vectors::no_newline},
    {"bytes after the end", "$hi*01\n\x04$ok*04\n", vectors::after_eot},
    {"end inside a frame", "$hi*0\x04x", vectors::eot_in_frame},
    {"empty stream", "\x04", vectors::empty_stream},
    {"end right after an error", "zz\x04", vectors::eot_after_error},
};

/// The first difference between what a parser answered and what a case expects.
struct mismatch {
  std::size_t at;               ///< index of the byte (input.size() if an event never came)
  status got;                   ///< what the parser answered
  status want;                  ///< what the case expects
  bool payload_differs = false; ///< statuses agree (frame_ready) but the payloads do not
};

/// Feeds `c.input` to `p` byte by byte and compares every answer with the case. Returns the
/// first mismatch, or nothing when the parser passed. `p` should be a fresh parser.
template <parser P>
constexpr std::optional<mismatch> check(P& p, const test_case& c) {
  std::size_t next = 0;  // the next expected event
  for (std::size_t i = 0; i < c.input.size(); ++i) {
    const status got = p.feed(static_cast<std::uint8_t>(c.input[i]));
    const bool expected_here = next < c.events.size() && c.events[next].at == i;
    const status want = expected_here ? c.events[next].what : status::need_more;
    if (got != want) return mismatch{i, got, want};
    if (got == status::frame_ready && p.payload() != c.events[next].payload) {
      return mismatch{i, got, want, true};
    }
    if (expected_here) ++next;
  }
  if (next != c.events.size()) return mismatch{c.input.size(), status::need_more, c.events[next].what};
  return std::nullopt;
}

}  // namespace frame
