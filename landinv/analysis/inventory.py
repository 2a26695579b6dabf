"""Everything the CLI, exports and app show about the inventory at one date.

:func:`inventory_report` is the one function here that asks a store for frames
(:meth:`Store.summary`, :meth:`Store.factory_totals`, the attribute history of
:meth:`Store.layer`); everything it calls is a pure function of those frames.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from landinv.analysis import frames as fr
from landinv.analysis.annual import annual_figures, annual_year
from landinv.analysis.events import events_between
from landinv.analysis.floors import FACTORY, READY_LAND, FloorCheck, floor_checks
from landinv.analysis.stocks import (
    Breach,
    breach_periods,
    daily,
    factory_stock,
    monthly,
    ready_land_stock,
)
from landinv.analysis.tables import zone_category_table
from landinv.domain import BUILDINGS, PARCELS, Config, parse_date
from landinv.schema import SAMPLE_IMPORT_ID


@dataclass
class InventoryReport:
    """Everything the CLI, exports and app show about the inventory at one date.

    ``summary`` and ``factory_totals`` are the store's aggregates (so a table
    can be redrawn in another language); ``table`` is the zone × category
    table in the report's language; ``series`` the daily stocks over the
    timeline span, ``timeline`` its monthly rows and ``breaches`` its runs
    below a floor.
    """

    as_of: dt.date
    config: Config
    summary: pd.DataFrame
    factory_totals: pd.DataFrame
    table: pd.DataFrame
    checks: list[FloorCheck]
    series: pd.DataFrame
    timeline: pd.DataFrame
    breaches: dict[str, list[Breach]]
    events: pd.DataFrame
    annual: pd.DataFrame
    source: str
    sample_data: bool = False
    lang: str = "zh"
    start: dt.date | None = None
    #: Year of ``annual`` and the last day it counts (``as_of`` for the as-of
    #: year; 31 December when the as-of year has no targets and the latest
    #: earlier year with targets is shown instead).
    annual_year: int | None = None
    annual_until: dt.date | None = None

    @property
    def ok(self) -> bool:
        """True when both floors hold at ``as_of``."""
        return all(c.holds for c in self.checks)

    def check(self, key: str) -> FloorCheck:
        """The floor check with ``key`` ('ready_land' or 'factory_floor_space')."""
        return next(c for c in self.checks if c.key == key)


def inventory_report(
    store, as_of, config: Config, *, lang: str = "zh", whole_history: bool = False
) -> InventoryReport:
    """Read what a report needs from ``store`` and compute it.

    Parameters
    ----------
    store : landinv.store.Store
    as_of : date or ISO text
    config : Config
    lang : {'zh', 'en'}
        Language of the zone × category table.
    whole_history : bool
        Timeline, events and breaches from the earliest stored date instead
        of 1 January of the ``as_of`` year.

    Returns
    -------
    InventoryReport
    """
    as_of = parse_date(as_of)
    summary = store.summary(as_of)
    totals = store.factory_totals(as_of)
    parcels = store.layer(PARCELS, None, geometry=False)
    buildings = store.layer(BUILDINGS, None, geometry=False)
    land, factory = ready_land_stock(parcels), factory_stock(buildings)
    start = dt.date(as_of.year, 1, 1)
    if whole_history:
        earliest = [int(s.versions["vf"].min()) for s in (land, factory) if len(s.versions)]
        start = min([fr.date(min(earliest)), as_of]) if earliest else start
    first, last = fr.day(start), fr.day(as_of)
    series = daily(land, factory, first, last)
    year, annual_until = annual_year(config, as_of)
    imports = store.imports()
    undone = []
    if len(imports) and "undone_at" in imports.columns:
        undone = list(fr.text(imports.loc[imports["undone_at"].notna(), "import_id"]))
    return InventoryReport(
        as_of=as_of,
        config=config,
        summary=summary,
        factory_totals=totals,
        table=zone_category_table(summary, config, lang=lang),
        checks=floor_checks(summary, totals, config),
        series=series,
        timeline=monthly(series, config),
        breaches=breach_periods(series, config),
        events=events_between(land, factory, config, first, last),
        annual=annual_figures(parcels, config, year, exclude_imports=undone, until=annual_until),
        annual_year=year,
        annual_until=annual_until,
        source=getattr(store, "location", "") or "",
        sample_data=fr.has_import(parcels, SAMPLE_IMPORT_ID)
        or fr.has_import(buildings, SAMPLE_IMPORT_ID),
        lang=lang,
        start=start,
    )


def check_payload(report: InventoryReport) -> dict:
    """The JSON object ``landinv check --json`` prints.

    Keys: ``as_of`` (ISO), ``ready_land_mu``, ``ready_land_floor_mu``,
    ``ready_land_margin_mu``, ``ready_land_ok``, ``factory_floor_area_m2``,
    ``factory_floor_m2``, ``factory_margin_m2``, ``factory_ok``, ``ok`` (both
    hold), ``source`` and ``sample_data``. Values are plain Python types.
    """
    land, factory = report.check(READY_LAND), report.check(FACTORY)
    return {
        "as_of": report.as_of.isoformat(),
        "ready_land_mu": float(land.value),
        "ready_land_floor_mu": float(land.floor),
        "ready_land_margin_mu": float(land.margin),
        "ready_land_ok": land.holds,
        "factory_floor_area_m2": float(factory.value),
        "factory_floor_m2": float(factory.floor),
        "factory_margin_m2": float(factory.margin),
        "factory_ok": factory.holds,
        "ok": report.ok,
        "source": report.source,
        "sample_data": bool(report.sample_data),
    }


# -- small helpers -----------------------------------------------------------
