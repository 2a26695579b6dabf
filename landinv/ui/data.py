"""Cached reads the pages share: the inventory report and the current layers.

A rerun (a filter change, a language switch) must not recompute the whole
history. Results are cached per store location, date and *data version*: a
short token that changes whenever anything is written (an import, an undo, a
status change), so a write in one browser tab is seen by the next rerun of
every tab without clearing caches by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from landinv.analysis import (
    InventoryReport,
    breach_periods,
    stock_events,
    stock_series,
)
from landinv.domain import BUILDINGS, PARCELS, Config
from landinv.services import inventory


def data_version(store) -> str:
    """A token that changes with every write to ``store``.

    Every write (an import, an undo, a supply or reclassification) appends a
    row to the change log in the same transaction, so its length and newest
    timestamp identify the data. The change log is read rather than the import
    log because the latter carries each upload's full JSON report.
    """
    changes = store.changes()
    latest = ""
    if len(changes) and "created_at" in changes:
        latest = str(changes["created_at"].dropna().astype(str).max())
    return f"{len(changes)}:{latest}"


@st.cache_data(show_spinner=False, max_entries=32)
def _report(
    _store, _config: Config, location: str, version: str, as_of: dt.date, lang: str
) -> InventoryReport:
    return inventory.inventory_report(_store, _config, as_of, lang=lang)


def load_report(ctx) -> InventoryReport:
    """The inventory report for ``ctx.as_of`` in ``ctx.lang`` (cached), exactly
    as ``landinv check`` / ``landinv summary`` compute it.

    Raises whatever :func:`landinv.reports.inventory_report` raises; app.py
    shows it as a bilingual message.
    """
    return _report(
        ctx.store, ctx.config, ctx.store.location, data_version(ctx.store), ctx.as_of, ctx.lang
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _layer(
    _store, location: str, version: str, kind: str, as_of: dt.date, geometry: bool
) -> pd.DataFrame:
    return _store.layer(kind, as_of, geometry=geometry)


def load_layer(ctx, kind: str, *, geometry: bool = True):
    """Rows of layer ``kind`` valid at ``ctx.as_of`` (cached; not yet filtered)."""
    return _layer(ctx.store, ctx.store.location, data_version(ctx.store), kind, ctx.as_of, geometry)


@dataclass(frozen=True)
class Timeline:
    """Both stocks day by day over a span, the events behind every change
    and the runs below a floor (see :mod:`landinv.reports`)."""

    start: dt.date
    end: dt.date
    series: pd.DataFrame
    events: pd.DataFrame
    breaches: dict


@st.cache_data(show_spinner=False, max_entries=16)
def _timeline(
    _store, _config: Config, location: str, version: str, start: dt.date | None, end: dt.date
) -> Timeline:
    parcels = _store.layer(PARCELS, None, geometry=False)
    buildings = _store.layer(BUILDINGS, None, geometry=False)
    if start is None:
        starts = [pd.to_datetime(f["valid_from"]).min() for f in (parcels, buildings) if len(f)]
        start = min(starts).date() if starts else end
    start = min(start, end)
    series = stock_series(parcels, buildings, _config, start, end)
    return Timeline(
        start,
        end,
        series,
        stock_events(parcels, buildings, _config, start, end),
        breach_periods(series, _config),
    )


def load_timeline(ctx, start: dt.date | None) -> Timeline:
    """Stocks, events and breaches from ``start`` (None: the earliest stored
    date) to ``ctx.as_of`` (cached)."""
    return _timeline(
        ctx.store, ctx.config, ctx.store.location, data_version(ctx.store), start, ctx.as_of
    )


def clear_caches() -> None:
    """Forget cached reports and layers (after a write in this session)."""
    _report.clear()
    _layer.clear()
    _timeline.clear()
