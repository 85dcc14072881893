// Harness check: main() returning 256 must fail the run. A host keeps only 8 bits of an exit
// status, so 256 would read as 0; lib/ exits with 255 instead and says so.
int main() {
  volatile int status = 256;
  return status;
}
