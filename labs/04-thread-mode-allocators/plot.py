#!/usr/bin/env python3
"""Lab 04's figures, drawn from the benchmark's own output (tools/bench runs this after it).

    plot.py --out build/bench lab04-bench.elf [lab04-bench-newlib.elf ...]

Writes, into --out:
  lab04-dist-allocate.svg, lab04-dist-free.svg  how many calls cost at most N instructions, per
                                                allocator (from lab04-dist-*.csv)
  lab04-growth.svg                              the worst call as the pool grows (lab04-growth.csv)
  lab04-get-FIRMWARE.txt                        the machine code of lab04_allocate_through_handle
                                                in each firmware, for the chapter

The SVG is written by hand (no plotting library is needed): axes, a grid, one line per allocator.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from figures import disassembly, nice_step, read_csv, svg_plot  # noqa: E402  (shared with lab 05)

COLOURS = {"TLSF": "#1f77b4", "tuned pool": "#2ca02c", "newlib-nano malloc": "#d62728",
           "newlib malloc": "#9467bd"}
SERIES = [("TLSF", "lab04-dist-tlsf"), ("tuned pool", "lab04-dist-pool"),
          ("newlib-nano malloc", "lab04-dist-nano"), ("newlib malloc", "lab04-dist-newlib")]


def cumulative(rows: list[list[str]], column: int) -> list[tuple[float, float]]:
    """(instructions, percent of calls costing at most that many), from a histogram table."""
    counts = [(int(r[0]), int(r[column])) for r in rows[1:] if int(r[column]) > 0]
    total = sum(c for _, c in counts)
    points, seen = [], 0
    for instructions, c in counts:
        if not points:
            points.append((instructions, 0.0))
        seen += c
        points.append((instructions, 100.0 * seen / total))
    return points


def distributions(out: str) -> None:
    for column, what in ((1, "allocate"), (2, "free")):
        lines = []
        for name, table in SERIES:
            path = os.path.join(out, table + ".csv")
            if os.path.isfile(path):
                lines.append((name, cumulative(read_csv(path), column)))
        if not lines:
            continue
        xmax = max(p[0] for _, pts in lines for p in pts)
        xmax = nice_step(xmax) * (int(xmax / nice_step(xmax)) + 1)
        svg = svg_plot(f"Instructions per {what}: share of calls at or below (QEMU icount, GCC 12 -O2)",
                       f"instructions per {what}", "% of calls", lines, xmax, 100.0, True, COLOURS)
        with open(os.path.join(out, f"lab04-dist-{what}.svg"), "w", encoding="utf-8") as f:
            f.write(svg)


def growth(out: str) -> None:
    path = os.path.join(out, "lab04-growth.csv")
    if not os.path.isfile(path):
        return
    rows = read_csv(path)
    head, data = rows[0], rows[1:]
    sizes = [float(r[0].split()[0]) for r in data]
    malloc = head[5].replace(" allocate mean", "")
    lines = [("TLSF", [(s, float(r[2])) for s, r in zip(sizes, data)]),
             (malloc, [(s, float(r[6])) for s, r in zip(sizes, data)])]
    ymax = max(p[1] for _, pts in lines for p in pts)
    ymax = nice_step(ymax) * (int(ymax / nice_step(ymax)) + 1)
    svg = svg_plot("Worst allocate as the pool grows (QEMU icount, GCC 12 -O2)", "pool (KiB)",
                   "worst instructions per allocate", lines, 50.0, ymax, False, COLOURS)
    with open(os.path.join(out, "lab04-growth.svg"), "w", encoding="utf-8") as f:
        f.write(svg)


def get_machine_code(out: str, firmware: str) -> None:
    name = os.path.splitext(os.path.basename(firmware))[0]
    with open(os.path.join(out, f"lab04-get-{name}.txt"), "w", encoding="utf-8") as f:
        f.write(disassembly(firmware, "lab04_allocate_through_handle"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("firmware", nargs="*")
    opts = parser.parse_args()
    distributions(opts.out)
    growth(opts.out)
    for fw in opts.firmware:
        get_machine_code(opts.out, fw)
    return 0


if __name__ == "__main__":
    sys.exit(main())
