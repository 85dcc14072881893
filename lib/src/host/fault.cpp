// coframe — panic() and failed assertions for the portable headers built natively (host tests).
// On the board lib/src/board/fault.cpp prints through semihosting and exits 134; on a host the same
// message goes to stderr and the process aborts, which GoogleTest reports as a crash (and a
// death test can expect).
#include <coframe/board/fault.hpp>

#include <cstdio>
#include <cstdlib>

namespace coframe {

void panic(std::string_view message, const char* file, unsigned line, const char* function) {
  std::fprintf(stderr, "panic: %.*s\n  at %s:%u in %s\n", static_cast<int>(message.size()),
               message.data(), file, line, function);
  std::abort();
}

namespace internal {
void assert_failed(const char* expression, const char* message, const char* file, unsigned line) {
  std::fprintf(stderr, "assertion failed: %s - %s\n  at %s:%u\n", expression, message ? message : "",
               file, line);
  std::abort();
}
}  // namespace internal

}  // namespace coframe
