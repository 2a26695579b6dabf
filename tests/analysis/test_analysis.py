"""Tests of landinv.reports: tables, floor checks, stock timelines, events.

The pure functions are tested on frames built here (a hand-made 2025 history
with supplies, reclassifications, an undone import and area corrections);
``inventory_report`` is tested once per store backend on a real store.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from landinv import analysis as reports
from landinv.domain import M2_PER_MU, Config, mu_to_m2
from landinv.errors import StoreError, UsageError
from landinv.schema import column_names
from tests.support.histories import (  # noqa: F401 - the shared history
    CFG,
    YEAR_END,
    YEAR_START,
    as_layer,
    brute_force,
    building,
    building_history,
    parcel,
    parcel_history,
    summary_of,
    totals_of,
    valid_on,
)


@pytest.fixture(scope="module")
def history():
    return parcel_history(), building_history()


@pytest.fixture(scope="module")
def series(history):
    return reports.stock_series(*history, CFG, YEAR_START, YEAR_END)


# -- zone x category table -----------------------------------------------------


def test_table_totals_equal_the_sum_of_parts(history):
    table = reports.zone_category_table(summary_of(history[0], dt.date(2025, 6, 30)), CFG)
    detail = table[table["row_type"] == "detail"]
    for zone, sub in detail.groupby("zone_code"):
        subtotal = table[(table["row_type"] == "zone_subtotal") & (table["zone_code"] == zone)]
        assert subtotal["count"].item() == sub["count"].sum()
        assert subtotal["area_m2"].item() == pytest.approx(sub["area_m2"].sum(), rel=1e-12)
    for cat, sub in detail.groupby("category_code"):
        total = table[(table["row_type"] == "category_total") & (table["category_code"] == cat)]
        assert total["area_m2"].item() == pytest.approx(sub["area_m2"].sum(), rel=1e-12)
    grand = table[table["row_type"] == "grand_total"].iloc[0]
    assert grand["count"] == detail["count"].sum() == 12
    assert grand["area_m2"] == pytest.approx(detail["area_m2"].sum(), rel=1e-12)
    subtotals = table[table["row_type"] == "zone_subtotal"]
    assert grand["area_mu"] == pytest.approx(subtotals["area_mu"].sum(), rel=1e-12)


def test_table_units_convert_exactly(history):
    table = reports.zone_category_table(summary_of(history[0], dt.date(2025, 6, 30)), CFG)
    assert np.allclose(table["area_mu"] * (10000 / 15), table["area_m2"], rtol=1e-14, atol=0)
    assert np.allclose(table["area_ha"] * 10000, table["area_m2"], rtol=1e-14, atol=0)
    assert np.allclose(table["area_mu"] / 15, table["area_ha"], rtol=1e-14, atol=0)


def test_table_lists_every_zone_and_category_even_when_empty():
    empty = pd.DataFrame({"zone": [], "category": [], "status": [], "count": [], "area_m2": []})
    table = reports.zone_category_table(empty, CFG)
    detail = table[table["row_type"] == "detail"]
    assert len(detail) == 9
    assert set(detail["zone"]) == {"新都片区", "辉埠片区", "金川片区"}
    assert set(detail["category"]) == {"工业熟地", "盘活低效用地", "新开发土地"}
    assert (table["count"] == 0).all() and (table["area_m2"] == 0).all()
    assert list(table["row_type"]).count("zone_subtotal") == 3
    assert table.iloc[-1]["zone"] == "合计"


def test_table_labels_follow_the_language(history):
    summary = summary_of(history[0], dt.date(2025, 6, 30))
    en = reports.zone_category_table(summary, CFG, lang="en")
    assert "Xindu" in set(en["zone"]) and "Ready industrial land" in set(en["category"])
    assert en.iloc[-1]["zone"] == "Total"
    assert "Subtotal" in set(en["category"])


def test_table_status_filter(history):
    summary = summary_of(history[0], dt.date(2025, 6, 30))
    every = reports.zone_category_table(summary, CFG)
    available = reports.zone_category_table(summary, CFG, status="available")
    supplied = reports.zone_category_table(summary, CFG, status="supplied")
    assert np.allclose(available["area_m2"] + supplied["area_m2"], every["area_m2"])
    ready_xindu = supplied[
        (supplied["zone_code"] == "xindu") & (supplied["category_code"] == "ready")
    ]
    assert ready_xindu["area_mu"].item() == pytest.approx(1234.5)


def test_table_keeps_codes_missing_from_config():
    summary = pd.DataFrame(
        {
            "zone": ["xindu", "qiuxi", None],
            "category": ["ready", "ready", "other"],
            "status": ["available"] * 3,
            "count": [1, 2, 3],
            "area_m2": [100.0, 200.0, 300.0],
        }
    )
    table = reports.zone_category_table(summary, CFG)
    grand = table[table["row_type"] == "grand_total"].iloc[0]
    assert grand["count"] == 6 and grand["area_m2"] == 600.0
    assert "qiuxi" in set(table["zone"]) and "未指定" in set(table["zone"])
    assert "other" in set(table["category"])


def test_table_unknown_status_is_a_bilingual_usage_error(history):
    with pytest.raises(UsageError) as err:
        reports.zone_category_table(summary_of(history[0], YEAR_END), CFG, status="sold")
    assert "未知状态" in err.value.zh and "Unknown status" in err.value.en


# -- floor checks ----------------------------------------------------------------


def checks_for(ready_mu: float, factory_m2: float):
    summary = pd.DataFrame(
        {
            "zone": ["xindu", "huibu", "huibu"],
            "category": ["ready", "ready", "new"],
            "status": ["available", "supplied", "available"],
            "count": [1, 1, 1],
            "area_m2": [mu_to_m2(ready_mu), 5e6, 7e6],
        }
    )
    totals = pd.DataFrame(
        {
            "zone": ["xindu", "xindu"],
            "is_standard_factory": [True, False],
            "count": [1, 1],
            "floor_area_m2": [factory_m2, 9e6],
        }
    )
    return {c.key: c for c in reports.floor_checks(summary, totals, CFG)}


@pytest.mark.parametrize(
    "ready_mu, factory_m2, ready_holds, factory_holds",
    [
        (2000.0, 100_000.0, True, True),  # exactly at both floors
        (2000.01, 100_000.01, True, True),
        (1999.99, 99_999.99, False, False),
        (2500.0, 50_000.0, True, False),
    ],
)
def test_floor_checks_on_both_sides_of_the_floor(ready_mu, factory_m2, ready_holds, factory_holds):
    checks = checks_for(ready_mu, factory_m2)
    land, factory = checks["ready_land"], checks["factory_floor_space"]
    assert land.value == pytest.approx(ready_mu, rel=1e-15)
    assert land.floor == 2000.0 and land.unit == "mu"
    assert land.margin == pytest.approx(ready_mu - 2000.0, abs=1e-9)
    assert land.holds is ready_holds
    assert factory.value == factory_m2 and factory.floor == 100_000.0
    assert factory.unit == "m2"
    assert factory.margin == pytest.approx(factory_m2 - 100_000.0, abs=1e-9)
    assert factory.holds is factory_holds


def test_floor_met_on_paper_holds_despite_float_rounding():
    # 770.06 + 545.16 + 684.78 = 2000 mu; in m² floats the sum lands just below.
    parts = [770.06, 545.16, 684.78]
    summary = pd.DataFrame(
        {
            "zone": ["xindu", "huibu", "jinchuan"],
            "category": ["ready"] * 3,
            "status": ["available"] * 3,
            "count": [1, 1, 1],
            "area_m2": [mu_to_m2(p) for p in parts],
        }
    )
    totals = pd.DataFrame({"zone": [], "is_standard_factory": [], "count": [], "floor_area_m2": []})
    land, factory = reports.floor_checks(summary, totals, CFG)
    assert land.value < 2000.0 and land.value == pytest.approx(2000.0, abs=1e-9)
    assert land.holds
    assert factory.value == 0.0 and not factory.holds


def test_floor_check_labels_in_both_languages():
    land = checks_for(2100.0, 1.0)["ready_land"]
    assert land.label("zh") == "工业熟地保有量"
    assert land.label("en") == "Ready industrial land in stock"


def test_floor_checks_follow_config():
    cfg = Config(ready_land_floor_mu=3000.0, factory_floor_m2=10.0)
    summary = pd.DataFrame(
        {
            "zone": ["xindu"],
            "category": ["ready"],
            "status": ["available"],
            "count": [1],
            "area_m2": [mu_to_m2(2500.0)],
        }
    )
    totals = pd.DataFrame(
        {"zone": ["xindu"], "is_standard_factory": [1], "count": [1], "floor_area_m2": [11.0]}
    )
    land, factory = reports.floor_checks(summary, totals, cfg)
    assert not land.holds and land.margin == pytest.approx(-500.0)
    assert factory.holds


# -- stocks over time ---------------------------------------------------------------


def test_stock_series_matches_brute_force_on_every_day(history, series):
    assert len(series) == 365
    assert list(series["date"]) == [YEAR_START + dt.timedelta(days=i) for i in range(365)]
    for day, land, factory in zip(
        series["date"], series["ready_land_mu"], series["factory_floor_area_m2"]
    ):
        expected_land, expected_factory = brute_force(*history, day)
        assert land == expected_land, day
        assert factory == expected_factory, day


def test_stock_series_known_values(series):
    by_day = series.set_index("date")
    assert by_day.loc[YEAR_START, "ready_land_mu"] == pytest.approx(2559.75)
    assert by_day.loc[dt.date(2025, 3, 15), "ready_land_mu"] == pytest.approx(1325.25)
    assert by_day.loc[dt.date(2025, 7, 1), "ready_land_mu"] == pytest.approx(2000.0)
    assert by_day.loc[YEAR_END, "ready_land_mu"] == pytest.approx(2000.5)
    assert by_day.loc[dt.date(2025, 4, 29), "factory_floor_area_m2"] == 117_000.0
    assert by_day.loc[YEAR_END, "factory_floor_area_m2"] == 112_500.5


def test_stock_series_accepts_iso_text_and_rejects_reversed_span(history):
    one_day = reports.stock_series(*history, CFG, "2025-03-15", "2025-03-15")
    assert list(one_day["date"]) == [dt.date(2025, 3, 15)]
    with pytest.raises(UsageError) as err:
        reports.stock_series(*history, CFG, "2025-12-31", "2025-01-01")
    assert "晚于" in err.value.zh and "after" in err.value.en


def test_stock_series_of_an_empty_history():
    parcels = pd.DataFrame(columns=["fid"] + column_names("parcels"))
    buildings = pd.DataFrame(columns=["fid"] + column_names("buildings"))
    series = reports.stock_series(parcels, buildings, CFG, YEAR_START, dt.date(2025, 1, 3))
    assert list(series["ready_land_mu"]) == [0.0, 0.0, 0.0]
    assert list(series["factory_floor_area_m2"]) == [0.0, 0.0, 0.0]


def test_stock_series_reports_a_bad_stored_date(history):
    parcels = history[0].copy()
    parcels.loc[0, "valid_from"] = "2025-02-30"
    with pytest.raises(StoreError) as err:
        reports.stock_series(parcels, history[1], CFG, YEAR_START, YEAR_END)
    assert "valid_from" in err.value.en


def test_monthly_timeline_rows_and_values(history, series):
    timeline = reports.monthly_timeline(*history, CFG, YEAR_START, dt.date(2025, 6, 15))
    assert list(timeline.columns[:7]) == [
        "date",
        "ready_land_mu",
        "ready_land_floor_mu",
        "factory_floor_area_m2",
        "factory_floor_m2",
        "ready_ok",
        "factory_ok",
    ]
    assert list(timeline["date"]) == [dt.date(2025, m, 1) for m in range(1, 7)] + [
        dt.date(2025, 6, 15)
    ]
    by_day = series.set_index("date")
    for row in timeline.itertuples():
        assert row.ready_land_mu == by_day.loc[row.date, "ready_land_mu"]
        assert row.factory_floor_area_m2 == by_day.loc[row.date, "factory_floor_area_m2"]
        assert row.ready_ok == (row.ready_land_mu >= 2000.0)
        assert row.factory_ok == (row.factory_floor_area_m2 >= 100_000.0)
    assert (timeline["ready_land_floor_mu"] == 2000.0).all()
    assert (timeline["factory_floor_m2"] == 100_000.0).all()


def test_monthly_timeline_minimum_shows_a_dip_between_month_starts(history):
    timeline = reports.monthly_timeline(*history, CFG, YEAR_START, YEAR_END).set_index("date")
    march = timeline.loc[dt.date(2025, 3, 1)]
    assert march["ready_ok"]  # on 1 March the floor still held ...
    assert march["ready_land_min_mu"] == pytest.approx(1325.25)  # ... but not all month
    november = timeline.loc[dt.date(2025, 11, 1)]
    assert november["ready_land_min_mu"] == pytest.approx(1920.0)
    assert timeline.loc[dt.date(2025, 4, 1), "factory_floor_area_min_m2"] == 87_000.0


def test_monthly_timeline_starting_mid_month(history):
    timeline = reports.monthly_timeline(*history, CFG, "2025-03-10", "2025-05-01")
    assert list(timeline["date"]) == [
        dt.date(2025, 3, 10),
        dt.date(2025, 4, 1),
        dt.date(2025, 5, 1),
    ]


def test_breach_periods(series):
    breaches = reports.breach_periods(series, CFG)
    land = breaches["ready_land"]
    assert [(b.start, b.end) for b in land] == [
        (dt.date(2025, 3, 15), dt.date(2025, 6, 9)),
        (dt.date(2025, 9, 1), dt.date(2025, 10, 14)),
        (dt.date(2025, 11, 1), dt.date(2025, 11, 19)),
    ]
    assert [b.min_value for b in land] == pytest.approx([1325.25, 1900.0, 1920.0])
    factory = breaches["factory_floor_space"]
    assert factory == [(dt.date(2025, 4, 30), dt.date(2025, 6, 30), 87_000.0)]


def test_breach_periods_match_brute_force_days(history, series):
    breaches = reports.breach_periods(series, CFG)
    in_breach = {
        b.start + dt.timedelta(days=i)
        for b in breaches["ready_land"]
        for i in range((b.end - b.start).days + 1)
    }
    for day in series["date"]:
        land, _ = brute_force(*history, day)
        assert (day in in_breach) == (land < 2000.0 - 1e-6), day


def test_breach_running_to_the_end_of_the_series(history):
    series = reports.stock_series(*history, CFG, "2025-05-01", "2025-05-10")
    breaches = reports.breach_periods(series, CFG)
    assert breaches["ready_land"] == [
        (dt.date(2025, 5, 1), dt.date(2025, 5, 10), pytest.approx(1525.65))
    ]


def test_exactly_at_the_floor_is_not_a_breach(series):
    on_floor = series[
        (series["date"] >= dt.date(2025, 6, 20)) & (series["date"] <= dt.date(2025, 8, 31))
    ]
    assert np.allclose(on_floor["ready_land_mu"], 2000.0, rtol=0, atol=1e-9)
    assert reports.meets_floor(on_floor["ready_land_mu"].to_numpy(), 2000.0).all()


# -- events ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def events(history):
    return reports.stock_events(*history, CFG, YEAR_START, YEAR_END)


def test_events_explain_every_change_of_the_series(series, events):
    for stock, column, delta_col in (
        ("ready_land", "ready_land_mu", "delta_mu"),
        ("factory_floor_space", "factory_floor_area_m2", "delta_m2"),
    ):
        values = series[column].to_numpy()
        own = events[events["stock"] == stock]
        per_day = own.groupby("date")[delta_col].sum()
        last_after = own.groupby("date")["stock_after"].last()
        for i in range(1, len(series)):
            day, change = series["date"].iloc[i], values[i] - values[i - 1]
            assert per_day.get(day, 0.0) == pytest.approx(change, abs=1e-6), (stock, day)
            if day in last_after.index:
                assert last_after[day] == values[i], (stock, day)
        assert set(per_day.index) <= set(series["date"])


def test_event_kinds_and_objects(events):
    got = [(e.date.isoformat(), e.stock, e.kind, e.object_id) for e in events.itertuples()]
    assert got == [
        ("2025-03-01", "factory_floor_space", "building_changed", "F3"),
        ("2025-03-15", "ready_land", "supplied", "R1"),
        ("2025-04-01", "ready_land", "became_ready", "V1"),
        ("2025-04-30", "factory_floor_space", "building_removed", "F2"),
        ("2025-05-20", "ready_land", "became_ready", "N1"),
        ("2025-06-01", "ready_land", "added", "U1"),
        ("2025-06-10", "ready_land", "added", "N2"),
        ("2025-06-20", "ready_land", "removed", "U1"),
        ("2025-07-01", "factory_floor_space", "building_completed", "F4"),
        ("2025-08-15", "factory_floor_space", "building_changed", "F5"),
        ("2025-09-01", "ready_land", "supplied", "S1"),
        ("2025-10-15", "ready_land", "returned", "S1"),
        ("2025-11-01", "ready_land", "reclassified", "C1"),
        ("2025-11-20", "ready_land", "area_changed", "A1"),
    ]
    assert set(events["kind"]) <= set(reports.EVENT_KINDS)


def test_event_details_are_bilingual(events):
    supply = events[events["object_id"] == "R1"].iloc[0]
    assert supply["project"] == "辰通轴承" and supply["zone"] == "xindu"
    assert supply["name"] == "新都A-01"
    assert supply["delta_mu"] == pytest.approx(-1234.5)
    assert supply["delta_m2"] == pytest.approx(-1234.5 * 10000 / 15)
    assert supply["stock_after"] == pytest.approx(1325.25) and supply["unit"] == "mu"
    assert "辰通轴承" in supply["description_zh"] and "供应" in supply["description_zh"]
    assert "supplied to 辰通轴承" in supply["description_en"]
    assert "-1,234.50" in supply["description_en"]
    became = events[events["object_id"] == "N1"].iloc[0]
    assert "新开发土地" in became["description_zh"]
    assert "Newly developed land" in became["description_en"]
    designated = events[events["object_id"] == "F3"].iloc[0]
    assert "认定为标准厂房" in designated["description_zh"]
    assert "now counts as a standard factory" in designated["description_en"]
    resurveyed = events[events["object_id"] == "F5"].iloc[0]
    assert "建筑面积变更" in resurveyed["description_zh"]
    assert "+500.00 m²" in resurveyed["description_en"]
    factory = events[events["object_id"] == "F4"].iloc[0]
    assert factory["unit"] == "m2" and np.isnan(factory["delta_mu"])
    assert factory["stock_after"] == 112_000.5


def test_events_only_inside_the_span(history):
    events = reports.stock_events(*history, CFG, "2025-06-01", "2025-06-30")
    assert list(events["object_id"]) == ["U1", "N2", "U1"]
    assert events.iloc[0]["stock_after"] == pytest.approx(1975.65)


# -- annual figures ------------------------------------------------------------------


def test_annual_figures(history):
    annual = reports.annual_figures(history[0], CFG, 2025).set_index("category")
    revitalised, new = annual.loc["revitalised"], annual.loc["new"]
    # V1 and V2 (V0 was revitalised in 2024)
    assert revitalised["count"] == 2
    assert revitalised["area_mu"] == pytest.approx(410.0)
    assert revitalised["target_mu"] == 410.0
    assert revitalised["ratio"] == pytest.approx(1.0)
    assert revitalised["category_zh"] == "盘活低效用地"
    # N1, X1 and C1 (which became 'new' in November)
    assert new["count"] == 3
    assert new["area_mu"] == pytest.approx(513.0)
    assert new["ratio"] == pytest.approx(513.0 / 400.0)
    assert new["area_m2"] == pytest.approx(mu_to_m2(513.0))


def test_annual_figures_year_to_date_stop_at_the_as_of_day(history):
    whole = reports.annual_figures(history[0], CFG, 2025).set_index("category")
    to_october = reports.annual_figures(
        history[0], CFG, 2025, until=dt.date(2025, 10, 31)
    ).set_index("category")
    # C1 became 'new' in November: counted for the year, not by the end of October.
    assert whole.loc["new", "count"] == 3
    assert to_october.loc["new", "count"] == 2
    assert to_october.loc["new", "area_mu"] < whole.loc["new", "area_mu"]
    assert (
        reports.annual_figures(history[0], CFG, 2025, until=dt.date(2025, 1, 1))["count"].sum()
        <= whole["count"].sum()
    )


def test_annual_figures_leave_out_excluded_imports(history):
    annual = reports.annual_figures(history[0], CFG, 2025, exclude_imports=["imp-2"])
    revitalised = annual.set_index("category").loc["revitalised"]
    assert revitalised["count"] == 1 and revitalised["area_mu"] == pytest.approx(200.4)


def test_annual_figures_without_targets_for_the_year(history):
    assert reports.annual_figures(history[0], CFG, 2026).empty
    cfg = Config(annual_targets_mu={2026: {"ready": 1800.0}})
    annual = reports.annual_figures(history[0], cfg, 2026)
    assert annual["count"].tolist() == [0] and annual["ratio"].tolist() == [0.0]


# -- the report from a real store ------------------------------------------------------


def test_inventory_report_from_a_store(store, history):
    parcels, buildings = history
    imports = pd.DataFrame(
        [
            {
                "import_id": i,
                "kind": "parcels",
                "file_name": f"{i}.zip",
                "sha256": i * 8,
                "user_name": "t",
                "created_at": "2025-01-01T00:00:00Z",
                "effective_date": None,
                "source_crs": "EPSG:4490",
                "encoding": "UTF-8",
                "n_features": 1,
                "report_json": "{}",
                "undone_at": "2025-06-20T00:00:00Z" if i == "imp-2" else None,
                "undone_by": None,
            }
            for i in ("imp-1", "imp-2", "imp-undone")
        ]
    )
    store.load_snapshot(
        {
            "parcels": as_layer(parcels, "area_m2"),
            "buildings": as_layer(buildings, "footprint_m2"),
            "imports": imports,
        }
    )
    as_of = dt.date(2025, 5, 25)
    report = reports.inventory_report(store, as_of, CFG, lang="en")
    assert report.as_of == as_of and report.source == store.location
    assert report.start == YEAR_START and not report.sample_data
    # the store's aggregates and the history-derived timeline agree on as_of
    last = report.series.iloc[-1]
    assert last["date"] == as_of and report.series.iloc[0]["date"] == YEAR_START
    land, factory = report.checks
    assert land.value == pytest.approx(last["ready_land_mu"], rel=1e-12)
    assert factory.value == pytest.approx(last["factory_floor_area_m2"], rel=1e-12)
    assert factory.value == 117_000.0 - 30_000.0 and not factory.holds
    assert report.timeline.iloc[-1]["date"] == as_of
    assert report.table.iloc[-1]["zone"] == "Total"
    assert report.events["date"].max() <= as_of
    # the undone import imp-2 (V2) does not count towards the annual figures
    revitalised = report.annual.set_index("category").loc["revitalised"]
    assert revitalised["count"] == 1
    stored = store.layer("parcels", as_of, geometry=False)
    ready = stored[(stored["category"] == "ready") & (stored["status"] == "available")]
    assert land.value == pytest.approx(ready["area_m2"].sum() / M2_PER_MU, rel=1e-12)
    payload = reports.check_payload(report)
    assert payload["as_of"] == "2025-05-25"
    assert payload["ready_land_floor_mu"] == 2000.0
    assert payload["factory_floor_m2"] == 100_000.0
    assert payload["ready_land_margin_mu"] == pytest.approx(land.value - 2000.0)
    assert payload["factory_margin_m2"] == pytest.approx(-13_000.0)
    assert payload["ok"] is False and payload["factory_ok"] is False
    whole = reports.inventory_report(store, as_of, CFG, whole_history=True)
    assert whole.start == dt.date(2024, 1, 1)
    assert whole.series.iloc[0]["date"] == dt.date(2024, 1, 1)


def test_check_payload_is_plain_json(history):
    import json

    parcels, buildings = history
    day = dt.date(2025, 12, 31)
    summary, totals = summary_of(parcels, day), totals_of(buildings, day)
    series = reports.stock_series(parcels, buildings, CFG, YEAR_START, day)
    report = reports.InventoryReport(
        as_of=day,
        config=CFG,
        summary=summary,
        factory_totals=totals,
        table=reports.zone_category_table(summary, CFG),
        checks=reports.floor_checks(summary, totals, CFG),
        series=series,
        timeline=reports.monthly_timeline(parcels, buildings, CFG, YEAR_START, day),
        breaches=reports.breach_periods(series, CFG),
        events=reports.stock_events(parcels, buildings, CFG, YEAR_START, day),
        annual=reports.annual_figures(parcels, CFG, 2025),
        source="test",
    )
    payload = json.loads(json.dumps(reports.check_payload(report)))
    assert payload["ok"] is True
    assert payload["ready_land_mu"] == pytest.approx(2000.5)
    assert payload["factory_floor_area_m2"] == pytest.approx(112_500.5)


def test_report_falls_back_to_the_latest_year_with_targets(tmp_path):
    from landinv.sample.seed import open_seeded

    with open_seeded(tmp_path / "inv.gpkg") as store:
        mid = reports.inventory_report(store, dt.date(2025, 5, 20), Config())
        later = reports.inventory_report(store, dt.date(2026, 3, 1), Config())
    # Year to date inside 2025; the whole of 2025 once 2026 (no targets) has begun.
    assert (mid.annual_year, mid.annual_until) == (2025, dt.date(2025, 5, 20))
    assert (later.annual_year, later.annual_until) == (2025, dt.date(2025, 12, 31))
    full = later.annual.set_index("category")["area_mu"]
    assert full["revitalised"] == pytest.approx(410, abs=1)
    assert full["new"] == pytest.approx(400, abs=1)
    assert (mid.annual["area_mu"] <= later.annual["area_mu"] + 1e-9).all()
