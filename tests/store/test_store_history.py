"""History, as-of queries, supply and undo: the same promises on both backends."""

import datetime as dt

import pandas as pd
import pytest

from landinv.domain import M2_PER_MU
from landinv.errors import ConflictError, UsageError
from landinv.geometry import area_m2

D = dt.date


def _import(store, gdf, *, sha, date, kind="parcels", user="planner-a"):
    return store.commit_import(
        kind,
        gdf,
        file_name=f"{sha}.gpkg",
        sha256=sha,
        effective_date=date,
        user=user,
        source_crs="EPSG:4549",
        encoding="GBK",
        report={"accepted": len(gdf), "备注": "测试"},
    )


def _ready_available_m2(store, as_of):
    s = store.summary(as_of)
    rows = s[(s["category"] == "ready") & (s["status"] == "available")]
    return float(rows["area_m2"].sum())


def test_a_new_store_is_empty(store):
    assert store.is_empty()
    assert len(store.layer("parcels", D(2025, 1, 1))) == 0
    assert len(store.imports()) == 0
    assert len(store.summary(D(2025, 1, 1))) == 0


def test_import_is_recorded_and_visible_from_its_date(store, make_parcels):
    gdf = make_parcels(["XD-001", "XD-002", "XD-003"])
    import_id = _import(store, gdf, sha="a" * 64, date=D(2025, 3, 1))

    assert len(store.layer("parcels", D(2025, 2, 28))) == 0
    current = store.layer("parcels", D(2025, 3, 1))
    assert sorted(current["parcel_id"]) == ["XD-001", "XD-002", "XD-003"]
    assert current.crs.to_epsg() == 4490
    assert set(current["import_id"]) == {import_id}
    assert not store.is_empty()

    log = store.imports()
    assert len(log) == 1
    rec = log.iloc[0]
    assert (rec["import_id"], rec["file_name"], rec["sha256"], rec["user_name"]) == (
        import_id,
        "a" * 64 + ".gpkg",
        "a" * 64,
        "planner-a",
    )
    assert rec["n_features"] == 3 and rec["effective_date"] == "2025-03-01"
    assert rec["source_crs"] == "EPSG:4549" and rec["encoding"] == "GBK"
    assert "测试" in rec["report_json"]
    assert rec["created_at"] and pd.isna(rec["undone_at"])
    assert store.find_import("a" * 64) == import_id

    changes = store.changes()
    assert list(changes["action"]) == ["import"]
    assert changes.iloc[0]["import_id"] == import_id


def test_summary_areas_are_the_ellipsoidal_areas_of_the_geometries(store, make_parcels):
    gdf = make_parcels([f"XD-{i:03d}" for i in range(5)], category="ready")
    gdf2 = make_parcels(["HB-001", "HB-002"], zone="huibu", category="new", row=1)
    _import(store, gdf, sha="1" * 64, date=D(2025, 1, 1))
    _import(store, gdf2, sha="2" * 64, date=D(2025, 1, 1))
    summary = store.summary(D(2025, 6, 30)).set_index(["zone", "category", "status"])
    expected_ready = area_m2(gdf.geometry).sum()
    assert summary.loc[("xindu", "ready", "available"), "count"] == 5
    assert summary.loc[("xindu", "ready", "available"), "area_m2"] == pytest.approx(
        expected_ready, rel=1e-9
    )
    assert summary.loc[("huibu", "new", "available"), "area_m2"] == pytest.approx(
        area_m2(gdf2.geometry).sum(), rel=1e-9
    )
    # each test parcel is about 15 mu
    assert expected_ready / M2_PER_MU / 5 == pytest.approx(15.0, rel=0.1)


def test_supply_moves_a_parcel_out_of_ready_stock_on_its_date(store, make_parcels):
    gdf = make_parcels(["XD-001", "XD-002", "XD-003"])
    _import(store, gdf, sha="b" * 64, date=D(2025, 1, 1))
    before = _ready_available_m2(store, D(2025, 5, 9))

    store.supply_parcel("XD-002", date=D(2025, 5, 10), project="辰通轴承", user="planner-b")

    supplied_area = float(area_m2(gdf.geometry[gdf["parcel_id"] == "XD-002"])[0])
    assert _ready_available_m2(store, D(2025, 5, 9)) == pytest.approx(before)
    assert _ready_available_m2(store, D(2025, 5, 10)) == pytest.approx(before - supplied_area)
    on_day = store.layer("parcels", D(2025, 5, 10), geometry=False).set_index("parcel_id")
    assert on_day.loc["XD-002", "status"] == "supplied"
    assert on_day.loc["XD-002", "project"] == "辰通轴承"
    assert len(on_day) == 3  # a supplied parcel stays in the inventory

    history = store.layer("parcels", None, geometry=False)
    versions = history[history["parcel_id"] == "XD-002"].sort_values("valid_from")
    assert list(versions["valid_from"]) == ["2025-01-01", "2025-05-10"]
    assert list(versions["valid_to"]) == ["2025-05-10", None]

    supply = store.changes().iloc[0]
    assert (
        supply["action"],
        supply["object_id"],
        supply["date"],
        supply["project"],
        supply["user_name"],
    ) == ("supply", "XD-002", "2025-05-10", "辰通轴承", "planner-b")


def test_supply_refusals_leave_the_store_unchanged(store, make_parcels):
    _import(store, make_parcels(["XD-001"]), sha="c" * 64, date=D(2025, 1, 1))
    store.supply_parcel("XD-001", date=D(2025, 2, 1), project="项目甲")
    snapshot = store.layer("parcels", None, geometry=False)

    with pytest.raises(ConflictError):
        store.supply_parcel("XD-001", date=D(2025, 3, 1), project="项目乙")
    with pytest.raises(UsageError):
        store.supply_parcel("NO-SUCH", date=D(2025, 3, 1), project="项目乙")
    with pytest.raises(UsageError):
        store.supply_parcel("XD-001", date=D(2025, 3, 1), project="  ")

    assert store.layer("parcels", None, geometry=False).equals(snapshot)
    assert list(store.changes()["action"]) == ["supply", "import"]


def test_undo_closes_the_import_as_of_its_date_and_keeps_the_record(store, make_parcels):
    first = _import(store, make_parcels(["XD-001", "XD-002"]), sha="d" * 64, date=D(2025, 3, 1))
    second = _import(store, make_parcels(["XD-003"], row=1), sha="e" * 64, date=D(2025, 4, 1))
    with_both = _ready_available_m2(store, D(2025, 5, 31))
    only_second = _ready_available_m2(store, D(2025, 4, 1)) - _ready_available_m2(
        store, D(2025, 3, 31)
    )

    closed = store.undo_import(first, date=D(2025, 6, 1), user="planner-a")

    assert closed == 2
    assert _ready_available_m2(store, D(2025, 5, 31)) == pytest.approx(with_both)
    assert _ready_available_m2(store, D(2025, 6, 1)) == pytest.approx(only_second)
    assert sorted(store.layer("parcels", D(2025, 6, 1))["parcel_id"]) == ["XD-003"]
    # nothing is deleted: every version is still there
    assert len(store.layer("parcels", None)) == 3

    log = store.imports().set_index("import_id")
    assert log.loc[first, "undone_at"] and log.loc[first, "undone_by"] == "planner-a"
    assert pd.isna(log.loc[second, "undone_at"])
    assert store.changes().iloc[0]["action"] == "undo"
    # the undone file's hash is free again, its IDs too
    assert store.find_import("d" * 64) is None
    again = _import(store, make_parcels(["XD-001", "XD-002"]), sha="d" * 64, date=D(2025, 7, 1))
    assert again != first


def test_undo_also_closes_later_versions_of_the_imported_rows(store, make_parcels):
    import_id = _import(store, make_parcels(["XD-001", "XD-002"]), sha="f" * 64, date=D(2025, 1, 1))
    store.supply_parcel("XD-001", date=D(2025, 2, 1), project="项目甲")

    assert store.undo_import(import_id, date=D(2025, 3, 1)) == 2

    assert len(store.layer("parcels", D(2025, 3, 1))) == 0
    assert len(store.layer("parcels", D(2025, 2, 15))) == 2


def test_undo_refusals(store, make_parcels):
    import_id = _import(store, make_parcels(["XD-001"]), sha="0" * 64, date=D(2025, 1, 1))
    store.undo_import(import_id, date=D(2025, 2, 1))
    with pytest.raises(ConflictError):
        store.undo_import(import_id, date=D(2025, 3, 1))
    with pytest.raises(UsageError):
        store.undo_import("IMP-NOPE", date=D(2025, 3, 1))
    assert len(store.imports()) == 1


def test_refused_imports_write_nothing(store, make_parcels):
    _import(store, make_parcels(["XD-001", "XD-002"]), sha="9" * 64, date=D(2025, 1, 1))
    before = (store.layer("parcels", None, geometry=False), store.imports(), store.changes())

    with pytest.raises(ConflictError, match="already imported"):
        _import(store, make_parcels(["XD-101"]), sha="9" * 64, date=D(2025, 2, 1))
    with pytest.raises(ConflictError, match="XD-002"):
        _import(store, make_parcels(["XD-102", "XD-002"]), sha="8" * 64, date=D(2025, 2, 1))
    with pytest.raises(ConflictError):
        _import(store, make_parcels(["XD-103", "XD-103"]), sha="7" * 64, date=D(2025, 2, 1))

    after = (store.layer("parcels", None, geometry=False), store.imports(), store.changes())
    for b, a in zip(before, after):
        assert a.equals(b)


def test_factory_totals_follow_building_imports(store, make_buildings):
    buildings = make_buildings(["B-1", "B-2", "B-3"], floors=4)
    _import(store, buildings, sha="3" * 64, date=D(2025, 4, 1), kind="buildings")
    _import(
        store,
        make_buildings(["B-9"], standard=False, row=1),
        sha="4" * 64,
        date=D(2025, 4, 1),
        kind="buildings",
    )

    assert len(store.factory_totals(D(2025, 3, 31))) == 0
    totals = store.factory_totals(D(2025, 4, 1)).set_index("is_standard_factory")
    footprint = area_m2(buildings.geometry).sum()
    assert totals.loc[True, "count"] == 3
    assert totals.loc[True, "floor_area_m2"] == pytest.approx(4 * footprint, rel=1e-9)
    assert totals.loc[False, "count"] == 1
