// Lab 01 — instrumented objects: a probe records its construction and its destruction in a log,
// so a test can see exactly which objects of a machine were alive, and in which order they died.
//
//   lab01::probe_log log;
//   { lab01::probe a{log, "a"}; lab01::probe b{log, "b"}; }
//   log.events()  // "+a +b -b -a"
//
// Portable (no board dependency); used by the firmware, the target tests and the host tests.
#pragma once

#include <coframe/board/format.hpp>

#include <string_view>

namespace lab01 {

class probe_log {
 public:
  void constructed(const char* name) { record('+', name), ++constructions_; }
  void destroyed(const char* name) { record('-', name), ++destructions_; }

  /// Every construction and destruction so far, oldest first: "+a +b -b -a".
  [[nodiscard]] std::string_view events() const { return text_.view(); }
  [[nodiscard]] unsigned constructions() const { return constructions_; }
  [[nodiscard]] unsigned destructions() const { return destructions_; }
  /// Probes constructed and not yet destroyed. Zero once a machine is gone, or something leaked.
  [[nodiscard]] int alive() const { return static_cast<int>(constructions_ - destructions_); }

  void clear() { text_.clear(), constructions_ = destructions_ = 0; }

 private:
  void record(char sign, const char* name) {
    if (!text_.view().empty()) text_.put(" ");
    text_.put({&sign, 1});
    text_.put(name);
  }

  coframe::text_buffer<256> text_;
  unsigned constructions_ = 0;
  unsigned destructions_ = 0;
};

/// An object with a destructor that must run exactly once: it stands for a lock guard, an open
/// file or a buffer borrowed from a pool in a real machine.
class probe {
 public:
  probe(probe_log& log, const char* name) : log_(&log), name_(name) { log_->constructed(name_); }
  ~probe() { log_->destroyed(name_); }
  probe(const probe&) = delete;
  probe& operator=(const probe&) = delete;

 private:
  probe_log* log_;
  const char* name_;
};

}  // namespace lab01
