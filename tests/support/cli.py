"""Run ``landinv`` for a test: as a real process, or in the test's own process.

A real process is what a planner runs, and it pays an interpreter start and the
imports (about a second on the shared 2-core machine); in-process it is the same
``landinv.cli.main`` with the same arguments, a few hundred milliseconds. Tests
that compare the CLI with the app run both ways: in-process in the fast tier,
as a process marked ``slow`` (see :data:`DOORS`).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Parametrise a test over the two ways of running the CLI (use with :func:`run_landinv`).
DOORS = ["in-process", pytest.param("process", marks=pytest.mark.slow)]


def run_landinv(*args: str, door: str = "process", timeout: float = 120):
    """``landinv ARGS`` run through ``door``; a CompletedProcess (returncode, stdout, stderr)."""
    if door == "process":
        return subprocess.run(
            [sys.executable, "-m", "landinv", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=timeout,
        )
    from landinv import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
