"""Codes shown as names: zones, categories and statuses in the reader's language.

The one lookup every table, export and page uses, so an unknown code (from an
older config or a file) reads the same everywhere: as the code itself; and a
missing one as an empty cell.
"""

from __future__ import annotations

import math

from landinv.domain import DEFAULT_SCENARIO, STATUS_LABELS, Config
from landinv.i18n import tr


def _missing(code) -> bool:
    return (
        code is None
        or (isinstance(code, float) and math.isnan(code))
        or str(code) in ("", "<NA>", "nan")
    )


def zone_label(config: Config, code, lang: str = "zh") -> str:
    """Name of zone ``code`` in ``lang``; unknown codes as they are, missing as ''."""
    if _missing(code):
        return ""
    return config.zone(code).label(lang) if code in config.zone_codes else str(code)


def category_label(config: Config, code, lang: str = "zh") -> str:
    """Name of category ``code`` in ``lang``; unknown codes as they are, missing as ''."""
    if _missing(code):
        return ""
    return config.category(code).label(lang) if code in config.category_codes else str(code)


def status_label(code, lang: str = "zh") -> str:
    """Name of parcel status ``code`` in ``lang``; unknown codes as they are."""
    if _missing(code):
        return ""
    names = STATUS_LABELS.get(code)
    return names.get("en" if lang == "en" else "zh", str(code)) if names else str(code)


def scenario_label(name, lang: str = "zh") -> str:
    """A plan scenario as named to a planner: the default one says it is the
    default (``plan（默认方案）``); a what-if scenario shows the name it was given."""
    return tr("plan.ui.scenario_default", lang) if name == DEFAULT_SCENARIO else str(name)
