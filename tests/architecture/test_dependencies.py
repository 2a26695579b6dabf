"""pyproject.toml and requirements*.txt declare the same dependencies, and a plain
``pip install .`` gives a working ``landinv`` console script (issue 9, tooling)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _requirements(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            out[_name(line)] = line
    return out


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_requirements_txt_is_core_plus_app_and_postgis():
    project = _project()
    extras = project["optional-dependencies"]
    declared = {
        _name(r): r
        for r in project["dependencies"]
        + extras["app"]
        + extras["postgis"]
        + extras.get("report", [])
    }
    assert _requirements(ROOT / "requirements.txt") == declared


def test_requirements_dev_adds_the_dev_extra():
    dev = {_name(r): r for r in _project()["optional-dependencies"]["dev"]}
    assert _requirements(ROOT / "requirements-dev.txt") == dev
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()


def test_every_imported_third_party_package_is_declared():
    """A module the code imports at top level must come from a declared distribution."""
    import importlib.metadata as md

    project = _project()
    declared = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        declared |= {_name(r) for r in extra}
    provided = md.packages_distributions()
    stdlib = set(sys.stdlib_module_names)
    missing = set()
    for path in (ROOT / "landinv").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tops = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        tops |= {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and not node.level
        }
        for top in sorted(tops):
            if top in stdlib or top == "landinv" or top == "__future__":
                continue
            dists = {d.lower().replace("_", "-") for d in provided.get(top, [top])}
            # branca and jinja2 come with folium; the check is about what we import.
            if not dists & declared and top not in {"branca", "jinja2"}:
                missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


@pytest.mark.slow
def test_pip_install_gives_a_working_console_script(tmp_path):
    # Build from a copy of the tracked files: setuptools writes build/ next to
    # the sources, which must not land in the working tree.
    source = tmp_path / "src"
    files = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=600,
        env={"PIP_ROOT_USER_ACTION": "ignore", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    script = target / "bin" / "landinv"
    assert script.exists()
    env = {
        "PYTHONPATH": str(target),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LANDINV_SAMPLE_DATA": "0",
    }
    proc = subprocess.run(
        [sys.executable, str(script), "check", "--json", "--store", str(tmp_path / "empty.gpkg")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    # An empty store breaches both floors: exit 1 with the JSON, not an import error.
    assert proc.returncode == 1, proc.stderr
    assert '"ready_land_mu": 0.0' in proc.stdout
    installed = {
        p.relative_to(target / "landinv").as_posix()
        for p in (target / "landinv").rglob("*")
        if p.is_file()
    }
    assert any(name.endswith(".js") for name in installed), "the map's script ships"
