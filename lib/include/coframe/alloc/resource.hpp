/// \file
/// What every allocator in coframe/alloc/ offers: a *memory resource*.
///
/// `allocate(size, alignment)` returns memory or nullptr, never throws and never stops the
/// program; `deallocate(p, size, alignment)` takes back what `allocate` gave, with the same size
/// and alignment (a size-class pool needs the size to find the class; TLSF ignores it).
/// Deciding what running out of memory means is left to the layer above: the thread-mode
/// handle calls its out-of-memory hook (coframe/alloc/out_of_memory.hpp), a coroutine frame
/// turns it into an error value at the caller.
///
/// The shape is `std::pmr::memory_resource`'s, without the virtual functions: a resource is a
/// concrete type, so every call inlines.
#pragma once

#include <concepts>
#include <cstddef>

namespace coframe {

template <class R>
concept memory_resource = requires(R& r, void* p, std::size_t size, std::size_t alignment) {
  { r.allocate(size, alignment) } noexcept -> std::same_as<void*>;
  { r.deallocate(p, size, alignment) } noexcept;
};

}  // namespace coframe
