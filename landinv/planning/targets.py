"""Progress to the year's targets: year to date and forecast for the year's end.

A target is for the whole zone (``[targets.YEAR]`` in landinv.toml: mu per
category) or for a named target area (``[[area_targets]]``: a category, mu and
the code of an outline in the store's target-areas layer). Land counts for a
category as in :func:`landinv.analysis.annual.annual_figures`: a parcel counts once,
in the year its first version with that category starts. For an area target,
a parcel counts when its representative point lies inside the area's outline.
The year-end forecast adds the scenario's planned events of the rest of the
year that bring land into the category (a parcel becoming that category, a
planned new parcel of that category).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import shapely

from landinv.analysis.annual import annual_figures
from landinv.domain import Config, m2_to_mu

TARGET_COLUMNS = [
    "scope",
    "area",
    "area_zh",
    "area_en",
    "category",
    "category_zh",
    "category_en",
    "target_mu",
    "done_mu",
    "planned_mu",
    "forecast_mu",
    "ratio_done",
    "ratio_forecast",
    "area_missing",
]


def _in_area(geoms, area) -> np.ndarray:
    points = shapely.point_on_surface(np.asarray(geoms, dtype=object))
    return shapely.contains(area, points)


def target_progress(
    parcel_history,
    parcels_now,
    events: pd.DataFrame | None,
    config: Config,
    as_of: dt.date,
    *,
    areas=None,
    year: int | None = None,
    exclude_imports=(),
) -> pd.DataFrame:
    """One row per target of ``year`` (default the as-of year).

    Parameters
    ----------
    parcel_history : DataFrame
        Every version of every parcel (attributes).
    parcels_now : GeoDataFrame or None
        Parcels with geometry (any version set holding each parcel ID), used
        only to place parcels in target areas.
    events : DataFrame or None
        Current planned events of the scenario (with ``geometry`` for outlines
        of planned new parcels when area targets are to count them).
    config : Config
    as_of : date
    areas : GeoDataFrame, optional
        Target areas valid at ``as_of`` (``code``, geometry).
    year : int, optional
    exclude_imports : iterable of str
        Undone import IDs.

    Returns
    -------
    DataFrame
        :data:`TARGET_COLUMNS`; ``scope`` is ``zone`` or ``area``;
        ``area_missing`` is True when an area target's outline is not in the store.
    """
    year = int(year or as_of.year)
    until = min(as_of, dt.date(year, 12, 31))
    end = dt.date(year, 12, 31)
    rows = []
    zone_targets = config.annual_targets_mu.get(year, {})
    specs = [("zone", None, code, mu) for code, mu in zone_targets.items()]
    specs += [("area", t, t["category"], t["mu"]) for t in config.area_targets if t["year"] == year]
    for scope, spec, category, mu in specs:
        history, outline, missing = parcel_history, None, False
        if scope == "area":
            match = (
                None if areas is None or not len(areas) else areas[areas["code"] == spec["area"]]
            )
            if match is None or not len(match):
                missing = True
                history = parcel_history.iloc[0:0]
            else:
                outline = shapely.union_all(np.asarray(match.geometry.values, dtype=object))
                inside = set()
                if parcels_now is not None and len(parcels_now):
                    mask = _in_area(parcels_now.geometry.values, outline)
                    inside = set(parcels_now.loc[mask, "parcel_id"].astype(str))
                history = parcel_history[parcel_history["parcel_id"].astype(str).isin(inside)]
        single = _one_target(config, year, category, mu)
        done = annual_figures(history, single, year, exclude_imports=exclude_imports, until=until)
        done_mu = float(done["area_mu"].iloc[0]) if len(done) else 0.0
        planned_mu = (
            0.0
            if missing
            else _planned_mu(events, category, as_of, end, outline, parcel_history, parcels_now)
        )
        known = category in config.category_codes
        rows.append(
            {
                "scope": scope,
                "area": spec["area"] if spec else "",
                "area_zh": spec["name_zh"] if spec else config.name_zh,
                "area_en": spec["name_en"] if spec else config.name_en,
                "category": category,
                "category_zh": config.category(category).label("zh") if known else category,
                "category_en": config.category(category).label("en") if known else category,
                "target_mu": float(mu),
                "done_mu": done_mu,
                "planned_mu": planned_mu,
                "forecast_mu": done_mu + planned_mu,
                "ratio_done": done_mu / mu if mu else np.nan,
                "ratio_forecast": (done_mu + planned_mu) / mu if mu else np.nan,
                "area_missing": missing,
            }
        )
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


def _one_target(config: Config, year: int, category: str, mu: float) -> Config:
    from dataclasses import replace

    return replace(config, annual_targets_mu={year: {category: float(mu)}})


def _planned_mu(events, category, as_of, end, outline, parcel_history, parcels_now) -> float:
    """Mu the scenario's remaining events of the year bring into ``category``."""
    if events is None or not len(events):
        return 0.0
    iso_from, iso_to = as_of.isoformat(), end.isoformat()
    ev = events[
        (events["state"] == "planned")
        & (events["category"] == category)
        & events["kind"].isin(["ready", "new"])
    ]
    ev = ev[(ev["date"].astype(str) > iso_from) & (ev["date"].astype(str) <= iso_to)]
    if not len(ev):
        return 0.0
    latest = (
        parcel_history.sort_values("valid_from", kind="stable")
        .drop_duplicates("parcel_id", keep="last")
        .set_index("parcel_id")
    )
    shapes = None
    if outline is not None and parcels_now is not None and len(parcels_now):
        shapes = parcels_now.drop_duplicates("parcel_id", keep="last").set_index("parcel_id")
    total = 0.0
    for r in ev.itertuples(index=False):
        if r.kind == "new":
            area = float(r.area_m2 or 0.0)
            geom = getattr(r, "geometry", None)
            if outline is not None and (geom is None or not _in_area([geom], outline)[0]):
                continue
        else:
            if r.object_id not in latest.index:
                continue
            area = float(latest.loc[r.object_id, "area_m2"] or 0.0)
            if outline is not None and (
                shapes is None
                or r.object_id not in shapes.index
                or not _in_area([shapes.loc[r.object_id, "geometry"]], outline)[0]
            ):
                continue
        total += area
    return float(m2_to_mu(total))
