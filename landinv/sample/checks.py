"""The figures the sample promises, recomputed from its version rows, and the check
that edited story tables still keep those promises.

The stocks, breaches and annual additions come from :mod:`landinv.analysis`,
the same functions the reports use, so the sample is checked by the numbers a
planner will see.
"""

from __future__ import annotations

import pandas as pd

from landinv.analysis import READY_LAND, annual_figures, breach_periods, stock_series
from landinv.domain import NEW, REVITALISED, Config
from landinv.errors import UsageError
from landinv.sample.story import YEAR_START

#: Last day of the story's year.
YEAR_END = "2025-12-31"


def event_dates(parcels: pd.DataFrame, buildings: pd.DataFrame) -> list[str]:
    """Every date on which a stock can change, sorted."""
    dates = pd.concat(
        [
            parcels["valid_from"],
            parcels["valid_to"].dropna(),
            buildings["valid_from"],
            buildings["valid_to"].dropna(),
        ]
    )
    return sorted(set(dates))


def headline_totals(
    parcels: pd.DataFrame, buildings: pd.DataFrame, cfg: Config | None = None
) -> dict:
    """The figures the sample promises, computed from the version rows.

    Parameters
    ----------
    parcels, buildings : DataFrame
        Every version (ISO date strings in ``valid_from``/``valid_to``).
    cfg : Config, optional
        Floors and annual targets (default: the built-in configuration).

    Returns
    -------
    dict
        Ready land and standard factory space on 2025-01-01, at the end and at
        their lowest in 2025, the days below the ready-land floor, the mu
        revitalised and newly developed in 2025 (None for a category without a
        2025 target), and counts.
    """
    cfg = cfg or Config()
    end = event_dates(parcels, buildings)[-1]
    daily = stock_series(parcels, buildings, cfg, YEAR_START, max(end, YEAR_END))
    daily.index = [d.isoformat() for d in daily["date"]]
    year = daily[daily.index <= YEAR_END]
    low = year["ready_land_mu"].idxmin()
    below = breach_periods(year, cfg)[READY_LAND]
    added = annual_figures(parcels, cfg, 2025).set_index("category")["area_mu"]
    return {
        "end_state_date": end,
        "ready_land_mu_2025_01_01": float(daily.at[YEAR_START, "ready_land_mu"]),
        "ready_land_mu_end": float(daily.at[end, "ready_land_mu"]),
        "ready_land_mu_lowest_2025": float(year.at[low, "ready_land_mu"]),
        "ready_land_lowest_date": low,
        "days_below_floor_2025": sum((b.end - b.start).days + 1 for b in below),
        "standard_factory_m2_2025_01_01": float(daily.at[YEAR_START, "factory_floor_area_m2"]),
        "standard_factory_m2_end": float(daily.at[end, "factory_floor_area_m2"]),
        "standard_factory_m2_lowest_2025": float(year["factory_floor_area_m2"].min()),
        "revitalised_2025_mu": float(added[REVITALISED]) if REVITALISED in added else None,
        "new_2025_mu": float(added[NEW]) if NEW in added else None,
        "parcels": int(parcels["parcel_id"].nunique()),
        "parcel_versions": len(parcels),
        "buildings": int(buildings["building_id"].nunique()),
        "building_versions": len(buildings),
    }


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
        raise UsageError("sample.err_story", problems="; ".join(problems))
