// Lab 02 — the jobs of jobs.hpp, compiled once for the benchmark and the anatomy. `n` is
// hidden from the optimizer inside each job, so no caller can have a job compiled for a
// known `n`.
#include "jobs.hpp"

namespace jobs {

void fibonacci_by_hand(std::uint32_t n) {
  lab01::fibonacci machine{opaque(n)};
  sum_all(lab01::machine_range{machine});
}
void fibonacci_by_hand_not_inlined(std::uint32_t n) {
  fibonacci_not_inlined machine{lab01::fibonacci{opaque(n)}};
  sum_all(lab01::machine_range{machine});
}
void fibonacci_plain_generator(std::uint32_t n) {
  sum_all(fibonacci<plain_fibonacci>(opaque(n)));
}
void fibonacci_generator(std::uint32_t n) {
  sum_all(fibonacci<nestable_fibonacci>(opaque(n)));
}
void fibonacci_by_hand_each_escapes(std::uint32_t n) {
  lab01::fibonacci machine{opaque(n)};
  each_escapes(lab01::machine_range{machine});
}
void fibonacci_plain_generator_each_escapes(std::uint32_t n) {
  each_escapes(fibonacci<plain_fibonacci>(opaque(n)));
}
void parser_by_hand(std::uint32_t frames) {
  lab01::frame_parser parser;
  parse_stream(parser, opaque(frames));
}
void parser_by_hand_not_inlined(std::uint32_t frames) {
  parser_not_inlined parser;
  parse_stream(parser, opaque(frames));
}
void parser_coroutine(std::uint32_t frames) {
  lab02::coroutine_parser parser;
  parse_stream(parser, opaque(frames));
}

}  // namespace jobs
