"""Attributes: field names in Chinese, pinyin and English; values; zones; declared areas."""

from __future__ import annotations

import numpy as np
import pytest

from landinv.domain import M2_PER_MU
from landinv.errors import UsageError
from landinv.geometry import area_m2
from landinv.ingest import IngestOptions, read_upload
from landinv.ingest.fields import match_fields, to_bool, to_int, to_number, to_text
from landinv.ingest.validate import locate_zones
from tests.support.ingest_corpus import (
    new_buildings,
    new_parcels,
    square,
    write_shapefile,
    zones_gdf,
)


@pytest.mark.parametrize(
    "fields,expected",
    [
        (
            ["地块编号", "地块名称", "片区", "类型", "面积"],
            {
                "parcel_id": "地块编号",
                "name": "地块名称",
                "zone": "片区",
                "category": "类型",
                "declared_area_m2": "面积",
            },
        ),
        (
            ["DKBH", "DKMC", "PQ", "DL", "TBMJ"],
            {
                "parcel_id": "DKBH",
                "name": "DKMC",
                "zone": "PQ",
                "category": "DL",
                "declared_area_m2": "TBMJ",
            },
        ),
        (
            ["parcel_id", "Name", "ZONE", "category", "Area_M2"],
            {
                "parcel_id": "parcel_id",
                "name": "Name",
                "zone": "ZONE",
                "category": "category",
                "declared_area_m2": "Area_M2",
            },
        ),
        (
            ["编号", "地块编", "面积（平方米）", "面积(亩)", "地类"],
            {"parcel_id": "地块编", "declared_area_m2": "面积（平方米）", "category": "地类"},
        ),
    ],
)
def test_parcel_field_names(fields, expected):
    got = match_fields("parcels", fields).columns
    assert {k: v for k, v in got.items() if k in expected} == expected


def test_building_field_names():
    got = match_fields("buildings", ["厂房编号", "层数", "建筑面", "占地面积", "是否标准厂房"])
    assert got.columns == {
        "building_id": "厂房编号",
        "floors": "层数",
        "floor_area_m2": "建筑面",
        "declared_footprint_m2": "占地面积",
        "is_standard_factory": "是否标准厂房",
    }
    assert got.how["floor_area_m2"] == "prefix"


def test_caller_field_map_wins_and_is_checked(tmp_path):
    gdf = new_parcels().rename(columns={"地块编号": "CODE"})
    gdf["编号"] = ["wrong1", "wrong2", "wrong3"]
    shp = write_shapefile(gdf, tmp_path)
    result = read_upload(shp, options=IngestOptions(zone="xindu", field_map={"CODE": "parcel_id"}))
    assert result.ok and result.gdf["parcel_id"].tolist() == ["XD-N01", "XD-N02", "XD-N03"]
    missing = read_upload(shp, options=IngestOptions(zone="xindu", field_map={"NOPE": "name"}))
    assert "field_map_unknown_field" in {i.code for i in missing.report.must_fix}
    with pytest.raises(UsageError):
        read_upload(shp, options=IngestOptions(field_map={"CODE": "not_a_column"}))


def test_no_id_field_is_explained(tmp_path):
    shp = write_shapefile(new_parcels().drop(columns=["地块编号"]), tmp_path)
    result = read_upload(shp, options=IngestOptions(zone="xindu"))
    issue = next(i for i in result.report.must_fix if i.code == "no_id_field")
    assert "地块编号/DKBH" in issue.zh and "field mapping" in issue.en


@pytest.mark.parametrize(
    "value,expected",
    [("1,234.5㎡", 1234.5), (12, 12.0), ("  ", None), ("无", None), (float("nan"), None)],
)
def test_to_number(value, expected):
    assert to_number(value) == expected


def test_value_conversions():
    assert to_int("3层") == 3 and to_int(None) is None
    assert to_text(1001.0) == "1001" and to_text("  A ") == "A"
    assert to_bool("是") is True and to_bool("N") is False and to_bool("也许") is None


def test_categories_in_chinese_and_english(tmp_path):
    gdf = new_parcels(
        4, categories=("工业熟地", "Revitalised low-efficiency land", "new", "新开发")
    )
    result = read_upload(write_shapefile(gdf, tmp_path), options=IngestOptions(zone="xindu"))
    assert result.gdf["category"].tolist() == ["ready", "revitalised", "new", "new"]


def test_category_for_the_whole_file_wins_over_the_field(tmp_path):
    # Issue 12 item 2: what the caller states for the whole file wins (was: blanks only).
    gdf = new_parcels(2)
    gdf.loc[1, "类型"] = None
    result = read_upload(
        write_shapefile(gdf, tmp_path), options=IngestOptions(zone="xindu", category="新开发土地")
    )
    assert result.gdf["category"].tolist() == ["new", "new"]
    notes = [n.en for n in result.report.notes if n.code == "caller_value_wins"]
    assert any("'类型'" in n and "(new)" in n for n in notes)


def test_zone_names_and_codes(tmp_path):
    gdf = new_parcels(3)
    gdf["片区"] = ["新都", "Xindu", "xindu"]
    result = read_upload(write_shapefile(gdf, tmp_path))
    assert result.gdf["zone"].tolist() == ["xindu"] * 3


def test_unknown_zone_value_refused(tmp_path):
    gdf = new_parcels(2)
    gdf.loc[0, "片区"] = "城南"
    result = read_upload(write_shapefile(gdf, tmp_path))
    assert [(i.code, i.feature) for i in result.report.must_fix] == [("unknown_zone", 1)]


def test_locate_zones_by_largest_share():
    zones = zones_gdf()
    straddle = square(118.528, 28.900, 0.004)  # mostly east of xindu: outside
    inside = square(118.510, 28.910)
    codes = locate_zones(np.array([inside, straddle, None], dtype=object), zones)
    assert codes.tolist() == ["xindu", "xindu", None]


def test_declared_area_difference_over_one_percent_is_flagged(tmp_path):
    gdf = new_parcels(3)
    true_area = [float(a) for a in area_m2(gdf.geometry)]
    gdf["面积"] = [true_area[0] * 1.005, true_area[1] * 1.02, None]
    result = read_upload(write_shapefile(gdf, tmp_path), options=IngestOptions(zone="xindu"))
    flagged = [w for w in result.report.warnings if w.code == "area_mismatch"]
    assert [w.feature for w in flagged] == [2]
    assert "+2.0%" in flagged[0].en
    assert result.ok  # a warning, not a refusal
    assert result.gdf["declared_area_m2"].iloc[0] == pytest.approx(true_area[0] * 1.005)
    assert result.gdf["area_m2"].iloc[1] == pytest.approx(true_area[1])


def test_declared_area_in_mu(tmp_path):
    gdf = new_parcels(1)
    computed = float(area_m2(gdf.geometry)[0])
    gdf["面积亩"] = [computed / M2_PER_MU]
    result = read_upload(write_shapefile(gdf, tmp_path), options=IngestOptions(zone="xindu"))
    assert result.gdf["declared_area_m2"].iloc[0] == pytest.approx(computed)
    assert not result.report.warnings


def test_buildings_floor_area_and_standard_flag(tmp_path):
    gdf = new_buildings()
    gdf.loc[2, "是否标准厂房"] = "不清楚"
    shp = write_shapefile(gdf, tmp_path, "factories")
    result = read_upload(shp, options=IngestOptions(kind="buildings", zone="xindu"))
    assert [(i.code, i.feature) for i in result.report.must_fix] == [("unknown_standard_flag", 3)]
    first, second = result.gdf.iloc[0], result.gdf.iloc[1]
    assert first["floor_area_m2"] == 5000.0 and bool(first["is_standard_factory"])
    assert second["floor_area_m2"] == pytest.approx(second["footprint_m2"] * 2)
    assert second["floors"] == 2


def test_building_without_floor_area_or_floors(tmp_path):
    gdf = new_buildings().drop(columns=["层数"])
    gdf.loc[1, "建筑面积"] = None
    result = read_upload(
        write_shapefile(gdf, tmp_path, "f"), options=IngestOptions(kind="buildings", zone="xindu")
    )
    assert [(i.code, i.feature) for i in result.report.must_fix] == [("missing_floor_area", 2)]
