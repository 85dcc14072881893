#!/usr/bin/env python3
"""Checks that a thread-mode handle's get() is a few instructions (the chapter's claim).

    get_fast_path.py FIRMWARE.elf MAX

Disassembles lab04_allocate_through_handle (bench.cpp), which begins with get(), and counts the
instructions from its start to the point where Thread mode and Handler mode part: the first
branch, compare-and-branch, IT block or return. That count must be at most MAX, and the first
instruction must read IPSR. Prints the instructions it counted.
"""
import re
import subprocess
import sys


def main() -> int:
    firmware, limit = sys.argv[1], int(sys.argv[2])
    out = subprocess.run(["arm-none-eabi-objdump", "-d", "--no-show-raw-insn",
                          "--disassemble=lab04_allocate_through_handle", firmware],
                         capture_output=True, text=True, check=True).stdout
    instructions = [m.group(1).strip() for m in re.finditer(r"^\s+[0-9a-f]+:\s+(.*)$", out, re.M)]
    counted = []
    for insn in instructions:
        counted.append(insn)
        mnemonic = insn.split()[0]
        if re.match(r"^(b|bl|bx|cbz|cbnz|it\w*)(eq|ne|hi|ls|cs|cc|mi|pl|ge|lt|gt|le)?(\.n|\.w)?$", mnemonic):
            break
    print("\n".join(counted))
    if not counted or "ipsr" not in counted[0].lower():
        print(f"get_fast_path: the function does not begin by reading IPSR", file=sys.stderr)
        return 1
    if len(counted) > limit:
        print(f"get_fast_path: {len(counted)} instructions before Thread and Handler mode part, "
              f"more than {limit}", file=sys.stderr)
        return 1
    print(f"get(): {len(counted)} instructions, at most {limit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
