// Lab 01 exercises: what you write. Each has a starter in exercises/NAME.cpp (yours to edit), a
// test in exercises/NAME_test.cpp and a hint in exercises/NAME.hint.
// Grade your work with:  ./workbook grade 01
#pragma once

#include "../probe.hpp"

#include <coframe/board/format.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

// ---- sign_state: add a state to a parser ------------------------------------------------------

enum class number_status : std::uint8_t { need_more, ready, error };

/// The first answer other than need_more, the value it carries and the index of its byte.
struct number_answer {
  number_status status;
  std::int32_t value;
  std::size_t at;
};

/// Feeds `text` byte by byte to a fresh number parser (its machine is in sign_state.cpp) and
/// returns the first answer that is not need_more ({need_more, 0, text.size()} if none came).
/// A number is an optional sign (`+` or `-`), 1 to 9 decimal digits, and `\n`.
number_answer parse_number(std::string_view text);

// ---- drop_order: destroy an early-dropped machine correctly -------------------------------------

/// A machine that opens a file, then borrows a buffer to send through, then finishes. The file
/// and the buffer are probes: the test sees when each is constructed and destroyed.
class transfer {
 public:
  explicit transfer(lab01::probe_log& log) : log_(&log) {}
  ~transfer() { drop(); }
  transfer(const transfer&) = delete;
  transfer& operator=(const transfer&) = delete;

  /// One step: idle -> opened -> sending -> finished (then it stays finished).
  void step() {
    switch (state_) {
      case state::idle:
        std::construct_at(&file_, *log_, "file");
        state_ = state::opened;
        break;
      case state::opened:
        std::construct_at(&buffer_, *log_, "buffer");
        state_ = state::sending;
        break;
      case state::sending:
        std::destroy_at(&buffer_);
        std::destroy_at(&file_);
        state_ = state::finished;
        break;
      case state::finished:
        break;
    }
  }

  /// Ends the machine now, in whatever state it is: destroys what that state holds, each
  /// object exactly once, newest first. Calling it again does nothing. (You write this.)
  void drop();

 private:
  enum class state : std::uint8_t { idle, opened, sending, finished };
  lab01::probe_log* log_;
  state state_ = state::idle;
  union {
    lab01::probe file_;  // alive in opened and sending
  };
  union {
    lab01::probe buffer_;  // alive in sending
  };
};

// ---- union_shrink: shrink a state struct with a union --------------------------------------------

/// Room for the recorder of union_shrink.cpp: more than it needs before you shrink it.
inline constexpr std::size_t recorder_place_size = 96;

/// Runs the recorder over `samples` (it reports after every 8) and returns all it reported.
/// The recorder is built in `place`, and destroyed there, so the test can see how many of its
/// bytes the recorder ever wrote: its footprint.
coframe::text_buffer<256> run_recorder(std::span<const std::uint16_t> samples,
                                       std::span<std::byte, recorder_place_size> place);

// ---- countdown_range: range-for over a machine ----------------------------------------------------

/// Produces from, from - 1, ..., 1, then nothing.
class countdown {
 public:
  explicit countdown(std::uint32_t from) : left_(from) {}
  std::optional<std::uint32_t> next() {
    if (left_ == 0) return std::nullopt;
    return left_--;
  }

 private:
  std::uint32_t left_;
};

/// `for (std::uint32_t n : countdown_range{machine})` visits every value the machine produces.
class countdown_range {
 public:
  class iterator {
   public:
    std::uint32_t operator*() const;                    // the value produced last
    iterator& operator++();                             // resume the machine
    bool operator==(std::default_sentinel_t) const;     // true once the machine is finished

   private:
    friend countdown_range;
    countdown* machine_ = nullptr;
    std::optional<std::uint32_t> current_;
  };

  explicit countdown_range(countdown& machine) : machine_(&machine) {}
  iterator begin();                                  // resumes the machine for its first value
  std::default_sentinel_t end() const { return {}; }

 private:
  countdown* machine_;
};
