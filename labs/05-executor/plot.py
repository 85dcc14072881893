#!/usr/bin/env python3
"""Lab 05's figures, drawn from the benchmark's own output (tools/bench runs this after it).

    plot.py --out build/bench lab05-bench.elf [lab05-bench-clang.elf]

Writes, into --out:
  lab05-switch.svg          instructions per context switch as the number of tasks grows, GCC
                            and Clang, beside the baseline: two coroutines resumed in turn by
                            hand, measured once (from lab05-switch*.csv)
  lab05-sleep-FIRMWARE.txt  the machine code of the two swept sleep sequences in each firmware,
                            for the chapter's reading of lab05-sweep*.md
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from figures import disassembly, nice_step, read_csv, svg_plot  # noqa: E402  (shared with lab 04)

COLOURS = {"executor, GCC 12": "#1f77b4", "executor, Clang 14": "#ff7f0e",
           "by hand, GCC 12": "#9ecae1", "by hand, Clang 14": "#fdd0a2"}
# The baseline was measured once, with two coroutines: drawn as a level line.


def switch_plot(out: str) -> None:
    lines = []
    for compiler, suffix in (("GCC 12", ""), ("Clang 14", "-clang")):
        path = os.path.join(out, f"lab05-switch{suffix}.csv")
        if not os.path.isfile(path):
            continue
        rows = read_csv(path)[1:]
        executor = [(float(r[0]), float(r[1])) for r in rows if r[0].isdigit()]
        by_hand = [float(r[1]) for r in rows if not r[0].isdigit()]
        lines.append((f"executor, {compiler}", executor))
        if by_hand:
            lines.append((f"by hand, {compiler}", [(0.0, by_hand[0]), (64.0, by_hand[0])]))
    if not lines:
        return
    ymax = max(p[1] for _, pts in lines for p in pts)
    ymax = nice_step(ymax) * (int(ymax / nice_step(ymax)) + 1)
    svg = svg_plot("Instructions per switch as tasks are added (QEMU icount, -O2)",
                   "tasks", "instructions per switch (mean)", lines, 64.0, ymax, False, COLOURS)
    with open(os.path.join(out, "lab05-switch.svg"), "w", encoding="utf-8") as f:
        f.write(svg)


def sequences(out: str, firmware: str) -> None:
    text = [disassembly(firmware, symbol) for symbol in ("lab05_sleep_sequence",
                                                        "lab05_check_then_mask")]
    name = os.path.splitext(os.path.basename(firmware))[0]
    with open(os.path.join(out, f"lab05-sleep-{name}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(text))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("firmware", nargs="*")
    opts = parser.parse_args()
    switch_plot(opts.out)
    for fw in opts.firmware:
        sequences(opts.out, fw)
    return 0


if __name__ == "__main__":
    sys.exit(main())
