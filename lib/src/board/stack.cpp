// coframe — stack high-water mark (see coframe/board/stack.hpp).
#include <coframe/board/stack.hpp>

#include <cstdint>

extern "C" std::uint32_t __stack_top[], __stack_bottom[];

namespace coframe::stack {
namespace {
// The pattern unused stack is painted with; a word that no longer holds it has been used.
constexpr std::uint32_t paint = 0xC0FF'C0FF;
}  // namespace

std::size_t size() {
  return static_cast<std::size_t>(__stack_top - __stack_bottom) * sizeof(std::uint32_t);
}

std::size_t high_water_mark() {
  const std::uint32_t* p = __stack_bottom;
  while (p < __stack_top && *p == paint) ++p;
  return static_cast<std::size_t>(__stack_top - p) * sizeof(std::uint32_t);
}

std::size_t in_use() {
  const auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  return reinterpret_cast<std::uintptr_t>(__stack_top) - here;
}

void reset_high_water_mark() {
  // Repaint below our own frame, with a margin for the callee-saved registers and locals.
  auto* limit = static_cast<std::uint32_t*>(__builtin_frame_address(0)) - 16;
  for (std::uint32_t* p = __stack_bottom; p < limit; ++p) *p = paint;
}

}  // namespace coframe::stack
