"""Version and log tables as planners read them (issue 13, item 7).

Dates first (they are what a planner scans for, and a wide table hides its
right-hand columns), names and labels instead of codes, areas rounded for
display by the grid (the frame keeps full precision), and no ``None``: an
open-ended version reads "current", other gaps are empty.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from landinv.domain import m2_to_mu
from landinv.schema import LAYER_COLUMNS, header

#: Columns shown first in a version table, in this order.
LEADING = ("valid_from", "valid_to")
#: Display precision of area columns (decimals).
AREA_DIGITS = {
    "area_mu": 2,
    "area_m2": 0,
    "declared_area_m2": 0,
    "footprint_m2": 0,
    "floor_area_m2": 0,
    "area_ha": 4,
}


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value.date() if isinstance(value, pd.Timestamp) else value)


def _truthy(value) -> bool:
    """A stored flag as a bool (GeoPackage and PostGIS give 1/0, True/False or text)."""
    return str(value).strip().lower() in ("1", "true", "yes", "t")


def versions_table(ctx, history: pd.DataFrame, kind: str, *, columns=None):
    """Every stored version of some parcels or buildings, oldest first.

    Returns ``(frame, column_config)`` for ``st.dataframe``: headers in
    ``ctx.lang``, valid-from/valid-to first, "current" for an open version,
    zone/category/status labels, area in mu next to m².
    """
    names = [c.name for c in LAYER_COLUMNS[kind]] if columns is None else list(columns)
    shown = [c for c in LEADING if c in names] + [c for c in names if c not in LEADING]
    shown = [c for c in shown if c in history.columns]
    order = [c for c in ("parcel_id", "building_id") if c in history.columns][:1]
    table = (
        history.sort_values([*order, "valid_from"], kind="stable")[shown].copy()
        if len(history)
        else history.reindex(columns=shown)
    )
    for column, label in (
        ("zone", ctx.zone_label),
        ("category", ctx.category_label),
        ("status", ctx.status_label),
    ):
        if column in table:
            table[column] = [label(v) if isinstance(v, str) else "" for v in table[column]]
    if "area_m2" in table:
        table.insert(
            table.columns.get_loc("area_m2"),
            "area_mu",
            m2_to_mu(pd.to_numeric(table["area_m2"], errors="coerce")),
        )
    for column in table.columns:
        if column == "is_standard_factory":  # a yes/no, not "True"
            table[column] = [
                "" if _text(v) == "" else ctx.t("map.yes" if _truthy(v) else "map.no")
                for v in table[column]
            ]
        elif column in AREA_DIGITS:
            table[column] = pd.to_numeric(table[column], errors="coerce")
        elif column == "valid_to":
            table[column] = [_text(v) or ctx.t("tables.current") for v in table[column]]
        else:
            table[column] = [_text(v) for v in table[column]]
    config = {
        header(c, ctx.lang): st.column_config.NumberColumn(format=f"%.{AREA_DIGITS[c]}f")
        for c in table.columns
        if c in AREA_DIGITS
    }
    return table.rename(columns={c: header(c, ctx.lang) for c in table.columns}), config


def _is_decimal_column(values: pd.Series) -> bool:
    """True for a column of decimal numbers (gaps allowed); counts and IDs are not."""
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_integer_dtype(values):
        return False
    if pd.api.types.is_float_dtype(values):
        return True
    present = values.dropna()
    return (
        values.dtype == object
        and len(present) > 0
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present)
        and not all(isinstance(v, int) for v in present)
    )


def decimals_for_display(frame: pd.DataFrame, digits: int = 2, *, whole=()):
    """Decimal columns as a planner reads them: ``(frame, column_config)`` for ``st.dataframe``.

    Every decimal column shows ``digits`` decimals (not "19.3" beside "22.31"
    or "65" beside "22.70"). A column with gaps (an indicator that does not
    apply, a figure not reported, a class not given) shows them empty, because
    the grid writes "None" for anything missing: decimals then become
    right-aligned text. Columns named in ``whole`` (a rank) show whole
    numbers. The caller's frame is not changed.
    """
    shown = frame.copy()
    config = {}
    for column in frame.columns:
        if not _is_decimal_column(frame[column]):
            if frame[column].isna().any():  # a class not given, a rank not ranked
                shown[column] = [_text(v) for v in frame[column]]
            continue
        values = pd.to_numeric(frame[column], errors="coerce")
        places = 0 if column in whole else digits
        if values.isna().any():
            shown[column] = ["" if pd.isna(v) else f"{v:,.{places}f}" for v in values]
            config[column] = st.column_config.TextColumn(alignment="right")
        else:
            shown[column] = values
            config[column] = st.column_config.NumberColumn(format=f"%.{places}f")
    return shown, config
