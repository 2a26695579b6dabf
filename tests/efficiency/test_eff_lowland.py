"""Land per enterprise, zone figures and low-efficiency candidates on a real store."""

from __future__ import annotations

import datetime as dt

import pytest

from landinv.domain import M2_PER_MU, REVITALISED
from landinv.efficiency.scheme import scheme_from_dict
from landinv.errors import UsageError
from landinv.services import efficiency as svc
from tests.support.enterprises import code, write_csv

HEAD = [
    "统一社会信用代码",
    "企业名称",
    "规模",
    "状态",
    "地块编号",
    "厂房编号",
    "租用面积(平方米)",
    "税收(万元)",
    "工业增加值(万元)",
]
CONFIG = {
    "efficiency": {"target_tax_per_mu": 20.0},
    "evaluation": {
        "2024": {
            "thresholds": {"A": 90, "B": 60, "C": 30},
            "indicators": [{"code": "tax_per_mu", "weight": 100, "benchmark": 20.0}],
        }
    },
}


def year_rows(year):
    low = 10 if year == 2025 else 12
    return [
        HEAD,
        [code(1), "甲", "规上", "在产", "P-1", "", "", 600, 2000],
        [code(2), "乙", "规上", "在产", "P-2", "", "", low, 100],
        [code(3), "丙", "规上", "停产" if year == 2025 else "在产", "P-3", "", "", 100, 300],
        [code(5), "戊", "规上", "在产", "P-5", "", "", 60, 300],
        [code(7), "租户甲", "规下", "在产", "", "B-1", 3000, 90, 200],
        [code(8), "租户乙", "规下", "在产", "", "B-2", 2000, 45, 100],
    ]


@pytest.fixture
def loaded(eff_store, tmp_path):
    for year in (2024, 2025):
        out = svc.import_enterprises(
            eff_store, write_csv(tmp_path / f"{year}.csv", year_rows(year)), year=year
        )
        assert out.ok, out.report.to_text("en")
    return eff_store


def areas(store):
    p = store.layer("parcels", dt.date(2025, 12, 31), geometry=False).set_index("parcel_id")
    b = store.layer("buildings", dt.date(2025, 12, 31), geometry=False).set_index("building_id")
    return p["area_m2"], b["floor_area_m2"]


def test_tenant_land_is_its_share_of_the_floor_area(loaded):
    scheme = scheme_from_dict(2025, CONFIG)
    ev = svc.evaluate_year(loaded, 2025, scheme=scheme).table.set_index("credit_code")
    parcel, floor = areas(loaded)
    total_floor = floor["B-1"] + floor["B-2"]
    assert abs(ev.loc[code(7), "land_mu"] - 3000 / total_floor * parcel["P-6"] / M2_PER_MU) < 1e-9
    assert abs(ev.loc[code(8), "land_mu"] - 2000 / total_floor * parcel["P-6"] / M2_PER_MU) < 1e-9
    assert abs(ev.loc[code(1), "land_mu"] - parcel["P-1"] / M2_PER_MU) < 1e-9
    none = scheme_from_dict(2025, {**CONFIG, "efficiency": {"tenant_land": "none"}})
    ev = svc.evaluate_year(loaded, 2025, scheme=none).table.set_index("credit_code")
    assert ev.loc[code(7), "land_mu"] == 0 and ev.loc[code(7), "reason"] == "no_land"


def test_zone_figures_against_the_target(loaded):
    from landinv.domain import Config

    scheme = scheme_from_dict(2025, CONFIG)
    ev = svc.evaluate_year(loaded, 2025, scheme=scheme)
    zones = svc.zones_summary(ev, Config()).set_index("zone")
    parcel, _ = areas(loaded)
    land = sum(parcel[p] for p in ("P-1", "P-2", "P-3", "P-5")) / M2_PER_MU
    assert abs(zones.loc["total", "tax_per_mu"] - (600 + 10 + 100 + 60) / land) < 1e-9
    assert abs(zones.loc["xindu", "value_added_per_mu"] - (2000 + 100 + 300 + 300) / land) < 1e-9
    assert zones.loc["total", "target_tax_per_mu"] == 20.0
    assert zones.loc["total", "meets_target"] == bool((770 / land) >= 20)
    assert zones.loc["huibu", "enterprises"] == 0


def test_candidates_and_their_reasons(loaded):
    scheme = scheme_from_dict(2025, CONFIG)
    table, _ = svc.low_efficiency(loaded, 2025, scheme=scheme)
    found = {r["parcel_id"]: set(r["rules"]) for r in table.to_dict("records")}
    assert found["P-2"] == {"low_tax", "below_half_average", "class_d"}
    assert found["P-3"] == {"stopped", "idle"}  # stopped, no building: nobody produces
    assert found["P-4"] == {"idle"}  # supplied 2020, nothing built, nobody producing
    assert "P-1" not in found and "P-6" not in found
    # P-5: 60 / ~14.6 mu = ~4.1 per mu: above the 3.0 floor, below half the zone's
    # (600+10+100+60+90+45) / (5 x ~14.6 mu) = ~12.4, and class D (score < 30) both years
    assert found["P-5"] == {"class_d", "below_half_average"}
    records = svc.candidate_records(table, scheme, "en")
    p2 = next(r for r in records if r["parcel_id"] == "P-2")
    assert p2["credit_codes"] == [code(2)]
    assert "Tax per mu below 30,000 yuan" in p2["reasons"]


def test_mark_as_revitalisation_land_records_the_reason(loaded, tmp_path, monkeypatch):
    path = tmp_path / "landinv.toml"
    path.write_text(
        "[evaluation.2024]\nthresholds = { A = 90, B = 60, C = 30 }\n"
        '[[evaluation.2024.indicators]]\ncode = "tax_per_mu"\nweight = 100\n'
        "benchmark = 20.0\n",
        encoding="utf-8",
    )
    with pytest.raises(UsageError):
        svc.mark_revitalisation(
            loaded, "P-1", year=2025, date=dt.date(2026, 2, 1), reason="x", config_path=path
        )
    svc.mark_revitalisation(
        loaded,
        "P-2",
        year=2025,
        date=dt.date(2026, 2, 1),
        reason="亩均税收长期偏低，协议收回",
        user="t",
        config_path=path,
    )
    now = loaded.layer("parcels", dt.date(2026, 2, 1), geometry=False).set_index("parcel_id")
    assert now.loc["P-2", "category"] == REVITALISED
    change = loaded.changes().iloc[0]
    assert change["action"] == "reclassify" and "协议收回" in change["note"]
