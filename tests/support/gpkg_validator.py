"""GDAL's GeoPackage conformance checker (``validate_gpkg.py``), run on files the tests write.

Debian's ``python3-gdal`` installs it under ``osgeo_utils/samples/``
(``scripts/test.sh`` installs the package, as it does PostgreSQL and
Chromium). Its path is found at run time: ``$LANDINV_GPKG_VALIDATOR`` if set,
else the module ``osgeo_utils.samples.validate_gpkg`` as seen by the system
Python or this one, else the Debian paths. Without it the tests that need it
skip, except with ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

VALIDATOR_ENV = "LANDINV_GPKG_VALIDATOR"
_DEBIAN_PATHS = (
    "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
    "/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
)

#: The one message tolerated. GeoPackage 1.4 replaced the R-tree triggers
#: ``update1`` and ``update3`` by ``update5``-``update7`` (the old ones broke when
#: an UPDATE gave a geometry to a row whose geometry was NULL). GDAL writes the
#: new set since 3.8 and its validator since then expects exactly it in a 1.4
#: file; the validator of GDAL < 3.8 (Debian 12 ships 3.6) still asks for
#: ``update1``-``update4`` whatever the file's version. landinv's store and
#: everything GDAL 3.8+ writes (pyogrio's exports and backups) carry the new set,
#: so that older validator reports these two names per table and nothing else.
TOLERATED = re.compile(r"Req 75: rtree_\w+_update[13] trigger missing")


def _find() -> tuple[str, str] | None:
    """``(python, script)`` of the validator, or None."""
    explicit = os.environ.get(VALIDATOR_ENV, "").strip()
    if explicit:
        return sys.executable, explicit
    probe = (
        "import importlib.util as u; s = u.find_spec('osgeo_utils.samples.validate_gpkg'); "
        "print(s.origin if s else '')"
    )
    for python in dict.fromkeys(
        p for p in ("/usr/bin/python3", sys.executable, shutil.which("python3")) if p
    ):
        if not Path(python).exists():
            continue
        try:
            out = subprocess.run(
                [python, "-c", probe], capture_output=True, text=True, timeout=60
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        if out and Path(out).is_file():
            return python, out
    for path in _DEBIAN_PATHS:
        if Path(path).is_file():
            return sys.executable, path
    return None


class Validator:
    """Runs ``validate_gpkg.py -k --extra --warning-as-error`` on a file."""

    def __init__(self, python: str, script: str):
        self.python = python
        self.script = script

    def messages(self, path) -> list[str]:
        """Every requirement the file fails (and every warning), one per line."""
        proc = subprocess.run(
            [self.python, self.script, "-k", "--extra", "--warning-as-error", str(path)],
            capture_output=True,
            text=True,
            timeout=300,
            cwd="/",
        )
        lines = [line.strip() for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
        if proc.returncode != 0 and not lines:
            lines = [f"validator exited with {proc.returncode}"]
        return lines

    def problems(self, path) -> list[str]:
        """The messages left after the tolerated one (see :data:`TOLERATED`)."""
        return [m for m in self.messages(path) if not TOLERATED.fullmatch(m)]


@pytest.fixture(scope="session")
def gpkg_validator() -> Validator:
    """GDAL's GeoPackage validator (skips, or fails with CI=true, when not installed)."""
    found = _find()
    if found is None:
        reason = (
            "GDAL's validate_gpkg.py is not installed (Debian: apt-get install "
            f"python3-gdal, or set {VALIDATOR_ENV})"
        )
        if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
            pytest.fail(f"{reason} (CI=true: it must run)", pytrace=False)
        pytest.skip(reason)
    return Validator(*found)
