"""Run every benchmark workload and write benchmarks/RESULTS.md.

    python benchmarks/run.py            # county scale (about 10 minutes)
    python benchmarks/run.py --quick    # smaller sizes, a few minutes
    python benchmarks/run.py --only ingest,area

Prints, per figure, ours, the naive approach's (measured in the same run),
their ratio, the goal and whether it is met. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

# Run as a script: make the repo importable and keep benchmarks/ itself off
# the path (its module names must not shadow anything).
ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from benchmarks import (  # noqa: E402
    app_rerun,
    area_accuracy,
    datasets,
    efficiency,
    first_paint,
    ingest_speed,
    map_payload,
    report,
    store_write,
    summary_scale,
)
from benchmarks.measure import Row  # noqa: E402
from benchmarks.pgserver import postgis_server  # noqa: E402

#: Workloads in the order they run: name -> module with TITLE and run(ctx).
WORKLOADS = {
    "ingest": ingest_speed,
    "area": area_accuracy,
    "map": map_payload,
    "paint": first_paint,
    "app": app_rerun,
    "summary": summary_scale,
    "writes": store_write,
    "efficiency": efficiency,
}
RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smaller sizes (10k parcels, 100k in the store summary)",
    )
    parser.add_argument(
        "--preset",
        choices=sorted(datasets.PRESETS),
        help="size preset (default: full, or quick with --quick)",
    )
    parser.add_argument(
        "--only", default="", help=f"comma-separated workloads to run: {', '.join(WORKLOADS)}"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="rebuild the cached synthetic files and stores"
    )
    parser.add_argument(
        "--out",
        default=str(datasets.OUT_DIR),
        help="folder for generated data and outputs (default: %(default)s)",
    )
    parser.add_argument(
        "--results",
        default=str(RESULTS),
        help="where to write the Markdown results (default: %(default)s)",
    )
    return parser.parse_args(argv)


def hotspot_findings(rows: list[Row]) -> list[str]:
    """Profiles and browser traces attached to missed goals, as Markdown bullets."""
    out = []
    for r in rows:
        trace = r.extra.get("trace")
        if r.met is False and trace:
            parts = "; ".join(f"{k} {v:.0f} ms" for k, v in trace.items())
            out.append(
                f"{r.workload} — {r.metric}: Chromium trace of our page, renderer main "
                f"thread from the page request until drawn (parts nest: scripts run "
                f"inside HTML parsing): {parts}"
            )
        spots = r.extra.get("hotspots")
        if r.met is False and spots:
            listed = "; ".join(f"`{name}` {sec:.2f} s" for name, sec in spots)
            out.append(
                f"{r.workload} — {r.metric}: profiled run "
                f"{r.extra.get('profiled_seconds', 0):.1f} s (cProfile inflates "
                f"pure-Python parts); landinv functions by time spent in them and "
                f"the libraries they call: {listed}"
            )
    return out


def run_workloads(ctx: datasets.Context, names: list[str]) -> list[Row]:
    """Run the named workloads; a failing one becomes a row saying so."""
    rows: list[Row] = []
    for name in names:
        module = WORKLOADS[name]
        ctx.log(f"\n== {module.TITLE} ==")
        t0 = time.perf_counter()
        try:
            got = module.run(ctx)
        except Exception as exc:  # noqa: BLE001 - report and carry on with the other workloads
            traceback.print_exc()
            got = [
                Row(
                    module.TITLE.split(".")[0] + " " + name,
                    "workload failed",
                    None,
                    note=f"{type(exc).__name__}: {str(exc)[:300]}",
                )
            ]
        took = time.perf_counter() - t0
        for r in got:
            ctx.log(
                f"  {r.metric}: ours {report.fmt_value(r.ours, r.unit)}, naive "
                f"{report.fmt_value(r.naive, r.unit)}, ratio {report.fmt_ratio(r)}, "
                f"goal {r.goal or '—'}: {report.fmt_met(r)}"
            )
        ctx.log(f"  ({took:.0f} s)")
        rows += got
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    preset = args.preset or ("quick" if args.quick else "full")
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(WORKLOADS)
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        print(
            f"unknown workload(s): {', '.join(unknown)}; choose from {', '.join(WORKLOADS)}",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    info = report.machine()
    ctx = datasets.Context(
        sizes=datasets.PRESETS[preset],
        out=Path(args.out),
        fresh=args.fresh,
        log=lambda m: print(m, flush=True),
    )
    ctx.log(f"landinv benchmarks, preset {preset}: {', '.join(names)}")
    ctx.log(f"{info['cpu']}, {info['nproc']} cores, {info['ram']}; load {info['load']}")
    needs_pg = bool({"summary", "writes"} & set(names))
    with postgis_server(log=ctx.log) if needs_pg else _no_server() as url:
        ctx.pg_url = url
        rows = run_workloads(ctx, names)
    elapsed = time.perf_counter() - started
    info["load_end"] = report._loadavg()
    print("\n" + report.terminal_table(rows))
    print(f"\nwhole run: {elapsed / 60:.1f} min")
    text = report.markdown(
        rows, info, preset=preset, elapsed_s=elapsed, findings=hotspot_findings(rows)
    )
    Path(args.results).write_text(text, encoding="utf-8")
    print(f"wrote {os.path.relpath(args.results)}")
    return 0


class _no_server:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    sys.exit(main())
