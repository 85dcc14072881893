// The sized operator delete of the whole test program, replaced to record the size it is
// given; the memory goes back through the unsized operator delete, which the sanitizers'
// runtime pairs with its operator new.
#include "generator_testing.hpp"

#include <new>

namespace {
std::size_t last_sized_delete = 0;
}

// GCC asks for the unsized one to be replaced too; it is the sanitizers' and stays theirs.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wsized-deallocation"
#endif
void operator delete(void* memory, std::size_t size) noexcept {
  last_sized_delete = size;
  ::operator delete(memory);
}

namespace generator_testing {
void sized_deletes::reset() noexcept { last_sized_delete = 0; }
std::size_t sized_deletes::last_size() noexcept { return last_sized_delete; }
}  // namespace generator_testing
