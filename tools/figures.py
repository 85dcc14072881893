"""Figures for the chapters, made by the labs' plot.py from a benchmark run.

    sys.path.insert(0, os.path.join(ROOT, "tools")); import figures
    svg = figures.svg_plot(title, xlabel, ylabel, [(name, [(x, y), ...]), ...], xmax, ymax,
                           steps, {"name": "#1f77b4", ...})
    text = figures.disassembly(firmware, "symbol")

svg_plot: a line plot as SVG, written by hand (no plotting library is needed): axes, a grid, one
line per series (a staircase with steps=True, dots at the points otherwise), a legend on the
right. read_csv() reads a table that tools/bench wrote. disassembly(): the machine code of one
function of a firmware, as arm-none-eabi-objdump prints it.
"""
import csv
import subprocess

W, H, LEFT, RIGHT, TOP, BOTTOM = 720, 360, 64, 190, 40, 48


def read_csv(path: str) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def nice_step(span: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if span / step <= 10:
            return step
    return 1000


def svg_plot(title: str, xlabel: str, ylabel: str, lines: list[tuple[str, list[tuple[float, float]]]],
             xmax: float, ymax: float, steps: bool, colours: dict[str, str]) -> str:
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(v: float) -> float:
        return LEFT + pw * v / xmax

    def y(v: float) -> float:
        return TOP + ph * (1 - v / ymax)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
           f'viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{LEFT}" y="22" font-size="14" font-weight="bold">{title}</text>']
    xs, ys = nice_step(xmax), nice_step(ymax)
    v = 0.0
    while v <= xmax + 1e-9:
        out.append(f'<line x1="{x(v):.1f}" y1="{TOP}" x2="{x(v):.1f}" y2="{TOP + ph}" stroke="#ddd"/>')
        out.append(f'<text x="{x(v):.1f}" y="{TOP + ph + 16}" text-anchor="middle">{v:g}</text>')
        v += xs
    v = 0.0
    while v <= ymax + 1e-9:
        out.append(f'<line x1="{LEFT}" y1="{y(v):.1f}" x2="{LEFT + pw}" y2="{y(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
        v += ys
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>')
    out.append(f'<text x="{LEFT + pw / 2}" y="{H - 10}" text-anchor="middle">{xlabel}</text>')
    out.append(f'<text transform="translate(16,{TOP + ph / 2}) rotate(-90)" '
               f'text-anchor="middle">{ylabel}</text>')
    for n, (name, points) in enumerate(lines):
        colour = colours.get(name, "#333")
        path, last_y = [], None
        for px, py in points:
            if steps and last_y is not None:
                path.append(f"{x(px):.1f},{y(last_y):.1f}")
            path.append(f"{x(px):.1f},{y(py):.1f}")
            last_y = py
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                   f'points="{" ".join(path)}"/>')
        if not steps:
            for px, py in points:
                out.append(f'<circle cx="{x(px):.1f}" cy="{y(py):.1f}" r="3" fill="{colour}"/>')
        ly = TOP + 14 + 20 * n
        out.append(f'<line x1="{LEFT + pw + 12}" y1="{ly - 4}" x2="{LEFT + pw + 36}" y2="{ly - 4}" '
                   f'stroke="{colour}" stroke-width="3"/>')
        out.append(f'<text x="{LEFT + pw + 42}" y="{ly}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def disassembly(firmware: str, symbol: str) -> str:
    run = subprocess.run(["arm-none-eabi-objdump", "-d", "--no-show-raw-insn",
                          f"--disassemble={symbol}", firmware],
                         capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    start = next(i for i, l in enumerate(lines) if l.endswith(f"<{symbol}>:"))
    return "\n".join(l for l in lines[start:] if l.strip()) + "\n"
