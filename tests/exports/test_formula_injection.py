"""Text that a spreadsheet would run as a formula is neutralised in every CSV we write;
numbers stay numbers; XLSX writes such text as strings (issue 14, item 2)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely

from landinv import exports
from landinv.exports import neutralise_formulas

HOSTILE = [
    '=HYPERLINK("http://127.0.0.1:9/x","click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =cmd|' /C calc'!A0",
]


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_every_formula_start_gets_an_apostrophe_and_numbers_stay_numbers():
    df = pd.DataFrame({"name": HOSTILE + ["plain", "负数-2"], "area_m2": [-5.5] * 9})
    out = neutralise_formulas(df)
    assert all(v.startswith("'") for v in out["name"][: len(HOSTILE)])
    assert list(out["name"][-2:]) == ["plain", "负数-2"]
    assert out["area_m2"].dtype == float and out["area_m2"].iloc[0] == -5.5


def test_write_csv_neutralises_and_keeps_negative_numbers_numeric():
    buffer = io.BytesIO()
    df = pd.DataFrame({"name": HOSTILE, "area_m2": [-1.25] * len(HOSTILE)})
    exports.write_csv(df, buffer)
    rows = _rows(buffer.getvalue())[1:]
    assert [r[0] for r in rows] == ["'" + v for v in HOSTILE]
    assert all(r[1] == "-1.25" for r in rows)


@pytest.fixture
def hostile_layer():
    square = shapely.MultiPolygon([shapely.box(118.50, 28.90, 118.501, 28.901)])
    return gpd.GeoDataFrame(
        {
            "parcel_id": ["=1+1"],
            "name": ["@SUM(1)"],
            "zone": ["xindu"],
            "category": ["ready"],
            "status": ["available"],
            "project": ["+cmd"],
            "land_use_code": ["0601"],
            "declared_area_m2": [None],
            "area_m2": [0.0],
            "valid_from": ["2025-01-01"],
            "valid_to": [None],
            "import_id": ["t"],
        },
        geometry=[square],
        crs=4490,
    )


def test_layer_csv_through_gdal_is_neutralised(hostile_layer):
    buffer = io.BytesIO()
    exports.export_layer(hostile_layer, "csv", buffer)
    rows = _rows(buffer.getvalue())
    header, row = rows[0], rows[1]
    cells = dict(zip(header, row))
    assert cells[next(h for h in header if h.startswith("地块编号"))] == "'=1+1"
    assert cells[next(h for h in header if h.startswith("地块名称"))] == "'@SUM(1)"
    # ="0601" is landinv's own constant text for an all-digit code (test_codes_as_text.py)
    assert not any(v.startswith(("=", "+", "@")) and not re.fullmatch(r'="\d+"', v) for v in row)


def test_xlsx_writes_a_hostile_project_as_a_string(tmp_path):
    from landinv import cli
    from landinv.sample.seed import open_seeded

    store = tmp_path / "inv.gpkg"
    with open_seeded(store) as opened:
        parcels = opened.layer("parcels", dt.date(2025, 12, 31), geometry=False)
    parcel = parcels[(parcels["status"] == "available")].iloc[0]["parcel_id"]
    hostile = HOSTILE[0]
    assert (
        cli.main(
            ["supply", parcel, "--project", hostile, "--date", "2025-12-30", "--store", str(store)]
        )
        == 0
    )
    out = tmp_path / "summary.xlsx"
    assert (
        cli.main(
            [
                "summary",
                "--format",
                "xlsx",
                "--as-of",
                "2025-12-31",
                "--store",
                str(store),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    book = openpyxl.load_workbook(out)
    cells = [
        c
        for row in book[exports.SHEETS["events"]].iter_rows()
        for c in row
        if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert cells, "the supply event names its project"
    assert all(c.data_type == "s" for c in cells), "text, never a formula"
    assert any(c.value == hostile for c in cells)
