"""The sample data generator: determinism, the report's totals, history, geometry, labels.

Every figure is recomputed here from the files as written (read back with
GDAL), not taken from the generator's own summary.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from landinv import sample
from landinv.domain import M2_PER_MU, STATUSES, Config
from landinv.errors import UsageError
from landinv.geometry import area_m2, geod_area_m2
from landinv.sample import story
from landinv.schema import BUILDINGS, PARCELS, column_names

FLOOR_MU = 2000.0
FLOOR_M2 = 100_000.0
LAYERS = ("zones", PARCELS, BUILDINGS)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    result = sample.generate(out)
    return out, result


def _read(path):
    return pyogrio.read_dataframe(path, datetime_as_string=True)


@pytest.fixture(scope="module")
def zones(generated):
    return _read(generated[1]["paths"]["zones"])


@pytest.fixture(scope="module")
def parcels(generated):
    return _read(generated[1]["paths"][PARCELS])


@pytest.fixture(scope="module")
def buildings(generated):
    return _read(generated[1]["paths"][BUILDINGS])


def _as_of(frame: pd.DataFrame, date: str) -> pd.DataFrame:
    valid_to = frame["valid_to"]
    return frame[(frame["valid_from"] <= date) & (valid_to.isna() | (valid_to > date))]


def _ready_mu(parcels: pd.DataFrame, date: str) -> float:
    rows = _as_of(parcels, date)
    rows = rows[(rows["category"] == "ready") & (rows["status"] == "available")]
    return rows["area_m2"].sum() / M2_PER_MU


def _factory_m2(buildings: pd.DataFrame, date: str) -> float:
    rows = _as_of(buildings, date)
    return rows.loc[rows["is_standard_factory"].astype(bool), "floor_area_m2"].sum()


def _days(year: int):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day.isoformat()
        day += dt.timedelta(days=1)


def _change_dates(frame: pd.DataFrame) -> list[str]:
    return sorted(set(frame["valid_from"]) | set(frame["valid_to"].dropna()))


TODAY = dt.date.today().isoformat()


# -- determinism and files ------------------------------------------------------


def test_two_runs_write_identical_bytes(generated, tmp_path):
    first_dir, first = generated
    second = sample.generate(tmp_path)
    for layer in LAYERS:
        a, b = first["paths"][layer], second["paths"][layer]
        assert a.relative_to(first_dir) == b.relative_to(tmp_path)
        assert a.read_bytes() == b.read_bytes(), layer


def test_the_shipped_files_are_what_the_generator_writes(generated):
    """data/ is regenerated, never edited: the committed files are the generator's bytes."""
    shipped = sample.DATA_DIR
    if not (shipped / "parcels" / "parcels.geojson").is_file():
        pytest.skip("no shipped data/ in this checkout")
    for layer in LAYERS:
        written = generated[1]["paths"][layer]
        assert written.read_bytes() == (shipped / written.relative_to(generated[0])).read_bytes()


def test_files_are_labelled_as_illustrative(generated):
    for layer in LAYERS:
        info = pyogrio.read_info(generated[1]["paths"][layer])
        description = info["layer_metadata"]["DESCRIPTION"]
        assert "not cadastral records" in description
        assert "示例数据，非地籍登记资料" in description
        assert info["crs"] == "EPSG:4490"
        assert info["driver"] == "GeoJSON"


def test_no_temporary_files_are_left(generated):
    out = generated[0]
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == [
        "buildings/buildings.geojson",
        "parcels/parcels.geojson",
        "zones/zones.geojson",
    ]


def test_coordinates_are_rounded_to_seven_decimals(generated):
    text = generated[1]["paths"][PARCELS].read_text(encoding="utf-8")
    decimals = {len(m) for m in re.findall(r"\[ 118\.(\d+), 28\.\d+ \]", text)}
    assert decimals and max(decimals) <= 7


def test_columns_follow_the_schema(parcels, buildings):
    assert list(parcels.columns) == column_names(PARCELS) + ["geometry"]
    assert list(buildings.columns) == column_names(BUILDINGS) + ["geometry"]
    for frame in (parcels, buildings):
        assert set(frame.geometry.geom_type) == {"MultiPolygon"}
        assert (frame["import_id"] == "sample").all()


def test_result_reports_paths_and_totals(generated, parcels):
    result = generated[1]
    assert set(result["paths"]) == set(LAYERS)
    assert all(p.is_file() for p in result["paths"].values())
    totals = result["totals"]
    assert totals["parcels"] == parcels["parcel_id"].nunique()
    assert totals["ready_land_mu_end"] == pytest.approx(_ready_mu(parcels, TODAY))


# -- zones ---------------------------------------------------------------------


def test_zones_sit_near_their_real_places(zones):
    cfg = Config()
    assert sorted(zones["code"]) == sorted(cfg.zone_codes)
    for z in cfg.zones:
        row = zones[zones["code"] == z.code].iloc[0]
        assert (row["name_zh"], row["name_en"]) == (z.name_zh, z.name_en)
    centre = {c: g.centroid for c, g in zip(zones["code"], zones.geometry)}
    for point in centre.values():
        assert 118.4 <= point.x <= 118.6 and 28.85 <= point.y <= 29.0
    assert abs(centre["xindu"].x - 118.52) < 0.02 and abs(centre["xindu"].y - 28.91) < 0.02
    assert centre["huibu"].x < centre["xindu"].x and centre["huibu"].y > centre["xindu"].y
    assert centre["jinchuan"].x > centre["xindu"].x
    geoms = list(zones.geometry)
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            assert not geoms[i].intersects(geoms[j])
    km2 = area_m2(zones.geometry) / 1e6
    assert ((km2 > 0.5) & (km2 < 10)).all()


# -- geometry ------------------------------------------------------------------


def test_every_geometry_is_valid(zones, parcels, buildings):
    for frame in (zones, parcels, buildings):
        assert shapely.is_valid(frame.geometry.values).all()
        assert not frame.geometry.is_empty.any()


def test_area_column_is_the_geometry_area(parcels):
    computed = area_m2(parcels.geometry)
    np.testing.assert_allclose(parcels["area_m2"], computed, rtol=1e-9)
    one_per_parcel = parcels.drop_duplicates("parcel_id")
    geodesic = geod_area_m2(one_per_parcel.geometry)
    np.testing.assert_allclose(one_per_parcel["area_m2"], geodesic, rtol=1e-6)


def test_parcels_are_industrial_sized(parcels):
    mu = parcels.drop_duplicates("parcel_id")["area_m2"] / M2_PER_MU
    assert mu.min() >= 5.0 and mu.max() <= 150.0
    assert len(mu) >= 80


def test_some_parcels_are_irregular(parcels):
    # Conformal projection centred on the zones, so right angles stay right angles.
    shapes = parcels.drop_duplicates("parcel_id").geometry.to_crs(
        "+proj=tmerc +lat_0=28.9 +lon_0=118.5 +ellps=GRS80 +units=m"
    )
    rectangularity = shapes.area / shapes.minimum_rotated_rectangle().area
    assert (rectangularity > 0.999).sum() > len(shapes) / 2  # mostly rectilinear lots
    assert (rectangularity < 0.95).sum() >= 3  # a few cut by the river or a diagonal road


def test_no_two_parcels_overlap_at_any_date(parcels):
    for date in _change_dates(parcels):
        geoms = _as_of(parcels, date).geometry.values
        tree = shapely.STRtree(geoms)
        left, right = tree.query(geoms, predicate="intersects")
        pairs = left < right
        shared = area_m2(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
        # Neighbours share edges (intersecting in lines), never area.
        assert shared.max(initial=0.0) < 0.01, date


def test_parcels_lie_inside_their_zone(parcels, zones):
    boundary = dict(zip(zones["code"], zones.geometry))
    for zone, rows in parcels.groupby("zone"):
        assert shapely.covered_by(rows.geometry.values, boundary[zone]).all(), zone


def test_buildings_lie_inside_their_parcel(parcels, buildings):
    for _, b in buildings.iterrows():
        site = _as_of(parcels, b["valid_from"])
        site = site[site["parcel_id"] == b["parcel_id"]]
        assert len(site) == 1, b["building_id"]
        assert site.geometry.iloc[0].contains(b.geometry)
        assert site["zone"].iloc[0] == b["zone"]


# -- identity and history -------------------------------------------------------


def test_ids_are_unique_at_every_date(parcels, buildings):
    for frame, key in ((parcels, "parcel_id"), (buildings, "building_id")):
        for date in _change_dates(frame):
            ids = _as_of(frame, date)[key]
            assert ids.is_unique, (key, date)


def test_versions_chain_without_gaps(parcels, buildings):
    for frame, key in ((parcels, "parcel_id"), (buildings, "building_id")):
        for object_id, rows in frame.groupby(key):
            rows = rows.sort_values("valid_from")
            ends = list(rows["valid_to"])
            assert pd.isna(ends[-1]), object_id
            assert ends[:-1] == list(rows["valid_from"])[1:], object_id
            assert all(g.equals(rows.geometry.iloc[0]) for g in rows.geometry), object_id


def test_labels_look_like_a_register(parcels, buildings):
    cfg = Config()
    names_zh = {z.code: z.name_zh for z in cfg.zones}
    assert parcels["parcel_id"].str.fullmatch(r"CS-(XD|HB|JC)-(19|20)\d\d-\d{3}").all()
    assert buildings["building_id"].str.fullmatch(r"CS-(XD|HB|JC)-CF-\d{3}").all()
    for _, row in parcels.drop_duplicates("parcel_id").iterrows():
        assert row["name"].startswith(names_zh[row["zone"]]) and row["name"].endswith("地块")
    assert parcels.drop_duplicates("parcel_id")["name"].is_unique
    assert set(parcels["category"]) == set(cfg.category_codes)
    assert set(parcels["status"]) <= set(STATUSES)
    assert set(parcels["land_use_code"]) <= {"0601", "0508"}
    assert (parcels["land_use_code"] == "0601").mean() > 0.8
    supplied = parcels[parcels["status"] == "supplied"]
    assert supplied["project"].notna().all() and (supplied["project"].str.len() > 3).all()
    assert buildings["name"].str.contains("#").all()


# -- the report's totals ----------------------------------------------------------


def test_ready_land_today_is_a_little_above_the_floor(parcels):
    assert 2010.0 <= _ready_mu(parcels, TODAY) <= 2080.0


def test_ready_land_dips_below_the_floor_for_weeks_in_2025(parcels):
    assert _ready_mu(parcels, "2025-01-01") >= FLOOR_MU
    assert _ready_mu(parcels, "2025-05-15") < FLOOR_MU  # inside the spring dip
    below = [d for d in _days(2025) if _ready_mu(parcels, d) < FLOOR_MU]
    assert len(below) >= 14
    assert _ready_mu(parcels, "2025-12-31") >= FLOOR_MU


def test_ready_land_moves_across_the_year(parcels):
    stocks = {
        round(_ready_mu(parcels, d), 3) for d in _change_dates(parcels) if d.startswith("2025")
    }
    assert len(stocks) >= 8


def test_supplies_in_2025_include_the_bearing_plant(parcels, buildings):
    supplied_2025 = parcels[
        (parcels["status"] == "supplied") & parcels["valid_from"].str.startswith("2025")
    ]
    assert len(supplied_2025) >= 5
    bearing = supplied_2025[supplied_2025["project"].str.contains("轴承")]
    assert len(bearing) == 1
    assert "拿地即开工" in bearing["project"].iloc[0]
    before = parcels[
        (parcels["parcel_id"] == bearing["parcel_id"].iloc[0])
        & (parcels["valid_to"] == bearing["valid_from"].iloc[0])
    ]
    assert before[["category", "status"]].values.tolist() == [["ready", "available"]]
    plant = buildings[buildings["parcel_id"] == bearing["parcel_id"].iloc[0]]
    assert len(plant) >= 1 and (plant["valid_from"] > bearing["valid_from"].iloc[0]).all()


@pytest.mark.parametrize(("category", "target"), [("revitalised", 410.0), ("new", 400.0)])
def test_land_added_in_2025_matches_the_report(parcels, category, target):
    rows = parcels[parcels["category"] == category].sort_values("valid_from")
    first = rows.drop_duplicates("parcel_id")
    added = first[first["valid_from"].str.startswith("2025")]
    assert added["area_m2"].sum() / M2_PER_MU == pytest.approx(target, abs=1.0)
    turned_ready = parcels[
        parcels["parcel_id"].isin(added["parcel_id"])
        & (parcels["category"] == "ready")
        & (parcels["valid_from"] > "2025-01-01")
    ]
    assert 0 < turned_ready["parcel_id"].nunique() < len(added)


def test_standard_factory_space_stays_a_little_above_the_floor(buildings):
    assert 100_500.0 <= _factory_m2(buildings, TODAY) <= 104_000.0
    assert min(_factory_m2(buildings, d) for d in _days(2025)) >= FLOOR_M2
    standard = buildings[buildings["is_standard_factory"].astype(bool)]
    assert 20 <= standard["building_id"].nunique() <= 60
    assert standard["floors"].between(2, 5).all()
    assert standard["valid_from"].str.startswith("2025").sum() >= 2


def test_floor_area_is_footprint_times_floors_unless_given(buildings):
    np.testing.assert_allclose(buildings["footprint_m2"], area_m2(buildings.geometry), rtol=1e-9)
    product = buildings["footprint_m2"] * buildings["floors"]
    given = ~np.isclose(buildings["floor_area_m2"], product, rtol=1e-12)
    assert 1 <= given.sum() <= 4
    assert (buildings.loc[given, "floor_area_m2"] < product[given]).all()


def test_declared_areas_mostly_agree_some_are_flagged_some_missing(parcels):
    one = parcels.drop_duplicates("parcel_id")
    known = one.dropna(subset=["declared_area_m2"])
    gap = (known["declared_area_m2"] / known["area_m2"] - 1).abs()
    assert 0 < one["declared_area_m2"].isna().sum() < len(one) / 4
    assert (gap <= 0.005).mean() > 0.9
    assert (gap > 0.01).sum() >= 2


# -- safety ----------------------------------------------------------------------


def test_a_broken_story_is_refused_before_writing(monkeypatch, tmp_path):
    monkeypatch.setattr(story, "READY_END_MU", 1900.0)
    with pytest.raises(UsageError) as err:
        sample.generate(tmp_path)
    assert "ready land" in err.value.en and "示例数据" in err.value.zh
    assert not any(tmp_path.iterdir())


def test_main_regenerates_into_a_folder(tmp_path, capsys):
    assert sample.main([str(tmp_path)]) == 0
    assert (tmp_path / "parcels" / "parcels.geojson").is_file()
    assert "ready_land_mu_end" in capsys.readouterr().out
