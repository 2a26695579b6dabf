"""Concurrent writers and killed writers, with real separate processes.

Each worker is a fresh Python process that opens the store itself, reads a
real GeoPackage written by the test, prints READY, waits for a shared "go"
file so the workers start together, writes, and prints one JSON result line.

Marked slow: every test starts two or three interpreters that each import the
store (about a second apiece on the shared 2-core machine) and waits for them.
They run in the full suite (``scripts/test.sh``, ``.ci/run``), not in the fast tier.
"""

import datetime as dt
import hashlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

pytestmark = pytest.mark.slow

D = dt.date
ROOT = Path(__file__).resolve().parents[2]

WORKER = r"""
import datetime as dt, hashlib, json, sys, time
from pathlib import Path

import pyogrio

from landinv.errors import LandinvError
from landinv.sample.seed import open_seeded
from landinv.store import open_store

location, action, arg, go, pause = sys.argv[1:6]
if action == "open":  # first use of a new store: create and seed it
    print("READY", flush=True)
    while not Path(go).exists():
        time.sleep(0.002)
    try:
        with open_seeded(location) as store:
            result = {"ok": len(store.layer("parcels", None, geometry=False))}
    except LandinvError as exc:
        result = {"error": type(exc).__name__, "message": exc.en}
    print(json.dumps(result), flush=True)
    sys.exit(0)
store = open_store(location)
if pause == "mid-insert":
    # Hold the import open half-way through its rows until killed. A tiny
    # SQLite page cache makes the writer spill changed pages into the file
    # before commit, so the kill leaves a hot journal that must be rolled back.
    if store.backend == "gpkg":
        import sqlalchemy as sa

        sa.event.listen(store.engine, "connect",
                        lambda conn, _: conn.execute("PRAGMA cache_size = 8"))
    backend_class = type(store)
    original = backend_class._insert_layer  # the backend's bulk path (executemany / COPY)

    def paused(self, conn, table, rows):
        original(self, conn, table, rows.take(slice(0, len(rows) // 2)))
        print("MID", flush=True)
        time.sleep(600)

    backend_class._insert_layer = paused
if action == "import":
    frame = pyogrio.read_dataframe(arg)
    sha = hashlib.sha256(Path(arg).read_bytes()).hexdigest()
print("READY", flush=True)
while not Path(go).exists():
    time.sleep(0.002)
started = time.time()
try:
    if action == "import":
        result = {"ok": store.commit_import(
            "parcels", frame, file_name=Path(arg).name, sha256=sha,
            effective_date=dt.date(2025, 1, 1), user="worker")}
    else:
        store.supply_parcel(arg, date=dt.date(2025, 6, 1), project=f"project-{go[-1]}",
                            user="worker")
        result = {"ok": arg}
except LandinvError as exc:
    result = {"error": type(exc).__name__, "message": exc.en}
result.update(started=started, ended=time.time())
print(json.dumps(result), flush=True)
store.close()
"""


def _spawn(location, action, arg, go, pause="none"):
    env = dict(os.environ, PYTHONPATH=str(ROOT), LANDINV_LANG="en")
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, location, action, str(arg), str(go), pause],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def _expect_line(proc, expected, timeout=120.0):
    """Wait for the worker to print ``expected``; fail with its stderr if it dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            line = proc.stdout.readline()
            if line.strip() == expected:
                return
            if not line:
                break
    proc.kill()
    pytest.fail(f"worker did not print {expected}: {proc.stderr.read()}")


def _run_together(workers, go):
    for proc in workers:
        _expect_line(proc, "READY")
    go.touch()
    results = []
    for proc in workers:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def _write_file(path, gdf):
    pyogrio.write_dataframe(gdf, path, driver="GPKG")
    return path


def _contents(store):
    """Everything stored, in a comparable form."""
    parcels = store.layer("parcels", None)
    parcels = parcels.assign(wkb=parcels.geometry.to_wkb()).drop(columns="geometry")
    return {
        "parcels": pd.DataFrame(parcels),
        "buildings": store.layer("buildings", None, geometry=False),
        "imports": store.imports(),
        "changes": store.changes(),
    }


def _assert_same(a, b):
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def _no_duplicate_current_ids(store):
    current = store.layer("parcels", D(2030, 1, 1), geometry=False)
    assert not current["parcel_id"].duplicated().any()
    return current


def test_two_processes_importing_different_files_both_land(
    store_location, store, tmp_path, make_parcels
):
    n = 1500
    file_a = _write_file(tmp_path / "xindu.gpkg", make_parcels([f"XD-{i:04d}" for i in range(n)]))
    file_b = _write_file(
        tmp_path / "huibu.gpkg",
        make_parcels([f"HB-{i:04d}" for i in range(n)], zone="huibu", row=1),
    )
    go = tmp_path / "go"

    results = _run_together(
        [
            _spawn(store_location, "import", file_a, go),
            _spawn(store_location, "import", file_b, go),
        ],
        go,
    )

    assert all("ok" in r for r in results), results
    # The two writes were in flight at the same time, not one after the other.
    assert results[0]["started"] < results[1]["ended"]
    assert results[1]["started"] < results[0]["ended"]
    imports = store.imports()
    assert sorted(imports["import_id"]) == sorted(r["ok"] for r in results)
    current = _no_duplicate_current_ids(store)
    assert len(current) == 2 * n
    for import_id, prefix in zip([r["ok"] for r in results], ("XD-", "HB-")):
        rows = current[current["import_id"] == import_id]
        assert len(rows) == n and rows["parcel_id"].str.startswith(prefix).all()


def test_two_processes_importing_the_same_file_one_lands(
    store_location, store, tmp_path, make_parcels
):
    n = 1500
    path = _write_file(tmp_path / "same.gpkg", make_parcels([f"XD-{i:04d}" for i in range(n)]))
    go = tmp_path / "go"

    results = _run_together(
        [_spawn(store_location, "import", path, go), _spawn(store_location, "import", path, go)], go
    )

    landed = [r for r in results if "ok" in r]
    refused = [r for r in results if "error" in r]
    assert len(landed) == 1 and len(refused) == 1, results
    assert refused[0]["error"] == "ConflictError"
    assert "already imported" in refused[0]["message"]
    assert list(store.imports()["import_id"]) == [landed[0]["ok"]]
    assert len(_no_duplicate_current_ids(store)) == n


def test_two_processes_supplying_the_same_parcel_one_wins(
    store_location, store, tmp_path, make_parcels
):
    store.commit_import(
        "parcels",
        make_parcels(["XD-001", "XD-002"]),
        file_name="a.gpkg",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
    )
    go = tmp_path / "go"

    results = _run_together(
        [
            _spawn(store_location, "supply", "XD-001", go),
            _spawn(store_location, "supply", "XD-001", go),
        ],
        go,
    )

    assert sorted("ok" in r for r in results) == [False, True], results
    assert [r["error"] for r in results if "error" in r] == ["ConflictError"]
    versions = store.layer("parcels", None, geometry=False)
    assert (versions["parcel_id"] == "XD-001").sum() == 2  # original + one supply
    assert list(store.changes()["action"]) == ["supply", "import"]


def test_two_processes_opening_a_new_store_seed_it_once(
    store_backend, store_location, tmp_path, open_any_store
):
    go = tmp_path / "go"

    results = _run_together(
        [_spawn(store_location, "open", "-", go), _spawn(store_location, "open", "-", go)], go
    )

    assert all("ok" in r for r in results), results
    store = open_any_store(store_backend, store_location)
    assert results[0]["ok"] == results[1]["ok"] == len(store.layer("parcels", None)) > 0
    assert len(store.imports()) == 1  # the sample data, loaded once
    _no_duplicate_current_ids(store)


def test_sigkill_in_the_middle_of_an_import_leaves_the_store_as_before(
    store_backend, store_location, store_factory, tmp_path, make_parcels
):
    first = store_factory()
    first.commit_import(
        "parcels",
        make_parcels(["XD-001", "XD-002"]),
        file_name="a.gpkg",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
    )
    first.supply_parcel("XD-001", date=D(2025, 3, 1), project="辰通轴承")
    before = _contents(first)
    first.close()
    gpkg_bytes = Path(store_location).read_bytes() if store_backend == "gpkg" else None
    path = _write_file(
        tmp_path / "big.gpkg",
        make_parcels([f"HB-{i:04d}" for i in range(2000)], zone="huibu", row=1),
    )
    go = tmp_path / "go"
    go.touch()

    worker = _spawn(store_location, "import", path, go, pause="mid-insert")
    _expect_line(worker, "READY")
    _expect_line(worker, "MID")
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    if store_backend == "gpkg":
        # The killed writer left uncommitted pages in the file and a hot journal.
        assert Path(store_location + "-journal").stat().st_size > 0
        assert Path(store_location).read_bytes() != gpkg_bytes

    after = store_factory()  # opening rolls a hot GeoPackage journal back
    if store_backend == "gpkg":
        assert Path(store_location).read_bytes() == gpkg_bytes
        assert not Path(store_location + "-journal").exists()
    _assert_same(_contents(after), before)

    # The next import works, and the killed one's file is not taken for a duplicate.
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    import_id = after.commit_import(
        "parcels",
        pyogrio.read_dataframe(path),
        file_name=path.name,
        sha256=sha,
        effective_date=D(2025, 4, 1),
    )
    assert len(after.layer("parcels", D(2025, 4, 1))) == 2002
    assert after.find_import(sha) == import_id
