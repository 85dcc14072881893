// Lab 01, exercise union_shrink — shrink a state struct with a union.
//
// The recorder collects 8 samples, then reports "min .. max .. sum ..\n" one character per
// step, then collects again. Each variable below is live in one state only, yet every one of
// them takes space all the time. Put the variables of each state in a struct of their own and
// the two structs in a union, so the recorder is as small as its largest state (the test wants
// it to use at most 40 bytes). What it reports must not change. run_recorder(), at the end,
// builds the recorder in memory the test gives it, so that the test can measure how much of it
// the recorder uses: leave it as it is.
#include "lab01.hpp"

namespace {

class recorder {
 public:
  /// Collecting: takes a sample. Returns true when the 8th arrives and reporting begins.
  bool push(std::uint16_t sample) {
    samples_[count_++] = sample;
    if (count_ < 8) return false;
    start_report();
    return true;
  }

  /// Reporting: the next character of the report, or nothing at its end (collecting again).
  std::optional<char> next() {
    if (sent_ == length_) {
      count_ = 0;
      collecting_ = true;
      return std::nullopt;
    }
    return text_[sent_++];
  }

  [[nodiscard]] bool collecting() const { return collecting_; }

 private:
  void start_report() {
    std::uint16_t low = samples_[0], high = samples_[0];
    std::uint32_t sum = 0;
    for (std::uint16_t s : samples_) {
      low = s < low ? s : low;
      high = s > high ? s : high;
      sum += s;
    }
    // The report is formatted from the samples, then the samples are no longer needed.
    coframe::text_buffer<sizeof text_> report;
    coframe::write_to(report, "min ", low, " max ", high, " sum ", sum, '\n');
    length_ = static_cast<std::uint8_t>(report.view().size());
    for (std::size_t i = 0; i < length_; ++i) text_[i] = report.view()[i];
    sent_ = 0;
    collecting_ = false;
  }

  // TODO: the variables of "collecting" and those of "reporting" never live at the same time.
  bool collecting_ = true;
  std::uint16_t samples_[8] = {};  // collecting
  std::uint8_t count_ = 0;         // collecting
  char text_[32] = {};             // reporting
  std::uint8_t length_ = 0;        // reporting
  std::uint8_t sent_ = 0;          // reporting
};

}  // namespace

coframe::text_buffer<256> run_recorder(std::span<const std::uint16_t> samples,
                                       std::span<std::byte, recorder_place_size> place) {
  static_assert(sizeof(recorder) <= recorder_place_size && alignof(recorder) <= 8);
  coframe::text_buffer<256> out;
  recorder* r = std::construct_at(reinterpret_cast<recorder*>(place.data()));
  for (std::uint16_t s : samples) {
    if (!r->push(s)) continue;
    while (const auto c = r->next()) out.put({&*c, 1});
  }
  std::destroy_at(r);
  return out;
}
