// coframe — what the C and C++ runtimes expect from the platform: a bounded heap for malloc,
// operator new/delete without exceptions, and the few newlib hooks a firmware reaches.
#include <coframe/board/console.hpp>
#include <coframe/board/fault.hpp>
#include <coframe/board/semihosting.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

extern "C" {
extern char __heap_start[], __heap_end[];  // from the linker script

// malloc grows its arena with _sbrk. The heap ends where the stack region begins, so running
// out is an error (ENOMEM, malloc returns nullptr), never a silent overwrite of the stack.
void* _sbrk(std::ptrdiff_t increment) {
  static char* brk = __heap_start;
  if (increment > __heap_end - brk || increment < __heap_start - brk) {
    errno = ENOMEM;
    return reinterpret_cast<void*>(-1);
  }
  char* previous = brk;
  brk += increment;
  return previous;
}

// printf and friends write through here; send stdout and stderr to the console.
int _write(int fd, const char* data, int length) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  if (length < 0) {
    errno = EINVAL;
    return -1;
  }
  coframe::console::write({data, static_cast<std::size_t>(length)});
  return length;
}

// Every normal end of a run passes here: main() returning (the reset handler calls it) and
// exit(). A stack that overflowed without faulting (no MPU guard) is found here at the latest.
[[noreturn]] void _exit(int status) {
  if (coframe::internal::report_stack_overflow()) status = coframe::exit_status::fault;
  coframe::semihosting::exit(status);
}

// A firmware's run ends when main() returns, and nothing runs after it: static objects are
// never destroyed, as on most embedded runtimes (a product's firmware never returns from main).
// So registering their destructors would only cost RAM: register nothing. The compiler calls
// this (through __aeabi_atexit) when a static object with a destructor is constructed.
int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }

// abort() raises SIGABRT through these; make it a panic with a message. Under newlib-nano the
// C++ library calls abort() where it would throw (std::vector::at out of range, a std::string
// too long), and so does std::terminate (a throw: newlib-nano's C++ library cannot unwind).
int _getpid() { return 1; }
int _kill(int, int) {
  coframe::panic("abort() called (by the C++ library instead of a throw, or std::terminate)");
}
}

// Without exceptions there is nothing to throw when memory runs out. The plain forms stop the
// program with a message; the nothrow forms return nullptr so the caller can handle it.
// (Later labs give coroutine frames their own allocators and error values.)
void* operator new(std::size_t size) {
  if (void* p = std::malloc(size)) return p;
  coframe::println("operator new: out of memory for ", size, " bytes");
  coframe::panic("out of memory");
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return std::malloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return std::malloc(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
