// coframe — semihosting calls (see coframe/board/semihosting.hpp).
#include <coframe/board/semihosting.hpp>

#include <algorithm>

namespace coframe::semihosting {

// [call]
std::uint32_t call(op operation, const void* arg) {
  // The operation goes in r0, its argument in r1, the result comes back in r0. "memory"
  // tells the compiler the host may read or write through `arg`.
  register std::uint32_t r0 asm("r0") = static_cast<std::uint32_t>(operation);
  register const void* r1 asm("r1") = arg;
  asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}
// [call]

void write(std::string_view text) {
  // SYS_WRITE0 takes a NUL-terminated string, so send the text in terminated chunks.
  char chunk[64];
  while (!text.empty()) {
    const std::size_t n = std::min(text.size(), sizeof chunk - 1);
    std::copy_n(text.data(), n, chunk);
    chunk[n] = '\0';
    call(op::write0, chunk);
    text.remove_prefix(n);
  }
}

// [exit]
void exit(int status) {
  // ADP_Stopped_ApplicationExit with a status code. QEMU ends with exactly that status.
  constexpr std::uint32_t application_exit = 0x20026;
  const std::uint32_t block[2] = {application_exit, static_cast<std::uint32_t>(status)};
  call(op::exit_extended, block);
  // Only reached without a semihosting host; stop here rather than run on.
  for (;;) {
    asm volatile("bkpt 0");
  }
}
// [exit]

}  // namespace coframe::semihosting
