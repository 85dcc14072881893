// Harness check: a firmware that never ends is stopped by tools/qemu-run's timeout and the
// run fails with status 124. This is the only test that waits for its timeout (2 s).
int main() {
  for (;;) {
    asm volatile("" ::: "memory");
  }
}
