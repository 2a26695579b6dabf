"""Bilingual column headers and code-to-label lookups for every exported table."""

from __future__ import annotations

import math

import pandas as pd

from landinv.analysis import REPORT_HEADERS
from landinv.domain import BUILDINGS, PARCELS, STATUS_LABELS, Config
from landinv.schema import DERIVED_COLUMNS, ID_COLUMN, LAYER_COLUMNS


def column_header(name: str, lang: str = "zh", kind: str | None = None,
                  overrides: dict | None = None) -> str:
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


def zone_label(config: Config, code, lang: str) -> str:
    """A zone code shown in ``lang``; unknown codes as they are, missing as ''."""
    if code is None or code is pd.NA or (isinstance(code, float) and math.isnan(code)):
        return ""
    return config.zone(code).label(lang) if code in config.zone_codes else str(code)


def category_label(config: Config, code, lang: str) -> str:
    """A category code shown in ``lang``; unknown codes as they are, missing as ''."""
    if code is None or code is pd.NA or (isinstance(code, float) and math.isnan(code)):
        return ""
    return config.category(code).label(lang) if code in config.category_codes else str(code)


def status_label(code, lang: str) -> str:
    """A status code shown in ``lang``; unknown codes as they are."""
    return STATUS_LABELS[code][lang] if code in STATUS_LABELS else code
