"""Recorded changes to stored parcels: undo an import, supply a parcel (with its effect
on the floors shown first), correct a mistaken supply, take land back, change its category.

Each is one transaction of the store, logged with who and when; nothing is
deleted (rows are closed and new versions added).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from landinv.analysis.floors import floor_checks, meets_floor
from landinv.domain import PARCELS, READY, STATUS_AVAILABLE, Config, m2_to_mu, parse_date
from landinv.errors import ConflictError, UsageError
from landinv.i18n import both
from landinv.services.inventory import resolve_category
from landinv.store import Store
from landinv.store.planning import supply_fulfilling_plan


def undo_import(store: Store, import_id: str, *, date=None, user: str = "") -> int:
    """Close the rows import ``import_id`` added, from ``date`` (default today).

    Returns
    -------
    int
        Rows closed.
    """
    return store.undo_import(import_id, date=parse_date(date), user=user)


def supply_parcel(store: Store, parcel_id: str, *, project: str, date=None, user: str = "") -> None:
    """Record that ``parcel_id`` was supplied to ``project`` on ``date`` (default today).

    Planned supplies of the parcel leave the plan in the same transaction and the
    change log says which (:func:`landinv.store.planning.supply_fulfilling_plan`).
    The floor guard (effect on both floors, explicit acknowledgement of a breach)
    is :func:`landinv.services.planning.record_supply`.
    """
    project = (project or "").strip()
    if not project:
        raise UsageError("err.supply_needs_project")
    supply_fulfilling_plan(store, parcel_id, date=parse_date(date), project=project, user=user)


def reclassify_parcel(
    store: Store,
    config: Config,
    parcel_id: str,
    *,
    category: str,
    date=None,
    user: str = "",
    note: str | None = None,
) -> str:
    """Record a category change (e.g. revitalised land now ready); return the new code."""
    code = resolve_category(config, category)
    if code is None:
        raise UsageError("err.category_required")
    store.reclassify_parcel(
        parcel_id,
        date=parse_date(date),
        category=code,
        user=user,
        note=(note or "").strip() or None,
    )
    return code


# -- supply as a deliberate act, and its two reverse acts (issue 13) ------------------


@dataclass(frozen=True)
class SupplyEffect:
    """What recording a supply does to both floors on its date.

    Attributes
    ----------
    parcel_id, name, zone : str
    area_mu : float
        The parcel's area.
    counts : bool
        True when the parcel is ready land in stock on ``date`` (only then does
        supplying it lower the ready-land stock).
    date : datetime.date
    land_before, land_after, land_floor : float
        Ready land in stock (mu) on ``date`` without and with the supply, and its floor.
    factory_before, factory_after, factory_floor : float
        Standard factory floor space (m²); a land supply leaves it unchanged.
    """

    parcel_id: str
    name: str
    zone: str
    area_mu: float
    counts: bool
    date: dt.date
    land_before: float
    land_after: float
    land_floor: float
    factory_before: float
    factory_after: float
    factory_floor: float

    @property
    def land_breaks(self) -> bool:
        """True when, after the supply, ready land is below its floor."""
        return (
            self.counts
            and self.land_after < self.land_before
            and not bool(meets_floor(self.land_after, self.land_floor))
        )

    @property
    def factory_breaks(self) -> bool:
        """True when, after the supply, factory floor space is below its floor."""
        return self.factory_after < self.factory_before and not bool(
            meets_floor(self.factory_after, self.factory_floor)
        )

    @property
    def breaks(self) -> bool:
        """True when the supply leaves either floor unmet: it then needs an explicit
        confirmation, recorded with the supply."""
        return self.land_breaks or self.factory_breaks

    def params(self) -> dict:
        """Figures for the catalogue's messages, formatted for display."""
        return {
            "parcel": self.parcel_id,
            "date": self.date.isoformat(),
            "area": f"{self.area_mu:,.2f}",
            "land_before": f"{self.land_before:,.2f}",
            "land_after": f"{self.land_after:,.2f}",
            "land_floor": f"{self.land_floor:,.0f}",
            "factory_before": f"{self.factory_before:,.0f}",
            "factory_after": f"{self.factory_after:,.0f}",
            "factory_floor": f"{self.factory_floor:,.0f}",
        }


def supply_effect_today(store: Store, config: Config, parcel_id: str, date=None) -> SupplyEffect:
    """The effect of supplying ``parcel_id`` on ``date`` (default today) on both floors.

    Computed from the store's aggregates on ``date`` (the same numbers as
    ``landinv check --as-of date``); the forecast's view is
    ``landinv.services.planning.supply_effect``.

    Raises
    ------
    UsageError
        No version of the parcel is valid on ``date``.
    """
    return _stock_effect(store, config, parcel_id, date, leaving=True)


def _stock_effect(store: Store, config: Config, parcel_id: str, date, *, leaving: bool):
    """The floors before and after ``parcel_id`` leaves stock (a supply) or comes
    back into it (``leaving=False``: a take-back or a correction) on ``date``."""
    date = parse_date(date)
    parcels = store.layer(PARCELS, date, geometry=False)
    rows = parcels[parcels["parcel_id"].astype("string") == str(parcel_id)]
    if len(rows) == 0:
        raise UsageError("err.chg_no_parcel_on", parcel=parcel_id, date=date.isoformat())
    row = rows.iloc[-1]
    land, factory = floor_checks(store.summary(date), store.factory_totals(date), config)
    area_mu = float(m2_to_mu(float(row["area_m2"] or 0.0)))
    in_stock = row["status"] == STATUS_AVAILABLE
    # Only ready land counts: it leaves stock when available, comes back when not.
    counts = row["category"] == READY and (in_stock if leaving else not in_stock)
    change = (area_mu if counts else 0.0) * (-1.0 if leaving else 1.0)
    return SupplyEffect(
        parcel_id=str(parcel_id),
        name=str(row["name"] or ""),
        zone=str(row["zone"] or ""),
        area_mu=area_mu,
        counts=bool(counts),
        date=date,
        land_before=land.value,
        land_after=land.value + change,
        land_floor=land.floor,
        factory_before=factory.value,
        factory_after=factory.value,
        factory_floor=factory.floor,
    )


def record_supply(
    store: Store,
    config: Config,
    parcel_id: str,
    *,
    project: str,
    date=None,
    user: str = "",
    confirm_breach: bool = False,
) -> SupplyEffect:
    """Record a supply after checking its effect on both floors.

    A supply that leaves a floor unmet is refused unless ``confirm_breach``;
    when confirmed, the confirmation and the figures are written to the change
    log's note with the supply.

    Returns
    -------
    SupplyEffect
        The effect that was shown and recorded.

    Raises
    ------
    ConflictError
        ``err.chg_supply_breach`` when the supply breaks a floor and
        ``confirm_breach`` is False; nothing is stored.
    """
    project = (project or "").strip()
    if not project:
        raise UsageError("err.supply_needs_project")
    from landinv.services import planning

    effect = supply_effect_today(store, config, parcel_id, date)
    # The forecast too (issue 11): a supply that holds today may break a floor later.
    outlook = planning.supply_effect(store, config, parcel_id, effect.date)
    notes = []
    if effect.breaks:
        if not confirm_breach:
            raise ConflictError("err.chg_supply_breach", **effect.params())
        notes.append(both("chg.breach_confirmed", **effect.params()))
    if outlook.breaks:
        if not confirm_breach:
            raise ConflictError("err.supply_breach", **planning.breach_params(outlook, config))
        notes.append(both("plan.breach_acknowledged", **planning.breach_params(outlook, config)))
    note = "; ".join(notes) or None
    # The one supply write: closes the parcel's planned supplies in the same transaction.
    supply_fulfilling_plan(
        store, parcel_id, date=effect.date, project=project, user=user, note=note
    )
    return effect


def correct_supply(store: Store, parcel_id: str, *, reason: str, user: str = "") -> dict:
    """Correct a supply recorded by mistake: the record stays, marked corrected, and
    the parcel is back in stock from the supply date as if never supplied.

    Returns
    -------
    dict
        ``date``, ``project`` (of the corrected supply), ``change_id``.
    """
    return store.correct_supply(str(parcel_id).strip(), user=user, reason=reason)


def take_back(store: Store, parcel_id: str, *, reason: str, date=None, user: str = "") -> dict:
    """Record a supplied parcel taken back into stock (收回) from ``date`` (default today).

    Returns
    -------
    dict
        ``project`` (it had been supplied to) and ``change_id``.
    """
    return store.take_back_parcel(
        str(parcel_id).strip(), date=parse_date(date), user=user, reason=reason
    )


#: States of a supply record (see :func:`supply_records`).
SUPPLY_LIVE, SUPPLY_CORRECTED, SUPPLY_TAKEN_BACK = "live", "corrected", "taken_back"


def supply_records(changes: pd.DataFrame) -> pd.DataFrame:
    """Every recorded supply with what became of it, newest first.

    Each ``correct_supply`` or ``take_back`` of a parcel answers the latest
    earlier supply of that parcel that is still live (the log is read in the
    order it was written).

    Parameters
    ----------
    changes : DataFrame
        The change log (:meth:`Store.changes`).

    Returns
    -------
    DataFrame
        ``change_id, object_id, date, project, user_name, created_at, note, state``
        (``live``, ``corrected`` or ``taken_back``) and ``state_date``,
        ``state_by``, ``state_at``, ``state_reason`` (the answering act).
    """
    columns = [
        "change_id",
        "object_id",
        "date",
        "project",
        "user_name",
        "created_at",
        "note",
        "state",
        "state_date",
        "state_by",
        "state_at",
        "state_reason",
    ]
    if changes is None or len(changes) == 0:
        return pd.DataFrame(columns=columns)
    log = changes[changes["action"].isin(["supply", "correct_supply", "take_back"])]
    log = log.sort_values("change_id")
    open_supply: dict[str, dict] = {}
    records: list[dict] = []
    for rec in log.to_dict("records"):
        pid = str(rec["object_id"])
        if rec["action"] == "supply":
            entry = {c: rec.get(c) for c in columns[:7]}
            entry.update(
                state=SUPPLY_LIVE, state_date=None, state_by=None, state_at=None, state_reason=None
            )
            records.append(entry)
            open_supply[pid] = entry
            continue
        entry = open_supply.pop(pid, None)
        if entry is None:
            continue
        entry.update(
            state=SUPPLY_CORRECTED if rec["action"] == "correct_supply" else SUPPLY_TAKEN_BACK,
            state_date=rec["date"],
            state_by=rec["user_name"],
            state_at=rec["created_at"],
            state_reason=rec["note"],
        )
    return pd.DataFrame(records[::-1], columns=columns)


def return_effect(store: Store, config: Config, parcel_id: str, date=None) -> SupplyEffect:
    """The effect on both floors of a supplied parcel coming back into stock on ``date``
    (a take-back, or a correction from the supply date): ``land_after`` is higher
    by its area when it is ready land. ``breaks`` is always False."""
    return _stock_effect(store, config, parcel_id, date, leaving=False)
