/// \file
/// How much of the main stack a program has used.
///
/// The reset handler fills the stack region (defined by the linker script) with a known
/// pattern before main runs. The deepest word that no longer holds the pattern is the
/// high-water mark: the most stack the program has ever needed, interrupts included.
#pragma once

#include <cstddef>

namespace coframe::stack {


/// Size of the stack region in bytes (the linker script's __stack_size).
std::size_t size();

/// The most bytes of stack in use at any time since reset.
std::size_t high_water_mark();

/// Bytes of stack in use right now (at the caller).
std::size_t in_use();

/// Forgets the history: repaints the unused part of the stack, so the next high_water_mark()
/// measures only what runs from here on.
void reset_high_water_mark();

}  // namespace coframe::stack
