// Mutant of lab 01 exercise union_shrink: the text made shorter instead of shared.
//
// The wrong answer: no union; the report buffer shrinks from 32 to 18 characters until the
// recorder fits in 40 bytes. Short reports still come out right, longer ones are cut.
// What catches it: the reports compared whole, among them the longest one (31 characters).
//
// The test reports:
//   status 1
//   not ok {num} - two reports, and a sample left over
//   not ok {num} - the longest report: 31 characters
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

  bool collecting_ = true;
  std::uint16_t samples_[8] = {};  // collecting
  std::uint8_t count_ = 0;         // collecting
  char text_[18] = {};             // reporting
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
