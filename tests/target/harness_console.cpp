// Harness check: the console sends every byte it is given, NUL included, and long text whole.
// tests/meson.build compares the output with tests/target/data/console.txt (which holds the NUL).
#include <coframe/board/console.hpp>

#include <string_view>

int main() {
  using namespace std::string_view_literals;
  coframe::print("a NUL inside: [", "\0"sv, "] and the text after it\n");
  coframe::println("a line longer than any buffer on the way: "
                   "0123456789012345678901234567890123456789012345678901234567890123456789"
                   "0123456789012345678901234567890123456789012345678901234567890123456789");
  return 0;
}
