// coframe — the console device (see coframe/board/console.hpp).
#include <coframe/board/console.hpp>
#include <coframe/board/semihosting.hpp>

namespace coframe::console {

void write(std::string_view text) { semihosting::write(text); }

}  // namespace coframe::console
