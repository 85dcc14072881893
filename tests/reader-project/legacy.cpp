// Built with -fexceptions -frtti, as third-party code often is. Its try/catch brings in the
// exception runtime and its unwind tables (.ARM.exidx, .ARM.extab, and __exidx_start and
// __exidx_end, which the unwinder looks for), so the firmware links only if lib/'s linker
// script provides them. Only the path without a throw runs: newlib-nano's C++ library is built
// without unwind tables, so under --specs=nano.specs a throw never reaches its catch; it ends in
// std::terminate, which lib/ reports as a panic (status 134).
#include "legacy.hpp"

namespace legacy {
namespace {

struct bad_input {
  const char* text;
};

int parse(const char* text) {
  if (*text < '0' || *text > '9') throw bad_input{text};
  int value = 0;
  for (; *text >= '0' && *text <= '9'; ++text) value = value * 10 + (*text - '0');
  return value;
}

}  // namespace

int parse_or(int fallback, const char* text) {
  try {
    return parse(text);
  } catch (const bad_input&) {
    return fallback;
  }
}

}  // namespace legacy
