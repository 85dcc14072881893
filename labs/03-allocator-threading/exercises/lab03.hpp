// Lab 03 exercises: the types whose missing parts you write. Each exercise has a starter in
// exercises/NAME.cpp (yours to edit), a test in exercises/NAME_test.cpp and hints in
// exercises/NAME.hint. Grade your work with:  ./workbook grade 03
#pragma once

#include "../chains.hpp"

#include <coframe/board/fault.hpp>
#include <coframe/frame/frame_allocator.hpp>
#include <coframe/frame/frame_record.hpp>
#include <coframe/frame/frame_scope.hpp>

#include <coroutine>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>

// ---- allocator_arg: the allocator as an argument (design 1) ---------------------------------

struct adc;

/// The allocation mixin of a promise whose coroutines may name their frame allocator after
/// `std::allocator_arg`. You write its four members (exercises/allocator_arg.cpp), for the
/// coroutine shapes the test calls:
///
///     arg_task read_channel(std::allocator_arg_t, coframe::frame_resource&, int channel);
///     arg_task adc::read(std::allocator_arg_t, coframe::frame_resource&, int channel);
///     arg_task read_default(int channel);        // names no allocator: the default pool
///
/// The frame of the first two must come from the allocator named in the call, and every frame
/// must go back to the allocator that served it. Use coframe::allocate_frame,
/// coframe::allocate_default_frame and coframe::deallocate_frame (coframe/frame/frame_record.hpp).
struct arg_allocation {
  static void* operator new(std::size_t size, std::allocator_arg_t, coframe::frame_resource& alloc,
                            int channel) noexcept;
  static void* operator new(std::size_t size, adc& self, std::allocator_arg_t,
                            coframe::frame_resource& alloc, int channel) noexcept;
  static void* operator new(std::size_t size) noexcept;
  static void operator delete(void* frame, std::size_t size) noexcept;
};

using arg_task = lab03::task<int, arg_allocation>;

/// An analog-to-digital converter whose reads are coroutines (member coroutines: the object
/// is the first argument operator new sees).
struct adc {
  int offset;
  arg_task read(std::allocator_arg_t, coframe::frame_resource& alloc, int channel);
};

// ---- root_allocator: async_run's root_task on the dispatcher's allocator (design 2) ----------

namespace root_exercise {
using lab03::by_dispatcher::dispatcher;  // a run_queue and a frame_resource
using task = lab03::by_dispatcher::task<int>;

/// Runs `work` on `queue` the way design 2's async_run does, with every frame, the root's
/// included, from `alloc`: wrap the queue and the allocator in a dispatcher, make a root
/// coroutine that awaits `work` and stores its result in `*result`, and post the root to the
/// queue. Returns false, having posted nothing, when the root's frame could not be allocated.
/// You write it, and the root coroutine (exercises/root_allocator.cpp).
bool start(lab03::run_queue& queue, coframe::frame_resource& alloc, task work,
           std::optional<int>* result);
}  // namespace root_exercise

// ---- restore_on_resume: the run queue of a scoped allocator (design 3) -----------------------

/// A run queue for design 3: each coroutine must resume with the frame allocator that was
/// current when it was posted, and whatever was current before must be current again when
/// run_one() returns. You write post() and run_one() (exercises/restore_on_resume.cpp).
class restoring_queue {
 public:
  void post(std::coroutine_handle<> coroutine) noexcept;
  /// Resumes the oldest waiting coroutine; false if none was waiting.
  bool run_one() noexcept;

  void run() noexcept {
    while (run_one()) {
    }
  }
  lab03::yield_awaiter<restoring_queue> yield() noexcept { return {this}; }

 private:
  struct entry {
    std::coroutine_handle<> coroutine;
    coframe::frame_resource* allocator;
  };
  lab03::ring<entry, 8> waiting_;
};

// ---- error_value: running out of memory is a value -------------------------------------------

/// A coroutine computing an int, or nothing, when the frame of some coroutine on the way could
/// not be allocated. Frames come from the current frame allocator. You write the awaiter's
/// await_ready and await_resume, and average() (exercises/error_value.cpp).
class measurement {
 public:
  struct promise_type;
  using handle = std::coroutine_handle<promise_type>;

  struct promise_type : lab03::by_scope::allocation {
    std::optional<int> value;
    std::coroutine_handle<> continuation = std::noop_coroutine();

    measurement get_return_object() noexcept { return measurement{handle::from_promise(*this)}; }
    // A frame that cannot be allocated makes the call return this: a measurement without a
    // frame (valid() is false).
    static measurement get_return_object_on_allocation_failure() noexcept { return measurement{}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct final_awaiter {
      bool await_ready() const noexcept { return false; }
      std::coroutine_handle<> await_suspend(handle finished) const noexcept {
        return finished.promise().continuation;
      }
      void await_resume() const noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void return_value(std::optional<int> v) noexcept { value = v; }
    void unhandled_exception() noexcept { coframe::panic("an exception escaped a measurement"); }
  };

  /// What `co_await some_measurement(...)` does. Precondition of await_suspend: a frame.
  struct awaiter {
    handle frame;  // null when the frame could not be allocated
    bool await_ready() const noexcept;
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) const noexcept {
      frame.promise().continuation = caller;
      return frame;
    }
    std::optional<int> await_resume() const noexcept;
  };

  measurement() noexcept = default;
  measurement(measurement&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  measurement& operator=(measurement&&) = delete;
  ~measurement() {
    if (frame_) frame_.destroy();
  }
  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(frame_); }
  awaiter operator co_await() && noexcept { return awaiter{frame_}; }

  /// Runs the measurement to its end from outside any coroutine and gives its value (nothing
  /// when its own frame could not be allocated).
  std::optional<int> get() {
    if (!frame_) return std::nullopt;
    frame_.resume();
    COFRAME_ASSERT(frame_.done(), "a measurement suspended");
    return frame_.promise().value;
  }

 private:
  explicit measurement(handle frame) noexcept : frame_(frame) {}
  handle frame_;
};

/// One sample of `channel` (the test defines it: a coroutine).
measurement sample(int channel);

/// The mean of sample(0), ..., sample(channels - 1), rounded down; nothing if any sample is
/// nothing. Precondition: channels > 0. You write it (exercises/error_value.cpp).
measurement average(int channels);
