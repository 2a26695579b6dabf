"""Bulk writes (executemany of tuples on GeoPackage, COPY on PostGIS) store
exactly what the portable per-row INSERT stores, and keep every guarantee of a
write: checks inside the transaction, nothing half-written, bilingual errors."""

import datetime as dt
import sqlite3
import sys
import types
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from landinv.errors import ConflictError, StoreError
from landinv.store.sql import SqlStore, map_distinct, promote_to_multi

D = dt.date
ROOT = Path(__file__).resolve().parents[2]

#: Text a COPY stream must escape, and an empty string that must not become NULL.
AWKWARD = "地块\t一号\n二行 \\N 反斜杠\\ 'q' \"d\""


def _awkward_parcels(make_parcels):
    gdf = make_parcels(["XD-001", "XD-002", "XD-003", "XD-004"])
    gdf["name"] = [AWKWARD, "", None, "普通"]
    gdf["project"] = [None, np.nan, "项目A", ""]
    gdf["declared_area_m2"] = [0.1 + 0.2, None, np.nan, 12345.678901234567]
    two_parts = shapely.MultiPolygon(
        [
            shapely.box(118.6, 28.9, 118.601, 28.901).difference(
                shapely.box(118.6002, 28.9002, 118.6004, 28.9004)
            ),
            shapely.box(118.602, 28.9, 118.603, 28.901),
        ]
    )
    gdf.loc[1, "geometry"] = gdf.geometry[1].geoms[0]  # a Polygon: stored as MultiPolygon
    gdf.loc[2, "geometry"] = two_parts
    # Dates as a snapshot carries them: ISO text, date objects, timestamps.
    gdf["valid_from"] = pd.Series(
        ["2025-01-01", D(2025, 2, 1), pd.Timestamp("2025-03-01"), "2025-01-01"], dtype=object
    )
    gdf["valid_to"] = pd.Series([None, "2025-06-01", None, D(2025, 7, 1)], dtype=object)
    gdf["import_id"] = "sample"
    return gdf


def _awkward_buildings(make_buildings):
    gdf = make_buildings(["B-1", "B-2", "B-3", "B-4"], row=3)
    gdf["is_standard_factory"] = pd.Series([True, np.False_, 1, None], dtype=object)
    gdf["floors"] = pd.Series([3, 2.0, None, np.int64(5)], dtype=object)
    gdf["floor_area_m2"] = [None, 999.5, None, None]
    gdf["valid_from"] = "2025-01-01"
    gdf["valid_to"] = None
    gdf["import_id"] = "sample"
    return gdf


def _raw_rows(store, kind):
    """The stored values as the database holds them, in insertion order."""
    cols = [c.name for c in store.tables[kind].columns if c.name not in ("fid", "geom")]
    if store.backend == "gpkg":
        with sqlite3.connect(store.path) as conn:
            typed = ", ".join(f"{c}, typeof({c})" for c in cols)
            return conn.execute(f"SELECT {typed}, geom FROM {kind} ORDER BY fid").fetchall()
    with store.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                f"SELECT {', '.join(cols)}, ST_SRID(geom), ST_AsBinary(geom) FROM {kind} "
                "ORDER BY fid"
            ).all()
        ]


def _reference_location(store_backend, store_location, tmp_path):
    if store_backend == "gpkg":
        return str(tmp_path / "reference.gpkg")
    return f"{store_location}{'&' if '?' in store_location else '?'}schema=reference"


def test_bulk_path_stores_what_the_per_row_insert_stores(
    store_factory, store_backend, store_location, tmp_path, make_parcels, make_buildings
):
    fast = store_factory()
    reference = store_factory(_reference_location(store_backend, store_location, tmp_path))
    # The reference store writes through the portable SQLAlchemy path.
    reference._insert_layer = types.MethodType(SqlStore._insert_layer, reference)
    layers = {
        "parcels": _awkward_parcels(make_parcels),
        "buildings": _awkward_buildings(make_buildings),
    }
    fast.load_snapshot(layers)
    reference.load_snapshot(layers)
    for kind in ("parcels", "buildings"):
        got, want = _raw_rows(fast, kind), _raw_rows(reference, kind)
        assert len(got) == 4
        assert got == want
    parcels = fast.layer("parcels", None).set_index("parcel_id")
    assert parcels.loc["XD-001", "name"] == AWKWARD
    assert parcels.loc["XD-002", "name"] == ""  # an empty string is not NULL
    assert pd.isna(parcels.loc["XD-003", "name"])
    assert parcels.loc["XD-001", "declared_area_m2"] == 0.1 + 0.2  # bit-exact float
    assert list(parcels["valid_from"]) == ["2025-01-01", "2025-02-01", "2025-03-01", "2025-01-01"]
    assert list(parcels["valid_to"].fillna("-")) == ["-", "2025-06-01", "-", "2025-07-01"]
    assert set(shapely.get_type_id(parcels.geometry.values)) == {6}  # all MultiPolygons
    buildings = fast.layer("buildings", None).set_index("building_id")
    assert list(buildings["is_standard_factory"]) == [True, False, True, False]
    assert buildings.loc["B-1", "floors"] == 3 and buildings.loc["B-4", "floors"] == 5


def test_a_large_import_reads_back_exactly(store, make_parcels):
    gdf = make_parcels([f"XD-{i:05d}" for i in range(6000)])
    import_id = store.commit_import(
        "parcels",
        gdf,
        file_name="big.gpkg",
        sha256="b" * 64,
        effective_date=D(2025, 4, 1),
        user="规划员",
    )
    back = store.layer("parcels", D(2025, 4, 1)).sort_values("parcel_id")
    assert len(back) == 6000
    assert list(back["parcel_id"]) == list(gdf["parcel_id"])
    assert list(back.geometry.to_wkb()) == list(gdf.geometry.to_wkb())
    assert set(back["import_id"]) == {import_id}
    assert set(back["valid_from"]) == {"2025-04-01"}
    assert back["valid_to"].isna().all()
    assert store.imports().loc[0, "n_features"] == 6000


def test_duplicate_ids_within_the_file_are_refused_before_writing(store, make_parcels):
    gdf = make_parcels(["XD-001", "XD-002", "XD-001", "XD-003", "XD-003"])
    with pytest.raises(ConflictError) as err:
        store.commit_import(
            "parcels", gdf, file_name="a.gpkg", sha256="a" * 64, effective_date=D(2025, 1, 1)
        )
    assert "XD-001, XD-003" in err.value.en and "XD-001, XD-003" in err.value.zh
    assert store.is_empty()


def test_an_import_refused_for_existing_ids_leaves_the_store_unchanged(store, make_parcels):
    store.commit_import(
        "parcels",
        make_parcels([f"XD-{i:04d}" for i in range(3000)]),
        file_name="a.gpkg",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
    )
    before = (len(store.layer("parcels", None)), len(store.imports()), len(store.changes()))
    clash = make_parcels([f"XD-{i:04d}" for i in range(2990, 4000)], row=5)
    with pytest.raises(ConflictError) as err:
        store.commit_import(
            "parcels", clash, file_name="b.gpkg", sha256="b" * 64, effective_date=D(2025, 2, 1)
        )
    assert "XD-2990" in err.value.en
    assert (len(store.layer("parcels", None)), len(store.imports()), len(store.changes())) == before


@pytest.mark.postgis
def test_a_copy_the_server_refuses_is_a_bilingual_error_and_writes_nothing(pg_url, make_parcels):
    from landinv.store.postgis import PostgisStore

    gdf = make_parcels(["XD-001", "XD-002"])
    gdf["name"] = ["好", "坏\x00名"]  # PostgreSQL text cannot hold NUL
    with PostgisStore(pg_url) as store:
        with pytest.raises(StoreError) as err:
            store.commit_import(
                "parcels", gdf, file_name="a.gpkg", sha256="a" * 64, effective_date=D(2025, 1, 1)
            )
        assert "PostgreSQL" in err.value.en and "PostgreSQL" in err.value.zh
        assert store.is_empty() and len(store.changes()) == 0
        # The connection went back to the pool healthy: the next import works.
        store.commit_import(
            "parcels",
            make_parcels(["XD-001"]),
            file_name="a.gpkg",
            sha256="a" * 64,
            effective_date=D(2025, 1, 1),
        )
        assert len(store.layer("parcels", None)) == 1


def test_map_distinct_converts_each_distinct_value_once():
    calls = []

    def convert(value):
        calls.append(value)
        return f"<{value}>"

    values = np.array(["a", None, "b", "a", np.nan, "b", "a"], dtype=object)
    out = map_distinct(values, convert)
    assert list(out) == ["<a>", None, "<b>", "<a>", None, "<b>", "<a>"]
    assert sorted(calls) == ["a", "b"]
    assert list(map_distinct(np.array([], dtype=object), convert)) == []


def test_promote_to_multi_matches_a_one_part_multipolygon():
    poly = shapely.box(0, 0, 1, 2)
    multi = shapely.MultiPolygon([shapely.box(3, 3, 4, 4)])
    out = promote_to_multi(np.array([poly, None, multi], dtype=object))
    assert out[0].wkb == shapely.MultiPolygon([poly]).wkb
    assert out[1] is None and out[2] is multi


# -- the benchmark workload (correctness only, never timing) ---------------------


def _bench_ctx(tmp_path, pg_url=None):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks import datasets

    return datasets.Context(
        sizes=datasets.PRESETS["smoke"], out=tmp_path, log=lambda m: None, pg_url=pg_url
    )


def test_write_benchmark_measures_both_paths_and_they_store_the_same(tmp_path):
    from benchmarks import store_write

    rows = store_write.run(_bench_ctx(tmp_path))
    gpkg = rows[0]
    assert gpkg.ours > 0 and gpkg.naive > 0 and gpkg.ratio is not None
    assert gpkg.extra["same_rows"], gpkg.note
    assert rows[1].ours is None and "not measured" in rows[1].note  # no PostGIS given


@pytest.mark.postgis
def test_write_benchmark_on_postgis(tmp_path, pg_url):
    from benchmarks import store_write

    row = store_write.run(_bench_ctx(tmp_path, pg_url))[1]
    assert row.ours > 0 and row.naive > 0
    assert row.extra["same_rows"], row.note
