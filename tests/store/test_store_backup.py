"""Backup to a GeoPackage snapshot and restore into either backend."""

import datetime as dt
import sqlite3

import pandas as pd
import pyogrio
import pytest
import shapely

from landinv.errors import ConflictError, UsageError
from landinv.schema import LAYER_COLUMNS
from landinv.store.backup import BACKUP_FORMAT, META_LAYER, backup, read_backup, restore

D = dt.date
NUMERIC_COLUMNS = {
    c.name for cols in LAYER_COLUMNS.values() for c in cols if c.type in ("float", "int")
} | {"n_features", "count"}
AS_OF_DATES = [D(2025, 1, 31), D(2025, 3, 15), D(2025, 5, 1), D(2025, 8, 1), D(2026, 1, 1)]


def _fill_with_history(store, make_parcels, make_buildings):
    """An inventory with every kind of history: imports, supply, undo, zones, buildings."""
    first = store.commit_import(
        "parcels",
        make_parcels([f"XD-{i:03d}" for i in range(6)]),
        file_name="新都地块.shp",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
        user="张工",
        report={"accepted": 6, "警告": ["编码 GBK"]},
    )
    store.commit_import(
        "parcels",
        make_parcels(["HB-001", "HB-002"], zone="huibu", category="revitalised", row=1),
        file_name="辉埠.gpkg",
        sha256="b" * 64,
        effective_date=D(2025, 2, 1),
        user="李工",
    )
    store.commit_import(
        "buildings",
        make_buildings(["CF-1", "CF-2"], floors=5),
        file_name="厂房.gpkg",
        sha256="c" * 64,
        effective_date=D(2025, 1, 1),
    )
    store.supply_parcel("XD-002", date=D(2025, 3, 1), project="辰通轴承", user="张工")
    undone = store.commit_import(
        "parcels",
        make_parcels(["JC-001"], zone="jinchuan", row=2),
        file_name="金川.gpkg",
        sha256="d" * 64,
        effective_date=D(2025, 4, 1),
    )
    store.undo_import(undone, date=D(2025, 6, 1), user="李工")
    store.supply_parcel("XD-004", date=D(2025, 7, 1), project="新材料项目")
    return first


def _zones():
    import geopandas as gpd

    return gpd.GeoDataFrame(
        {
            "code": ["xindu", "huibu"],
            "name_zh": ["新都片区", "辉埠片区"],
            "name_en": ["Xindu", "Huibu"],
        },
        geometry=[
            shapely.MultiPolygon([shapely.box(118.4, 28.8, 118.6, 29)]),
            shapely.MultiPolygon([shapely.box(118.6, 28.8, 118.7, 29)]),
        ],
        crs=4490,
    )


def _history(store):
    layers = {}
    for kind in ("parcels", "buildings"):
        gdf = store.layer(kind, None)
        key = "parcel_id" if kind == "parcels" else "building_id"
        gdf = gdf.assign(wkb=gdf.geometry.to_wkb()).drop(columns=["geometry", "fid"])
        layers[kind] = pd.DataFrame(gdf).sort_values([key, "valid_from"]).reset_index(drop=True)
    return {
        **layers,
        "imports": store.imports().reset_index(drop=True),
        "changes": store.changes().drop(columns="change_id").reset_index(drop=True),
        "zones": pd.DataFrame(
            store.zones().assign(wkb=lambda z: z.geometry.to_wkb()).drop(columns="geometry")
        ),
    }


def _plain(frame):
    """Missing values as None and numbers as float, whatever the backend returned
    (an all-NULL column comes back as None from one driver, NaN from another)."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        values = frame[col]
        if col in NUMERIC_COLUMNS:
            out[col] = pd.to_numeric(values).astype(float)
        else:
            values = values.astype(object)
            out[col] = values.where(values.notna(), None)
    return out


def _totals(store):
    return {d: (store.summary(d), store.factory_totals(d)) for d in AS_OF_DATES}


def _assert_same_inventory(source, target):
    a, b = _history(source), _history(target)
    for name in a:
        # Geometry is bit-identical; the store recomputes areas on load in a
        # projection centred on the batch, which moves them by ~1e-12 relative.
        pd.testing.assert_frame_equal(
            _plain(a[name]), _plain(b[name]), obj=name, check_dtype=False, rtol=1e-9
        )
    ta, tb = _totals(source), _totals(target)
    for day in AS_OF_DATES:
        for x, y in zip(ta[day], tb[day]):
            pd.testing.assert_frame_equal(
                x.reset_index(drop=True), y.reset_index(drop=True), check_dtype=False, rtol=1e-9
            )


def _loaded_source(store, make_parcels, make_buildings):
    store.load_snapshot({"zones": _zones()})
    _fill_with_history(store, make_parcels, make_buildings)
    return store


def test_backup_holds_every_version_and_both_logs(store, tmp_path, make_parcels, make_buildings):
    _loaded_source(store, make_parcels, make_buildings)
    out = tmp_path / "备份.gpkg"

    counts = backup(store, out)

    layers = {str(name) for name, _ in pyogrio.list_layers(out)}
    assert layers == {"parcels", "buildings", "zones", "imports", "changes", META_LAYER}
    assert counts["parcels"] == len(store.layer("parcels", None)) == 11
    assert pyogrio.read_info(out, layer="parcels")["features"] == 11
    assert pyogrio.read_info(out, layer="parcels")["crs"] == "EPSG:4490"
    meta, frames = read_backup(out)
    assert meta["format"] == BACKUP_FORMAT and meta["backend"] == store.backend
    assert set(frames["imports"]["file_name"]) >= {"新都地块.shp", "金川.gpkg"}
    assert frames["imports"]["undone_at"].notna().sum() == 1
    assert not list(tmp_path.glob(".*partial*"))


def test_round_trip_on_the_same_backend(
    store_factory, store_backend, tmp_path, make_parcels, make_buildings, open_any_store, request
):
    source = _loaded_source(store_factory(), make_parcels, make_buildings)
    out = tmp_path / "snapshot.gpkg"
    backup(source, out)
    if store_backend == "gpkg":
        target = open_any_store("gpkg", str(tmp_path / "restored.gpkg"))
    else:
        server = request.getfixturevalue("pg_server")
        name, url = server.new_database()
        request.addfinalizer(lambda: server.drop_database(name))
        target = open_any_store("postgis", url)

    restore(out, target)

    _assert_same_inventory(source, target)


@pytest.mark.postgis
@pytest.mark.parametrize("direction", ["gpkg->postgis", "postgis->gpkg"])
def test_round_trip_across_backends(
    direction, tmp_path, pg_url, make_parcels, make_buildings, open_any_store
):
    gpkg = open_any_store("gpkg", str(tmp_path / "inventory.gpkg"))
    pg = open_any_store("postgis", pg_url)
    source, target = (gpkg, pg) if direction == "gpkg->postgis" else (pg, gpkg)
    source.load_snapshot({"zones": _zones()})
    first = _fill_with_history(source, make_parcels, make_buildings)
    out = tmp_path / "snapshot.gpkg"
    backup(source, out)

    restore(out, target)

    _assert_same_inventory(source, target)
    # the restored store keeps working: undo an import restored from the backup
    target.undo_import(first, date=D(2025, 9, 1))
    assert set(target.layer("parcels", D(2025, 9, 1))["parcel_id"]) == {"HB-001", "HB-002"}


def test_backup_refuses_to_overwrite_and_bad_paths(store, tmp_path):
    existing = tmp_path / "old.gpkg"
    existing.write_bytes(b"keep me")
    with pytest.raises(UsageError, match="already exists"):
        backup(store, existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(UsageError, match=r"\.gpkg"):
        backup(store, tmp_path / "backup.zip")
    with pytest.raises(UsageError, match="folder does not exist"):
        backup(store, tmp_path / "missing" / "b.gpkg")


def test_restore_refuses_a_non_empty_store_and_writes_nothing(
    store_factory, tmp_path, make_parcels, make_buildings
):
    source = _loaded_source(store_factory(), make_parcels, make_buildings)
    out = tmp_path / "snapshot.gpkg"
    backup(source, out)
    before = _history(source)

    with pytest.raises(ConflictError):
        restore(out, source)

    after = _history(source)
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name])


def test_restore_explains_files_that_are_not_backups(store, tmp_path, make_parcels):
    with pytest.raises(UsageError, match="not found"):
        restore(tmp_path / "nope.gpkg", store)
    text = tmp_path / "notes.gpkg"
    text.write_text("不是数据库", encoding="utf-8")
    with pytest.raises(UsageError, match="not a GeoPackage"):
        restore(text, store)
    plain = tmp_path / "parcels.gpkg"
    pyogrio.write_dataframe(make_parcels(["XD-001"]), plain, driver="GPKG")
    with pytest.raises(UsageError, match="not a landinv backup"):
        restore(plain, store)
    assert store.is_empty()


def test_restore_refuses_a_damaged_backup(
    store_factory, tmp_path, make_parcels, make_buildings, open_any_store
):
    source = _loaded_source(store_factory(), make_parcels, make_buildings)
    out = tmp_path / "snapshot.gpkg"
    backup(source, out)
    with sqlite3.connect(out) as conn:  # lose a row, as a truncated copy would
        conn.execute("DELETE FROM parcels WHERE fid = (SELECT max(fid) FROM parcels)")
    target = open_any_store("gpkg", str(tmp_path / "target.gpkg"))
    with pytest.raises(UsageError, match="damaged"):
        restore(out, target)
    assert target.is_empty()
