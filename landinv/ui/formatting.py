"""Numbers as planners read them: grouped digits, units in the page language.

Values stay at full precision everywhere else; rounding happens only here,
for display.
"""

from __future__ import annotations

import math

from landinv.i18n import has, tr


def fmt_area(value: float, unit: str, lang: str = "zh") -> str:
    """``2,013.42 亩`` / ``105,300 m²``: mu to 2 decimals, m² to whole metres."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    name = tr(f"unit.{unit}", lang) if has(f"unit.{unit}") else unit
    digits = 2 if unit == "mu" else 0
    return f"{value:,.{digits}f} {name}"


def fmt_mu(value: float, lang: str = "zh") -> str:
    """An area in mu, e.g. ``410.00 亩``."""
    return fmt_area(value, "mu", lang)


def fmt_share(ratio: float) -> str:
    """A ratio as a percentage with one decimal, e.g. ``102.4%``."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return "–"
    return f"{ratio * 100:.1f}%"
