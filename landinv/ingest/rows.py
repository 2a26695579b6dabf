"""Turn an upload's attribute table into store-schema columns, feature by feature.

Values come through the field match (:mod:`landinv.ingest.fields`); codes for
zones and categories through :class:`~landinv.domain.Config`, so Chinese and
English names both work. A blank zone or category takes the caller's default;
an unrecognised one is refused for that feature only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from landinv.domain import PARCELS, STATUS_AVAILABLE, Config, mu_to_m2
from landinv.i18n import tr
from landinv.ingest.fields import (
    DECLARED_AREA_MU,
    DECLARED_FOOTPRINT,
    FieldMatch,
    is_blank,
    map_distinct,
    to_bool,
    to_int,
    to_number,
    to_numbers,
    to_texts,
)
from landinv.ingest.report import Report, pair, submsg
from landinv.ingest.validate import AREA_TOLERANCE, FeatureRef, area_mismatch, describe_area
from landinv.schema import ID_COLUMN, column_names


@dataclass
class RowContext:
    """What every per-feature conversion needs."""

    cfg: Config
    report: Report
    ref: FeatureRef
    zone: str | None  # caller's default zone code
    category: str | None  # caller's default category code
    effective_date: dt.date


def build_rows(
    kind: str, attrs: pd.DataFrame, match: FieldMatch, ids: list, areas: np.ndarray, ctx: RowContext
) -> dict[str, list]:
    """Schema columns of layer ``kind`` as lists, one entry per feature.

    ``areas`` are the ellipsoidal areas (m²) of the features' geometries.
    Text fields are converted once per distinct value (:func:`map_distinct`);
    issues are still reported per feature, in feature order.
    """
    n = len(ids)
    source = {c: attrs[s] for c, s in match.columns.items()}

    def raw(name: str) -> pd.Series:
        found = source.get(name)
        return found if found is not None else pd.Series([None] * n, dtype=object)

    rows: dict[str, list] = {name: [None] * n for name in column_names(kind)}
    rows[ID_COLUMN[kind]] = list(ids)
    rows["name"] = to_texts(raw("name"))
    rows["valid_from"] = [ctx.effective_date.isoformat()] * n
    if match.source(ID_COLUMN[kind]) is not None:  # else one file-level issue
        for i in [i for i, value in enumerate(ids) if not value]:
            ctx.report.refuse("missing_id", **ctx.ref(i))
    if kind == PARCELS:
        _parcel_columns(rows, raw, areas, ctx)
    else:
        _building_columns(rows, raw, areas, match, ctx)
    rows["zone"] = _zone_codes(raw("zone"), ctx)
    return rows


def _zone_codes(values: pd.Series, ctx: RowContext) -> list:
    """Zone code per feature: blank takes the caller's default; unknown is refused."""
    codes = map_distinct(values, lambda v: ctx.zone if is_blank(v) else ctx.cfg.match_zone(v))
    unknown = [i for i, code in enumerate(codes) if code is None]
    if not unknown:
        return codes
    known = known_names(ctx.cfg.zones)
    given = values.tolist()
    for i in unknown:
        value = given[i]
        if is_blank(value):  # blank without a default zone: derived from the boundaries later
            continue
        ctx.report.refuse("unknown_zone", value=str(value), known=known, **ctx.ref(i))
    return codes


def _parcel_columns(rows, raw, areas, ctx: RowContext) -> None:
    n = len(areas)
    rows["status"] = [STATUS_AVAILABLE] * n
    rows["project"] = to_texts(raw("project"))
    rows["land_use_code"] = to_texts(raw("land_use_code"))
    rows["area_m2"] = np.asarray(areas, dtype=float).tolist()
    declared_m2 = to_numbers(raw("declared_area_m2"))
    declared_mu = [None if mu is None else mu_to_m2(mu) for mu in to_numbers(raw(DECLARED_AREA_MU))]
    declared = [m2 if m2 is not None else mu for m2, mu in zip(declared_m2, declared_mu)]
    rows["declared_area_m2"] = declared
    for i in _area_candidates(declared, areas):
        flag_area(declared[i], float(areas[i]), "area", ctx, i)
    categories = raw("category")
    # (blank, code) per feature, worked out once per distinct value.
    matched = map_distinct(
        categories,
        lambda v: (True, ctx.category) if is_blank(v) else (False, ctx.cfg.match_category(v)),
    )
    rows["category"] = [code for _blank, code in matched]
    problems = [
        i
        for i, (blank, code) in enumerate(matched)
        if code is None and not (blank and ctx.category is not None)
    ]
    if not problems:
        return
    known = known_names(ctx.cfg.categories)
    given = categories.tolist()
    for i in problems:
        if matched[i][0]:
            ctx.report.refuse("missing_category", known=known, **ctx.ref(i))
            continue
        ctx.report.refuse("unknown_category", value=str(given[i]), known=known, **ctx.ref(i))


def _area_candidates(declared: list, areas: np.ndarray) -> np.ndarray:
    """Features whose declared area may differ from the computed one (see :func:`flag_area`).

    The same arithmetic as :func:`~landinv.ingest.validate.area_mismatch`, on arrays, so
    :func:`flag_area` only runs for the few features it will warn about.
    """
    given = np.array([np.nan if d is None else d for d in declared], dtype=float)
    computed = np.asarray(areas, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = (given - computed) / computed
        return np.flatnonzero((given > 0) & (computed > 0) & (np.abs(diff) > AREA_TOLERANCE))


def _building_columns(rows, raw, areas, match: FieldMatch, ctx: RowContext) -> None:
    n = len(areas)
    rows["parcel_id"] = to_texts(raw("parcel_id"))
    rows["footprint_m2"] = np.asarray(areas, dtype=float).tolist()
    has_flag = match.source("is_standard_factory") is not None
    if not has_flag:
        ctx.report.note("standard_assumed")
    flags = raw("is_standard_factory").tolist()
    floors_raw = raw("floors").tolist()
    given_area = raw("floor_area_m2").tolist()
    declared_footprint = raw(DECLARED_FOOTPRINT).tolist()
    derived = 0
    for i in range(n):
        standard = to_bool(flags[i]) if has_flag else True
        if standard is None:
            ctx.report.refuse("unknown_standard_flag", value=str(flags[i]), **ctx.ref(i))
        rows["is_standard_factory"][i] = standard
        floors = to_int(floors_raw[i])
        rows["floors"][i] = floors if floors and floors > 0 else None
        floor_area = to_number(given_area[i])
        if floor_area is None and rows["floors"][i]:
            floor_area = float(areas[i]) * rows["floors"][i]
            derived += 1
        if floor_area is None or floor_area <= 0:
            ctx.report.refuse("missing_floor_area", **ctx.ref(i))
        rows["floor_area_m2"][i] = floor_area
        flag_area(to_number(declared_footprint[i]), float(areas[i]), "footprint", ctx, i)
    if derived:
        ctx.report.fix("floor_area_derived", n=derived)


def flag_area(declared: float | None, computed: float, what: str, ctx: RowContext, i: int) -> None:
    """Warn when a declared area differs from the computed one by more than 1 %.

    ``what`` is ``'area'`` or ``'footprint'`` (the word used in the message).
    """
    diff = area_mismatch(declared, computed)
    if diff is None:
        return
    ctx.report.warn(
        "area_mismatch",
        what=submsg(f"ingest.area_words.{what}"),
        declared=describe_area(declared),
        computed=describe_area(computed),
        diff=f"{diff:+.1%}",
        **ctx.ref(i),
    )


def known_names(items) -> dict:
    """Zones or categories as a message parameter, ``Xindu (xindu), …`` in each language."""

    def names(lang: str) -> str:
        return tr("ingest.list_sep", lang).join(
            tr("ingest.name_code", lang, name=c.name_en if lang == "en" else c.name_zh, key=c.code)
            for c in items
        )

    return pair(names("zh"), names("en"))
