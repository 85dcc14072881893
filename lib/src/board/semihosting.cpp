// coframe — semihosting calls (see coframe/board/semihosting.hpp).
#include <coframe/board/format.hpp>
#include <coframe/board/semihosting.hpp>

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

namespace {

// The console as a semihosting file: SYS_OPEN of the special name ":tt" for writing (mode 4,
// "w"). Opened on first use; a handler that prints while Thread mode opens it may open a second
// handle, which is harmless.
std::int32_t console_handle = -1;

std::int32_t open_console() {
  static constexpr char name[] = ":tt";
  constexpr std::uint32_t mode_write = 4;
  const std::uint32_t block[3] = {reinterpret_cast<std::uint32_t>(name), mode_write,
                                  sizeof name - 1};
  return static_cast<std::int32_t>(call(op::open, block));
}

}  // namespace

void write(std::string_view text) {
  if (console_handle < 0) console_handle = open_console();
  // SYS_WRITE takes the length, so the text may hold any byte, NUL included. It returns how
  // many bytes it could not write; QEMU's console takes them all.
  const std::uint32_t block[3] = {static_cast<std::uint32_t>(console_handle),
                                  reinterpret_cast<std::uint32_t>(text.data()),
                                  static_cast<std::uint32_t>(text.size())};
  if (!text.empty()) call(op::write, block);
}

// [exit]
void exit(int status) {
  // QEMU exits with the status, and the host keeps only its low 8 bits: 256 would read as
  // success. So a status that does not fit becomes 255, with a line saying so.
  if (status < 0 || status > 255) {
    text_buffer<80> line;
    write_to(line, "exit status ", status, " does not fit in 8 bits: exiting with 255\n");
    write(line.view());
    status = 255;
  }
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
