"""`--out` never replaces the store, replaces another file only with --force, writes
atomically, and gives files the permissions of the user's umask (issue 14, items 4 and 9)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat

import pytest

from landinv import cli
from landinv.sample.seed import open_seeded
from landinv.store import open_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("out") / "seed.gpkg"
    open_seeded(path).close()
    return path


@pytest.fixture
def store_path(seeded, tmp_path):
    path = tmp_path / "inv.gpkg"
    shutil.copy(seeded, path)
    return path


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "--layer", "parcels", "--format", "csv"),
        ("export", "--layer", "parcels", "--format", "gpkg"),
        ("summary", "--format", "csv"),
        ("summary", "--format", "xlsx"),
        ("summary", "--format", "json"),
        ("summary",),
    ],
)
@pytest.mark.parametrize("force", [False, True])
def test_out_pointing_at_the_store_is_refused_even_with_force(capsys, store_path, argv, force):
    before = _digest(store_path)
    extra = ["--force"] if force else []
    code, _, err = run(capsys, *argv, "--store", store_path, "--out", store_path, *extra)
    assert code == 2
    assert "台账数据库本身" in err and "inventory store itself" in err
    assert _digest(store_path) == before, "the store must be byte-identical"
    with open_store(store_path) as store:  # and still a working store
        assert len(store.layer("parcels", None, geometry=False)) > 0


def test_backup_onto_the_store_is_refused(capsys, store_path):
    before = _digest(store_path)
    code, _, _err = run(capsys, "backup", "--store", store_path, "--out", store_path)
    assert code == 2 and _digest(store_path) == before


def test_an_existing_file_needs_force(capsys, store_path, tmp_path):
    out = tmp_path / "summary.csv"
    out.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "summary", "--format", "csv", "--store", store_path, "--out", out)
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(
        capsys, "summary", "--format", "csv", "--store", store_path, "--out", out, "--force"
    )
    assert code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_system_file_gets_a_message_naming_the_path(capsys, store_path):
    code, _, err = run(
        capsys, "summary", "--store", store_path, "--out", "/proc/version", "--force"
    )
    assert code == 2
    assert "/proc/version" in err and "Internal error" not in err


def test_exports_follow_the_umask(capsys, store_path, tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "parcels.gpkg"
        code, _, _ = run(
            capsys,
            "export",
            "--layer",
            "parcels",
            "--format",
            "gpkg",
            "--store",
            store_path,
            "--out",
            out,
        )
    finally:
        os.umask(old)
    assert code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert leftovers == []
