"""What the inventory says: floors, stocks over time, events, tables and annual figures.

Pure functions on the frames a store returns (no store, no UI): one module per
question, so a new evaluation (per-mu efficiency, forecasts) gets a module of
its own beside these.

- :mod:`.floors`     the two policy floors and their checks
- :mod:`.stocks`     both stocks as exact step functions; timeline; breaches
- :mod:`.events`     the change events behind the stocks, described
- :mod:`.tables`     the zone × category table and the report column headers
- :mod:`.annual`     land entering each category in a year, against targets
- :mod:`.inventory`  the whole picture at one date (:func:`inventory_report`)
"""

from __future__ import annotations

from landinv.analysis.annual import annual_figures, annual_year
from landinv.analysis.events import EVENT_KINDS, event_label, stock_events
from landinv.analysis.floors import (
    FACTORY,
    FLOOR_KEYS,
    FLOOR_TOLERANCE,
    READY_LAND,
    FloorCheck,
    floor_checks,
    meets_floor,
)
from landinv.analysis.inventory import InventoryReport, check_payload, inventory_report
from landinv.analysis.stocks import Breach, breach_periods, monthly_timeline, stock_series
from landinv.analysis.tables import REPORT_HEADERS, zone_category_table

__all__ = [
    "EVENT_KINDS",
    "FACTORY",
    "FLOOR_KEYS",
    "FLOOR_TOLERANCE",
    "READY_LAND",
    "REPORT_HEADERS",
    "Breach",
    "FloorCheck",
    "InventoryReport",
    "annual_figures",
    "annual_year",
    "breach_periods",
    "check_payload",
    "event_label",
    "floor_checks",
    "inventory_report",
    "meets_floor",
    "monthly_timeline",
    "stock_events",
    "stock_series",
    "zone_category_table",
]
