"""Reading a plan sheet (XLSX, Chinese or English headers) into planned events.

Header aliases and event words are in :mod:`landinv.i18n.vocab_planning`.
Every problem found is reported at once, with the row numbers as the planner
sees them in the spreadsheet (header = row 1); nothing is returned half-read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import shapely

from landinv.errors import UsageError
from landinv.i18n.vocab_planning import PLAN_DATE_FORMATS, PLAN_EVENT_WORDS, PLAN_HEADERS


def _norm(value) -> str:
    return (
        ""
        if value is None or (isinstance(value, float) and value != value)
        else str(value).strip().lower()
    )


def read_plan_sheet(path: str | Path, *, scenario: str | None = None) -> list[dict]:
    """Planned events from the first sheet of an XLSX file.

    Parameters
    ----------
    path : path
    scenario : str, optional
        Scenario for rows without a 方案 (scenario) column value (default "plan").

    Raises
    ------
    UsageError
        Missing file, missing required columns, unknown event words or dates.
    """
    p = Path(path)
    if not p.is_file():
        raise UsageError("err.plan_file_missing", path=str(p))
    try:
        frame = pd.read_excel(p, dtype=object)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise UsageError("err.plan_sheet_unreadable", path=p.name, detail=str(exc)) from None
    lookup = {_norm(alias): field for field, aliases in PLAN_HEADERS.items() for alias in aliases}
    columns = {}
    for col in frame.columns:
        field = lookup.get(_norm(col))
        if field and field not in columns:
            columns[field] = col
    missing = [f for f in ("kind", "date") if f not in columns]
    if missing:
        raise UsageError(
            "err.plan_sheet_columns",
            path=p.name,
            missing=", ".join(PLAN_HEADERS[f][0] for f in missing),
            headers=", ".join(PLAN_HEADERS[f][0] for f in ("object_id", "kind", "date", "project")),
        )
    events, problems = [], []
    for i, row in frame.iterrows():
        line = int(i) + 2
        values = {f: row[c] for f, c in columns.items()}
        if all(_norm(v) == "" for v in values.values()):
            continue
        word = _norm(values.get("kind"))
        if word not in PLAN_EVENT_WORDS:
            problems.append(f"{line}: {values.get('kind')!s}")
            continue
        kind, sign = PLAN_EVENT_WORDS[word]
        date = _date(values.get("date"))
        if date is None:
            problems.append(f"{line}: {values.get('date')!s}")
            continue
        ev = {
            "kind": kind,
            "date": date,
            "object_id": _text(values.get("object_id")),
            "project": _text(values.get("project")),
            "category": _text(values.get("category")),
            "zone": _text(values.get("zone")),
            "note": _text(values.get("note")),
            "scenario": _text(values.get("scenario")) or scenario or "plan",
        }
        if kind == "building":
            try:
                ev["floor_area_m2"] = sign * abs(float(values.get("floor_area_m2")))
            except (TypeError, ValueError):
                problems.append(f"{line}: {values.get('floor_area_m2')!s}")
                continue
        if kind == "new" and _text(values.get("wkt")):
            try:
                ev["geometry"] = shapely.from_wkt(_text(values.get("wkt")))
            except shapely.errors.GEOSException:
                problems.append(f"{line}: WKT")
                continue
        events.append(ev)
    if problems:
        raise UsageError("err.plan_sheet_rows", path=p.name, rows="; ".join(problems[:10]))
    if not events:
        raise UsageError("err.plan_sheet_empty", path=p.name)
    return events


def _text(value) -> str | None:
    text = (
        "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()
    )
    return text or None


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    for fmt in PLAN_DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.split()[0], fmt).date()
        except ValueError:
            continue
    return None
