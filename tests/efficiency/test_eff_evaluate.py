"""The evaluation against a hand computation with one county's published weights and benchmarks.

Weights and 2022 benchmarks (docs/efficiency.md, from a published county rule):
tax per mu 30 / 24.097, value added per mu 20 / 136.16, value added per energy 20 / 2.694,
value added per emission 10 / 4929.81, labour productivity 10 / 18.14, R&D share 10 / 3.02;
below-scale: tax per mu 50 / 11.59, tax per kWh 50 / 0.2352. Cap 1.5 × weight.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from landinv.efficiency.evaluate import evaluate
from landinv.efficiency.scheme import load_scheme

TOML = """
[evaluation.2025]
scope = { min_land_mu_below_scale = 3 }
cap = 1.5
classes = { A = 0.20, B = 0.60, C = 0.15, D = 0.05 }
[[evaluation.2025.indicators]]
code = "tax_per_mu"
weight = 30
benchmark = 24.097
[[evaluation.2025.indicators]]
code = "value_added_per_mu"
weight = 20
benchmark = 136.16
[[evaluation.2025.indicators]]
code = "value_added_per_energy"
weight = 20
benchmark = 2.694
[[evaluation.2025.indicators]]
code = "value_added_per_emission"
weight = 10
benchmark = 4929.81
[[evaluation.2025.indicators]]
code = "labour_productivity"
weight = 10
benchmark = 18.14
[[evaluation.2025.indicators]]
code = "rd_share"
weight = 10
benchmark = 3.02
[evaluation.2025.below_scale]
[[evaluation.2025.below_scale.indicators]]
code = "tax_per_mu"
weight = 50
benchmark = 11.59
[[evaluation.2025.below_scale.indicators]]
code = "tax_per_kwh"
weight = 50
benchmark = 0.2352
"""
ABOVE = [
    ("tax_per_mu", 30, 24.097),
    ("value_added_per_mu", 20, 136.16),
    ("value_added_per_energy", 20, 2.694),
    ("value_added_per_emission", 10, 4929.81),
    ("labour_productivity", 10, 18.14),
    ("rd_share", 10, 3.02),
]
BELOW = [("tax_per_mu", 50, 11.59), ("tax_per_kwh", 50, 0.2352)]


def enterprises() -> pd.DataFrame:
    """20 above-scale and 6 below-scale enterprises, figures by simple formulas."""
    rows = []
    for i in range(20):
        rows.append(
            {
                "credit_code": f"A{i:02d}",
                "name": f"above {i}",
                "scale": "above",
                "state": "producing",
                "zone": "xindu",
                "land_mu": 10.0 + 3 * i,
                "tax": 40.0 + 47.0 * ((i * 7) % 20),
                "revenue": 2000.0 + 350.0 * i,
                "value_added": 300.0 + 180.0 * ((i * 3) % 20),
                "energy_tce": 200.0 + 55 * i,
                "electricity_kwh": 1e6 + 1e5 * i,
                "emissions_t": 0.2 + 0.05 * i,
                "employees": 40.0 + 9 * i,
                "rd": 20.0 + 9.5 * ((i * 11) % 20),
            }
        )
    rows[0].update(
        land_mu=20.0,
        tax=600.0,
        value_added=3000.0,
        energy_tce=1000.0,
        emissions_t=0.5,
        employees=150.0,
        rd=400.0,
        revenue=10000.0,
    )
    rows[5].update(emissions_t=np.nan)  # missing: scores 0
    rows[6].update(tax=-15.0)  # negative: scores 0
    rows[7].update(tax=5000.0)  # capped at 1.5 x 30
    for j in range(6):
        rows.append(
            {
                "credit_code": f"B{j:02d}",
                "name": f"below {j}",
                "scale": "below",
                "state": "producing",
                "zone": "huibu",
                "land_mu": 2.0 + 1.5 * j,
                "tax": 10.0 + 12.0 * j,
                "revenue": 300.0,
                "value_added": 60.0,
                "energy_tce": 20.0,
                "electricity_kwh": 200_000.0 + 90_000 * j,
                "emissions_t": 0.01,
                "employees": 12.0,
                "rd": 0.0,
            }
        )
    rows.append(
        {
            "credit_code": "S00",
            "name": "stopped",
            "scale": "above",
            "state": "stopped",
            "zone": "xindu",
            "land_mu": 30.0,
            "tax": 1.0,
        }
    )
    return pd.DataFrame(rows)


def hand_value(row: dict, code: str) -> float:
    num, den, factor = {
        "tax_per_mu": ("tax", "land_mu", 1),
        "value_added_per_mu": ("value_added", "land_mu", 1),
        "value_added_per_energy": ("value_added", "energy_tce", 1),
        "value_added_per_emission": ("value_added", "emissions_t", 1),
        "labour_productivity": ("value_added", "employees", 1),
        "rd_share": ("rd", "revenue", 100),
        "tax_per_kwh": ("tax", "electricity_kwh", 10_000),
    }[code]
    n, d = row.get(num), row.get(den)
    if n is None or d is None or math.isnan(n) or math.isnan(d) or d <= 0:
        return math.nan
    return factor * n / d


def hand_scores(rows: list[dict], table, cap=1.5) -> dict:
    out = {}
    for row in rows:
        scores = {}
        for code, weight, bench in table:
            v = hand_value(row, code)
            scores[code] = 0.0 if math.isnan(v) else min(max(weight * v / bench, 0.0), cap * weight)
        out[row["credit_code"]] = scores
    return out


def hand_classes(totals: dict, shares=(0.20, 0.60, 0.15, 0.05)) -> tuple[dict, dict]:
    n = len(totals)
    ranks = {c: 1 + sum(1 for t in totals.values() if t > totals[c]) for c in totals}
    last, cum = [], 0.0
    for s in shares:
        cum += s
        last.append(math.floor(cum * n + 0.5))
    last[-1] = n
    classes = {c: "ABCD"[next(k for k, r in enumerate(last) if r >= ranks[c])] for c in totals}
    return ranks, classes


@pytest.fixture
def scheme(tmp_path):
    path = tmp_path / "landinv.toml"
    path.write_text(TOML, encoding="utf-8")
    return load_scheme(2025, path)


def test_first_enterprise_by_hand(scheme):
    ev = evaluate(enterprises(), scheme).set_index("credit_code")
    expected = {
        "tax_per_mu": 30 * (600 / 20) / 24.097,
        "value_added_per_mu": 20 * (3000 / 20) / 136.16,
        "value_added_per_energy": 20 * (3000 / 1000) / 2.694,
        "value_added_per_emission": 10 * (3000 / 0.5) / 4929.81,
        "labour_productivity": 10 * (3000 / 150) / 18.14,
        "rd_share": 10 * (400 / 10000 * 100) / 3.02,
    }
    for code, score in expected.items():
        assert abs(ev.loc["A00", f"s_{code}"] - score) < 1e-9
    assert abs(ev.loc["A00", "total"] - sum(expected.values())) < 1e-9
    assert ev.loc["A07", "s_tax_per_mu"] == 45.0  # capped
    assert ev.loc["A06", "s_tax_per_mu"] == 0.0  # negative
    assert ev.loc["A05", "s_value_added_per_emission"] == 0.0  # missing


def test_scores_ranks_and_classes_match_the_hand_computation(scheme):
    frame = enterprises()
    ev = evaluate(frame, scheme).set_index("credit_code")
    rows = frame.to_dict("records")
    for scale, table in (("above", ABOVE), ("below", BELOW)):
        members = [
            r
            for r in rows
            if r["scale"] == scale
            and r["state"] == "producing"
            and (scale == "above" or r["land_mu"] >= 3)
        ]
        scores = hand_scores(members, table)
        totals = {c: sum(s.values()) for c, s in scores.items()}
        ranks, classes = hand_classes(totals)
        for c, s in scores.items():
            for code, value in s.items():
                assert abs(ev.loc[c, f"s_{code}"] - value) < 1e-9, (c, code)
            assert abs(ev.loc[c, "total"] - totals[c]) < 1e-9
            assert ev.loc[c, "rank"] == ranks[c]
            assert ev.loc[c, "class"] == classes[c]
    above = ev[(ev["scale"] == "above") & ev["class"].notna()]
    assert above["class"].value_counts().to_dict() == {"A": 4, "B": 12, "C": 3, "D": 1}
    assert ev.loc["S00", "reason"] == "not_producing" and pd.isna(ev.loc["S00", "class"])
    assert ev.loc["B00", "reason"] == "below_land_threshold"  # 2 mu < 3 mu


def test_thresholds_instead_of_shares(tmp_path):
    path = tmp_path / "landinv.toml"
    path.write_text(
        TOML.replace(
            "classes = { A = 0.20, B = 0.60, C = 0.15, D = 0.05 }",
            "thresholds = { A = 90, B = 60, C = 40 }",
        ),
        encoding="utf-8",
    )
    scheme = load_scheme(2025, path)
    frame = enterprises()
    ev = evaluate(frame, scheme).set_index("credit_code")
    members = [
        r for r in frame.to_dict("records") if r["scale"] == "above" and r["state"] == "producing"
    ]
    for c, s in hand_scores(members, ABOVE).items():
        total = sum(s.values())
        expected = "A" if total >= 90 else "B" if total >= 60 else "C" if total >= 40 else "D"
        assert ev.loc[c, "class"] == expected, (c, total)
    assert set(ev.loc[[r["credit_code"] for r in members], "class"]) >= {"A", "B", "D"}


def test_average_benchmark_and_average_for_missing(tmp_path):
    text = TOML.replace("benchmark = 24.097", 'benchmark = "average"').replace(
        "benchmark = 4929.81", 'benchmark = 4929.81\nmissing = "average"'
    )
    path = tmp_path / "landinv.toml"
    path.write_text(text, encoding="utf-8")
    frame = enterprises()
    ev = evaluate(frame, load_scheme(2025, path)).set_index("credit_code")
    members = frame[(frame["scale"] == "above") & (frame["state"] == "producing")]
    values = (members["tax"] / members["land_mu"]).to_numpy()
    bench = values.mean()
    for c, v in zip(members["credit_code"], values):
        assert abs(ev.loc[c, "s_tax_per_mu"] - min(max(30 * v / bench, 0), 45)) < 1e-9
    others = [
        min(max(10 * (r["value_added"] / r["emissions_t"]) / 4929.81, 0), 15)
        for r in members.to_dict("records")
        if r["credit_code"] != "A05"
    ]
    assert abs(ev.loc["A05", "s_value_added_per_emission"] - sum(others) / len(others)) < 1e-9


def test_changing_the_toml_changes_the_result(tmp_path, scheme):
    frame = enterprises()
    before = evaluate(frame, scheme).set_index("credit_code")
    path = tmp_path / "changed.toml"
    path.write_text(
        TOML.replace("weight = 30", "weight = 60")
        .replace("cap = 1.5", "cap = 2.0")
        .replace("min_land_mu_below_scale = 3", "min_land_mu_below_scale = 5"),
        encoding="utf-8",
    )
    after = evaluate(frame, load_scheme(2025, path)).set_index("credit_code")
    assert after.loc["A07", "s_tax_per_mu"] == 120.0  # 2.0 x 60
    assert abs(after.loc["A00", "s_tax_per_mu"] - 60 * 30 / 24.097) < 1e-9
    assert not before["rank"].equals(after["rank"])
    assert after.loc["B01", "reason"] == "below_land_threshold"  # 3.5 mu < 5 mu
    assert pd.isna(before.loc["B01", "reason"])
