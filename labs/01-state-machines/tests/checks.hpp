// Lab 01 — the checks of every machine, written once and run twice: on the board (TAP, through
// target_test.cpp) and natively under AddressSanitizer and UBSan (GoogleTest, host_test.cpp).
//
// A `Check` offers `ok(bool, description)` and `equal(got, want, description)` for strings and
// integers; each check_* function below reports through it.
#pragma once

#include "../frame_parser.hpp"
#include "../line_reader.hpp"
#include "../machine_range.hpp"
#include "../probe.hpp"
#include "../protothread.hpp"

#include <coframe/board/format.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lab01::checks {

using description = coframe::text_buffer<120>;

template <class... Values>
description describe(const Values&... values) {
  description d;
  coframe::write_to(d, values...);
  return d;
}

// Everything a producer yields, as text: "0 1 1 2".
template <class Machine>
coframe::text_buffer<128> drain(Machine& m) {
  coframe::text_buffer<128> out;
  for (unsigned guard = 0; guard < 40; ++guard) {  // a broken machine must not hang the test
    const auto n = m.next();
    if (!n) break;
    coframe::write_to(out, out.view().empty() ? "" : " ", *n);
  }
  return out;
}

template <class Check>
void check_protothreads(Check& check) {
  fibonacci ten{10};
  check.equal(drain(ten).view(), std::string_view{"0 1 1 2 3 5 8 13 21 34"}, "fibonacci(10)");
  check.ok(!ten.next() && !ten.next(), "fibonacci stays finished");
  fibonacci none{0};
  check.equal(drain(none).view(), std::string_view{""}, "fibonacci(0) yields nothing");
  fibonacci one{1};
  check.equal(drain(one).view(), std::string_view{"0"}, "fibonacci(1)");
  // The trap, pinned down: a and b start over at every resume.
  forgetful_fibonacci forgetful{6};
  check.equal(drain(forgetful).view(), std::string_view{"0 1 1 1 1 1"},
              "forgetful_fibonacci forgets its locals");
}

template <class Check>
void check_range(Check& check) {
  fibonacci numbers{8};
  coframe::text_buffer<128> seen;
  unsigned steps = 0;
  for (std::uint32_t n : machine_range{numbers}) {
    coframe::write_to(seen, seen.view().empty() ? "" : " ", n);
    if (++steps == 40) break;
  }
  check.equal(seen.view(), std::string_view{"0 1 1 2 3 5 8 13"}, "range-for over fibonacci(8)");
  fibonacci empty{0};
  unsigned iterations = 0;
  for ([[maybe_unused]] std::uint32_t n : machine_range{empty}) ++iterations;
  check.equal(iterations, 0u, "range-for over an empty machine runs no iteration");
}

// The port the ordinary function expects: get() and put() "wait". Here every byte is already
// there (an exhausted input reads as '\n', so the function ends) and the transmitter is free.
struct waiting_port {
  serial_port port;
  std::uint8_t get() {
    const auto c = port.read();
    return c ? *c : '\n';
  }
  void put(char c) {
    port.allow_transmit(1);
    port.write(c);
  }
  void deliver(std::string_view line) { port.deliver(line); }
};

inline constexpr std::string_view line_input =
    "hello\n"
    "a line of forty bytes, longer than 32 ok\n"
    "x\n"
    "\n"
    "after the end\n";

// Runs a machine to the end, `chunk` input bytes and `room` transmit bytes per resume.
template <class Machine>
bool run_chunked(Machine& m, serial_port& port, std::string_view input, std::size_t chunk,
                 std::size_t room) {
  for (unsigned resume = 0; resume < 1000; ++resume) {
    port.receive(input.substr(0, chunk));
    input.remove_prefix(input.size() < chunk ? input.size() : chunk);
    port.allow_transmit(room);
    if (m.resume(port)) return true;
  }
  return false;
}

template <class Check>
void check_line_readers(Check& check) {
  // The function itself is the reference.
  probe_log reference_log;
  waiting_port reference;
  reference.port.receive(line_input);
  const std::uint16_t reference_lines = read_lines(reference, reference_log);
  check.equal(reference_lines, std::uint16_t{3}, "read_lines() reads three lines");
  check.equal(reference.port.delivered(),
              std::string_view{"hello\na line of forty bytes, longer th\nx\n"},
              "read_lines() delivers each line (its first 32 bytes)");
  check.equal(reference.port.transmitted(), std::string_view{"ok 5 0x62\nok 40 0x4e\nok 1 0x78\n"},
              "read_lines() counts and checksums every byte");

  // The machines must do exactly what the function does, however the bytes arrive.
  for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{64}}) {
    for (std::size_t room : {std::size_t{1}, std::size_t{3}, std::size_t{64}}) {
      probe_log log;
      serial_port port;
      bool finished = false;
      std::uint16_t lines = 0;
      {
        line_reader machine{log};
        finished = run_chunked(machine, port, line_input, chunk, room);
        lines = machine.lines();
      }
      check.ok(finished && lines == reference_lines &&
                   port.delivered() == reference.port.delivered() &&
                   port.transmitted() == reference.port.transmitted(),
               describe("line_reader behaves as read_lines(), ", chunk, " bytes in and ", room,
                        " out per resume").view());
      check.equal(log.events(), reference_log.events(),
                  describe("line_reader's objects live as in read_lines() (", chunk, "/", room, ")")
                      .view());

      serial_port naive_port;
      naive_line_reader naive{log};
      check.ok(run_chunked(naive, naive_port, line_input, chunk, room) &&
                   naive.lines() == reference_lines &&
                   naive_port.delivered() == reference.port.delivered() &&
                   naive_port.transmitted() == reference.port.transmitted(),
               describe("naive_line_reader behaves as read_lines() (", chunk, "/", room, ")").view());
    }
  }
  check.ok(sizeof(line_reader) < sizeof(naive_line_reader),
           "the union state struct is smaller than the naive one");
}

// Drops a line_reader after `bytes` input bytes and `room` transmit bytes, and checks that every
// object it created was destroyed exactly once, in reverse order of construction.
template <class Check>
void check_drop(Check& check, const char* want_state, std::string_view input, std::size_t room,
                std::string_view want_events) {
  probe_log log;
  const char* where = "";
  {
    serial_port port;
    port.receive(input);
    port.allow_transmit(room);
    line_reader machine{log};
    if (input.size() != 0 || room != 0) machine.resume(port);
    where = machine.where();
  }
  check.equal(std::string_view{where}, std::string_view{want_state},
              describe("dropped in state ", want_state).view());
  check.equal(log.events(), want_events, describe("dropped in ", want_state, ": destruction order").view());
  check.ok(log.alive() == 0 && log.constructions() == log.destructions(),
           describe("dropped in ", want_state, ": every object destroyed exactly once").view());
}

template <class Check>
void check_drops(Check& check) {
  check_drop(check, "start", "", 0, "");
  check_drop(check, "reading", "hel", 0, "+session +reading -reading -session");
  check_drop(check, "replying", "hello\n", 3,
             "+session +reading -reading +replying -replying -session");
  check_drop(check, "reading", "hello\nwo", 64,
             "+session +reading -reading +replying -replying +reading -reading -session");
  check_drop(check, "done", "\n", 0, "+session +reading -reading -session");
}

// A long random stream: frames of 0 to 40 payload bytes, a quarter of them broken in a way that
// always makes them invalid. Every good frame must come out, with its payload, in order, and
// nothing else: a bad frame must never swallow the good one after it.
template <class Parser, class Check>
void check_random_frames(Check& check, const char* parser_name) {
  std::uint32_t seed = 12345;
  auto random = [&seed](std::uint32_t below) {
    seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;  // xorshift32
    return seed % below;
  };
  Parser parser;
  unsigned good = 0;
  unsigned mismatches = 0;
  for (unsigned n = 0; n < 500; ++n) {
    char payload[40];
    const std::size_t length = random(41);
    for (std::size_t i = 0; i < length; ++i) payload[i] = "abcXYZ 09,."[random(11)];
    const std::string_view text{payload, length};
    constexpr char digits[] = "0123456789abcdef";
    const std::uint8_t sum = frame::checksum(text);
    coframe::text_buffer<48> wire;
    coframe::write_to(wire, '$', text, '*', digits[sum >> 4], digits[sum & 0xf], '\n');
    char bytes[48];
    const std::size_t size = wire.view().size();
    for (std::size_t i = 0; i < size; ++i) bytes[i] = wire.view()[i];
    bool valid = length <= frame::max_payload;
    if (random(4) == 0) {  // break it: a control byte, a non-hex digit, or no '\n'
      const std::uint32_t how = length == 0 ? 1 + random(2) : random(3);
      if (how == 0) bytes[1 + random(static_cast<std::uint32_t>(length))] = '\t';
      if (how == 1) bytes[size - 2] = 'g';
      if (how == 2) bytes[size - 1] = 'x';
      valid = false;
    }
    unsigned ready = 0;
    for (std::size_t i = 0; i < size; ++i) {
      if (parser.feed(static_cast<std::uint8_t>(bytes[i])) == frame::status::frame_ready) {
        ++ready;
        if (parser.payload() != text) ++mismatches;
      }
    }
    if (ready != (valid ? 1u : 0u)) ++mismatches;
    if (valid) ++good;
  }
  bool after_end = parser.feed(frame::end_of_transmission) == frame::status::end_of_stream;
  for (char c : std::string_view{"$hi*01\n"}) {
    after_end = after_end && parser.feed(static_cast<std::uint8_t>(c)) == frame::status::after_end;
  }
  check.equal(mismatches, 0u,
              describe(parser_name, ": 500 random frames, every good one (", good,
                       ") and nothing else comes out")
                  .view());
  check.ok(after_end, describe(parser_name, ": after EOT every byte is after_end").view());
}

template <class Parser, class Check>
void check_frame_parser(Check& check, const char* parser_name) {
  for (const frame::test_case& c : frame::test_cases) {
    Parser parser;
    const auto m = frame::check(parser, c);
    if (!m) {
      check.ok(true, describe(parser_name, ": ", c.name).view());
    } else {
      check.ok(false, describe(parser_name, ": ", c.name, " - byte ", m->at, ": got ",
                               frame::name(m->got), ", expected ", frame::name(m->want),
                               m->payload_differs ? " (payloads differ)" : "")
                          .view());
    }
  }
  check_random_frames<Parser>(check, parser_name);
}

// check() itself must be able to fail: a parser that never answers anything is caught.
struct silent_parser {
  frame::status feed(std::uint8_t) { return frame::status::need_more; }
  [[nodiscard]] std::string_view payload() const { return {}; }
};

template <class Check>
void check_the_checker(Check& check) {
  unsigned caught = 0;
  for (const frame::test_case& c : frame::test_cases) {
    silent_parser p;
    if (frame::check(p, c).has_value()) ++caught;
  }
  check.equal(caught, static_cast<unsigned>(std::size(frame::test_cases)),
              "frame::check() fails a parser that answers need_more to everything");
}

}  // namespace lab01::checks
