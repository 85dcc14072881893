// Target test (Cortex-M4F): the reset handler turns the FPU on before anything that may use
// it. Startup copies .data and zeroes .bss with memcpy and memset (GCC turns the loops into
// those calls), and a C library may implement them with FPU registers. This firmware brings
// its own memcpy and memset that do, as such a library would: with the FPU still off, the
// first of them faults (NOCP) before main.
#include <coframe/testing/tap.hpp>

#include <cstddef>
#include <cstdint>

namespace {
int initialised = 1234;  // .data: copied by memcpy
int zeroed;              // .bss: cleared by memset
}  // namespace

extern "C" {
// Byte by byte through volatile pointers, so the compiler cannot turn them back into calls to
// themselves; each call passes through an FPU register first.
void* memcpy(void* destination, const void* source, std::size_t count) {
  asm volatile("vmov s0, %0" : : "r"(count) : "s0");
  auto* d = static_cast<volatile unsigned char*>(destination);
  auto* s = static_cast<const volatile unsigned char*>(source);
  for (std::size_t i = 0; i < count; ++i) d[i] = s[i];
  return destination;
}
void* memset(void* destination, int value, std::size_t count) {
  asm volatile("vmov s0, %0" : : "r"(count) : "s0");
  auto* d = static_cast<volatile unsigned char*>(destination);
  for (std::size_t i = 0; i < count; ++i) d[i] = static_cast<unsigned char>(value);
  return destination;
}
}

int main() {
  coframe::tap::equal(initialised, 1234, ".data copied by a memcpy that uses the FPU");
  coframe::tap::equal(zeroed, 0, ".bss zeroed by a memset that uses the FPU");
  coframe::tap::done();
}
