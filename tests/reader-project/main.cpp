// A reader's own firmware, using coframe as a Meson subproject (see tests/check-reader-project).
#include <coframe/board/console.hpp>

int main() {
  coframe::println("hello from a reader's firmware");
  return 0;
}
