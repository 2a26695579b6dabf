"""The layers of docs/DESIGN.md are import contracts, and the contracts bite.

``scripts/lint.sh`` (run by scripts/test.sh and so by CI) checks the real tree;
here a copy of the package with one forbidden import must fail the same check.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    if not LINT.exists():
        pytest.fail(
            f"lint-imports not installed next to {sys.executable} "
            "(pip install -r requirements-dev.txt)"
        )
    return subprocess.run(
        [str(LINT), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )


def _copy_tree(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "landinv",
        tmp_path / "landinv",
        ignore=shutil.ignore_patterns("__pycache__", "node_modules", "vendor"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_its_contracts():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_streamlit_in_the_analysis_layer_is_caught(tmp_path):
    tree = _copy_tree(tmp_path)
    (tree / "landinv" / "analysis" / "leak.py").write_text("import streamlit\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "Streamlit only in the UI package BROKEN" in result.stdout


def test_the_store_importing_the_cli_is_caught(tmp_path):
    tree = _copy_tree(tmp_path)
    (tree / "landinv" / "store" / "leak.py").write_text("import landinv.cli\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "landinv.store.leak -> landinv.cli" in result.stdout
