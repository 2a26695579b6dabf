"""Month-by-month forecast of both floors from the stock and a scenario's planned events.

Pure: works on the frames a store returns (attribute history of both layers)
and the planned events of one scenario. The stock known today is the step
function built by :mod:`landinv.analysis.stocks` from the stored history (including
changes already recorded with a future date); each planned event adds a step
on its date (an event whose date has passed without happening — overdue —
counts from the as-of day). Every day of the horizon is evaluated, so a dip
between two month ends is not missed: a month holds when its LOWEST value
meets the floor.

Size: the forecast engine and its result type; the month loop and the breach search share the
daily series.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from landinv.analysis.floors import FACTORY, READY_LAND, meets_floor
from landinv.analysis.frames import OPEN
from landinv.analysis.frames import day as _day
from landinv.analysis.stocks import factory_stock as _factory_space
from landinv.analysis.stocks import ready_land_stock as _ready_land
from landinv.analysis.stocks import versions_of as _versions
from landinv.domain import PARCELS, READY, STATUS_AVAILABLE, STATUS_SUPPLIED, Config, m2_to_mu

#: Default horizon in months.
DEFAULT_MONTHS = 24
#: Same-day order: additions before removals, so a parcel made ready and
#: supplied on one day is counted in and out.
_KIND_ORDER = {"new": 0, "ready": 1, "building": 2, "supply": 3}


@dataclass
class Forecast:
    """A forecast of both floors.

    Attributes
    ----------
    as_of : date
        First day of the horizon (its stock is what the store holds).
    months : DataFrame
        One row per month: ``month`` (YYYY-MM), ``ready_land_mu`` and
        ``factory_floor_area_m2`` at the month's last day, ``ready_land_min_mu``
        and ``factory_floor_area_min_m2`` (lowest day of the month, from
        ``as_of`` in the first month), ``ready_ok``, ``factory_ok``, ``ok``.
    zones : DataFrame
        ``month, zone, ready_land_mu, factory_floor_area_m2`` (month end) per sub-area.
    daily : DataFrame
        ``date, ready_land_mu, factory_floor_area_m2`` for every day of the horizon.
    first_breach : dict or None
        ``{month, date, floor, shortfall, unit}`` of the first day a floor is
        not met (ready land first on a tie); ``shortfall`` is the floor minus
        the lowest value in that month, in the floor's unit.
    needs : list of dict
        What must additionally be in stock by when to keep each floor:
        ``{floor, by, cumulative, add, unit}``, one entry per day the
        requirement grows (``cumulative`` since ``as_of``).
    events : DataFrame
        The planned events with their effect: ``event_id, date, effective,
        kind, object_id, zone, land_delta_mu, factory_delta_m2, overdue``.
    """

    as_of: dt.date
    months: pd.DataFrame
    zones: pd.DataFrame
    daily: pd.DataFrame
    first_breach: dict | None
    needs: list[dict]
    events: pd.DataFrame
    floors: dict = field(default_factory=dict)
    #: First breach of each floor (``ready_land``, ``factory_floor_space``), or None.
    breaches: dict = field(default_factory=dict)

    def payload(self) -> dict:
        """JSON form (``landinv forecast --json``; see docs/planning.md)."""
        months = []
        for r in self.months.itertuples(index=False):
            months.append(
                {
                    "month": r.month,
                    "ready_land_mu": float(r.ready_land_mu),
                    "factory_floor_area_m2": float(r.factory_floor_area_m2),
                    "ready_land_min_mu": float(r.ready_land_min_mu),
                    "factory_floor_area_min_m2": float(r.factory_floor_area_min_m2),
                    "ready_ok": bool(r.ready_ok),
                    "factory_ok": bool(r.factory_ok),
                    "ok": bool(r.ok),
                }
            )
        zones: dict[str, list] = {}
        for r in self.zones.itertuples(index=False):
            zones.setdefault(r.zone, []).append(
                {
                    "month": r.month,
                    "ready_land_mu": float(r.ready_land_mu),
                    "factory_floor_area_m2": float(r.factory_floor_area_m2),
                }
            )
        return {
            "as_of": self.as_of.isoformat(),
            "floors": self.floors,
            "months": months,
            "first_breach": self.first_breach,
            "needs": self.needs,
            "zones": zones,
        }


def month_span(as_of: dt.date, months: int) -> list[tuple[int, int]]:
    """``(year, month)`` of the ``months`` calendar months starting with ``as_of``'s."""
    out, y, m = [], as_of.year, as_of.month
    for _ in range(months):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def event_effects(
    parcel_history: pd.DataFrame,
    events: pd.DataFrame,
    as_of: dt.date,
    *,
    versions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The change each planned event makes to the two stocks, in date order.

    A parcel's state (category, status, area, zone) starts as stored at
    ``as_of`` and is carried through the events, so "becomes ready" then
    "supplied" counts in and then out, and supplying a parcel that is not
    ready land changes nothing.
    """
    cols = [
        "event_id",
        "date",
        "effective",
        "kind",
        "object_id",
        "zone",
        "land_delta_m2",
        "factory_delta_m2",
        "overdue",
    ]
    if events is None or not len(events):
        return pd.DataFrame(columns=cols)
    day0 = _day(as_of)
    state: dict[str, dict] = {}
    if versions is None:
        versions = _versions(parcel_history, PARCELS)
    if len(versions):
        # Only the parcels the events name (a county holds 100,000 parcels).
        named = versions["object_id"].isin(set(events["object_id"].dropna().astype(str)))
        now = versions[named & (versions["vf"] <= day0) & (versions["vt"] > day0)]
        for r in now.itertuples(index=False):
            state[r.object_id] = {
                "category": r.category,
                "status": r.status,
                "area": float(r.area_m2 or 0.0),
                "zone": r.zone,
            }
    ev = events.copy()
    ev["day"] = [_day(d) for d in ev["date"]]
    ev["effective_day"] = np.maximum(ev["day"].to_numpy(), day0)
    ev["order"] = [_KIND_ORDER.get(k, 9) for k in ev["kind"]]
    ev = ev.sort_values(["effective_day", "order"], kind="stable")
    rows = []
    for r in ev.itertuples(index=False):
        land = factory = 0.0
        zone = r.zone if isinstance(r.zone, str) else ""
        pid = r.object_id if isinstance(r.object_id, str) else ""
        s = state.get(pid)
        if r.kind == "supply" and s is not None:
            if s["category"] == READY and s["status"] == STATUS_AVAILABLE:
                land = -s["area"]
            s["status"] = STATUS_SUPPLIED
            zone = s["zone"]
        elif r.kind == "ready" and s is not None:
            was = s["category"] == READY and s["status"] == STATUS_AVAILABLE
            s["category"], s["status"] = r.category, STATUS_AVAILABLE
            now_ready = s["category"] == READY
            land = (s["area"] if now_ready else 0.0) - (s["area"] if was else 0.0)
            zone = s["zone"]
        elif r.kind == "new":
            area = float(r.area_m2 or 0.0)
            state[pid] = {
                "category": r.category,
                "status": STATUS_AVAILABLE,
                "area": area,
                "zone": zone,
            }
            land = area if r.category == READY else 0.0
        elif r.kind == "building":
            factory = float(r.floor_area_m2 or 0.0)
        rows.append(
            {
                "event_id": r.event_id,
                "date": r.date,
                "effective": _iso_day(int(r.effective_day)),
                "kind": r.kind,
                "object_id": pid,
                "zone": zone or "",
                "land_delta_m2": land,
                "factory_delta_m2": factory,
                "overdue": bool(r.day < day0),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def forecast(
    parcel_history: pd.DataFrame,
    building_history: pd.DataFrame,
    events: pd.DataFrame | None,
    config: Config,
    as_of: dt.date,
    *,
    months: int = DEFAULT_MONTHS,
) -> Forecast:
    """Forecast both floors month by month.

    Parameters
    ----------
    parcel_history, building_history : DataFrame
        Every version of every row (``store.layer(kind, None, geometry=False)``).
    events : DataFrame or None
        Current planned events of one scenario (``state == 'planned'``), as
        :func:`landinv.store.planning.plan_events` returns them.
    config : Config
        Floors and sub-areas.
    as_of : date
        First day of the horizon.
    months : int
        Number of calendar months, the as-of month first.

    Returns
    -------
    Forecast
    """
    if months < 1:
        months = 1
    span = month_span(as_of, months)
    last_y, last_m = span[-1]
    end = dt.date(last_y, last_m, calendar.monthrange(last_y, last_m)[1])
    day0, day1 = _day(as_of), _day(end)
    days = np.arange(day0, day1 + 1, dtype=np.int64)
    zone_codes = list(config.zone_codes)

    # Versions are read once per layer (the costly part at county scale): the
    # zone-wide stock is the exact step function the dashboard uses; per
    # sub-area stocks are float sums of the same versions.
    land, factory = _ready_land(parcel_history), _factory_space(building_history)
    effects = event_effects(parcel_history, events, as_of, versions=land.versions)

    def series(zone: str | None) -> tuple[np.ndarray, np.ndarray]:
        if zone is None:
            land_m2, factory_m2 = land.at(days), factory.at(days)
            eff = effects
        else:
            land_m2 = _float_steps(_of_zone(land.versions, zone), days)
            factory_m2 = _float_steps(_of_zone(factory.versions, zone), days)
            eff = effects[effects["zone"] == zone]
        land_m2 = land_m2 + _steps(eff, "land_delta_m2", days)
        factory_m2 = factory_m2 + _steps(eff, "factory_delta_m2", days)
        return m2_to_mu(land_m2), factory_m2

    land_mu, factory_m2 = series(None)
    dates = [_iso_day(int(d)) for d in days]
    month_of = np.array([d[:7] for d in dates], dtype=object)
    floor_land, floor_factory = config.ready_land_floor_mu, config.factory_floor_m2
    rows = []
    for y, m in span:
        key = f"{y:04d}-{m:02d}"
        idx = np.flatnonzero(month_of == key)
        lmin, fmin = float(land_mu[idx].min()), float(factory_m2[idx].min())
        r_ok, f_ok = bool(meets_floor(lmin, floor_land)), bool(meets_floor(fmin, floor_factory))
        rows.append(
            {
                "month": key,
                "ready_land_mu": float(land_mu[idx[-1]]),
                "factory_floor_area_m2": float(factory_m2[idx[-1]]),
                "ready_land_min_mu": lmin,
                "factory_floor_area_min_m2": fmin,
                "ready_ok": r_ok,
                "factory_ok": f_ok,
                "ok": r_ok and f_ok,
            }
        )
    month_frame = pd.DataFrame(rows)
    zone_rows = []
    for z in zone_codes:
        zl, zf = series(z)
        for y, m in span:
            key = f"{y:04d}-{m:02d}"
            i = np.flatnonzero(month_of == key)[-1]
            zone_rows.append(
                {
                    "month": key,
                    "zone": z,
                    "ready_land_mu": float(zl[i]),
                    "factory_floor_area_m2": float(zf[i]),
                }
            )
    first, needs, breaches = None, [], {}
    for key, values, floor, unit in (
        (READY_LAND, land_mu, floor_land, "mu"),
        (FACTORY, factory_m2, floor_factory, "m2"),
    ):
        below = ~meets_floor(values, floor)
        breaches[key] = None
        if below.any():
            i = int(np.flatnonzero(below)[0])
            month = dates[i][:7]
            in_month = month_of == month
            shortfall = float(floor - values[in_month].min())
            breaches[key] = {
                "month": month,
                "date": dates[i],
                "floor": key,
                "shortfall": shortfall,
                "unit": unit,
            }
            if first is None or dates[i] < first["date"]:
                first = breaches[key]
        needs += _needs(key, values, floor, unit, dates)
    daily = pd.DataFrame(
        {"date": dates, "ready_land_mu": land_mu, "factory_floor_area_m2": factory_m2}
    )
    shown = effects.assign(land_delta_mu=m2_to_mu(effects["land_delta_m2"].astype(float)))
    return Forecast(
        as_of=as_of,
        months=month_frame,
        zones=pd.DataFrame(zone_rows),
        daily=daily,
        first_breach=first,
        needs=needs,
        breaches=breaches,
        events=shown.drop(columns=["land_delta_m2"]),
        floors={"ready_land_mu": float(floor_land), "factory_floor_area_m2": float(floor_factory)},
    )


def _of_zone(versions: pd.DataFrame, zone: str) -> pd.DataFrame:
    if not len(versions) or "zone" not in versions.columns:
        return versions.iloc[0:0]
    return versions[versions["zone"] == zone]


def _float_steps(versions: pd.DataFrame, days: np.ndarray) -> np.ndarray:
    """Sum of the versions' ``value`` valid on each day of ``days`` (contiguous)."""
    out = np.zeros(len(days) + 1)
    if not len(versions):
        return out[:-1]
    vf = versions["vf"].to_numpy(dtype=np.int64)
    vt = versions["vt"].to_numpy(dtype=np.int64)
    value = versions["value"].to_numpy(dtype=float)
    n = len(days)
    np.add.at(out, np.clip(vf - days[0], 0, n), value)
    ends = vt != OPEN
    np.add.at(out, np.clip(vt[ends] - days[0], 0, n), -value[ends])
    return np.cumsum(out)[:-1]


def _steps(effects: pd.DataFrame, column: str, days: np.ndarray) -> np.ndarray:
    """Cumulative sum of the events' deltas on each day of ``days``."""
    out = np.zeros(len(days))
    if not len(effects):
        return out
    eff_days = np.array([_day(d) for d in effects["effective"]], dtype=np.int64)
    idx = np.searchsorted(days, eff_days)
    np.add.at(out, idx[idx < len(days)], effects[column].to_numpy(dtype=float)[idx < len(days)])
    return np.cumsum(out)


def _needs(key, values, floor, unit, dates) -> list[dict]:
    """Days on which the extra stock needed to hold ``floor`` grows."""
    deficit = np.maximum(floor - np.asarray(values, dtype=float), 0.0)
    deficit[meets_floor(values, floor)] = 0.0
    running = np.maximum.accumulate(deficit)
    grows = np.flatnonzero(np.diff(np.concatenate([[0.0], running])) > 0)
    out, before = [], 0.0
    for i in grows:
        out.append(
            {
                "floor": key,
                "by": dates[i],
                "cumulative": float(running[i]),
                "add": float(running[i] - before),
                "unit": unit,
            }
        )
        before = float(running[i])
    return out


def _iso_day(day: int) -> str:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()


def breach_lines(fc: Forecast, lang: str = "zh") -> list[str]:
    """The first breach and what must be in stock by when, as sentences in ``lang``.

    Empty when both floors hold over the horizon.
    """
    from landinv.i18n import tr

    if fc.first_breach is None:
        return []
    b = fc.first_breach
    lines = [
        tr(
            f"plan.first_breach.{b['floor']}",
            lang,
            month=b["month"],
            shortfall=f"{b['shortfall']:,.2f}",
        )
    ]
    for n in fc.needs:
        # A first step adds all it needs: "(x more than the step before)" would repeat x.
        first = f"{n['cumulative']:,.2f}" == f"{n['add']:,.2f}"
        lines.append(
            tr(
                f"plan.need.{n['floor']}" + ("_first" if first else ""),
                lang,
                by=n["by"],
                cumulative=f"{n['cumulative']:,.2f}",
                add=f"{n['add']:,.2f}",
            )
        )
    return lines
