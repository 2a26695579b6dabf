"""Codes keep their leading zeros in Excel, without reopening formula injection
(issue 13, item 7).

Excel opens ``0601`` in a CSV as the number 601. landinv writes all-digit
codes at risk (a leading zero, or 16+ digits) as ``="0601"``, which Excel shows
as the text 0601; only cells made of digits alone are wrapped, after formula
neutralisation, so a hostile cell can never become a live formula this way.
"""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from landinv import exports
from landinv.domain import load_config
from landinv.exports.tables import keep_codes_as_text


def _rows(raw: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _parcels() -> gpd.GeoDataFrame:
    shape = box(118.5, 28.9, 118.501, 28.901)
    return gpd.GeoDataFrame(
        {
            "parcel_id": ["CS-1", "0012", "=0601"],
            "name": ['=HYPERLINK("http://x")', "0601=cmd|' /C calc'!A0", "plain"],
            "zone": ["xindu"] * 3,
            "category": ["ready"] * 3,
            "status": ["available"] * 3,
            "land_use_code": ["0601", "1001", "913308000000000000"],
            "area_m2": [1.0, 2.0, 3.0],
        },
        geometry=[shape] * 3,
        crs=4490,
    )


def test_layer_csv_keeps_codes_as_text_and_formulas_dead():
    buffer = io.BytesIO()
    exports.export_layer(_parcels(), "csv", buffer, lang="en", config=load_config())
    rows = _rows(buffer.getvalue())
    code = "Land-use code / 用地代码"
    ident = "Parcel ID / 地块编号"
    name = "Name / 地块名称"
    assert [r[code] for r in rows] == ['="0601"', "1001", '="913308000000000000"']
    assert [r[ident] for r in rows] == ["CS-1", '="0012"', "'=0601"]
    assert rows[0][name].startswith("'=")  # neutralised, not wrapped
    assert rows[1][name] == "0601=cmd|' /C calc'!A0"  # not digits alone: left as text
    assert float(rows[0]["Area (m²) / 面积(平方米)"]) > 0  # numbers stay numbers


def test_table_csv_keeps_codes_as_text():
    buffer = io.BytesIO()
    exports.write_csv(
        pd.DataFrame({"land_use_code": ["0601", "601"], "area_m2": [1.5, 2.0]}), buffer
    )
    rows = _rows(buffer.getvalue())
    assert [r["用地代码 / Land-use code"] for r in rows] == ['="0601"', "601"]


def test_only_digit_cells_are_wrapped():
    values = ["0601", "06 01", "0601\n", "-0601", "0", "00", "x"]
    out = keep_codes_as_text(pd.DataFrame({"x": values, "n": range(7)}))
    assert out["x"].tolist() == ['="0601"', "06 01", "0601\n", "-0601", "0", '="00"', "x"]
    assert out["n"].tolist() == list(range(7))
