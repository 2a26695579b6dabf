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
from landinv.ingest.fields import (
    DECLARED_AREA_MU,
    DECLARED_FOOTPRINT,
    FieldMatch,
    is_blank,
    to_bool,
    to_int,
    to_number,
    to_text,
)
from landinv.ingest.report import Report
from landinv.ingest.validate import FeatureRef, area_mismatch, describe_area
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


def build_rows(kind: str, attrs: pd.DataFrame, match: FieldMatch, ids: list, areas: np.ndarray,
               ctx: RowContext) -> dict[str, list]:
    """Schema columns of layer ``kind`` as lists, one entry per feature.

    ``areas`` are the ellipsoidal areas (m²) of the features' geometries.
    """
    n = len(ids)
    source = {c: attrs[s].tolist() for c, s in match.columns.items()}

    def raw(name: str) -> list:
        return source.get(name, [None] * n)

    rows: dict[str, list] = {name: [None] * n for name in column_names(kind)}
    rows[ID_COLUMN[kind]] = list(ids)
    rows["name"] = [to_text(v) for v in raw("name")]
    rows["valid_from"] = [ctx.effective_date.isoformat()] * n
    has_ids = match.source(ID_COLUMN[kind]) is not None  # else one file-level issue
    for i in range(n):
        if has_ids and not ids[i]:
            ctx.report.refuse("missing_id", "编号为空。每个要素都需要唯一的编号。",
                              "The ID is blank. Every feature needs a unique ID.", **ctx.ref(i))
    if kind == PARCELS:
        _parcel_columns(rows, raw, areas, ctx)
    else:
        _building_columns(rows, raw, areas, match, ctx)
    rows["zone"] = [_zone_code(v, ctx, i) for i, v in enumerate(raw("zone"))]
    return rows


def _zone_code(value, ctx: RowContext, i: int) -> str | None:
    if is_blank(value):
        return ctx.zone
    code = ctx.cfg.match_zone(value)
    if code is None:
        known_zh = "、".join(f"{z.name_zh}（{z.code}）" for z in ctx.cfg.zones)
        known_en = ", ".join(f"{z.name_en} ({z.code})" for z in ctx.cfg.zones)
        ctx.report.refuse("unknown_zone", f"片区“{value}”不认识。可选：{known_zh}",
                          f"Unknown zone '{value}'. Known zones: {known_en}", **ctx.ref(i))
    return code


def _parcel_columns(rows, raw, areas, ctx: RowContext) -> None:
    n = len(areas)
    rows["status"] = [STATUS_AVAILABLE] * n
    rows["project"] = [to_text(v) for v in raw("project")]
    rows["land_use_code"] = [to_text(v) for v in raw("land_use_code")]
    rows["area_m2"] = [float(a) for a in areas]
    declared_m2 = [to_number(v) for v in raw("declared_area_m2")]
    declared_mu = [None if mu is None else mu_to_m2(mu)
                   for mu in map(to_number, raw(DECLARED_AREA_MU))]
    known_zh = "、".join(f"{c.name_zh}（{c.code}）" for c in ctx.cfg.categories)
    known_en = ", ".join(f"{c.name_en} ({c.code})" for c in ctx.cfg.categories)
    categories = raw("category")
    for i in range(n):
        declared = declared_m2[i] if declared_m2[i] is not None else declared_mu[i]
        rows["declared_area_m2"][i] = declared
        flag_area(declared, float(areas[i]), ("面积", "area"), ctx, i)
        value = categories[i]
        if is_blank(value):
            if ctx.category is None:
                ctx.report.refuse(
                    "missing_category",
                    f"没有地块类型。请在“类型”字段填写（{known_zh}），或在导入时统一指定。",
                    f"No category. Fill the category field ({known_en}) or give one category "
                    "for the whole file.", **ctx.ref(i))
            rows["category"][i] = ctx.category
            continue
        code = ctx.cfg.match_category(value)
        if code is None:
            ctx.report.refuse("unknown_category", f"地块类型“{value}”不认识。可选：{known_zh}",
                              f"Unknown category '{value}'. Use one of: {known_en}",
                              **ctx.ref(i))
        rows["category"][i] = code


def _building_columns(rows, raw, areas, match: FieldMatch, ctx: RowContext) -> None:
    n = len(areas)
    rows["parcel_id"] = [to_text(v) for v in raw("parcel_id")]
    rows["footprint_m2"] = [float(a) for a in areas]
    has_flag = match.source("is_standard_factory") is not None
    if not has_flag:
        ctx.report.note("standard_assumed", "文件中没有“是否标准厂房”字段，全部按标准厂房计。",
                        "The file has no 'standard factory' field; every building is counted "
                        "as a standard factory.")
    flags, floors_raw = raw("is_standard_factory"), raw("floors")
    given_area, declared_footprint = raw("floor_area_m2"), raw(DECLARED_FOOTPRINT)
    derived = 0
    for i in range(n):
        standard = to_bool(flags[i]) if has_flag else True
        if standard is None:
            ctx.report.refuse(
                "unknown_standard_flag",
                f"“是否标准厂房”的值“{flags[i]}”不认识，请填 是 或 否。",
                f"Unrecognised standard-factory value '{flags[i]}'; use yes or no (是/否).",
                **ctx.ref(i))
        rows["is_standard_factory"][i] = standard
        floors = to_int(floors_raw[i])
        rows["floors"][i] = floors if floors and floors > 0 else None
        floor_area = to_number(given_area[i])
        if floor_area is None and rows["floors"][i]:
            floor_area = float(areas[i]) * rows["floors"][i]
            derived += 1
        if floor_area is None or floor_area <= 0:
            ctx.report.refuse(
                "missing_floor_area", "没有建筑面积，也没有层数可以推算。请填写建筑面积或层数。",
                "No floor area and no number of floors to derive it from. Fill in the floor "
                "area or the floors.", **ctx.ref(i))
        rows["floor_area_m2"][i] = floor_area
        flag_area(to_number(declared_footprint[i]), float(areas[i]), ("占地面积", "footprint"),
                  ctx, i)
    if derived:
        ctx.report.fix("floor_area_derived",
                       f"{derived} 栋厂房没有建筑面积，已按 占地面积 × 层数 推算。",
                       f"{derived} buildings had no floor area; it was derived as footprint × "
                       "floors.")


def flag_area(declared: float | None, computed: float, what: tuple[str, str],
              ctx: RowContext, i: int) -> None:
    """Warn when a declared area differs from the computed one by more than 1 %."""
    diff = area_mismatch(declared, computed)
    if diff is None:
        return
    d_zh, d_en = describe_area(declared)
    c_zh, c_en = describe_area(computed)
    ctx.report.warn(
        "area_mismatch",
        f"申报{what[0]} {d_zh} 与按图形计算的 {c_zh} 相差 {diff:+.1%}。"
        "入库使用计算值；请核对图形或申报值。",
        f"Declared {what[1]} {d_en} differs from the {c_en} computed from the shape by "
        f"{diff:+.1%}. The computed value is stored; check the shape or the declared value.",
        **ctx.ref(i))
