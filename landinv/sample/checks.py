"""The figures the sample promises, recomputed from its version rows, and the check
that edited story tables still keep those promises."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from landinv.domain import NEW, READY, REVITALISED, STATUS_AVAILABLE, Config, m2_to_mu
from landinv.errors import UsageError
from landinv.sample.story import YEAR_START


def valid_at(frame: pd.DataFrame, date: str) -> pd.DataFrame:
    """Rows valid on ``date`` (ISO): valid_from <= date < valid_to (NULL = open)."""
    to = frame["valid_to"]
    return frame[(frame["valid_from"] <= date) & (to.isna() | (to > date))]


def ready_land_mu(parcels: pd.DataFrame, date: str) -> float:
    """Ready industrial land in stock (category ready, status available) on ``date``."""
    rows = valid_at(parcels, date)
    rows = rows[(rows["category"] == READY) & (rows["status"] == STATUS_AVAILABLE)]
    return float(m2_to_mu(rows["area_m2"].sum()))


def standard_factory_m2(buildings: pd.DataFrame, date: str) -> float:
    """Standard factory floor area in stock on ``date``."""
    rows = valid_at(buildings, date)
    return float(rows.loc[rows["is_standard_factory"].astype(bool), "floor_area_m2"].sum())


def added_in_year_mu(parcels: pd.DataFrame, category: str, year: int) -> float:
    """Area of parcels whose first version with ``category`` starts in ``year``."""
    rows = parcels[parcels["category"] == category]
    first = rows.sort_values("valid_from").drop_duplicates("parcel_id")
    first = first[first["valid_from"].str.startswith(str(year))]
    return float(m2_to_mu(first["area_m2"].sum()))


def event_dates(parcels: pd.DataFrame, buildings: pd.DataFrame) -> list[str]:
    """Every date on which a stock can change, sorted."""
    dates = pd.concat([parcels["valid_from"], parcels["valid_to"].dropna(),
                       buildings["valid_from"], buildings["valid_to"].dropna()])
    return sorted(set(dates))


def headline_totals(parcels: pd.DataFrame, buildings: pd.DataFrame,
                    floor_mu: float = Config.ready_land_floor_mu) -> dict:
    """The figures the sample promises, computed from the version rows."""
    dates = [d for d in event_dates(parcels, buildings) if d.startswith("2025")]
    end = event_dates(parcels, buildings)[-1]
    ready = {d: ready_land_mu(parcels, d) for d in [YEAR_START, *dates]}
    low = min(ready, key=ready.get)
    factory = {d: standard_factory_m2(buildings, d) for d in [YEAR_START, *dates]}
    return {
        "end_state_date": end,
        "ready_land_mu_2025_01_01": ready[YEAR_START],
        "ready_land_mu_end": ready_land_mu(parcels, end),
        "ready_land_mu_lowest_2025": ready[low],
        "ready_land_lowest_date": low,
        "days_below_floor_2025": _days_below(ready, floor_mu),
        "standard_factory_m2_2025_01_01": factory[YEAR_START],
        "standard_factory_m2_end": standard_factory_m2(buildings, end),
        "standard_factory_m2_lowest_2025": min(factory.values()),
        "revitalised_2025_mu": added_in_year_mu(parcels, REVITALISED, 2025),
        "new_2025_mu": added_in_year_mu(parcels, NEW, 2025),
        "parcels": int(parcels["parcel_id"].nunique()),
        "parcel_versions": len(parcels),
        "buildings": int(buildings["building_id"].nunique()),
        "building_versions": len(buildings),
    }


def _days_below(stock_by_date: dict[str, float], floor: float) -> int:
    dates = sorted(stock_by_date)
    days = 0
    for d0, d1 in zip(dates, dates[1:] + ["2026-01-01"]):
        if stock_by_date[d0] < floor:
            days += (dt.date.fromisoformat(d1) - dt.date.fromisoformat(d0)).days
    return days


def check_story(totals: dict, cfg: Config | None = None) -> None:
    """Raise :class:`UsageError` when edited tables break what the sample promises."""
    cfg = cfg or Config()
    floor_mu, floor_m2 = cfg.ready_land_floor_mu, cfg.factory_floor_m2
    targets = cfg.annual_targets_mu.get(2025, {})
    problems = []
    if not floor_mu + 10 <= totals["ready_land_mu_end"] <= floor_mu + 80:
        problems.append(f"ready land at the end {totals['ready_land_mu_end']:.1f} mu")
    if totals["ready_land_mu_2025_01_01"] < floor_mu:
        problems.append("ready land below the floor on 2025-01-01")
    if totals["days_below_floor_2025"] < 14:
        problems.append("no dip below the ready-land floor of at least two weeks")
    if not floor_m2 + 500 <= totals["standard_factory_m2_end"] <= floor_m2 + 4000:
        problems.append(f"factory floor area at the end {totals['standard_factory_m2_end']:.0f}")
    if totals["standard_factory_m2_lowest_2025"] < floor_m2:
        problems.append("factory floor area below the floor during 2025")
    for code, key in ((REVITALISED, "revitalised_2025_mu"), (NEW, "new_2025_mu")):
        if code in targets and abs(totals[key] - targets[code]) > 1.0:
            problems.append(f"{code} added in 2025 {totals[key]:.2f} mu != {targets[code]}")
    if problems:
        text = "; ".join(problems)
        raise UsageError(f"示例数据的故事表不再符合报告数字：{text}",
                         f"The sample story tables no longer match the report: {text}")
