/// \file
/// `coframe::counting_frame_resource`: a frame allocator that counts, can be told to fail, and
/// refuses to die while frames it served are alive.
///
/// Tests put one in front of another resource to prove which allocator served each frame,
/// that every frame was freed, and that every failure path frees what it took:
///
/// \code{.cpp}
/// coframe::counting_frame_resource frames{"A"};   // in front of default_frame_pool()
/// {
///   coframe::frame_scope scope{frames};
///   auto t = read_sensor(3);
///   // frames.allocated() frames came from "A"; frames.outstanding() are alive now
/// }
/// frames.fail_at(2);          // the second request from now returns nullptr
/// \endcode
///
/// Destroying it with frames outstanding is a bug (they would be freed into a dead allocator
/// later): the destructor panics with the name and the count, which ends a firmware with
/// status 134. Every block it passes on is checked for the alignment asked for.
#pragma once

#include <coframe/board/fault.hpp>
#include <coframe/board/format.hpp>
#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_pool.hpp>

#include <cstddef>
#include <cstdint>

namespace coframe {

class counting_frame_resource final : public frame_resource {
 public:
  /// Counts the requests it passes on to `upstream` (the default pool unless named). `name`
  /// (static storage) appears in diagnostics.
  explicit counting_frame_resource(const char* name,
                                   frame_resource& upstream = default_frame_pool()) noexcept
      : name_(name), upstream_(upstream) {}

  /// Panics if frames it served are still alive.
  ~counting_frame_resource() {
    if (outstanding() != 0) {
      text_buffer<96> message;
      write_to(message, "frame allocator '", name_, "' destroyed with ", outstanding(),
               " frame(s) outstanding");
      panic(message.view());
    }
  }

  void* allocate(std::size_t size, std::size_t alignment) noexcept override {
    ++requests_;
    last_size_ = size;
    if (requests_ == fail_at_) {
      ++failed_;
      return nullptr;
    }
    void* block = upstream_.allocate(size, alignment);
    if (block == nullptr) {
      ++failed_;
      return nullptr;
    }
    COFRAME_ASSERT(reinterpret_cast<std::uintptr_t>(block) % alignment == 0,
                   "a frame allocator returned a block without the alignment asked for");
    ++allocated_;
    return block;
  }

  void deallocate(void* block, std::size_t size, std::size_t alignment) noexcept override {
    COFRAME_ASSERT(outstanding() != 0, "a frame was freed into an allocator that did not serve it");
    ++freed_;
    upstream_.deallocate(block, size, alignment);
  }

  /// Makes the `n`-th request from now fail (1: the next one), once. 0 cancels.
  void fail_at(std::size_t n) noexcept { fail_at_ = n == 0 ? 0 : requests_ + n; }

  /// Requests seen, successful ones, refused ones (by `fail_at` or by the upstream).
  [[nodiscard]] std::size_t requests() const noexcept { return requests_; }
  [[nodiscard]] std::size_t allocated() const noexcept { return allocated_; }
  [[nodiscard]] std::size_t failed() const noexcept { return failed_; }
  [[nodiscard]] std::size_t freed() const noexcept { return freed_; }
  /// Frames this resource served that are alive now.
  [[nodiscard]] std::size_t outstanding() const noexcept { return allocated_ - freed_; }
  /// The size of the most recent request (a frame's size plus its record).
  [[nodiscard]] std::size_t last_size() const noexcept { return last_size_; }
  [[nodiscard]] const char* name() const noexcept { return name_; }

 private:
  const char* name_;
  frame_resource& upstream_;
  std::size_t requests_ = 0, allocated_ = 0, failed_ = 0, freed_ = 0, last_size_ = 0;
  std::size_t fail_at_ = 0;  // the request number that fails; 0: none
};

}  // namespace coframe
