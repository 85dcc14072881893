// A SysTick reload that does not fit in 24 bits must stop the run, not be cut to its low 24
// bits (1 s at 25 MHz would become 0.33 s). tests/meson.build runs this firmware and expects
// the assertion's message and status 134; built with COFRAME_CONSTANT_RELOAD, it must not
// compile at all.
#include <coframe/board/board.hpp>
#include <coframe/board/systick.hpp>

#include <cstdint>

int main() {
  using namespace coframe;
#ifdef COFRAME_CONSTANT_RELOAD
  systick::start(board::cpu_hz - 1, true);  // one tick per second: 25 000 000 > 2^24 - 1
#else
  volatile std::uint32_t ticks_per_second = board::cpu_hz;  // a value known only at run time
  systick::start(systick::reload::checked(ticks_per_second - 1), true);
#endif
  systick::stop();
  return 0;
}
