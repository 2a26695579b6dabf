"""How figures are taken: wall-clock timing, peak memory of a child process,
resident memory of a running server, and the row every workload reports.

Peak memory (``ru_maxrss``) is a property of a whole process, so anything
whose peak is reported runs in a child Python (:func:`run_child`): the child
imports what it needs, times only the work itself and prints one JSON line.
"""

from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


@dataclass
class Row:
    """One figure of a workload, ours beside the naive approach's.

    ``ratio`` is ours ÷ naive. ``met`` is True/False against ``goal``, or None
    when there is no goal or the figure could not be taken (``note`` says why).
    """

    workload: str
    metric: str
    ours: float | None
    naive: float | None = None
    unit: str = "s"
    goal: str = ""
    met: bool | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.naive is None or self.naive == 0:
            return None
        return self.ours / self.naive


def ratio_row(
    workload: str,
    metric: str,
    ours: float | None,
    naive: float | None,
    *,
    max_ratio: float,
    unit: str = "s",
    goal: str | None = None,
    note: str = "",
) -> Row:
    """A row whose goal is ``ours / naive <= max_ratio``."""
    row = Row(
        workload, metric, ours, naive, unit, goal or f"ratio ≤ {_fmt_ratio(max_ratio)}", note=note
    )
    row.met = None if row.ratio is None else row.ratio <= max_ratio
    return row


def limit_row(
    workload: str,
    metric: str,
    ours: float | None,
    *,
    limit: float,
    unit: str,
    naive: float | None = None,
    note: str = "",
    strict: bool = True,
) -> Row:
    """A row whose goal is ``ours < limit`` (``<=`` when not ``strict``)."""
    sign = "<" if strict else "≤"
    row = Row(workload, metric, ours, naive, unit, f"{sign} {limit:g} {unit}", note=note)
    if ours is not None:
        row.met = ours < limit if strict else ours <= limit
    return row


def _fmt_ratio(r: float) -> str:
    if r < 1 and abs(1 / r - round(1 / r)) < 1e-9:
        return f"1/{round(1 / r)}"
    return f"{r:g}×"


def best_time(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """Smallest wall-clock time of ``repeat`` calls, and the last result."""
    best, result = math.inf, None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def maxrss_mb() -> float:
    """Peak resident memory of this process so far, in MiB.

    Read from ``VmHWM`` in /proc: Linux carries ``ru_maxrss`` over ``execve``,
    so a child started from a big parent would report the parent's size.
    """
    peak = _status_field("self", "VmHWM")
    if peak is not None:
        return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status_field(pid, name: str) -> float | None:
    """A memory field (kB) of /proc/PID/status, in MiB; None if unavailable."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(name + ":"):
                    return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return None


def rss_mb(pid: int) -> float:
    """Current resident memory of process ``pid`` in MiB (0 if it is gone)."""
    return _status_field(pid, "VmRSS") or 0.0


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of process ``pid`` in MiB (0 if it is gone)."""
    return _status_field(pid, "VmHWM") or 0.0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, in MiB."""
    total = rss_mb(pid)
    for child in _children(pid):
        total += tree_rss_mb(child)
    return total


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    task_dir = Path(f"/proc/{pid}/task")
    if not task_dir.exists():
        return kids
    for task in task_dir.iterdir():
        try:
            kids += [int(p) for p in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return kids


def profiled(func: Callable[[], object], top: int = 8) -> tuple[float, object, list]:
    """Call ``func`` under cProfile; return (seconds, result, landinv hotspots).

    The hotspots rank landinv functions by the time spent in them *and in the
    library code they call directly* (time in other landinv functions they
    call is charged to those), so every second lands on the landinv function
    that asked for the work: ``[[file:line function, seconds], ...]``.
    The profiler slows pure-Python code more than native code, so read the
    shares, not the absolute seconds.
    """
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    result = profiler.runcall(func)
    seconds = time.perf_counter() - t0
    marker = f"{os.sep}landinv{os.sep}"
    stats = pstats.Stats(profiler).stats  # func -> (cc, nc, tt, ct, callers)
    own = {f: s[3] for f, s in stats.items() if marker in f[0]}
    for fn, (_, _, _, _, callers) in stats.items():
        if marker not in fn[0]:
            continue
        for caller, edge in callers.items():
            if caller in own and caller != fn:
                own[caller] -= edge[3]
    ranked = sorted(own.items(), key=lambda kv: kv[1], reverse=True)[:top]
    spots = [[f"landinv/{f[0].split(marker)[-1]}:{f[1]} {f[2]}", round(t, 2)] for f, t in ranked]
    return seconds, result, spots


class ChildFailed(RuntimeError):
    """A child benchmark process exited with an error (its stderr tail is the message)."""


def run_child(target: str, timeout: float = 900, **kwargs) -> dict:
    """Run ``module:function(**kwargs)`` in a fresh Python; return its result.

    The function returns a JSON-able dict; the child adds ``maxrss_mb``, its
    peak resident memory over the whole process life (imports included;
    see :func:`maxrss_mb`).
    """
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
    )
    cmd = [sys.executable, "-m", "benchmarks.child", target, json.dumps(kwargs)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise ChildFailed(
            f"{target} failed (exit {done.returncode}): {done.stderr.strip()[-1500:]}"
        )
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise ChildFailed(f"{target} printed no result: {done.stdout[-500:]}")
    return json.loads(lines[-1])
