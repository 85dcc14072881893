// coframe — the console device (see coframe/console.hpp).
#include <coframe/console.hpp>
#include <coframe/semihosting.hpp>

namespace coframe::console {

void write(std::string_view text) { semihosting::write(text); }

}  // namespace coframe::console
