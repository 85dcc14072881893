/// \file
/// A heap handle as a standard allocator: `std::vector`, `std::allocate_shared` and the other
/// allocator-aware containers on a thread-mode allocator.
///
/// \code{.cpp}
/// if (auto h = heap::get()) {
///   coframe::std_allocator<int, heap> a{*h};
///   std::vector<int, coframe::std_allocator<int, heap>> v{a};
///   v.push_back(1);
///   auto shared = std::allocate_shared<widget>(a, 7);
/// }
/// \endcode
///
/// C++ lets every container take its allocator as a parameter; Rust's `alloc` collections
/// could only use the one global allocator when the thread-mode idea was first tried, which is
/// why its author had to rewrite them. Here the container stores a copy of the handle, which is
/// empty, so it costs no space (`[[no_unique_address]]`), and can only be built from a handle,
/// which only Thread mode can get.
///
/// Running out of memory calls the heap's out-of-memory hook (containers cannot be told of
/// failure without exceptions).
#pragma once

#include <cstddef>
#include <cstdint>

namespace coframe {

/// `Heap`: a handle type whose `allocate(size, alignment)` never returns nullptr and whose
/// `deallocate(p, size, alignment)` takes it back (e.g. `thread_mode_allocator<D>`).
template <class T, class Heap>
class std_allocator {
 public:
  using value_type = T;

  explicit std_allocator(Heap heap) noexcept : heap_(heap) {}
  template <class U>
  std_allocator(const std_allocator<U, Heap>& other) noexcept : heap_(other.heap()) {}

  /// Room for `n` objects; never nullptr (a request too large for memory goes to the hook).
  [[nodiscard]] T* allocate(std::size_t n) const noexcept {
    const std::size_t bytes = n <= SIZE_MAX / sizeof(T) ? n * sizeof(T) : SIZE_MAX;
    return static_cast<T*>(heap_.allocate(bytes, alignof(T)));
  }
  void deallocate(T* p, std::size_t n) const noexcept {
    heap_.deallocate(p, n * sizeof(T), alignof(T));
  }

  [[nodiscard]] Heap heap() const noexcept { return heap_; }

  template <class U>
  friend bool operator==(const std_allocator& a, const std_allocator<U, Heap>& b) noexcept {
    return a.heap() == b.heap();
  }

 private:
  [[no_unique_address]] Heap heap_;
};

}  // namespace coframe
