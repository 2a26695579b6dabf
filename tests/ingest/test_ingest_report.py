"""The report: bilingual text, JSON, verdict, choices; the result's API."""

from __future__ import annotations

import json
import warnings

import pyogrio

from landinv.ingest import IngestOptions, IngestResult, read_upload
from landinv.ingest.report import TEXT_LIST_LIMIT, Report
from landinv.schema import column_names
from tests.support.ingest_corpus import CASES_BY_NAME, build_source, new_parcels, write_shapefile


def test_json_report_is_complete_and_serialisable(tmp_path):
    source, _ = build_source(CASES_BY_NAME["two_point_ring"], tmp_path)
    result = read_upload(source, options=IngestOptions(zone="xindu"))
    data = json.loads(json.dumps(result.report.to_dict(), ensure_ascii=False))
    assert data["accepted"] is False
    assert data["format"] == "shapefile" and data["encoding"] == "UTF-8"
    assert data["crs"] == "EPSG:4490"
    assert data["counts"] == {
        "read": 3,
        "accepted": 2,
        "rejected": 1,
        "fixed": 1,
        "must_fix": 1,
        "warnings": 0,
    }
    issue = data["must_fix"][0]
    assert issue["code"] == "ring_too_few_points" and issue["feature"] == 2
    assert issue["object_id"] == "XD-N02" and issue["zh"] and issue["en"]


def test_text_report_in_both_languages(tmp_path):
    source, _ = build_source(CASES_BY_NAME["two_point_ring"], tmp_path)
    report = read_upload(source, options=IngestOptions(zone="xindu")).report
    zh, en = report.to_text("zh"), report.to_text("en")
    assert "必须修改 (1)" in zh and "[#2 XD-N02]" in zh and "未通过" in zh
    assert "Must be fixed (1)" in en and "[#2 XD-N02]" in en and "refused" in en
    assert "属性编码：UTF-8" in zh and "Coordinate system: EPSG:4490" in en


def test_choices_are_in_the_result_and_the_report(tmp_path):
    source, _ = build_source(CASES_BY_NAME["zip_two_shapefiles"], tmp_path)
    result = read_upload(source)
    assert not result.ok and result.choices is result.report.choices
    options = result.choices["layer"]
    assert [o["value"] for o in options] == ["parcels_2025.shp", "parcels_2026.shp"]
    assert all(o["zh"] and o["en"] for o in options)
    assert "--layer" in result.report.to_text("en")
    assert result.report.to_dict()["choices"]["layer"][0]["features"] == 3


def test_accepted_result_is_in_the_store_schema(tmp_path):
    result = read_upload(
        write_shapefile(new_parcels(), tmp_path),
        options=IngestOptions(zone="xindu", effective_date="2025-03-01"),
    )
    assert isinstance(result, IngestResult) and result.ok
    assert list(result.gdf.columns) == column_names("parcels") + ["geometry"]
    row = result.gdf.iloc[0]
    assert row["status"] == "available" and row["valid_from"] == "2025-03-01"
    assert row["valid_to"] is None and row["import_id"] is None
    assert len(result.sha256) == 64
    assert "结论：检查通过" in result.report.to_text("zh")


def test_many_kinds_are_cut_in_text_only():
    # One issue per feature, each of its own kind: the text lists TEXT_LIST_LIMIT kinds.
    report = Report(file_name="x.shp", n_read=80)
    for i in range(TEXT_LIST_LIMIT + 5):
        report.refuse(f"kind_{i}", "没有几何图形。", "No geometry.", feature=i + 1)
    assert "5 more kinds, see the JSON report" in report.to_text("en")
    assert len(report.to_dict()["must_fix"]) == TEXT_LIST_LIMIT + 5


def test_identical_problems_are_one_line_with_ranges():
    report = Report(file_name="x.shp", n_read=80)
    for i in range(TEXT_LIST_LIMIT + 5):
        report.refuse("null_geometry", feature=i + 1, object_id=f"P{i + 1}")
    text = report.to_text("en")
    assert "[#1–#55: 55 features] No geometry (null record)" in text
    assert "(e.g. P1, P2, P3)" in text and "more" not in text
    assert len(report.to_dict()["must_fix"]) == TEXT_LIST_LIMIT + 5


def test_empty_file_is_not_accepted(tmp_path):
    path = tmp_path / "empty.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GDAL cutting long field names
        pyogrio.write_dataframe(new_parcels().iloc[:0], path, geometry_type="Polygon")
    result = read_upload(path, options=IngestOptions(zone="xindu"))
    assert [i.code for i in result.report.must_fix] == ["no_features"]


def test_a_group_counts_features_not_findings():
    # One feature can overlap several stored parcels: the line counts features.
    report = Report(file_name="x.shp", n_read=3)
    for feature, other in ((1, "A"), (1, "B"), (2, "A")):
        report.refuse(
            "overlap_with_store", feature=feature, what="parcel", other=other, share="50.0%"
        )
    assert "[#1–#2: 2 features] Overlaps a feature already in the inventory" in report.to_text("en")
