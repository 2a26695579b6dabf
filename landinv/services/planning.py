"""Planner actions of issue 11: plan events, forecast, supply guard, target progress.

One function per action, used by both the CLI and the app. Each reads what it
needs from the store, calls the pure code in :mod:`landinv.planning` and
writes through :mod:`landinv.store.planning` (one transaction per write).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from landinv.domain import BUILDINGS, PARCELS, READY, STATUS_AVAILABLE, Config, m2_to_mu
from landinv.errors import LandinvError, UsageError
from landinv.planning.forecast import DEFAULT_MONTHS, Forecast, forecast
from landinv.planning.targets import target_progress
from landinv.store import planning as plan_store


class BreachRefused(LandinvError):  # noqa: N818 - the name says what the planner meets
    """A supply that would break a floor, refused without an explicit acknowledgement."""

    exit_code = 2


def histories(store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Attribute history (every version) of parcels and buildings."""
    return (
        store.layer(PARCELS, None, geometry=False),
        store.layer(BUILDINGS, None, geometry=False),
    )


def planned(store, scenario: str) -> pd.DataFrame:
    """Current planned (not done, not dropped) events of ``scenario``."""
    ev = plan_store.plan_events(store, scenario=scenario)
    return ev[ev["state"] == plan_store.STATE_PLANNED].reset_index(drop=True)


def scenario_forecast(
    store,
    cfg: Config,
    *,
    scenario: str = plan_store.DEFAULT_SCENARIO,
    as_of: dt.date | None = None,
    months: int = DEFAULT_MONTHS,
    events: pd.DataFrame | None = None,
) -> Forecast:
    """The forecast of both floors for ``scenario`` from ``as_of`` (default today).

    ``events`` replaces the scenario's stored events (a what-if not yet saved).
    """
    as_of = as_of or dt.date.today()
    parcels, buildings = histories(store)
    ev = planned(store, scenario) if events is None else events
    return forecast(parcels, buildings, ev, cfg, as_of, months=months)


# -- entering the plan -----------------------------------------------------------


def add_planned(
    store, cfg: Config, event: dict, *, user: str = "", today: dt.date | None = None
) -> str:
    """Add one planned event (see :func:`landinv.store.planning.add_events`)."""
    return plan_store.add_events(store, [_normalise(cfg, event)], user=user, today=today)[0]


def _normalise(cfg: Config, event: dict) -> dict:
    ev = dict(event)
    if ev.get("zone"):
        code = cfg.match_zone(ev["zone"])
        if code is None:
            cfg.zone(str(ev["zone"]))  # raises the bilingual "unknown zone"
        ev["zone"] = code
    if ev.get("category"):
        code = cfg.match_category(ev["category"])
        if code is None:
            cfg.category(str(ev["category"]))
        ev["category"] = code
    return ev


def read_outline(path: str | Path):
    """The union of the polygons in a vector file, in EPSG:4490."""
    import pyogrio

    from landinv.domain import STORE_EPSG

    p = Path(path)
    if not p.exists():
        raise UsageError("err.plan_file_missing", path=str(p))
    gdf = pyogrio.read_dataframe(p)
    if gdf.crs is None:
        raise UsageError("err.plan_outline_crs", path=str(p))
    gdf = gdf.to_crs(STORE_EPSG)
    return shapely.union_all(shapely.make_valid(np.asarray(gdf.geometry.values, dtype=object)))


def import_plan(
    store,
    cfg: Config,
    path: str | Path,
    *,
    scenario: str | None = None,
    dry_run: bool = False,
    user: str = "",
    today: dt.date | None = None,
) -> dict:
    """Read planned events from an XLSX sheet and add them, all or none.

    Returns ``{"events": [...], "event_ids": [...], "dry_run": bool}``. A dry
    run checks everything a real import checks (inside a transaction that is
    rolled back), so it refuses exactly what the import would refuse.
    """
    from landinv.planning.sheet import read_plan_sheet

    events = [_normalise(cfg, e) for e in read_plan_sheet(path, scenario=scenario)]
    if dry_run:
        plan_store.check_events(store, events, today=today)
        return {"events": events, "event_ids": [], "dry_run": True}
    ids = plan_store.add_events(store, events, user=user, today=today, source=Path(path).name)
    return {"events": events, "event_ids": ids, "dry_run": False}


# -- the supply guard ----------------------------------------------------------


@dataclass
class SupplyEffect:
    """What supplying a parcel does to both floors, today and in the forecast."""

    parcel_id: str
    date: dt.date
    scenario: str
    counts: bool  # the parcel is ready land in stock (its supply lowers the floor)
    area_mu: float
    zone: str
    today: dict  # floor -> {value, floor, margin, after, margin_after, unit}
    first_breach_before: dict | None  # first ready-land breach in the forecast without it
    first_breach_after: dict | None  # ... and with it
    breaks: bool  # would break a floor that otherwise holds (or break it sooner/deeper)

    def payload(self) -> dict:
        """JSON-ready form."""
        return {
            "parcel_id": self.parcel_id,
            "date": self.date.isoformat(),
            "scenario": self.scenario,
            "counts": self.counts,
            "area_mu": self.area_mu,
            "zone": self.zone,
            "today": self.today,
            "first_breach_before": self.first_breach_before,
            "first_breach_after": self.first_breach_after,
            "breaks": self.breaks,
        }

    def message(self, lang: str) -> str:
        """One line for a confirmation dialog or the CLI."""
        from landinv import i18n

        land = self.today["ready_land"]
        code = "plan.effect_breaks" if self.breaks else "plan.effect_ok"
        return i18n.tr(
            code,
            lang,
            parcel=self.parcel_id,
            area=f"{self.area_mu:,.2f}",
            before=f"{land['value']:,.2f}",
            after=f"{land['after']:,.2f}",
            floor=f"{land['floor']:,.0f}",
            margin=f"{land['margin_after']:+,.2f}",
            month=(self.first_breach_after or {}).get("month", "-"),
        )


def supply_effect(
    store,
    cfg: Config,
    parcel_id: str,
    date: dt.date | None = None,
    scenario: str = plan_store.DEFAULT_SCENARIO,
    *,
    as_of: dt.date | None = None,
    months: int = DEFAULT_MONTHS,
) -> SupplyEffect:
    """Effect of supplying ``parcel_id`` on ``date`` on both floors, today and forecast.

    The "before" forecast is the scenario as planned; "after" removes the
    scenario's planned supply of this parcel (recording it takes it out of the
    plan) and adds the supply on ``date``. The supply ``breaks`` a floor when,
    after it, a floor fails on the supply date, or the first breach comes
    sooner, or is deeper in its month, than before.
    """
    as_of = as_of or dt.date.today()
    date = date or as_of
    parcels, buildings = histories(store)
    current = parcels[parcels["valid_to"].isna() & (parcels["parcel_id"] == parcel_id)]
    if current.empty:
        raise UsageError("err.plan_unknown_parcel", parcel=parcel_id)
    row = current.iloc[-1]
    counts = row["category"] == READY and row["status"] == STATUS_AVAILABLE
    events = planned(store, scenario)
    before = forecast(parcels, buildings, events, cfg, as_of, months=months)
    others = events[~((events["kind"] == "supply") & (events["object_id"] == parcel_id))]
    extra = pd.DataFrame(
        [
            {
                "event_id": "(this supply)",
                "kind": "supply",
                "object_id": parcel_id,
                "date": date.isoformat(),
                "zone": row["zone"],
                "category": None,
                "area_m2": None,
                "floor_area_m2": None,
                "state": "planned",
            }
        ]
    )
    after = forecast(
        parcels, buildings, pd.concat([others, extra], ignore_index=True), cfg, as_of, months=months
    )
    area_mu = float(m2_to_mu(float(row["area_m2"] or 0.0)))
    land0 = float(before.daily["ready_land_mu"].iloc[0])
    fac0 = float(before.daily["factory_floor_area_m2"].iloc[0])
    today_after = land0 - (area_mu if counts and date <= as_of else 0.0)
    today = {
        "ready_land": {
            "value": land0,
            "floor": cfg.ready_land_floor_mu,
            "margin": land0 - cfg.ready_land_floor_mu,
            "after": today_after,
            "margin_after": today_after - cfg.ready_land_floor_mu,
            "unit": "mu",
        },
        "factory_floor_space": {
            "value": fac0,
            "floor": cfg.factory_floor_m2,
            "margin": fac0 - cfg.factory_floor_m2,
            "after": fac0,
            "margin_after": fac0 - cfg.factory_floor_m2,
            "unit": "m2",
        },
    }
    # A supply moves only the ready-land stock: compare that floor's first breach.
    fb, fa = before.breaches.get("ready_land"), after.breaches.get("ready_land")
    deeper = (
        fb is not None
        and fa is not None
        and fa["month"] == fb["month"]
        and (fa["shortfall"] > fb["shortfall"] + 1e-9)
    )
    breaks = bool(counts and fa is not None and (fb is None or fa["date"] < fb["date"] or deeper))
    return SupplyEffect(
        parcel_id=parcel_id,
        date=date,
        scenario=scenario,
        counts=bool(counts),
        area_mu=area_mu,
        zone=str(row["zone"] or ""),
        today=today,
        first_breach_before=fb,
        first_breach_after=fa,
        breaks=breaks,
    )


def breach_params(effect: SupplyEffect, cfg: Config) -> dict:
    """Values for the breach messages (``err.supply_breach``, ``plan.breach_acknowledged``)."""
    fa = effect.first_breach_after or {}
    return {
        "parcel": effect.parcel_id,
        "month": fa.get("month", "-"),
        "shortfall": f"{fa.get('shortfall', 0.0):,.2f}",
        "after": f"{effect.today['ready_land']['after']:,.2f}",
        "floor": f"{cfg.ready_land_floor_mu:,.0f}",
    }


def record_supply(
    store,
    cfg: Config,
    parcel_id: str,
    *,
    date: dt.date,
    project: str,
    user: str = "",
    allow_breach: bool = False,
    scenario: str = plan_store.DEFAULT_SCENARIO,
    as_of: dt.date | None = None,
) -> dict:
    """Record a supply after checking its effect on both floors.

    Raises
    ------
    BreachRefused
        The supply would break a floor and ``allow_breach`` is False; nothing stored.

    Returns
    -------
    dict
        ``change_id``, ``fulfilled`` (planned events closed), ``effect``
        (:meth:`SupplyEffect.payload`) and ``acknowledged`` (bool).
    """
    from landinv import i18n

    effect = supply_effect(store, cfg, parcel_id, date, scenario, as_of=as_of)
    note = None
    if effect.breaks:
        params = breach_params(effect, cfg)
        if not allow_breach:
            raise BreachRefused("err.supply_breach", **params)
        note = i18n.both("plan.breach_acknowledged", **params)
    result = plan_store.supply_fulfilling_plan(
        store, parcel_id, date=date, project=project, user=user, note=note
    )
    return {**result, "effect": effect.payload(), "acknowledged": note is not None}


# -- targets -------------------------------------------------------------------


def progress(
    store,
    cfg: Config,
    *,
    as_of: dt.date | None = None,
    scenario: str = plan_store.DEFAULT_SCENARIO,
    year: int | None = None,
) -> pd.DataFrame:
    """Progress to the year's targets (zone-wide and per target area)."""
    as_of = as_of or dt.date.today()
    parcels = store.layer(PARCELS, None, geometry=False)
    need_shapes = any(t["year"] == (year or as_of.year) for t in cfg.area_targets)
    shapes = store.layer(PARCELS, None) if need_shapes else None
    events = plan_store.plan_events(store, scenario=scenario, geometry=need_shapes)
    imports = store.imports()
    undone = list(imports.loc[imports["undone_at"].notna(), "import_id"]) if len(imports) else []
    areas = plan_store.target_areas(store, as_of) if need_shapes else None
    return target_progress(
        parcels, shapes, events, cfg, as_of, areas=areas, year=year, exclude_imports=undone
    )


def set_area_from_zones(
    store,
    cfg: Config,
    code: str,
    zones: list[str],
    *,
    date: dt.date,
    name_zh: str = "",
    name_en: str = "",
    user: str = "",
) -> None:
    """Draw target area ``code`` as the union of sub-area boundaries (e.g. a platform
    made of whole sub-areas); see :func:`landinv.store.planning.set_target_area`."""
    boundaries = store.zones()
    codes = []
    for z in zones:
        c = cfg.match_zone(z)
        if c is None:
            cfg.zone(str(z))
        codes.append(c)
    chosen = boundaries[boundaries["code"].isin(codes)]
    geom = (
        shapely.union_all(np.asarray(chosen.geometry.values, dtype=object)) if len(chosen) else None
    )
    plan_store.set_target_area(
        store, code, geom, name_zh=name_zh, name_en=name_en, date=date, user=user
    )
