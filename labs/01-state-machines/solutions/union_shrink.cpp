// Lab 01, exercise union_shrink — solution.
#include "lab01.hpp"

namespace {

class recorder {
 public:
  /// Collecting: takes a sample. Returns true when the 8th arrives and reporting begins.
  bool push(std::uint16_t sample) {
    collect_.samples[collect_.count++] = sample;
    if (collect_.count < 8) return false;
    start_report();
    return true;
  }

  /// Reporting: the next character of the report, or nothing at its end (collecting again).
  std::optional<char> next() {
    if (report_.sent == report_.length) {
      collect_ = collecting_vars{};  // the other member of the union becomes the live one
      collecting_ = true;
      return std::nullopt;
    }
    return report_.text[report_.sent++];
  }

  [[nodiscard]] bool collecting() const { return collecting_; }

 private:
  void start_report() {
    std::uint16_t low = collect_.samples[0], high = collect_.samples[0];
    std::uint32_t sum = 0;
    for (std::uint16_t s : collect_.samples) {
      low = s < low ? s : low;
      high = s > high ? s : high;
      sum += s;
    }
    // Everything the report needs is in locals now, so the samples may be overwritten.
    coframe::text_buffer<sizeof(reporting_vars::text)> report;
    coframe::write_to(report, "min ", low, " max ", high, " sum ", sum, '\n');
    report_ = reporting_vars{};
    report_.length = static_cast<std::uint8_t>(report.view().size());
    for (std::size_t i = 0; i < report_.length; ++i) report_.text[i] = report.view()[i];
    collecting_ = false;
  }

  // [solution]
  // Plain aggregates (no member initialisers), so the union needs no constructor of its own;
  // `= {}` and `= reporting_vars{}` zero them.
  struct collecting_vars {
    std::uint16_t samples[8];
    std::uint8_t count;
  };
  struct reporting_vars {
    char text[32];
    std::uint8_t length;
    std::uint8_t sent;
  };
  bool collecting_ = true;  // which member of the union is alive
  union {
    collecting_vars collect_ = {};
    reporting_vars report_;
  };
  // [solution]
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
