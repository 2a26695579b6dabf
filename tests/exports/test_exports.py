"""Tests of landinv.exports: every file is written for real and read back
with the library a planner's tool would use (csv, openpyxl, pyogrio/GDAL)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely

from landinv import analysis as reports
from landinv import exports
from landinv.domain import M2_PER_MU
from landinv.errors import LandinvError, UsageError
from landinv.geometry import area_m2
from tests.support.histories import (
    CFG,
    YEAR_START,
    as_layer,
    building_history,
    parcel_history,
    summary_of,
    totals_of,
)

AS_OF = dt.date(2025, 12, 31)


@pytest.fixture(autouse=True)
def private_tempdir(tmp_path, monkeypatch):
    """Point tempfile at an empty folder so each test can see what is left in it."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def make_report(*, sample: bool = False) -> reports.InventoryReport:
    parcels, buildings = parcel_history(), building_history()
    summary, totals = summary_of(parcels, AS_OF), totals_of(buildings, AS_OF)
    series = reports.stock_series(parcels, buildings, CFG, YEAR_START, AS_OF)
    return reports.InventoryReport(
        as_of=AS_OF,
        config=CFG,
        summary=summary,
        factory_totals=totals,
        table=reports.zone_category_table(summary, CFG),
        checks=reports.floor_checks(summary, totals, CFG),
        series=series,
        timeline=reports.monthly_timeline(parcels, buildings, CFG, YEAR_START, AS_OF),
        breaches=reports.breach_periods(series, CFG),
        events=reports.stock_events(parcels, buildings, CFG, YEAR_START, AS_OF),
        annual=reports.annual_figures(parcels, CFG, 2025),
        source="/data/inventory.gpkg",
        sample_data=sample,
        start=YEAR_START,
    )


@pytest.fixture(scope="module")
def parcels_layer():
    layer = as_layer(parcel_history(), "area_m2")
    layer.insert(0, "fid", range(1, len(layer) + 1))
    return layer


# -- CSV ---------------------------------------------------------------------------


def test_csv_has_bom_bilingual_headers_and_full_precision(tmp_path):
    table = make_report().table
    target = tmp_path / "summary.csv"
    exports.write_csv(table, target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = rows[0]
    assert "面积(亩) / Area (mu)" in header and "片区 / Zone" in header
    assert "宗数 / Count" in header
    body = pd.DataFrame(rows[1:], columns=header)
    assert "新都片区" in set(body["片区 / Zone"]) and "合计" in set(body["片区 / Zone"])
    m2 = body["面积(平方米) / Area (m²)"].astype(float).to_numpy()
    mu = body["面积(亩) / Area (mu)"].astype(float).to_numpy()
    assert np.array_equal(m2, table["area_m2"].to_numpy())  # no rounding on the way
    assert np.allclose(mu * (10000 / 15), m2, rtol=1e-14, atol=0)


def test_csv_to_a_buffer_equals_the_file(tmp_path):
    table = make_report().table
    buffer = io.BytesIO()
    exports.write_csv(table, buffer)
    exports.write_csv(table, tmp_path / "t.csv")
    assert buffer.getvalue() == (tmp_path / "t.csv").read_bytes()


def test_csv_english_first(tmp_path):
    buffer = io.BytesIO()
    exports.write_csv(make_report().timeline, buffer, lang="en")
    header = buffer.getvalue().decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Date / 日期,Ready land (mu) / 工业熟地(亩)")
    assert "2025-01-01" in buffer.getvalue().decode("utf-8-sig")


def test_csv_into_a_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as err:
        exports.write_csv(make_report().table, tmp_path / "nowhere" / "t.csv")
    assert "不存在" in err.value.zh and "does not exist" in err.value.en


# -- XLSX --------------------------------------------------------------------------


def sheet_frame(sheet) -> pd.DataFrame:
    """Rows under the header (row 2) of a report sheet."""
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


def test_xlsx_sheets_headers_and_numbers(tmp_path):
    report = make_report()
    target = tmp_path / "report.xlsx"
    exports.summary_xlsx(report, target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        exports.SHEETS[k]
        for k in ("summary", "available", "floors", "timeline", "events", "annual", "metadata")
    ]
    summary = book[exports.SHEETS["summary"]]
    assert "常山经济开发区" in summary["A1"].value and "2025-12-31" in summary["A1"].value
    frame = sheet_frame(summary)
    assert list(frame.columns) == [
        "片区 / Zone",
        "类型 / Category",
        "宗数 / Count",
        "面积(平方米) / Area (m²)",
        "面积(亩) / Area (mu)",
        "面积(公顷) / Area (ha)",
    ]
    # numbers are numbers, at full precision, shown with 2 decimals
    assert frame["面积(亩) / Area (mu)"].tolist() == pytest.approx(
        report.table["area_mu"].tolist(), rel=1e-15
    )
    assert all(isinstance(v, (int, float)) for v in frame["面积(平方米) / Area (m²)"])
    assert summary["E3"].number_format == "#,##0.00"
    assert summary["C3"].number_format == "#,##0"
    assert frame.iloc[-1]["片区 / Zone"] == "合计"
    grand = frame.iloc[-1]["面积(亩) / Area (mu)"]
    details = report.table[report.table["row_type"] == "detail"]["area_mu"].sum()
    assert grand == pytest.approx(details, rel=1e-12)


def test_xlsx_floors_timeline_events(tmp_path):
    report = make_report()
    target = tmp_path / "report.xlsx"
    exports.summary_xlsx(report, target)
    book = openpyxl.load_workbook(target)
    floors = sheet_frame(book[exports.SHEETS["floors"]])
    land = floors.iloc[0]
    assert land["底线 / Floor"] == "工业熟地保有量"
    assert land["现值 / Value"] == pytest.approx(2000.5)
    assert land["底线值 / Floor value"] == 2000
    assert land["单位 / Unit"] == "亩" and land["是否达标 / Holds"] == "是"
    # the breach periods are listed under the floors
    texts = [
        c
        for row in book[exports.SHEETS["floors"]].iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    assert "未达标时段" in texts
    timeline = sheet_frame(book[exports.SHEETS["timeline"]])
    assert timeline["日期 / Date"].iloc[0] == dt.datetime(2025, 1, 1)
    assert book[exports.SHEETS["timeline"]]["A3"].number_format == "yyyy-mm-dd"
    assert timeline["工业熟地(亩) / Ready land (mu)"].tolist() == pytest.approx(
        report.timeline["ready_land_mu"].tolist()
    )
    events = sheet_frame(book[exports.SHEETS["events"]])
    supply = events[events["编号 / ID"] == "R1"].iloc[0]
    assert supply["变动类型 / Event"] == "供应项目" and supply["片区 / Zone"] == "新都片区"
    assert supply["项目 / Project"] == "辰通轴承"
    assert supply["变动(亩) / Change (mu)"] == pytest.approx(-1234.5)
    assert "供应给 辰通轴承" in supply["说明(中文) / Description (Chinese)"]
    annual = sheet_frame(book[exports.SHEETS["annual"]])
    assert annual.iloc[0]["年度目标(亩) / Target (mu)"] == 410
    assert book[exports.SHEETS["annual"]]["G3"].number_format == "0.00%"


def test_xlsx_metadata_and_sample_note(tmp_path):
    exports.summary_xlsx(make_report(), tmp_path / "real.xlsx")
    exports.summary_xlsx(make_report(sample=True), tmp_path / "sample.xlsx")

    def metadata(path):
        frame = sheet_frame(openpyxl.load_workbook(path)[exports.SHEETS["metadata"]])
        return dict(zip(frame["项目 / Item"], frame["内容 / Detail"]))

    real, sample = metadata(tmp_path / "real.xlsx"), metadata(tmp_path / "sample.xlsx")
    assert real["截至日期 / As of"] == "2025-12-31"
    assert real["数据来源 / Data source"] == "/data/inventory.gpkg"
    assert "GRS80" in real["面积计算方法 / Area method"]
    assert "CGCS2000" in real["面积计算方法 / Area method"]
    assert "10000/15" in real["亩的换算 / Mu"]
    generated = dt.datetime.fromisoformat(real["生成时间 / Generated"])
    assert abs((generated - dt.datetime.now().astimezone()).total_seconds()) < 600
    assert "示例数据 / Sample data" not in real
    assert "Illustrative sample data" in sample["示例数据 / Sample data"]
    assert "不是地籍" in sample["示例数据 / Sample data"]


def test_xlsx_in_english_to_a_buffer():
    buffer = io.BytesIO()
    exports.summary_xlsx(make_report(), buffer, lang="en")
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    frame = sheet_frame(book[exports.SHEETS["summary"]])
    assert frame.columns[0] == "Zone / 片区"
    assert "Xindu" in set(frame["Zone / 片区"]) and frame.iloc[-1]["Zone / 片区"] == "Total"
    floors = sheet_frame(book[exports.SHEETS["floors"]])
    assert floors.iloc[0]["Holds / 是否达标"] == "Yes"


def test_xlsx_replaces_an_existing_file_whole(tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    exports.summary_xlsx(make_report(), target)
    assert openpyxl.load_workbook(target).sheetnames[0] == exports.SHEETS["summary"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


# -- layers ---------------------------------------------------------------------------


def read_back(path) -> pd.DataFrame:
    return pyogrio.read_dataframe(path)


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "shp"])
def test_layer_formats_read_back_with_areas_and_chinese(
    tmp_path, parcels_layer, fmt, private_tempdir
):
    target = tmp_path / exports.export_filename("parcels", AS_OF, fmt)
    exports.export_layer(parcels_layer, fmt, target, config=CFG)
    back = read_back(target)
    assert len(back) == len(parcels_layer)
    assert back.crs.to_epsg() == 4490
    expected = area_m2(parcels_layer.geometry)
    assert back["area_m2"].to_numpy() == pytest.approx(expected, rel=1e-12)
    assert back["area_mu"].to_numpy() * M2_PER_MU == pytest.approx(back["area_m2"], rel=1e-12)
    assert back["area_ha"].to_numpy() * 10000 == pytest.approx(back["area_m2"], rel=1e-12)
    assert area_m2(back.geometry) == pytest.approx(expected, rel=1e-9)
    assert back["name"].iloc[0] == "新都A-01"
    assert "fid" not in back.columns
    zone_name = "zone_name"
    assert back[zone_name].iloc[0] == "新都片区"
    category_name = "cat_name" if fmt == "shp" else "category_name"
    assert back[category_name].iloc[0] == "工业熟地"
    assert list(private_tempdir.iterdir()) == []


def test_layer_csv_has_wkt_bom_and_bilingual_headers(tmp_path, parcels_layer, private_tempdir):
    target = tmp_path / "parcels.csv"
    exports.export_layer(parcels_layer, "csv", target, config=CFG, lang="en")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(parcels_layer)
    first = rows[0]
    assert first["Parcel ID / 地块编号"] == "R1" and first["Name / 地块名称"] == "新都A-01"
    assert first["Zone name / 片区名称"] == "Xindu"
    geom = shapely.from_wkt(first["WKT"])
    assert geom.equals_exact(parcels_layer.geometry.iloc[0], tolerance=1e-9)
    mu = float(first["Area (mu) / 面积(亩)"])
    assert mu == pytest.approx(area_m2(parcels_layer.geometry)[0] / M2_PER_MU, rel=1e-13)
    assert list(private_tempdir.iterdir()) == []


def test_shapefile_zip_has_utf8_cpg_short_names_and_field_table(tmp_path, private_tempdir):
    buildings = as_layer(building_history(), "footprint_m2")
    buffer = io.BytesIO()
    exports.export_layer(buildings, "shp", buffer, config=CFG)
    archive = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    names = set(archive.namelist())
    assert {
        "buildings.shp",
        "buildings.shx",
        "buildings.dbf",
        "buildings.prj",
        "buildings.cpg",
        "buildings_fields.csv",
    } <= names
    assert archive.read("buildings.cpg").decode().strip() == "UTF-8"
    table = list(
        csv.DictReader(io.StringIO(archive.read("buildings_fields.csv").decode("utf-8-sig")))
    )
    mapping = {row["列名 / Column"]: row["字段 / Field"] for row in table}
    assert mapping["is_standard_factory"] == "std_fact"
    assert mapping["floor_area_m2"] == "floor_m2"
    assert all(len(short) <= 10 for short in mapping.values())
    assert {row["中文"] for row in table} >= {"厂房编号", "是否标准厂房", "面积(亩)"}
    path = tmp_path / "b.shp.zip"
    path.write_bytes(buffer.getvalue())
    back = read_back(path)
    assert set(mapping.values()) <= set(back.columns)
    assert back["name"].iloc[0] == "新都标准厂房1号"
    assert back["std_fact"].tolist() == [int(v) for v in buildings["is_standard_factory"]]
    assert back["floor_m2"].tolist() == buildings["floor_area_m2"].tolist()
    assert list(private_tempdir.iterdir()) == []


def test_shapefile_field_names_are_short_distinct_and_stable():
    columns = [
        "parcel_id",
        "declared_area_m2",
        "surveyor_name_1",
        "surveyor_name_2",
        "地块备注",
        "备注",
    ]
    names = exports.shapefile_field_names(columns)
    assert names == exports.shapefile_field_names(columns)
    assert names["parcel_id"] == "parcel_id" and names["declared_area_m2"] == "decl_m2"
    assert names["surveyor_name_1"] == "surveyor_n"
    assert names["surveyor_name_2"] == "surveyor_1"
    assert names["地块备注"] == "field" and names["备注"] == "field_1"
    assert all(len(v) <= 10 for v in names.values())
    assert len({v.lower() for v in names.values()}) == len(columns)


def test_failed_export_leaves_nothing_behind(tmp_path, parcels_layer, private_tempdir):
    broken = parcels_layer.copy()
    broken.loc[broken.index[0], "geometry"] = shapely.Point(118.5, 28.9)
    target = tmp_path / "parcels.shp.zip"
    target.write_bytes(b"previous export")
    with pytest.raises(LandinvError) as err:
        exports.export_layer(broken, "shp", target, config=CFG)
    assert "导出 shp 文件失败" in err.value.zh and "failed" in err.value.en
    assert target.read_bytes() == b"previous export"
    assert list(private_tempdir.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parcels.shp.zip", "system-tmp"]


def test_unknown_layer_format_is_a_usage_error(parcels_layer):
    with pytest.raises(UsageError) as err:
        exports.export_layer(parcels_layer, "kml", io.BytesIO())
    assert "gpkg" in err.value.en and "不支持" in err.value.zh


def test_export_of_an_empty_layer(tmp_path, parcels_layer):
    target = tmp_path / "empty.gpkg"
    exports.export_layer(parcels_layer.iloc[0:0], "gpkg", target, config=CFG)
    back = read_back(target)
    assert len(back) == 0 and "area_mu" in back.columns


def test_export_filename():
    assert (
        exports.export_filename("parcels", "2025-06-30", "gpkg")
        == "landinv_parcels_2025-06-30.gpkg"
    )
    assert (
        exports.export_filename("buildings", dt.date(2025, 1, 2), "shp")
        == "landinv_buildings_2025-01-02.shp.zip"
    )
    assert (
        exports.export_filename("summary", "2025-06-30", "xlsx")
        == "landinv_summary_2025-06-30.xlsx"
    )
    assert exports.export_filename("../x y", "2025-06-30", "csv") == "landinv_x-y_2025-06-30.csv"
    with pytest.raises(UsageError):
        exports.export_filename("parcels", "2025-06-31", "csv")
    with pytest.raises(UsageError):
        exports.export_filename("parcels", "2025-06-30", "docx")
