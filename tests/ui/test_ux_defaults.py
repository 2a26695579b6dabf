"""Defaults that agree with the headline, and files that say what they are (issue 13, item 2).

* the dashboard's zone × category table counts land in stock by default, so
  its all-zones ready-land cell equals the headline floor value;
* the undo selector never defaults to the sample (the whole base inventory);
* the summary CSV (app download and ``landinv summary --format csv``) holds the
  in-stock table and both floors, rounded for display, and says so;
* the XLSX annual sheet is titled with the year it holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from landinv.analysis import check_payload, inventory_report
from landinv.domain import load_config
from landinv.store import open_store
from tests.support.app import commit_test_import, run_page
from tests.support.cli import DOORS, run_landinv

END_2025 = dt.date(2025, 12, 31)


def _payload(path: Path, as_of: dt.date) -> dict:
    store = open_store(str(path))
    try:
        return check_payload(inventory_report(store, as_of, load_config()))
    finally:
        store.close()


def test_zone_table_defaults_to_land_in_stock(store_path):
    at = run_page("dashboard_page", as_of=END_2025)
    assert at.session_state["dash_counted"] == "available"
    pivot = at.dataframe[0].value
    ready = pivot.loc["全区", "工业熟地"]
    assert ready == pytest.approx(_payload(store_path, END_2025)["ready_land_mu"], abs=0.005)
    # Switching to every parcel shows more (the sample has supplied ready land).
    at.session_state["dash_counted"] = "all"
    at.run()
    assert at.dataframe[0].value.loc["全区", "工业熟地"] > ready + 1


def test_undo_selector_never_defaults_to_the_sample(store_path, tmp_path):
    at = run_page("history_page")
    assert at.selectbox(key="undo_choice").value is None, "only the sample: nothing chosen"
    import_id = commit_test_import(store_path, tmp_path)
    at = run_page("history_page")
    assert at.selectbox(key="undo_choice").value == import_id
    assert at.selectbox(key="undo_choice").options[-1].startswith("sample")


def _check_summary_csv(raw: bytes, payload: dict, lang: str = "zh") -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = rows[0]
    assert "片区 / Zone" in header and "面积(亩) / Area (mu)" in header
    mu = header.index("面积(亩) / Area (mu)")
    total_ready = next(r for r in rows if r[:2] == ["全区", "工业熟地"])
    assert total_ready[mu] == f"{payload['ready_land_mu']:.2f}", "in stock, rounded"
    for row in rows[1 : rows.index([])]:
        if row[mu]:
            assert re.fullmatch(r"-?\d+\.\d{2}", row[mu]), row
    floors = {r[0]: r for r in rows if r and r[0] in ("工业熟地保有量", "标准厂房保有量")}
    assert floors["工业熟地保有量"][1] == f"{payload['ready_land_mu']:.2f}"
    assert floors["工业熟地保有量"][2] == "2000.00"
    assert floors["标准厂房保有量"][1] == f"{payload['factory_floor_area_m2']:.0f}"
    notes = {r[0]: r[1] for r in rows if len(r) == 2}
    assert notes["截至日期 / As of"] == END_2025.isoformat()
    assert "在库" in notes["统计口径 / Parcels counted"]
    assert "四舍五入" in notes["说明 / Note"] and "full-precision" in notes["说明 / Note"]
    return rows


def test_summary_csv_from_the_app_holds_stock_and_floors_rounded(store_path):
    from landinv.ui import downloads_page
    from landinv.ui.context import AppContext

    config = load_config()
    store = open_store(str(store_path))
    try:
        ctx = AppContext(
            store=store,
            config=config,
            as_of=END_2025,
            zones=list(config.zone_codes),
            categories=list(config.category_codes),
        )
        report = inventory_report(store, END_2025, config)
        items = {i.key: i for i in downloads_page.summary_items(ctx, report)}
        raw = items["summary_csv"].make()
    finally:
        store.close()
    _check_summary_csv(raw, _payload(store_path, END_2025))


@pytest.mark.parametrize("door", DOORS)
def test_summary_csv_from_the_cli_is_the_same(store_path, tmp_path, door):
    out = tmp_path / "summary.csv"
    proc = run_landinv(
        "summary",
        "--format",
        "csv",
        "--out",
        str(out),
        "--store",
        str(store_path),
        "--as-of",
        END_2025.isoformat(),
        door=door,
    )
    assert proc.returncode == 0, proc.stderr
    _check_summary_csv(out.read_bytes(), _payload(store_path, END_2025))


def test_xlsx_annual_sheet_is_titled_with_the_year_it_holds(store_path, tmp_path):
    from landinv import exports

    config = load_config()
    as_of = dt.date(2026, 3, 1)
    assert 2026 not in config.annual_targets_mu and 2025 in config.annual_targets_mu
    store = open_store(str(store_path))
    try:
        report = inventory_report(store, as_of, config)
    finally:
        store.close()
    assert report.annual_year == 2025
    path = tmp_path / "s.xlsx"
    exports.summary_xlsx(report, path)
    sheet = openpyxl.load_workbook(path)[exports.SHEETS["annual"]]
    title = str(sheet["A1"].value)
    assert "2025 年度指标" in title and "2026 年度" not in title, title
