"""Small column and date helpers shared by the analysis modules.

Store frames come from two backends and from files; these read a column the
same way whatever its dtype (text, bool stored as 0/1 or text, missing values).
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from landinv.domain import parse_date
from landinv.errors import UsageError
from landinv.i18n.vocab import YES_WORDS

#: Day number standing for "still valid" (valid_to NULL).
OPEN = np.iinfo(np.int64).max

#: Text values read as "true" in a flag column.
_TRUE_WORDS = ("1", "true", "t", "yes", "y", *YES_WORDS)


def text(values) -> np.ndarray:
    """Strings of a column as an object array, missing values as ''."""
    s = pd.Series(values, dtype=object)
    return np.array(["" if pd.isna(v) else str(v) for v in s], dtype=object)


def numbers(values) -> np.ndarray:
    """Floats of a column, missing values as 0."""
    return pd.to_numeric(pd.Series(values), errors="coerce").fillna(0.0).to_numpy(dtype=float)


def flags(values) -> np.ndarray:
    """Booleans of a column stored as bool, 0/1 or text; missing as False."""

    def flag(v) -> bool:
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            return False
        if isinstance(v, str):
            return v.strip().lower() in _TRUE_WORDS
        return bool(v)

    return np.array([flag(v) for v in pd.Series(values, dtype=object)], dtype=bool)


def has_import(history: pd.DataFrame, import_id: str) -> bool:
    """Whether any row of ``history`` came from import ``import_id``."""
    if history is None or len(history) == 0 or "import_id" not in history.columns:
        return False
    return bool((text(history["import_id"]) == import_id).any())


def day(value) -> int:
    """Day number (days since 1970-01-01) of a date or ISO text."""
    return int(np.datetime64(parse_date(value, default_today=False), "D").astype(np.int64))


def date(day_number: int) -> dt.date:
    """The date of a day number."""
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(day_number))


def span(start, end) -> tuple[int, int]:
    """Day numbers of ``start`` and ``end``; refuses a reversed span."""
    first, last = day(start), day(end)
    if first > last:
        raise UsageError("err.span_order", start=date(first), end=date(last))
    return first, last
