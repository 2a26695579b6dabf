"""The results table (terminal and Markdown) and the machine it was measured on."""

from __future__ import annotations

import datetime as dt
import glob
import os
import platform
from importlib import metadata

from benchmarks.measure import Row

LIBRARIES = (
    "numpy",
    "shapely",
    "pyproj",
    "pyogrio",
    "geopandas",
    "pandas",
    "folium",
    "streamlit",
    "streamlit-folium",
    "SQLAlchemy",
    "psycopg",
    "playwright",
)


def machine() -> dict:
    """nproc, RAM, CPU model, OS, Python, library, GDAL/GEOS/PROJ, PostgreSQL,
    Chromium versions and the load average (other processes share the CPU)."""
    info = {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": os.cpu_count(),
        "ram": _ram(),
        "cpu": _cpu_model(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "load": _loadavg(),
    }
    libs = {}
    for name in LIBRARIES:
        try:
            libs[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libs[name] = "not installed"
    try:
        import pyogrio
        import pyproj
        import shapely

        libs["GDAL"] = pyogrio.__gdal_version_string__
        libs["GEOS"] = shapely.geos_version_string
        libs["PROJ"] = pyproj.proj_version_str
    except Exception:  # noqa: BLE001 - versions are informative only
        pass
    info["libraries"] = libs
    info["chromium"] = _first_line(["/usr/bin/chromium", "--version"])
    servers = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda p: int(p.split("/")[4])
    )
    info["postgresql"] = (
        _first_line([servers[-1], "--version"]) if servers else "PostgreSQL not found"
    )
    return info


def _ram() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kb = int(fh.readline().split()[1])
        return f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _loadavg() -> str:
    try:
        return " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "unknown"


def _first_line(cmd: list[str]) -> str:
    import subprocess

    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return out.strip().splitlines()[0] if out.strip() else "not found"


# -- formatting ------------------------------------------------------------------


def fmt_value(value: float | None, unit: str) -> str:
    """A figure with its unit, to a sensible precision; '—' when absent."""
    if value is None:
        return "—"
    if unit == "":
        return f"{value:.1e}"
    if unit == "s":
        return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"
    if unit == "MiB":
        return f"{value:,.1f} MiB" if value < 100 else f"{value:,.0f} MiB"
    return f"{value:.2f} {unit}"


def fmt_ratio(row: Row) -> str:
    r = row.ratio
    if r is None:
        return "—"
    return f"{r:.3f}" if r < 1 else f"{r:.2f}"


def fmt_met(row: Row) -> str:
    return {True: "yes", False: "NO", None: "—"}[row.met]


def terminal_table(rows: list[Row]) -> str:
    """A fixed-width table for the terminal."""
    head = ("workload", "figure", "ours", "naive", "ratio", "goal", "met")
    body = [
        (
            r.workload,
            r.metric,
            fmt_value(r.ours, r.unit),
            fmt_value(r.naive, r.unit),
            fmt_ratio(r),
            r.goal,
            fmt_met(r),
        )
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    lines = ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)) for line in [head, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(
    rows: list[Row], info: dict, *, preset: str, elapsed_s: float, findings: list[str]
) -> str:
    """RESULTS.md: machine, table, notes per row, and what was not met and why."""
    libs = ", ".join(f"{k} {v}" for k, v in info["libraries"].items())
    out = [
        "# landinv benchmark results",
        "",
        "Written by `python benchmarks/run.py` (see docs/benchmarks.md). Ratios are ours ÷ naive,",
        "both measured in the same run; figures are wall-clock times unless a unit says otherwise.",
        "",
        "## Machine",
        "",
        f"- date: {info['date']}; preset: `{preset}`; whole run: {elapsed_s / 60:.1f} min",
        f"- CPU: {info['cpu']}, {info['nproc']} cores; RAM: {info['ram']}; {info['os']}",
        f"- load average at the start: {info['load']}; at the end: {info.get('load_end', '?')}"
        " (other work on the machine slows both sides of a ratio, not always equally)",
        f"- Python {info['python']}; {libs}",
        f"- {info['chromium']}; {info['postgresql']}",
        "",
        "## Results",
        "",
        "| workload | figure | ours | naive | ratio | goal | met | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            "| "
            + " | ".join(
                _md(x)
                for x in (
                    r.workload,
                    r.metric,
                    fmt_value(r.ours, r.unit),
                    fmt_value(r.naive, r.unit),
                    fmt_ratio(r),
                    r.goal,
                    fmt_met(r),
                    r.note,
                )
            )
            + " |"
        )
    missed = [r for r in rows if r.met is False]
    unmeasured = [r for r in rows if r.ours is None]
    out += ["", "## Goals not met", ""]
    if not missed and not unmeasured:
        out.append("None: every goal measured in this run was met.")
    for r in missed:
        out.append(
            f"- **{r.workload} — {r.metric}**: {fmt_value(r.ours, r.unit)} "
            f"against goal {r.goal}" + (f" (ratio {fmt_ratio(r)})" if r.ratio else "") + "."
        )
    for r in unmeasured:
        out.append(f"- **{r.workload} — {r.metric}**: not measured ({r.note}).")
    if findings:
        out += ["", "## Why, and where the time goes", ""]
        out += [f"- {f}" for f in findings]
    out.append("")
    return "\n".join(out)
