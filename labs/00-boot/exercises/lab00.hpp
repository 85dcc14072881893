// Lab 00 exercises: the functions you write. Each has a starter in exercises/NAME.cpp (yours
// to edit), a test in exercises/NAME_test.cpp and a hint in exercises/NAME.hint.
// Grade your work with:  ./workbook grade 00
#pragma once

#include <coframe/board/fault.hpp>

#include <cstdint>
#include <optional>

/// exit_status: end the run through semihosting so QEMU exits with `status`.
void exit_with(int status);

/// active_exception: the number of the exception being handled, 0 in Thread mode.
std::uint32_t active_exception();

/// fault_address: the data address whose access faulted, if the processor recorded one.
std::optional<std::uint32_t> fault_address(const coframe::fault_status& status);
