"""Checks against the inventory, on every store backend: duplicates, overlaps,
re-uploads, the floor preview, and a store left untouched by refused files."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from landinv.domain import M2_PER_MU
from landinv.geometry import area_m2
from landinv.ingest import IngestOptions, read_upload
from tests.support.ingest_corpus import (
    CASES,
    CASES_BY_NAME,
    build_source,
    new_buildings,
    new_parcels,
    outcome,
    seed_store,
    square,
    stored_buildings,
    stored_parcels,
    write_shapefile,
)

DAY = dt.date(2025, 6, 30)


@pytest.fixture
def inventory(store):
    seed_store(store)
    return store


def _snapshot(store) -> dict[str, pd.DataFrame]:
    """Everything a read method returns, to compare before and after."""
    return {
        "parcels": store.layer("parcels", None, geometry=False),
        "buildings": store.layer("buildings", None, geometry=False),
        "imports": store.imports(),
        "changes": store.changes(),
        "parcel_shapes": store.layer("parcels", None).to_wkb()[["geometry"]],
    }


def _assert_unchanged(before: dict, store) -> None:
    after = _snapshot(store)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(frame, after[name], obj=name)


def _read(store, source, filename=None, **options):
    options.setdefault("effective_date", DAY)
    return read_upload(source, filename=filename, store=store, options=IngestOptions(**options))


def test_every_refused_corpus_file_leaves_the_store_unchanged(inventory, tmp_path):
    before = _snapshot(inventory)
    refused = [c for c in CASES if c.outcome != "accepted"]
    for case in refused:
        source, filename = build_source(case, tmp_path / case.name)
        result = _read(inventory, source, filename, **case.options)
        assert not result.ok, case.name
        assert outcome(result) == case.outcome, case.name
    _assert_unchanged(before, inventory)


def test_overlap_with_stored_parcel(inventory, tmp_path):
    source, _ = build_source(CASES_BY_NAME["overlaps_stored_parcel"], tmp_path)
    result = _read(inventory, source)
    [issue] = result.report.must_fix
    assert issue.code == "overlap_with_store" and issue.feature == 1
    assert "XD-S01" in issue.en and "50.0%" in issue.en
    assert result.gdf["parcel_id"].tolist() == ["XD-N02"]


def test_touching_a_stored_parcel_is_not_an_overlap(inventory, tmp_path):
    gdf = new_parcels(1)
    gdf.loc[0, "geometry"] = square(118.503, 28.900)  # shares its west edge with XD-S02
    result = _read(inventory, write_shapefile(gdf, tmp_path))
    assert result.ok, result.report.to_text("en")


def test_id_already_current_in_the_store(inventory, tmp_path):
    source, _ = build_source(CASES_BY_NAME["id_already_in_store"], tmp_path)
    result = _read(inventory, source)
    assert [(i.code, i.object_id) for i in result.report.must_fix] == [
        ("duplicate_id_in_store", "XD-S02")
    ]


def test_reupload_of_an_imported_file_is_refused(inventory, tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path)
    first = _read(inventory, shp)
    assert first.ok
    import_id = inventory.commit_import(
        "parcels",
        first.gdf,
        file_name="parcels.shp",
        sha256=first.sha256,
        effective_date=DAY,
        source_crs=first.report.source_crs,
        encoding=first.report.encoding,
        report=first.report.to_dict(),
    )
    before = _snapshot(inventory)
    again = _read(inventory, shp)
    codes = {i.code for i in again.report.must_fix}
    assert "already_imported" in codes and "duplicate_id_in_store" in codes
    assert import_id in next(i.en for i in again.report.must_fix if i.code == "already_imported")
    _assert_unchanged(before, inventory)
    inventory.undo_import(import_id, date=DAY)
    assert _read(inventory, shp, effective_date=DAY + dt.timedelta(days=1)).ok


def test_accepted_rows_commit_and_read_back(inventory, tmp_path):
    shp = write_shapefile(new_parcels().to_crs(4549), tmp_path, encoding="GBK", cpg=False)
    result = _read(inventory, shp)
    assert result.ok, result.report.to_text("en")
    inventory.commit_import(
        "parcels", result.gdf, file_name="p.shp", sha256=result.sha256, effective_date=DAY
    )
    stored = inventory.layer("parcels", DAY)
    new = stored[stored["parcel_id"].str.startswith("XD-N")].sort_values("parcel_id")
    assert new["name"].tolist() == ["新都工业园1号地块", "新都工业园2号地块", "新都工业园3号地块"]
    assert new["zone"].tolist() == ["xindu"] * 3
    assert new["category"].tolist() == ["ready", "revitalised", "new"]
    assert new["area_m2"].tolist() == pytest.approx(result.gdf["area_m2"].tolist(), rel=1e-9)


def test_floor_preview_before_and_after(inventory, tmp_path):
    result = _read(inventory, write_shapefile(new_parcels(), tmp_path))
    preview = result.report.floor_preview
    stored = stored_parcels()
    ready_before = float(area_m2(stored.geometry[stored["category"] == "ready"]).sum())
    added = float(area_m2(new_parcels().geometry[[0]]).sum())  # only the first is 工业熟地
    land = preview["ready_land_mu"]
    assert land["before"] == pytest.approx(ready_before / M2_PER_MU, rel=1e-6)
    assert land["after"] == pytest.approx((ready_before + added) / M2_PER_MU, rel=1e-6)
    assert land["floor"] == 2000.0 and land["holds_after"] is False
    factory = preview["factory_floor_m2"]
    assert factory["before"] == factory["after"] == pytest.approx(6000.0)
    assert preview["as_of"] == DAY.isoformat()


def test_floor_preview_for_buildings(inventory, tmp_path):
    shp = write_shapefile(new_buildings(), tmp_path, "factories")
    result = _read(inventory, shp, kind="buildings")
    assert result.ok, result.report.to_text("en")
    standard = result.gdf[result.gdf["is_standard_factory"].astype(bool)]
    expected = 6000.0 + float(standard["floor_area_m2"].sum())
    factory = result.report.floor_preview["factory_floor_m2"]
    assert factory["after"] == pytest.approx(expected)
    assert factory["before"] == pytest.approx(float(stored_buildings()["floor_area_m2"].sum()))


def test_zone_boundaries_from_the_store(inventory, tmp_path):
    gdf = new_parcels(2).drop(columns=["片区"])
    result = _read(inventory, write_shapefile(gdf, tmp_path))
    assert result.ok and result.gdf["zone"].tolist() == ["xindu", "xindu"]
    mismatch = new_parcels(1)
    mismatch["片区"] = ["辉埠"]
    flagged = _read(inventory, write_shapefile(mismatch, tmp_path / "m"))
    assert [w.code for w in flagged.report.warnings] == ["zone_mismatch"]
    assert flagged.gdf["zone"].tolist() == ["huibu"]


def test_crs_candidates_ranked_with_the_store_zones(inventory, tmp_path):
    # Only CM 120E puts the parcels inside the stored zones: taken, others offered.
    source, _ = build_source(CASES_BY_NAME["gauss_kruger_no_prefix_no_prj"], tmp_path)
    result = _read(inventory, source)
    assert result.ok and result.report.source_crs == "EPSG:4549"
    assert "100%" in next(n.en for n in result.report.notes if n.code == "crs")
    assert [c["value"] for c in result.report.alternatives["crs"]] == ["EPSG:4548", "EPSG:4550"]
