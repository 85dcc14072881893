// A reader's own firmware, using coframe as a Meson subproject (see tests/check-reader-project).
// It uses ordinary C++ that must link and run with lib/'s startup code and linker script: a
// static object with a destructor (constructed before main; lib/ never destroys it), a
// function-local static std::string (a guard variable and a heap allocation), and a library
// built with exceptions (legacy.cpp, which needs the unwind tables).
#include "legacy.hpp"

#include <coframe/board/console.hpp>

#include <string>

namespace {

struct session_log {
  unsigned lines;
  session_log() : lines(1) {}
  ~session_log() { coframe::println("not printed: nothing runs after main"); }
};
session_log log;

const std::string& greeting() {
  static std::string text = std::string("hello from ") + "a reader's firmware";
  return text;
}

}  // namespace

int main() {
  coframe::println(log.lines, ": ", greeting().c_str());
  ++log.lines;
  coframe::println(log.lines, ": parse(\"42\") = ", legacy::parse_or(0, "42"));
  return 0;
}
