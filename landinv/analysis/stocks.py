"""The two stocks as step functions of the date, their monthly timeline and breaches.

The stocks (ready land available, standard factory floor space) are built from
the change points of the history (each row adds its contribution on
``valid_from`` and removes it on ``valid_to``), never by querying the store once
per day. Running sums are kept as exact fractions, so the stock on any day
equals the correctly rounded sum of the rows valid that day: a stock exactly at
its floor reads exactly at the floor, whatever order the changes came in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction
from typing import NamedTuple

import numpy as np
import pandas as pd

from landinv.analysis import frames as fr
from landinv.analysis.floors import FACTORY, READY_LAND, meets_floor
from landinv.domain import BUILDINGS, PARCELS, READY, STATUS_AVAILABLE, Config, m2_to_mu
from landinv.errors import StoreError


class Stock:
    """One stock as an exact step function of the day number.

    ``versions`` holds one row per stored version with its contribution
    ``value`` (m²) over ``[vf, vt)``; ``days`` are the change days and
    ``exact`` the stock (a Fraction, m²) from each change day on.
    """

    def __init__(self, key: str, versions: pd.DataFrame):
        self.key = key
        self.versions = versions
        deltas: dict[int, Fraction] = defaultdict(Fraction)
        for vf, vt, value in zip(versions["vf"], versions["vt"], versions["value"]):
            if value == 0:
                continue
            exact = Fraction(float(value))
            deltas[int(vf)] += exact
            if vt != fr.OPEN:
                deltas[int(vt)] -= exact
        self.days = np.array(sorted(deltas), dtype=np.int64)
        running, exact_values = Fraction(0), []
        for day in self.days:
            running += deltas[int(day)]
            exact_values.append(running)
        self.exact = exact_values
        self._floats = np.array([0.0] + [float(v) for v in exact_values])

    def at(self, days: np.ndarray) -> np.ndarray:
        """Stock in m² on each day number in ``days``."""
        return self._floats[np.searchsorted(self.days, days, side="right")]

    def exact_at(self, day: int) -> Fraction:
        """Exact stock in m² on day number ``day``."""
        i = int(np.searchsorted(self.days, day, side="right"))
        return self.exact[i - 1] if i else Fraction(0)


def ready_land_stock(parcel_history: pd.DataFrame) -> Stock:
    """Ready land available: area of parcels tagged ready and available."""
    versions = versions_of(parcel_history, PARCELS)
    if len(versions):
        counted = (versions["category"] == READY) & (versions["status"] == STATUS_AVAILABLE)
        versions["value"] = np.where(counted, fr.numbers(versions["area_m2"]), 0.0)
    return Stock(READY_LAND, versions)


def factory_stock(building_history: pd.DataFrame) -> Stock:
    """Standard factory floor space: floor area of standard factory buildings."""
    versions = versions_of(building_history, BUILDINGS)
    if len(versions):
        versions["is_standard_factory"] = fr.flags(versions["is_standard_factory"])
        versions["value"] = np.where(
            versions["is_standard_factory"], fr.numbers(versions["floor_area_m2"]), 0.0
        )
    return Stock(FACTORY, versions)


_VERSION_FIELDS = {
    PARCELS: ("parcel_id", ["name", "zone", "project", "category", "status", "area_m2"]),
    BUILDINGS: ("building_id", ["name", "zone", "is_standard_factory", "floor_area_m2"]),
}


def versions_of(history: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Versions of layer ``kind`` with day numbers ``vf``/``vt``; rows that were
    never valid (closed on the day they started, e.g. an undone import) dropped."""
    key, fields = _VERSION_FIELDS[kind]
    text_fields = [
        f for f in fields if f not in ("area_m2", "floor_area_m2", "is_standard_factory")
    ]
    empty = pd.DataFrame({"object_id": [], "vf": [], "vt": [], "value": []})
    if history is None or len(history) == 0:
        return empty
    missing = [c for c in [key, "valid_from", "valid_to", *fields] if c not in history.columns]
    if missing:
        raise StoreError("err.history_columns", kind=kind, columns=", ".join(missing))
    out = pd.DataFrame(
        {
            "object_id": fr.text(history[key]),
            "vf": _day_numbers(history["valid_from"], kind, "valid_from"),
            "vt": _day_numbers(history["valid_to"], kind, "valid_to"),
        }
    )
    for f in fields:
        out[f] = fr.text(history[f]) if f in text_fields else history[f].to_numpy()
    out = out[out["vf"] < out["vt"]].reset_index(drop=True)
    return out.astype({"object_id": object, **dict.fromkeys(text_fields, object)})


def _day_numbers(values: pd.Series, kind: str, column: str) -> np.ndarray:
    """Days since 1970-01-01 of ISO dates; missing ``valid_to`` means open."""
    try:
        stamps = pd.to_datetime(pd.Series(values, dtype=object), format="mixed")
    except (ValueError, TypeError) as exc:
        raise StoreError("err.history_date", kind=kind, column=column, detail=exc) from None
    missing = stamps.isna().to_numpy()
    if missing.any() and column == "valid_from":
        raise StoreError("err.history_no_start", kind=kind, count=int(missing.sum()))
    days = stamps.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)
    return np.where(missing, fr.OPEN, days)


def stock_series(
    parcel_history: pd.DataFrame, building_history: pd.DataFrame, config: Config, start, end
) -> pd.DataFrame:
    """Both stocks on every day from ``start`` to ``end`` (inclusive).

    Parameters
    ----------
    parcel_history, building_history : DataFrame
        Every version of every row (``store.layer(kind, None, geometry=False)``).
    config : Config
        Unused by the values; kept so every timeline function takes the same
        arguments.
    start, end : date or ISO text

    Returns
    -------
    DataFrame
        ``date`` (datetime.date), ``ready_land_mu``, ``factory_floor_area_m2``;
        one row per day. Values are exact sums of the rows valid that day.
    """
    first, last = fr.span(start, end)
    return daily(ready_land_stock(parcel_history), factory_stock(building_history), first, last)


def daily(land: Stock, factory: Stock, first: int, last: int) -> pd.DataFrame:
    days = np.arange(first, last + 1, dtype=np.int64)
    return pd.DataFrame(
        {
            "date": [fr.date(d) for d in days],
            "ready_land_mu": m2_to_mu(land.at(days)),
            "factory_floor_area_m2": factory.at(days),
        }
    )


def monthly_timeline(
    parcel_history: pd.DataFrame, building_history: pd.DataFrame, config: Config, start, end
) -> pd.DataFrame:
    """Both stocks against their floors on the first day of each month.

    Parameters
    ----------
    parcel_history, building_history : DataFrame
        Every version of every row.
    config : Config
        Gives the floors.
    start, end : date or ISO text
        The span; ``start`` and ``end`` are always rows, with every first of a
        month between them.

    Returns
    -------
    DataFrame
        ``date, ready_land_mu, ready_land_floor_mu, factory_floor_area_m2,
        factory_floor_m2, ready_ok, factory_ok`` at each date, plus
        ``ready_land_min_mu`` and ``factory_floor_area_min_m2``: the lowest
        value from that row's date up to the next row's date, so a dip between
        two month starts is not hidden.
    """
    series = stock_series(parcel_history, building_history, config, start, end)
    return monthly(series, config)


def monthly(series: pd.DataFrame, config: Config) -> pd.DataFrame:
    dates = series["date"]
    is_row = (
        np.array([d.day == 1 for d in dates], dtype=bool)
        | (np.arange(len(series)) == 0)
        | (np.arange(len(series)) == len(series) - 1)
    )
    # Each row stands for the days up to the next row; the end date for itself.
    period = np.cumsum(is_row) - 1
    lows = series.groupby(period).agg(
        ready_land_min_mu=("ready_land_mu", "min"),
        factory_floor_area_min_m2=("factory_floor_area_m2", "min"),
    )
    rows = series[is_row].reset_index(drop=True)
    out = pd.DataFrame(
        {
            "date": rows["date"],
            "ready_land_mu": rows["ready_land_mu"],
            "ready_land_floor_mu": config.ready_land_floor_mu,
            "factory_floor_area_m2": rows["factory_floor_area_m2"],
            "factory_floor_m2": config.factory_floor_m2,
        }
    )
    out["ready_ok"] = meets_floor(out["ready_land_mu"].to_numpy(), config.ready_land_floor_mu)
    out["factory_ok"] = meets_floor(
        out["factory_floor_area_m2"].to_numpy(), config.factory_floor_m2
    )
    out["ready_land_min_mu"] = lows["ready_land_min_mu"].to_numpy()
    out["factory_floor_area_min_m2"] = lows["factory_floor_area_min_m2"].to_numpy()
    return out


class Breach(NamedTuple):
    """A run of consecutive days below a floor; ``end`` is the last such day."""

    start: dt.date
    end: dt.date
    min_value: float


def breach_periods(series: pd.DataFrame, config: Config) -> dict[str, list[Breach]]:
    """Runs of days on which each floor was not met.

    Parameters
    ----------
    series : DataFrame
        A daily :func:`stock_series`.
    config : Config
        Gives the floors.

    Returns
    -------
    dict
        ``{'ready_land': [...], 'factory_floor_space': [...]}``, each a list of
        :class:`Breach` ``(start, end, min_value)`` with ``end`` the last day
        below the floor (the series' last day when still below) and
        ``min_value`` in mu (land) or m² (factory).
    """
    columns = {
        READY_LAND: ("ready_land_mu", config.ready_land_floor_mu),
        FACTORY: ("factory_floor_area_m2", config.factory_floor_m2),
    }
    dates = list(series["date"])
    out: dict[str, list[Breach]] = {}
    for key, (column, floor) in columns.items():
        values = series[column].to_numpy(dtype=float)
        below = ~meets_floor(values, floor)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], below.astype(np.int8), [0]])))
        out[key] = [
            Breach(dates[s], dates[e - 1], float(values[s:e].min()))
            for s, e in zip(edges[::2], edges[1::2])
        ]
    return out
