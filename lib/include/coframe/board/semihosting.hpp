/// \file
/// ARM semihosting: the console and the exit code of a firmware running under QEMU
/// (or under a debug probe that implements semihosting).
///
/// A semihosting call is a `bkpt 0xab` with an operation number in r0 and an argument in r1.
/// The debugger (here: QEMU) performs the operation on the host and returns a value in r0.
/// Without a debugger attached a `bkpt` faults, so these calls are for development boards and
/// emulators, not for shipped firmware; a product routes its console to the UART instead.
#pragma once

#include <cstdint>
#include <string_view>

namespace coframe::semihosting {

/// Operation numbers from the ARM semihosting specification (v2).
enum class op : std::uint32_t {
  open = 0x01,           ///< open a file; ":tt" is the debug console
  write0 = 0x04,         ///< write a NUL-terminated string to the debug console
  write = 0x05,          ///< write a buffer of a given length to an open file
  get_cmdline = 0x15,    ///< copy the host's command line for the program into a buffer
  exit = 0x18,           ///< stop the target; reason in r1 (status lost on 32-bit targets)
  exit_extended = 0x20,  ///< stop the target with a reason and a status code
};

/// Performs one semihosting operation. `arg` is whatever the operation takes in r1.
/// Safe in Thread and Handler mode (it is a single breakpoint instruction).
std::uint32_t call(op operation, const void* arg);

/// Writes `text` to the semihosting console (QEMU: stdout with the workbook's runner), every
/// byte of it, NUL included (SYS_WRITE to the console file ":tt", opened on first use).
void write(std::string_view text);

/// Ends the run: QEMU exits with `status` as its own exit status. A host keeps only 8 bits of
/// an exit status, so a status outside 0..255 (which could read as 0) exits with 255 and a
/// line saying why: a failure never reads as success. Never returns.
[[noreturn]] void exit(int status);

}  // namespace coframe::semihosting
