// Lab 01 — the hand transform: an ordinary function that waits for I/O, rewritten as a state
// struct that returns instead of waiting.
//
// read_lines() reads lines from a serial port, hands each line on (deliver), counts and
// checksums it, and answers "ok <count> <xor>\n"; an empty line ends the session. Written
// as an ordinary function, it waits in get() and put(). Rewritten by hand as a machine, it
// returns from resume() wherever it would have waited, and the next resume() carries on:
//
//   naive_line_reader  every local of the function is a member: simple, but as big as all the
//                      locals together, and its objects live as long as the machine
//   line_reader        the variables live in each state sit in a union, so the struct is as
//                      small as its largest state, and each object lives exactly as long as in
//                      the function: constructed on entry to its state, destroyed on exit, and
//                      destroyed in reverse order if the machine is dropped early in any state
//
// Portable (no board dependency). Lab 02 includes it: its coroutine version of read_lines()
// is measured against these two structs.
#pragma once

#include "probe.hpp"

#include <coframe/board/format.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace lab01 {

/// One line as it is kept: the first 32 bytes (the count and checksum cover every byte).
using line_text = coframe::text_buffer<32>;
/// The answer to a line, "ok 5 0x62\n" (count up to 65535: at most 14 bytes).
using ack_text = coframe::text_buffer<16>;

inline ack_text acknowledgement(std::uint16_t count, std::uint8_t sum) {
  ack_text ack;
  coframe::write_to(ack, "ok ", count, ' ', coframe::hex(sum, 2), '\n');
  return ack;
}

/// The machine's side of a serial port, and the driver's. read() and write() never wait: they
/// say "not now" (nothing received, transmitter busy), which is where a machine suspends.
class serial_port {
 public:
  // --- the driver's side (an interrupt handler, a test) ---
  /// Bytes arrive. Returns false if the receive buffer overflowed and bytes were lost.
  bool receive(std::string_view bytes) {
    rx_.put(bytes);
    return !rx_.truncated();
  }
  /// The transmitter takes `bytes` more bytes before it is busy again.
  void allow_transmit(std::size_t bytes) { tx_room_ += bytes; }
  [[nodiscard]] std::string_view transmitted() const { return tx_.view(); }
  /// Every delivered line, each followed by '\n'.
  [[nodiscard]] std::string_view delivered() const { return delivered_.view(); }

  // --- the machine's side ---
  /// The next received byte, or nothing if none is waiting.
  std::optional<std::uint8_t> read() {
    if (read_at_ == rx_.view().size()) return std::nullopt;
    return static_cast<std::uint8_t>(rx_.view()[read_at_++]);
  }
  /// Sends `c`, or returns false if the transmitter is busy (then try again later).
  bool write(char c) {
    if (tx_room_ == 0) return false;
    --tx_room_;
    tx_.put({&c, 1});
    return true;
  }
  /// Hands a complete line on to the rest of the application (it never waits).
  void deliver(std::string_view line) {
    delivered_.put(line);
    delivered_.put("\n");
  }

 private:
  coframe::text_buffer<256> rx_;
  std::size_t read_at_ = 0;
  std::size_t tx_room_ = 0;
  coframe::text_buffer<256> tx_;
  coframe::text_buffer<256> delivered_;
};

// [ordinary]
/// The function as we would like to write it. `get()` waits for a byte and `put()` waits until
/// the transmitter takes one: each is a suspension point. Returns the number of lines read.
template <class WaitingPort>
std::uint16_t read_lines(WaitingPort& port, probe_log& log) {
  probe session{log, "session"};
  std::uint16_t lines = 0;
  for (;;) {
    std::uint16_t count = 0;
    std::uint8_t sum = 0;
    {
      probe reading{log, "reading"};
      line_text line;
      for (std::uint8_t c = port.get(); c != '\n'; c = port.get()) {  // suspends in get()
        const char ch = static_cast<char>(c);
        line.put({&ch, 1});
        ++count;
        sum ^= c;
      }
      if (count == 0) return lines;  // an empty line ends the session
      port.deliver(line.view());
    }  // `reading` and `line` die here: the reply does not need them
    ++lines;
    probe replying{log, "replying"};
    const ack_text ack = acknowledgement(count, sum);
    for (std::size_t sent = 0; sent < ack.view().size(); ++sent) {
      port.put(ack.view()[sent]);  // suspends in put()
    }
  }
}
// [ordinary]

// [naive]
/// The transform done the quick way: every local becomes a member.
class naive_line_reader {
 public:
  explicit naive_line_reader(probe_log& log)
      : session_(log, "session"), reading_(log, "reading"), replying_(log, "replying") {}

  /// Runs until the function would wait. Returns true once the session has ended.
  bool resume(serial_port& port);
  [[nodiscard]] std::uint16_t lines() const { return lines_; }

 private:
  enum class state : std::uint8_t { reading, replying, done };
  state state_ = state::reading;
  probe session_;
  std::uint16_t lines_ = 0;
  std::uint16_t count_ = 0;
  std::uint8_t sum_ = 0;
  probe reading_;  // alive from construction to destruction, not just while reading
  line_text line_;
  probe replying_;
  ack_text ack_;
  std::uint8_t sent_ = 0;
};
// [naive]

inline bool naive_line_reader::resume(serial_port& port) {
  for (;;) {
    switch (state_) {
      case state::reading: {
        const auto c = port.read();
        if (!c) return false;  // would wait in get()
        if (*c != '\n') {
          const char ch = static_cast<char>(*c);
          line_.put({&ch, 1});
          ++count_;
          sum_ ^= *c;
          break;
        }
        if (count_ == 0) {
          state_ = state::done;
          return true;
        }
        port.deliver(line_.view());
        ++lines_;
        ack_ = acknowledgement(count_, sum_);
        sent_ = 0;
        state_ = state::replying;
        break;
      }
      case state::replying:
        if (sent_ == ack_.view().size()) {
          line_.clear();  // by hand: the function got a fresh `line` each time round its loop
          count_ = 0;
          sum_ = 0;
          state_ = state::reading;
          break;
        }
        if (!port.write(ack_.view()[sent_])) return false;  // would wait in put()
        ++sent_;
        break;
      case state::done:
        return true;
    }
  }
}

// [state-struct]
/// The transform done the way a compiler does it: one struct of variables per state, in a union.
class line_reader {
 public:
  explicit line_reader(probe_log& log) : log_(&log) {}
  ~line_reader() { drop(); }
  // The union's active member is known only to state_: a copy would have to switch on it too.
  line_reader(const line_reader&) = delete;
  line_reader& operator=(const line_reader&) = delete;

  /// Runs until the function would wait. Returns true once the session has ended.
  bool resume(serial_port& port);
  [[nodiscard]] std::uint16_t lines() const { return lines_; }
  /// Where the machine stopped: "start", "reading", "replying" or "done".
  [[nodiscard]] const char* where() const;

 private:
  enum class state : std::uint8_t { start, reading, replying, done };

  // The variables live at the suspension point of each state. Their constructors and
  // destructors run on entry to and exit from the state, as the function's scopes would.
  struct reading_vars {
    explicit reading_vars(probe_log& log) : guard(log, "reading") {}
    probe guard;
    line_text line;
    std::uint16_t count = 0;
    std::uint8_t sum = 0;
  };
  struct replying_vars {
    replying_vars(probe_log& log, const ack_text& text) : guard(log, "replying"), ack(text) {}
    probe guard;
    ack_text ack;
    std::uint8_t sent = 0;
  };

  void drop();

  probe_log* log_;
  state state_ = state::start;
  std::uint16_t lines_ = 0;  // live in every state: outside the unions
  // An anonymous union holds an object without constructing it: the lifetime is ours to run.
  union {
    probe session_;  // alive in reading and replying
  };
  union {
    reading_vars reading_;    // alive in reading
    replying_vars replying_;  // alive in replying
  };
};
// [state-struct]

// [state-struct-resume]
inline bool line_reader::resume(serial_port& port) {
  for (;;) {
    switch (state_) {
      case state::start:  // the function's first line runs on the first resume
        std::construct_at(&session_, *log_, "session");
        std::construct_at(&reading_, *log_);
        state_ = state::reading;
        break;
      case state::reading: {
        const auto c = port.read();
        if (!c) return false;  // would wait in get()
        if (*c != '\n') {
          const char ch = static_cast<char>(*c);
          reading_.line.put({&ch, 1});
          ++reading_.count;
          reading_.sum ^= *c;
          break;
        }
        if (reading_.count == 0) {  // return lines: leave every scope, innermost first
          std::destroy_at(&reading_);
          std::destroy_at(&session_);
          state_ = state::done;
          return true;
        }
        port.deliver(reading_.line.view());
        // To the next state. What it needs is carried in a local (no suspension in between),
        // so reading's variables can die before replying's are born in the same bytes.
        const ack_text ack = acknowledgement(reading_.count, reading_.sum);
        std::destroy_at(&reading_);
        ++lines_;
        std::construct_at(&replying_, *log_, ack);
        state_ = state::replying;
        break;
      }
      case state::replying:
        if (replying_.sent == replying_.ack.view().size()) {  // round the loop
          std::destroy_at(&replying_);
          std::construct_at(&reading_, *log_);
          state_ = state::reading;
          break;
        }
        if (!port.write(replying_.ack.view()[replying_.sent])) return false;  // would wait in put()
        ++replying_.sent;
        break;
      case state::done:
        return true;
    }
  }
}
// [state-struct-resume]

// [state-struct-drop]
/// Dropped early: destroy what the current state holds, newest first, exactly once.
inline void line_reader::drop() {
  switch (state_) {
    case state::start:
    case state::done:
      break;  // nothing is alive
    case state::reading:
      std::destroy_at(&reading_);
      std::destroy_at(&session_);
      break;
    case state::replying:
      std::destroy_at(&replying_);
      std::destroy_at(&session_);
      break;
  }
  state_ = state::done;
}
// [state-struct-drop]

inline const char* line_reader::where() const {
  switch (state_) {
    case state::start: return "start";
    case state::reading: return "reading";
    case state::replying: return "replying";
    case state::done: return "done";
  }
  return "?";
}

}  // namespace lab01
