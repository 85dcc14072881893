/// \file
/// Running out of memory: what was asked for, and the default hook that reports it.
///
/// A handle's `allocate` (coframe/alloc/thread_mode.hpp) cannot return nullptr to a
/// `std::vector`, and there are no exceptions to throw, so when its resource has no room it
/// calls a hook, which makes room or ends the run. The default prints the request and ends the
/// run with a non-zero status:
///
/// \code{.unparsed}
/// out of memory: 32 bytes, alignment 4
/// \endcode
///
/// A definition replaces it by declaring `static void out_of_memory(allocation_request)`
/// (see `thread_mode_allocator`). As with `std::set_new_handler`, a hook that returns says "I
/// made room, try again" (it freed an emergency reserve, say); one that cannot must not
/// return. Code that can recover asks with `try_allocate` instead and
/// gets nullptr; coroutine frames do that, so a failed frame becomes an error value at the
/// caller rather than a call to the hook.
#pragma once

#include <coframe/board/console.hpp>
#include <coframe/board/fault.hpp>
#include <coframe/board/semihosting.hpp>

#include <cstddef>

namespace coframe {

/// The request that could not be served.
struct allocation_request {
  std::size_t size;
  std::size_t alignment;
};

/// The default out-of-memory hook: prints `out of memory: N bytes, alignment A` and exits
/// with `exit_status::failure` (1). Callable in Thread and Handler mode.
[[noreturn, gnu::cold]] inline void default_out_of_memory(allocation_request request) {
  println("out of memory: ", request.size, " bytes, alignment ", request.alignment);
  semihosting::exit(exit_status::failure);
}

}  // namespace coframe
