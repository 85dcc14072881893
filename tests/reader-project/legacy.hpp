// A library the reader did not write, built with exceptions (see meson.build).
#pragma once

namespace legacy {

/// The decimal number at the start of `text`, or `fallback` if there is none.
int parse_or(int fallback, const char* text);

}  // namespace legacy
