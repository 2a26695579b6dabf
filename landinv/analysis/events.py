"""The events behind the stocks: each day an object's contribution changes, explained."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import numpy as np
import pandas as pd

from landinv.analysis import frames as fr
from landinv.analysis.floors import FACTORY, READY_LAND
from landinv.analysis.stocks import Stock, factory_stock, ready_land_stock
from landinv.domain import READY, STATUS_AVAILABLE, Config, m2_to_mu
from landinv.i18n import tr

#: Event kinds of :func:`stock_events`; each has an ``event.<kind>`` label.
EVENT_KINDS = (
    "added",
    "became_ready",
    "supplied",
    "returned",
    "reclassified",
    "area_changed",
    "removed",
    "building_completed",
    "building_changed",
    "building_removed",
)


def event_label(kind: str, lang: str = "zh") -> str:
    """The name of an event kind in ``lang``."""
    return tr(f"event.{kind}", lang)


_EVENT_COLUMNS = [
    "date",
    "stock",
    "kind",
    "object_id",
    "name",
    "zone",
    "project",
    "delta_mu",
    "delta_m2",
    "stock_after",
    "unit",
    "description_zh",
    "description_en",
]


def stock_events(
    parcel_history: pd.DataFrame, building_history: pd.DataFrame, config: Config, start, end
) -> pd.DataFrame:
    """The changes of either stock from ``start`` to ``end`` (inclusive), explained.

    Consecutive versions of each parcel (by ``parcel_id``) and building (by
    ``building_id``) are compared on each day a version ends or starts; a day
    on which an object's contribution to a stock changes is one event.

    Parameters
    ----------
    parcel_history, building_history : DataFrame
        Every version of every row.
    config : Config
        Category labels for the descriptions.
    start, end : date or ISO text

    Returns
    -------
    DataFrame
        ``date, stock ('ready_land' | 'factory_floor_space'), kind (a key of
        EVENT_KINDS), object_id, name, zone, project, delta_mu (land only),
        delta_m2, stock_after (mu for land, m² for factory space), unit,
        description_zh, description_en``, ordered by date, stock and ID. The
        deltas of one day add up to that day's change of the stock, and
        ``stock_after`` of the day's last event equals the stock that day.
    """
    first, last = fr.span(start, end)
    return events_between(
        ready_land_stock(parcel_history), factory_stock(building_history), config, first, last
    )


def events_between(
    land: Stock, factory: Stock, config: Config, first: int, last: int
) -> pd.DataFrame:
    rows = []
    for stock in (land, factory):
        per_day: list[tuple[int, str, Fraction, dict | None, dict | None]] = []
        for (object_id, day), ended, started in _transitions(stock.versions, first, last):
            delta = sum((Fraction(float(v["value"])) for v in started), Fraction(0)) - sum(
                (Fraction(float(v["value"])) for v in ended), Fraction(0)
            )
            if delta:
                per_day.append((day, object_id, delta, _last(ended), _last(started)))
        per_day.sort(key=lambda item: (item[0], item[1]))
        running, current_day = Fraction(0), None
        for day, object_id, delta, before, after in per_day:
            if day != current_day:
                running, current_day = stock.exact_at(day - 1), day
            running += delta
            rows.append(
                _event_row(stock.key, config, day, object_id, delta, running, before, after)
            )
    events = pd.DataFrame(rows, columns=_EVENT_COLUMNS)
    if len(events):
        order = events["stock"].map({READY_LAND: 0, FACTORY: 1})
        events = (
            events.assign(_order=order)
            .sort_values(["date", "_order", "object_id"], kind="stable")
            .drop(columns="_order")
            .reset_index(drop=True)
        )
    return events


def _transitions(versions: pd.DataFrame, first: int, last: int):
    """Yield ``((object_id, day), ended, started)`` for every day in
    ``[first, last]`` on which a version of an object ends or starts."""
    if len(versions) == 0:
        return
    records = versions.to_dict("records")
    groups: dict[tuple[str, int], tuple[list, list]] = defaultdict(lambda: ([], []))
    for rec in records:
        if first <= rec["vf"] <= last:
            groups[rec["object_id"], int(rec["vf"])][1].append(rec)
        if rec["vt"] != fr.OPEN and first <= rec["vt"] <= last:
            groups[rec["object_id"], int(rec["vt"])][0].append(rec)
    for key, (ended, started) in groups.items():
        yield key, ended, started


def _last(versions: list[dict]) -> dict | None:
    return max(versions, key=lambda v: v["vf"]) if versions else None


def _event_row(stock_key, config, day, object_id, delta, running, before, after) -> dict:
    ref = after or before
    delta_m2 = float(delta)
    land = stock_key == READY_LAND
    kind = _classify_land(before, after) if land else _classify_building(before, after)
    project = ref.get("project", "") or ""
    if land and kind == "supplied":
        project = after.get("project", "") or ""
    elif land and kind == "returned":
        # Taken back (收回): the project it had been supplied to.
        project = before.get("project", "") or ""
    zh, en = _describe(kind, config, ref, before, after, delta_m2, project, land)
    return {
        "date": fr.date(day),
        "stock": stock_key,
        "kind": kind,
        "object_id": object_id,
        "name": ref["name"],
        "zone": ref["zone"],
        "project": project,
        "delta_mu": m2_to_mu(delta_m2) if land else np.nan,
        "delta_m2": delta_m2,
        "stock_after": m2_to_mu(float(running)) if land else float(running),
        "unit": "mu" if land else "m2",
        "description_zh": zh,
        "description_en": en,
    }


def _classify_land(before: dict | None, after: dict | None) -> str:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    if before["value"] and after["value"]:
        return "area_changed"
    if before["value"]:  # left the stock
        if after["status"] != STATUS_AVAILABLE and before["status"] == STATUS_AVAILABLE:
            return "supplied"
        return "reclassified"
    if before["category"] != READY:  # entered the stock
        return "became_ready"
    return "returned"


def _classify_building(before: dict | None, after: dict | None) -> str:
    if before is None:
        return "building_completed"
    if after is None:
        return "building_removed"
    return "building_changed"


def _describe(kind, config, ref, before, after, delta_m2, project, land) -> tuple[str, str]:
    """Chinese and English one-line description of an event."""
    return tuple(
        _describe_in(lang, kind, config, ref, before, after, delta_m2, project, land)
        for lang in ("zh", "en")
    )


def _describe_in(lang, kind, config, ref, before, after, delta_m2, project, land) -> str:
    who = tr("event.who", lang, name=ref["name"] or ref["object_id"], id=ref["object_id"])
    if land:
        amount = tr("event.amount_mu", lang, delta=float(m2_to_mu(delta_m2)))
    else:
        amount = tr("event.amount_m2", lang, delta=delta_m2)

    def cat(version):
        code = version["category"]
        return config.category(code).label(lang) if code in config.category_codes else code

    if kind == "building_changed":
        if before["is_standard_factory"] and not after["is_standard_factory"]:
            kind = "building_unmarked"
        elif after["is_standard_factory"] and not before["is_standard_factory"]:
            kind = "building_marked"
        else:
            kind = "building_area"
    values = {"who": who, "project": project}
    if kind == "became_ready":
        values["was"] = cat(before)
    elif kind == "reclassified":
        values["now"] = cat(after)
    return tr("event.line", lang, text=tr(f"event.desc.{kind}", lang, **values), amount=amount)
