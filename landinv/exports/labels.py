"""Bilingual column headers and code-to-label lookups for every exported table."""

from __future__ import annotations

import pandas as pd

from landinv.analysis import REPORT_HEADERS
from landinv.domain import BUILDINGS, PARCELS
from landinv.labels import category_label, status_label, zone_label
from landinv.schema import DERIVED_COLUMNS, ID_COLUMN, LAYER_COLUMNS


def column_header(
    name: str, lang: str = "zh", kind: str | None = None, overrides: dict | None = None
) -> str:
    """Bilingual header of a column: ``中文 / English`` (English first for 'en').

    Looks the column up in ``overrides`` (``{name: (zh, en)}``), then in layer
    ``kind`` (so ``name`` reads 地块名称 for parcels and 厂房名称 for
    buildings), then in every layer and the report columns; an unknown column
    keeps its name.
    """
    pair = (overrides or {}).get(name) or header_pair(name, kind)
    if pair is None:
        return name
    zh, en = pair
    if zh == en:
        return zh
    return f"{en} / {zh}" if lang == "en" else f"{zh} / {en}"


def header_pair(name: str, kind: str | None) -> tuple[str, str] | None:
    """``(Chinese, English)`` header of a stored or report column, or None."""
    groups = [LAYER_COLUMNS[kind]] if kind in LAYER_COLUMNS else []
    groups += [LAYER_COLUMNS[PARCELS], LAYER_COLUMNS[BUILDINGS], DERIVED_COLUMNS]
    for columns in groups:
        for column in columns:
            if column.name == name:
                return column.zh, column.en
    return REPORT_HEADERS.get(name)


def layer_kind(df: pd.DataFrame) -> str | None:
    """'parcels' or 'buildings' judged by the ID column; None for other tables."""
    if ID_COLUMN[BUILDINGS] in df.columns:
        return BUILDINGS
    if ID_COLUMN[PARCELS] in df.columns:
        return PARCELS
    return None


__all__ = [
    "category_label",
    "column_header",
    "header_pair",
    "layer_kind",
    "status_label",
    "zone_label",
]
