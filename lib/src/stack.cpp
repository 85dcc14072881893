// coframe — stack high-water mark (see coframe/stack.hpp).
#include <coframe/stack.hpp>

#include <cstdint>

extern "C" std::uint32_t __stack_top[], __stack_bottom[];

namespace coframe::stack {

std::size_t size() {
  return static_cast<std::size_t>(__stack_top - __stack_bottom) * sizeof(std::uint32_t);
}

std::size_t high_water_mark() {
  const std::uint32_t* p = __stack_bottom;
  while (p < __stack_top && *p == internal::paint) ++p;
  return static_cast<std::size_t>(__stack_top - p) * sizeof(std::uint32_t);
}

std::size_t in_use() {
  const auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  return reinterpret_cast<std::uintptr_t>(__stack_top) - here;
}

void reset_high_water_mark() {
  // Repaint below our own frame, with a margin for the callee-saved registers and locals.
  auto* limit = static_cast<std::uint32_t*>(__builtin_frame_address(0)) - 16;
  for (std::uint32_t* p = __stack_bottom; p < limit; ++p) *p = internal::paint;
}

}  // namespace coframe::stack
