"""Driver errors become the store's own: a catalogued message, the same in the CLI and the app.

Real failures only: a GeoPackage file deleted, replaced or locked by another
connection; a PostgreSQL backend terminated by the administrator in the middle
of an import.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
from pathlib import Path

import pyogrio
import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from landinv import i18n
from landinv.cli import main as cli_main
from landinv.errors import StoreError
from landinv.store import gpkg
from landinv.store.gpkg import GpkgStore
from tests.support.app import shown as shown_text

D = dt.date
ROOT = Path(__file__).resolve().parents[2]


def _gpkg_with_parcels(path, make_parcels) -> GpkgStore:
    store = GpkgStore(path)
    store.commit_import(
        "parcels",
        make_parcels(["A", "B"]),
        file_name="a.gpkg",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
    )
    return store


def test_a_deleted_geopackage_is_reported_not_recreated(tmp_path, make_parcels):
    store = _gpkg_with_parcels(tmp_path / "s.gpkg", make_parcels)
    store.path.unlink()
    for action in (
        lambda: store.layer("parcels", D(2025, 2, 1)),
        lambda: store.summary(D(2025, 2, 1)),
        lambda: store.commit_import(
            "parcels",
            make_parcels(["C"], row=1),
            file_name="c",
            sha256="c" * 64,
            effective_date=D(2025, 3, 1),
        ),
    ):
        with pytest.raises(StoreError) as info:
            action()
        assert info.value.code == "store.gpkg_missing"
        assert "landinv restore" in info.value.en and "已不存在" in info.value.zh
    assert not store.path.exists()  # an empty database in its place would hide the loss


@pytest.mark.parametrize("replacement", ["text", "other geopackage"])
def test_a_replaced_geopackage_is_reported(tmp_path, make_parcels, replacement):
    store = _gpkg_with_parcels(tmp_path / "s.gpkg", make_parcels)
    if replacement == "text":
        store.path.write_text("not a database at all " * 100, encoding="utf-8")
    else:
        import geopandas as gpd
        import shapely

        store.path.unlink()
        pyogrio.write_dataframe(
            gpd.GeoDataFrame({"x": [1]}, geometry=[shapely.Point(0, 0)], crs=4326),
            store.path,
            layer="other",
        )
    with pytest.raises(StoreError) as info:
        store.summary(D(2025, 2, 1))
    assert info.value.code == "store.gpkg_not_landinv"
    with pytest.raises(StoreError) as info:
        store.layer("parcels", None)
    assert info.value.code == "store.gpkg_not_landinv"


@pytest.fixture
def locked_store(tmp_path, make_parcels, monkeypatch):
    """A store another connection holds an exclusive lock on (as a crashed editor would)."""
    monkeypatch.setattr(gpkg, "BUSY_TIMEOUT_S", 0.3)
    path = tmp_path / "locked.gpkg"
    _gpkg_with_parcels(path, make_parcels).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield path
    holder.execute("ROLLBACK")
    holder.close()


def test_a_locked_geopackage_is_a_store_error(locked_store, make_parcels):
    with pytest.raises(StoreError) as info:
        GpkgStore(locked_store)
    assert info.value.code == "store.gpkg_locked"
    assert "QGIS" in info.value.en


def _expected(code: str, path: Path) -> StoreError:
    return StoreError(code, path=str(path), seconds=int(gpkg.BUSY_TIMEOUT_S), detail="")


def test_cli_and_app_show_the_same_message_for_a_locked_store(locked_store, capsys, monkeypatch):
    expected = _expected("store.gpkg_locked", locked_store)
    assert cli_main(["check", "--store", str(locked_store)]) == 2
    err = capsys.readouterr().err
    assert f"错误：{expected.zh}" in err and f"Error: {expected.en}" in err
    assert "Internal error" not in err and "Traceback" not in err

    monkeypatch.setenv("LANDINV_STORE", str(locked_store))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    shown = "\n".join(shown_text(e.value) for e in at.error)
    assert expected.zh in shown and expected.en in shown
    st.cache_resource.clear()


def test_the_app_reports_a_store_deleted_while_it_runs(tmp_path, make_parcels, monkeypatch):
    path = tmp_path / "s.gpkg"
    _gpkg_with_parcels(path, make_parcels).close()
    monkeypatch.setenv("LANDINV_STORE", str(path))
    monkeypatch.setenv("LANDINV_SAMPLE_DATA", "0")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    expected = _expected("store.gpkg_missing", path)
    # (The dashboard may show errors of its own, e.g. a forecast breach of a floor.)
    assert not at.exception and not any(expected.zh in shown_text(e.value) for e in at.error)
    path.unlink()
    st.cache_data.clear()  # the cached report would otherwise hide the loss until a write
    at.run()
    assert not at.exception
    assert any(expected.zh in shown_text(e.value) for e in at.error), [e.value for e in at.error]
    assert not path.exists()
    st.cache_resource.clear()


# -- PostGIS ----------------------------------------------------------------------------------


def _wait_gone(admin, pid: int) -> None:
    for _ in range(100):
        if not admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)
        ).fetchone()[0]:
            return
        time.sleep(0.05)
    raise AssertionError(f"backend {pid} still running")


@pytest.mark.postgis
def test_a_backend_terminated_mid_import_is_a_store_error_and_nothing_is_stored(
    pg_server, pg_url, make_parcels
):
    from landinv.store.postgis import PostgisStore

    store = PostgisStore(pg_url)
    store.commit_import(
        "parcels", make_parcels(["A"]), file_name="a", sha256="a" * 64, effective_date=D(2025, 1, 1)
    )

    def terminate(conn, cursor, statement, params, context, executemany):
        if re.match(r"\s*INSERT INTO imports", statement):
            pid = conn.connection.dbapi_connection.info.backend_pid
            pg_server.admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            _wait_gone(pg_server.admin, pid)

    sa.event.listen(store.engine, "before_cursor_execute", terminate)
    try:
        with pytest.raises(StoreError) as info:
            store.commit_import(
                "parcels",
                make_parcels(["B"], row=1),
                file_name="b",
                sha256="b" * 64,
                effective_date=D(2025, 2, 1),
            )
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", terminate)
    assert info.value.code == "store.pg_connection_lost"
    assert "rolled back" in info.value.en and "库未改变" in info.value.zh
    # The store is unchanged and usable again (the dead connection left the pool).
    assert list(store.layer("parcels", None)["parcel_id"]) == ["A"]
    assert len(store.imports()) == 1
    store.close()


@pytest.mark.postgis
def test_a_connection_terminated_between_requests_is_replaced(pg_server, pg_url, make_parcels):
    from landinv.store.postgis import PostgisStore

    store = PostgisStore(pg_url)
    with store.engine.connect() as conn:
        pid = conn.connection.dbapi_connection.info.backend_pid
    pg_server.admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    _wait_gone(pg_server.admin, pid)
    assert store.is_empty()  # the pool's pre-ping saw the dead connection and made a new one
    store.close()


def test_every_store_error_code_is_catalogued():
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "landinv" / "store").glob("*.py")
    )
    codes = set(re.findall(r'"(store\.[a-z_.]+)"', sources))
    assert codes, "no store codes found"
    missing = sorted(c for c in codes if not i18n.has(c) and not c.startswith("store.table."))
    assert not missing


def test_cli_and_app_show_the_same_message_for_a_server_that_is_gone(capsys, monkeypatch):
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on: the server is down
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://planner:s3cret@127.0.0.1:{port}/inventory"
    assert cli_main(["check", "--store", url]) == 2
    err = capsys.readouterr().err
    zh, en = (
        line.split("：", 1)[-1] if i == 0 else line.split(": ", 1)[-1]
        for i, line in enumerate(err.strip().splitlines()[:2])
    )
    assert en.startswith("Cannot connect to PostgreSQL at 127.0.0.1")
    assert "s3cret" not in err

    monkeypatch.setenv("LANDINV_STORE", url)
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    shown = "\n".join(shown_text(e.value) for e in at.error)
    assert zh in shown and en in shown


def test_another_programs_geopackage_is_not_turned_into_a_store(tmp_path):
    import geopandas as gpd
    import shapely

    survey = tmp_path / "survey.gpkg"
    pyogrio.write_dataframe(
        gpd.GeoDataFrame({"x": [1]}, geometry=[shapely.Point(0, 0)], crs=4326),
        survey,
        layer="parcels_survey",
    )
    before = survey.read_bytes()
    with pytest.raises(StoreError) as info:
        GpkgStore(survey)
    assert info.value.code == "store.gpkg_foreign"
    assert survey.read_bytes() == before
