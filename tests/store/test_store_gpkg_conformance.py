"""The GeoPackage store, its backups and exports as GDAL's validator and GDAL's reader see them.

Every GeoPackage landinv writes must pass GDAL's ``validate_gpkg.py`` (the
only tolerated message is explained in ``gpkg_validator.TOLERATED``), and every
geometry table of the store carries an R-tree spatial index that stays equal to
its rows through imports, undo, supply, restore and schema upgrades.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import struct

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from landinv.cli import main as cli_main
from landinv.store import gpkg_format
from landinv.store.backup import backup, restore
from landinv.store.gpkg import GpkgStore
from landinv.store.gpkg_format import decode_gpkg, encode_gpkg, st_is_empty
from landinv.store.sql import SCHEMA_VERSION

D = dt.date
GEOMETRY_TABLES = ("parcels", "buildings", "zones")


def _zones():
    boxes = [shapely.box(118.40, 28.80, 118.55, 29.00), shapely.box(118.55, 28.80, 118.70, 29.00)]
    # Polygons, as zone files arrive: the store keeps MultiPolygons (requirement 32).
    return gpd.GeoDataFrame(
        {"code": ["xindu", "huibu"], "name_zh": ["新都", "辉埠"], "name_en": ["Xindu", "Huibu"]},
        geometry=boxes,
        crs=4490,
    )


def _fill(store, make_parcels, make_buildings):
    """Imports, a supply, a reclassification and an undo: every kind of write."""
    store.load_snapshot({"zones": _zones()})
    store.commit_import(
        "parcels",
        make_parcels([f"XD-{i:03d}" for i in range(8)]),
        file_name="a.gpkg",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
    )
    store.commit_import(
        "buildings",
        make_buildings(["CF-1", "CF-2"]),
        file_name="b.gpkg",
        sha256="b" * 64,
        effective_date=D(2025, 1, 1),
    )
    undone = store.commit_import(
        "parcels",
        make_parcels(["JC-1", "JC-2"], row=1),
        file_name="c.gpkg",
        sha256="c" * 64,
        effective_date=D(2025, 2, 1),
    )
    store.supply_parcel("XD-001", date=D(2025, 3, 1), project="P")
    store.reclassify_parcel("XD-002", date=D(2025, 3, 2), category="revitalised")
    store.undo_import(undone, date=D(2025, 4, 1))


def assert_rtree_matches(path) -> None:
    """Each geometry table's R-tree holds exactly its non-empty rows, boxes containing them.

    Read with a plain sqlite3 connection (no ST_* functions): readers need none.
    """
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        for table in GEOMETRY_TABLES:
            rows = conn.execute(f"SELECT fid, geom FROM {table} ORDER BY fid").fetchall()
            index = {
                r[0]: r[1:]
                for r in conn.execute(f"SELECT id, minx, maxx, miny, maxy FROM rtree_{table}_geom")
            }
            geoms = decode_gpkg([r[1] for r in rows])
            expected = {fid for (fid, _), g in zip(rows, geoms) if g is not None and not g.is_empty}
            assert set(index) == expected, table
            for (fid, _), g in zip(rows, geoms):
                if fid in index:
                    minx, miny, maxx, maxy = g.bounds
                    box = index[fid]
                    # R-tree boxes are float32, rounded outwards; never smaller.
                    assert box[0] <= minx and box[1] >= maxx and box[2] <= miny and box[3] >= maxy
                    assert np.allclose(box, (minx, maxx, miny, maxy), atol=1e-4)


def test_a_new_store_made_by_check_passes_the_validator(tmp_path, gpkg_validator):
    path = tmp_path / "new.gpkg"
    assert cli_main(["check", "--store", str(path)]) in (0, 1)
    assert gpkg_validator.problems(path) == []
    assert_rtree_matches(path)
    with sqlite3.connect(path) as conn:
        kinds = {
            r[0]
            for r in conn.execute("SELECT DISTINCT geometry_type_name FROM gpkg_geometry_columns")
        }
        assert kinds == {"MULTIPOLYGON"}
        assert conn.execute("SELECT count(*) FROM rtree_zones_geom").fetchone()[0] > 0


def test_store_after_import_undo_backup_restore_passes(
    store, store_backend, tmp_path, make_parcels, make_buildings, open_any_store, gpkg_validator
):
    _fill(store, make_parcels, make_buildings)
    if store_backend == "gpkg":
        assert gpkg_validator.problems(store.path) == []
        assert_rtree_matches(store.path)
    snapshot = tmp_path / "snapshot.gpkg"
    backup(store, snapshot)
    assert gpkg_validator.problems(snapshot) == []
    target = open_any_store("gpkg", str(tmp_path / "restored.gpkg"))
    restore(snapshot, target)
    assert gpkg_validator.problems(target.path) == []
    assert_rtree_matches(target.path)
    # The restored zones are MultiPolygons whatever the source held.
    with sqlite3.connect(target.path) as conn:
        types = {
            shapely.get_type_id(g)
            for g in decode_gpkg([r[0] for r in conn.execute("SELECT geom FROM zones")])
        }
    assert types == {shapely.GeometryType.MULTIPOLYGON}


def test_a_geopackage_export_passes_the_validator(
    store, tmp_path, make_parcels, make_buildings, gpkg_validator
):
    from landinv.exports import export_layer

    _fill(store, make_parcels, make_buildings)
    for kind in ("parcels", "buildings"):
        out = tmp_path / f"{kind}.gpkg"
        export_layer(store.layer(kind, D(2025, 6, 1)), "gpkg", out)
        assert gpkg_validator.problems(out) == [], kind


def _downgrade_to_version_1(path) -> None:
    """Rewrite a store in the layout landinv wrote before schema version 2: no R-trees,
    no gpkg_extensions, a TEXT key in landinv_meta, zones stored as POLYGON."""
    with sqlite3.connect(path) as conn:
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_%'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        for table in GEOMETRY_TABLES:
            conn.execute(f"DROP TABLE rtree_{table}_geom")
        conn.execute("DROP TABLE gpkg_extensions")
        conn.execute("ALTER TABLE landinv_meta RENAME TO old_meta")
        conn.execute("CREATE TABLE landinv_meta (key TEXT NOT NULL, value TEXT, PRIMARY KEY (key))")
        conn.execute("INSERT INTO landinv_meta SELECT key, value FROM old_meta")
        conn.execute("DROP TABLE old_meta")
        conn.execute("UPDATE landinv_meta SET value = '1' WHERE key = 'schema_version'")
        rows = conn.execute("SELECT fid, geom FROM zones").fetchall()
        polygons = [g.geoms[0] for g in decode_gpkg([r[1] for r in rows])]
        conn.executemany(
            "UPDATE zones SET geom = ? WHERE fid = ?",
            [(b, r[0]) for r, b in zip(rows, encode_gpkg(np.array(polygons)))],
        )


def test_an_older_store_gets_its_index_and_passes_on_open(
    tmp_path, make_parcels, make_buildings, gpkg_validator
):
    path = tmp_path / "old.gpkg"
    store = GpkgStore(path)
    _fill(store, make_parcels, make_buildings)
    before = store.layer("parcels", None)
    store.close()
    _downgrade_to_version_1(path)
    problems = " ".join(gpkg_validator.problems(path))
    assert "Req 32" in problems and "Req 119" in problems  # what version 1 looked like

    upgraded = GpkgStore(path)
    assert upgraded.schema_version() == SCHEMA_VERSION
    assert gpkg_validator.problems(path) == []
    assert_rtree_matches(path)
    after = upgraded.layer("parcels", None)
    assert after.drop(columns="geometry").equals(before.drop(columns="geometry"))
    assert upgraded.get_meta("schema_version") == str(SCHEMA_VERSION)
    # And it keeps working: a write after the upgrade is indexed too.
    upgraded.commit_import(
        "parcels",
        make_parcels(["NEW-1"], row=3),
        file_name="n.gpkg",
        sha256="n" * 64,
        effective_date=D(2026, 1, 1),
    )
    assert_rtree_matches(path)
    upgraded.close()


def test_gdal_uses_the_index_for_a_bbox_read(tmp_path, make_parcels, make_buildings):
    store = GpkgStore(tmp_path / "s.gpkg")
    _fill(store, make_parcels, make_buildings)
    store.close()
    has_index = pyogrio.read_dataframe(store.path, sql="SELECT HasSpatialIndex('parcels', 'geom')")
    assert int(has_index.iloc[0, 0]) == 1
    parcels = pyogrio.read_dataframe(store.path, layer="parcels")
    target = parcels[parcels["parcel_id"] == "XD-003"].iloc[0]
    bbox = tuple(shapely.buffer(target.geometry.centroid, 1e-5).bounds)
    found = pyogrio.read_dataframe(store.path, layer="parcels", bbox=bbox)
    assert set(found["parcel_id"]) == {"XD-003"}
    # Proof that GDAL consults the R-tree rather than scanning: take the row out of
    # the index of a copy, and the same bbox read no longer finds it.
    copy = tmp_path / "copy.gpkg"
    shutil.copy(store.path, copy)
    with sqlite3.connect(copy) as conn:  # no ST_* functions needed: no trigger fires
        conn.execute(
            "DELETE FROM rtree_parcels_geom WHERE id IN "
            "(SELECT fid FROM parcels WHERE parcel_id = 'XD-003')"
        )
    assert len(pyogrio.read_dataframe(copy, layer="parcels", bbox=bbox)) == 0


def test_readers_without_the_functions_can_read_and_landinv_connections_can_write(
    tmp_path, make_parcels
):
    store = GpkgStore(tmp_path / "s.gpkg")
    store.commit_import(
        "parcels",
        make_parcels(["A", "B"]),
        file_name="a",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
    )
    store.close()
    with sqlite3.connect(store.path) as plain:
        assert plain.execute("SELECT count(*) FROM parcels").fetchone()[0] == 2
        assert plain.execute("SELECT count(*) FROM rtree_parcels_geom").fetchone()[0] == 2
        with pytest.raises(sqlite3.OperationalError, match="ST_"):
            plain.execute("UPDATE parcels SET geom = geom")
    conn = gpkg_format.connect(str(store.path))
    with conn:
        conn.execute("UPDATE parcels SET geom = NULL WHERE parcel_id = 'A'")
    conn.close()
    assert_rtree_matches(store.path)
    # GDAL reads it as before.
    assert len(pyogrio.read_dataframe(store.path, layer="parcels")) == 2


def _blob(flags: int, envelope: tuple = (), wkb: bytes = b"", order: str = "<") -> bytes:
    return (
        b"GP\x00"
        + bytes([flags])
        + struct.pack(order + "i", 4490)
        + struct.pack(order + f"{len(envelope)}d", *envelope)
        + wkb
    )


def test_st_functions_read_every_envelope_kind():
    square = shapely.box(1, 2, 3, 5)
    wkb = shapely.to_wkb(square, byte_order=1)
    bounds = (1.0, 3.0, 2.0, 5.0)
    blobs = {
        "xy little-endian": _blob(0x03, bounds, wkb),
        "xy big-endian": _blob(0x02, bounds, wkb, order=">"),
        "xyz": _blob(0x05, bounds + (0.0, 1.0), wkb),
        "xyzm": _blob(0x09, bounds + (0.0, 1.0, 0.0, 1.0), wkb),
        "no envelope": _blob(0x01, (), wkb),
    }
    conn = sqlite3.connect(":memory:")
    gpkg_format.register_functions(conn)
    for name, blob in blobs.items():
        got = conn.execute(
            "SELECT ST_IsEmpty(?), ST_MinX(?), ST_MaxX(?), ST_MinY(?), ST_MaxY(?)", (blob,) * 5
        ).fetchone()
        assert got == (0, *bounds), name
    empty = encode_gpkg(np.array([shapely.Polygon()]))[0]
    assert conn.execute("SELECT ST_IsEmpty(?), ST_MinX(?)", (empty, empty)).fetchone() == (1, None)
    assert conn.execute("SELECT ST_IsEmpty(NULL), ST_MaxY(NULL)").fetchone() == (None, None)
    assert st_is_empty(b"not a geometry") == 1


def test_a_newer_store_is_refused_and_a_missing_step_changes_nothing(tmp_path, monkeypatch):
    from landinv.errors import StoreError
    from landinv.store import gpkg

    path = tmp_path / "s.gpkg"
    GpkgStore(path).close()
    monkeypatch.setattr(gpkg, "SCHEMA_VERSION", SCHEMA_VERSION + 1)  # a step it does not have
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        GpkgStore(path)
    assert info.value.code == "store.no_upgrade_step"
    assert path.read_bytes() == before
    monkeypatch.undo()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE landinv_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError) as info:
        GpkgStore(path)
    assert info.value.code == "store.schema_newer"


def test_imports_still_work_when_someone_removed_the_index(tmp_path, make_parcels):
    store = GpkgStore(tmp_path / "s.gpkg")
    with sqlite3.connect(store.path) as conn:  # what QGIS's "remove spatial index" leaves
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'rtree_parcels_geom_%'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE rtree_parcels_geom")
        conn.execute("DELETE FROM gpkg_extensions WHERE table_name = 'parcels'")
    store.commit_import(
        "parcels",
        make_parcels(["A", "B"]),
        file_name="a",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
    )
    assert len(store.layer("parcels", None)) == 2


def test_planning_tables_get_their_index_and_pass(tmp_path, make_parcels, gpkg_validator):
    from landinv.store import planning

    store = GpkgStore(tmp_path / "s.gpkg")
    store.commit_import(
        "parcels", make_parcels(["A"]), file_name="a", sha256="a" * 64, effective_date=D(2025, 1, 1)
    )
    planning.plan_tables(store)
    with sqlite3.connect(store.path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"rtree_plan_events_geom", "rtree_target_areas_geom"} <= names
    assert gpkg_validator.problems(store.path) == []
