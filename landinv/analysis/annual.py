"""Land that entered each target category during a year, against the annual targets."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from landinv.analysis import frames as fr
from landinv.analysis.stocks import versions_of
from landinv.domain import PARCELS, Config, m2_to_mu


def annual_figures(
    parcel_history: pd.DataFrame,
    config: Config,
    year: int,
    *,
    exclude_imports=(),
    until: dt.date | None = None,
) -> pd.DataFrame:
    """Land that entered each target category during ``year``, against the target.

    A parcel counts for a category when its first version with that category
    starts in the year; its area is that version's area.

    Parameters
    ----------
    parcel_history : DataFrame
        Every version of every parcel.
    config : Config
        ``annual_targets_mu[year]`` names the categories and targets.
    year : int
    exclude_imports : iterable of str
        Import IDs whose rows do not count (e.g. undone imports).
    until : date, optional
        Count only land that entered by this day (year to date); default the
        whole year.

    Returns
    -------
    DataFrame
        ``category, category_zh, category_en, count, area_m2, area_mu,
        target_mu, ratio`` (ratio = area_mu / target_mu); no rows when the
        config has no targets for the year.
    """
    targets = config.annual_targets_mu.get(int(year), {})
    columns = [
        "category",
        "category_zh",
        "category_en",
        "count",
        "area_m2",
        "area_mu",
        "target_mu",
        "ratio",
    ]
    if not targets:
        return pd.DataFrame(columns=columns)
    h = parcel_history
    if len(h) and "import_id" in h.columns and exclude_imports:
        h = h[~np.isin(fr.text(h["import_id"]), list(exclude_imports))]
    versions = versions_of(h, PARCELS)
    first_day, last_day = fr.day(dt.date(int(year), 1, 1)), fr.day(dt.date(int(year), 12, 31))
    if until is not None:
        last_day = min(last_day, fr.day(until))
    rows = []
    for code, target in targets.items():
        of_cat = versions[versions["category"] == code] if len(versions) else versions
        firsts = of_cat.sort_values("vf", kind="stable").drop_duplicates("object_id")
        entered = firsts[(firsts["vf"] >= first_day) & (firsts["vf"] <= last_day)]
        m2 = math.fsum(fr.numbers(entered["area_m2"])) if len(entered) else 0.0
        mu = float(m2_to_mu(m2))
        known = code in config.category_codes
        rows.append(
            {
                "category": code,
                "category_zh": config.category(code).label("zh") if known else code,
                "category_en": config.category(code).label("en") if known else code,
                "count": len(entered),
                "area_m2": m2,
                "area_mu": mu,
                "target_mu": float(target),
                "ratio": mu / target if target else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def annual_year(config: Config, as_of: dt.date) -> tuple[int, dt.date]:
    """Which year's targets a report shows, and up to which day.

    The as-of year, year to date, when the config has targets for it; else the
    latest earlier year with targets, whole year (a report in early 2026 still
    shows how 2025 ended rather than nothing).
    """
    years = [y for y in config.annual_targets_mu if y <= as_of.year]
    if as_of.year in config.annual_targets_mu or not years:
        return as_of.year, as_of
    year = max(years)
    return year, dt.date(year, 12, 31)
