"""From a raw enterprise table to checked rows for the store, with the report.

Pure: the store's side (known parcels, buildings, enterprises, earlier
figures) comes in an :class:`ImportContext`; nothing is written here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from landinv.efficiency import creditcode
from landinv.efficiency.report import EnterpriseReport
from landinv.efficiency.table import RawTable, parse_header
from landinv.i18n.vocab_enterprises import (
    FIELD_DIMENSION,
    LIST_SEPARATORS,
    SCALE_WORDS,
    STATE_WORDS,
)

#: Yearly figures an enterprise file can carry (stored units in FIELD_DIMENSION).
FIGURE_FIELDS = (
    "tax",
    "revenue",
    "value_added",
    "energy_tce",
    "electricity_kwh",
    "emissions_t",
    "employees",
    "rd",
)
REGISTER_FIELDS = ("name", "industry_code", "scale", "state")
#: Plausible median per enterprise, in stored units, when no earlier year is stored:
#: a median outside is most likely a column in 元 labelled 万元 (or the reverse).
PLAUSIBLE_MEDIAN = {
    "tax": (0.3, 3e4),
    "revenue": (5.0, 5e6),
    "value_added": (1.0, 1e6),
    "rd": (0.1, 1e5),
    "energy_tce": (0.5, 5e6),
    "electricity_kwh": (5e3, 5e9),
    "emissions_t": (1e-3, 1e5),
    "employees": (2.0, 1e5),
}
#: Ratio to the earlier years' median that looks like a unit slip (about 1000x).
MAGNITUDE_RATIO = 200.0
#: A value this many powers of ten from its column's median is an outlier.
OUTLIER_DECADES = 2.5
_SPLIT = re.compile("|".join(re.escape(s) for s in LIST_SEPARATORS))


@dataclass
class ImportContext:
    """What the store knows that an import is checked against."""

    year: int
    #: Current register: credit code -> {"name", "scale", "state", "industry_code"}.
    register: dict = field(default_factory=dict)
    parcels: set = field(default_factory=set)
    #: Building ID -> floor area (m²).
    buildings: dict = field(default_factory=dict)
    #: Field -> median of the figures stored for other years.
    medians: dict = field(default_factory=dict)


@dataclass
class EnterpriseBatch:
    """Checked rows ready for :meth:`store.commit_enterprises`."""

    year: int
    #: ``credit_code`` plus REGISTER_FIELDS (None = not stated by the file).
    register: pd.DataFrame
    #: ``credit_code, kind ('parcel'|'building'), object_id, role ('user'|'tenant'), floor_m2``.
    sites: pd.DataFrame
    #: ``(credit_code, kind)`` pairs whose links the file states (they are replaced).
    site_scope: list
    #: ``credit_code, year, field, value`` (stored units).
    figures: pd.DataFrame


def _blank(value) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or str(value).strip() in ("", "-", "--", "/", "—")
    )


def _number(value) -> float | None:
    """A cell as a number; None when blank; NaN when not a number."""
    if _blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(",", "").replace(chr(0xFF0C), "").replace(" ", "")
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _split(value) -> list[str]:
    if _blank(value):
        return []
    return [p.strip() for p in _SPLIT.split(str(value)) if p.strip()]


def check_table(
    table: RawTable, ctx: ImportContext, report: EnterpriseReport
) -> EnterpriseBatch | None:
    """Check ``table`` against ``ctx``, filling ``report``; the batch, or None when refused."""
    report.year = ctx.year
    cols: dict[str, int] = {}
    factors: dict[str, float] = {}
    for i, head in enumerate(table.header):
        if not head:
            continue
        hf = parse_header(head)
        if hf.field is None:
            report.note("column_ignored", column=head)
            continue
        if hf.field in cols:
            report.refuse("duplicate_column", column=head, other=table.header[cols[hf.field]])
            continue
        cols[hf.field] = i
        factor = _unit_factor(hf, report)
        if factor is None and hf.field in FIELD_DIMENSION:
            continue
        factors[hf.field] = factor if factor is not None else 1.0
        report.columns.append(
            {
                "header": head,
                "field": hf.field,
                "unit": hf.unit or FIELD_DIMENSION.get(hf.field, ("", None))[1],
                "factor": factors[hf.field],
            }
        )
    if "credit_code" not in cols:
        report.refuse("missing_column", column="credit_code")
        return None
    if not (set(cols) - {"credit_code", "name"}):
        report.refuse("nothing_to_import")
    rows = [
        (table.first_row + k, r) for k, r in enumerate(table.rows) if any(not _blank(v) for v in r)
    ]
    report.n_rows = len(rows)
    if not rows:
        report.refuse("no_rows")
        return None
    codes = [creditcode.normalise(r[cols["credit_code"]]) for _, r in rows]
    seen = Counter(c for c in codes if c)
    for (line, _), code in zip(rows, codes):
        if not code:
            report.refuse("missing_code", row=line)
        elif (problem := creditcode.problem(code)) == "shape":
            report.refuse("bad_credit_code", row=line, credit_code=code, length=len(code))
        elif problem == "check_digit":
            report.refuse("bad_check_digit", row=line, credit_code=code)
    for code, n in seen.items():
        if n > 1:
            lines = [str(line) for (line, _), c in zip(rows, codes) if c == code]
            report.refuse("duplicate_code", credit_code=code, rows=", ".join(lines))
    register = _register(rows, codes, cols, ctx, report)
    sites, scope = _sites(rows, codes, cols, ctx, report, factors)
    heads = {f: table.header[i] for f, i in cols.items()}
    figures = _figures(rows, codes, cols, ctx, report, factors, heads)
    if report.must_fix:
        return None
    new = sum(1 for c in register["credit_code"] if c not in ctx.register)
    report.counts = {
        "enterprises": len(register),
        "new": new,
        "figures": len(figures),
        "links": len(sites),
    }
    return EnterpriseBatch(ctx.year, register, sites, scope, figures)


def _unit_factor(hf, report: EnterpriseReport) -> float | None:
    dimension = FIELD_DIMENSION.get(hf.field)
    if dimension is None:
        return None
    if hf.unit is None:
        report.note("unit_assumed", column=hf.header, unit=dimension[1])
        return 1.0
    if hf.unit_info is None:
        report.refuse("unknown_unit", column=hf.header, unit=hf.unit, expected=dimension[1])
        return None
    if hf.unit_info[0] != dimension[0]:
        report.refuse("wrong_unit", column=hf.header, unit=hf.unit, expected=dimension[1])
        return None
    return hf.unit_info[1]


def _register(rows, codes, cols, ctx, report) -> pd.DataFrame:
    out = []
    for (line, r), code in zip(rows, codes):
        rec = {"credit_code": code}
        for name in REGISTER_FIELDS:
            value = r[cols[name]] if name in cols else None
            rec[name] = None if _blank(value) else str(value).strip()
        if rec["scale"] is not None:
            word = re.sub(r"\s+", "", rec["scale"]).lower()
            rec["scale"] = SCALE_WORDS.get(word)
            if rec["scale"] is None:
                report.refuse("unknown_scale", row=line, credit_code=code, value=word)
        if rec["state"] is not None:
            word = re.sub(r"\s+", "", rec["state"]).lower()
            rec["state"] = STATE_WORDS.get(word)
            if rec["state"] is None:
                report.refuse("unknown_state", row=line, credit_code=code, value=word)
        if code and code not in ctx.register:
            if rec["name"] is None:
                report.refuse("unknown_enterprise", row=line, credit_code=code)
            elif rec["scale"] is None:
                report.warn("scale_missing", row=line, credit_code=code)
            if rec["state"] is None and rec["name"] is not None:
                rec["state"] = "producing"
        out.append(rec)
    return pd.DataFrame(out, columns=["credit_code", *REGISTER_FIELDS])


def _sites(rows, codes, cols, ctx, report, factors):
    out, scope = [], []
    for (line, r), code in zip(rows, codes):
        if "parcel_id" in cols:
            ids = _split(r[cols["parcel_id"]])
            for pid in ids:
                if pid not in ctx.parcels:
                    report.refuse("unknown_parcel", row=line, credit_code=code, parcel=pid)
                out.append((code, "parcel", pid, "user", None))
            if ids:
                scope.append((code, "parcel"))
        if "building_id" in cols:
            ids = _split(r[cols["building_id"]])
            areas = (
                [_number(v) for v in _split(r[cols["rented_m2"]])] if "rented_m2" in cols else []
            )
            if ids and len(areas) != len(ids):
                report.refuse(
                    "rented_mismatch",
                    row=line,
                    credit_code=code,
                    buildings=len(ids),
                    areas=len(areas),
                )
                continue
            for bid, area in zip(ids, areas):
                area = None if area is None else area * factors.get("rented_m2", 1.0)
                if bid not in ctx.buildings:
                    report.refuse("unknown_building", row=line, credit_code=code, building=bid)
                elif area is None or not area > 0:
                    report.refuse("rented_invalid", row=line, credit_code=code, building=bid)
                elif area > ctx.buildings[bid] * 1.001:
                    report.warn(
                        "rented_exceeds",
                        row=line,
                        credit_code=code,
                        building=bid,
                        rented=round(area, 1),
                        floor=round(ctx.buildings[bid], 1),
                    )
                out.append((code, "building", bid, "tenant", area))
            if ids:
                scope.append((code, "building"))
    sites = pd.DataFrame(out, columns=["credit_code", "kind", "object_id", "role", "floor_m2"])
    dupes = sites.duplicated(["credit_code", "kind", "object_id"])
    if dupes.any():
        for _, rec in sites[dupes].iterrows():
            report.refuse(
                "duplicate_site", credit_code=rec["credit_code"], object_id=rec["object_id"]
            )
    return sites, scope


def _figures(rows, codes, cols, ctx, report, factors, heads) -> pd.DataFrame:
    parts = []
    lines = np.array([line for line, _ in rows])
    code_arr = np.array(codes, dtype=object)
    for name in FIGURE_FIELDS:
        if name not in cols or name not in factors:
            continue
        raw = [_number(r[cols[name]]) for _, r in rows]
        values = np.array([np.nan if v is None else v for v in raw], dtype=float)
        blank = np.array([v is None for v in raw])
        bad = np.isnan(values) & ~blank
        for i in np.flatnonzero(bad):
            report.refuse(
                "not_a_number",
                row=int(lines[i]),
                credit_code=code_arr[i],
                column=heads[name],
                value=str(rows[i][1][cols[name]]),
            )
        if blank.any():
            report.warn(
                "missing_value",
                column=heads[name],
                n=int(blank.sum()),
                codes=", ".join(code_arr[blank][:5]),
            )
        values = values * factors[name]
        for i in np.flatnonzero(values < 0):
            report.warn(
                "negative_value",
                row=int(lines[i]),
                credit_code=code_arr[i],
                column=heads[name],
                value=float(values[i]),
            )
        _magnitude(name, values, ctx, report, lines, code_arr, heads[name])
        keep = ~np.isnan(values)
        parts.append(
            pd.DataFrame(
                {
                    "credit_code": code_arr[keep],
                    "year": ctx.year,
                    "field": name,
                    "value": values[keep],
                }
            )
        )
    if not parts:
        return pd.DataFrame({"credit_code": [], "year": [], "field": [], "value": []})
    return pd.concat(parts, ignore_index=True)


def _magnitude(name, values, ctx, report, lines, codes, column) -> None:
    positive = values[(values > 0) & ~np.isnan(values)]
    if len(positive) < 3:
        return
    median = float(np.median(positive))
    earlier = ctx.medians.get(name)
    if earlier and earlier > 0:
        ratio = median / earlier
        if ratio >= MAGNITUDE_RATIO or ratio <= 1 / MAGNITUDE_RATIO:
            report.warn(
                "magnitude_history",
                column=column,
                median=_sig(median),
                earlier=_sig(earlier),
                ratio=_sig(ratio),
            )
    else:
        low, high = PLAUSIBLE_MEDIAN[name]
        if not low <= median <= high:
            report.warn(
                "magnitude", column=column, median=_sig(median), low=_sig(low), high=_sig(high)
            )
    logs = np.log10(np.where(values > 0, values, np.nan))
    far = np.abs(logs - np.log10(median)) > OUTLIER_DECADES
    for i in np.flatnonzero(far):
        report.warn(
            "outlier",
            row=int(lines[i]),
            credit_code=codes[i],
            column=column,
            value=_sig(values[i]),
            median=_sig(median),
        )


def _sig(x: float) -> str:
    return f"{x:.4g}"
