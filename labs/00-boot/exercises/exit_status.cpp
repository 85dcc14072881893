// Lab 00, exercise exit_status — end a run with a status of your choosing.
//
// A firmware under QEMU has no operating system to return to. Semihosting's SYS_EXIT_EXTENDED
// (operation 0x20) stops the emulator and hands it a status code, which becomes QEMU's own
// exit status: that is how every test in this workbook reports pass or fail.
//
// Write exit_with() with coframe::semihosting::call (coframe/board/semihosting.hpp), not with the
// library's semihosting::exit: the point is to build the call yourself.
#include "lab00.hpp"

#include <coframe/board/semihosting.hpp>

void exit_with(int status) {
  // TODO: SYS_EXIT_EXTENDED takes the address of two words: the reason
  //       ADP_Stopped_ApplicationExit (0x20026) and the status.
  (void)status;
}
