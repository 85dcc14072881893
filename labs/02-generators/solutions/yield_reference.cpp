// Lab 02, exercise yield_reference — solution.
#include "lab02.hpp"

// [solution]
std::suspend_always reading_stream::promise_type::yield_value(const reading& r) noexcept {
  // r is a local of the body (or a temporary of the co_yield expression): it lives in the
  // frame until the body resumes, and the caller reads it before resuming it.
  current = &r;
  return {};
}
// [solution]
