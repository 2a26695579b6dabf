"""Map an upload's attribute fields to the store schema, and convert their values.

Surveyors name fields in Chinese (地块编号), in pinyin initials (DKBH) or in
English (parcel_id). :data:`ALIASES` lists the names recognised for each
schema column, most specific first. Names are compared after folding case and
dropping spaces, underscores and bracketed units, so ``面积（平方米）`` is
``面积``. DBF names cut at 10 bytes (``地块编`` for 地块编号 in UTF-8,
``floor_area`` for floor_area_m2) match by prefix when only one alias fits.

A caller's ``field_map`` (source field -> schema column) wins over all of this.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from landinv.domain import BUILDINGS, PARCELS
from landinv.errors import UsageError

#: Pseudo-column: a declared area given in mu (converted to m² on reading).
DECLARED_AREA_MU = "declared_area_mu"
#: Pseudo-column of buildings: the footprint the file declares, compared with
#: the computed one (the store keeps the computed footprint).
DECLARED_FOOTPRINT = "declared_footprint_m2"

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    PARCELS: {
        "parcel_id": ("parcel_id", "地块编号", "地块编码", "地块代码", "宗地编号", "宗地代码",
                      "DKBH", "DKBM", "DKDM", "ZDBH", "ZDDM", "parcelid", "parcel_no", "编号",
                      "BH"),
        "name": ("name", "地块名称", "宗地名称", "名称", "DKMC", "ZDMC", "MC"),
        "zone": ("zone", "片区", "所属片区", "片区名称", "PQ", "SSPQ", "PQMC"),
        "category": ("category", "地块类型", "土地类型", "类型", "地类", "类别", "DKLX", "DL",
                     "LX", "LB", "type"),
        "land_use_code": ("land_use_code", "用地代码", "地类编码", "用地性质代码", "DLBM",
                          "YDDM", "landuse"),
        "project": ("project", "供应项目", "项目名称", "项目", "XMMC"),
        "declared_area_m2": ("declared_area_m2", "面积", "地块面积", "宗地面积", "图斑面积",
                             "MJ", "TBMJ", "DKMJ", "ZDMJ", "area", "area_m2"),
        DECLARED_AREA_MU: (DECLARED_AREA_MU, "面积亩", "亩数", "亩", "MJMU", "MJ_MU", "MUS",
                           "area_mu"),
    },
    BUILDINGS: {
        "building_id": ("building_id", "厂房编号", "建筑编号", "楼栋编号", "CFBH", "JZBH",
                        "LDBH", "编号", "BH"),
        "parcel_id": ("parcel_id", "所在地块", "地块编号", "宗地编号", "DKBH", "ZDBH"),
        "name": ("name", "厂房名称", "建筑名称", "名称", "CFMC", "JZMC", "MC"),
        "zone": ("zone", "片区", "所属片区", "片区名称", "PQ", "SSPQ", "PQMC"),
        "is_standard_factory": ("is_standard_factory", "是否标准厂房", "标准厂房", "SFBZCF",
                                "BZCF", "standard"),
        "floors": ("floors", "楼层", "层数", "楼层数", "地上层数", "CS", "LC", "DSCS"),
        DECLARED_FOOTPRINT: (DECLARED_FOOTPRINT, "footprint_m2", "占地面积", "基底面积", "ZDMJ",
                             "JDMJ", "footprint"),
        "floor_area_m2": ("floor_area_m2", "建筑面积", "总建筑面积", "JZMJ", "floor_area"),
    },
}

#: Columns a caller's field_map may target, per layer.
MAPPABLE = {kind: tuple(cols) for kind, cols in ALIASES.items()}

_UNIT = re.compile(r"[（(\[【].*?[）)\]】]")
_PUNCT = re.compile(r"[\s_\-./:：]")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_MIN_PREFIX = 3


def normalise_name(name: str) -> str:
    """Fold a field name for matching: case, spaces, underscores, bracketed units."""
    return _PUNCT.sub("", _UNIT.sub("", str(name))).casefold()


@dataclass
class FieldMatch:
    """Which source field feeds each schema column, and how it was decided."""

    columns: dict[str, str] = field(default_factory=dict)  # column -> source field
    how: dict[str, str] = field(default_factory=dict)  # column -> 'map'|'exact'|'prefix'
    unknown_sources: list[str] = field(default_factory=list)  # field_map names not in file

    def source(self, column: str) -> str | None:
        return self.columns.get(column)


def check_field_map(kind: str, field_map: dict | None) -> dict[str, str]:
    """Validate a caller's ``{source_field: column}`` mapping.

    Raises
    ------
    UsageError
        When a target is not a column of the layer.
    """
    if not field_map:
        return {}
    allowed = MAPPABLE[kind]
    for source, column in field_map.items():
        if column not in allowed:
            raise UsageError(
                f"字段对应关系有误：“{source}” → “{column}”，目标列不存在。"
                f"可用的列：{', '.join(allowed)}",
                f"Bad field mapping '{source}' -> '{column}': no such column. Columns: "
                f"{', '.join(allowed)}")
    return dict(field_map)


def match_fields(kind: str, fields: list[str], field_map: dict | None = None) -> FieldMatch:
    """Decide the source field of each schema column of layer ``kind``."""
    result = FieldMatch()
    for source, column in check_field_map(kind, field_map).items():
        if source in fields:
            result.columns[column] = source
            result.how[column] = "map"
        else:
            result.unknown_sources.append(source)
    taken = set(result.columns.values())
    aliases = {col: [normalise_name(a) for a in names] for col, names in ALIASES[kind].items()
               if col not in result.columns}
    # Every (rank, column, source) pairing; the best-ranked are assigned first, so
    # a truncated 地块编 (rank of 地块编号) beats a bare 编号 further down the list.
    pairs = []
    for source in fields:
        if source in taken:
            continue
        name = normalise_name(source)
        prefix_of = {col for col, names in aliases.items()
                     if len(name) >= _MIN_PREFIX and any(a.startswith(name) for a in names)}
        for column, names in aliases.items():
            for rank, alias in enumerate(names):
                if alias == name:
                    pairs.append((rank, column, source, "exact"))
                elif alias.startswith(name) and len(prefix_of) == 1 and column in prefix_of:
                    pairs.append((rank + 0.5, column, source, "prefix"))
    for _rank, column, source, how in sorted(pairs, key=lambda p: p[0]):
        if column in result.columns or source in taken:
            continue
        result.columns[column] = source
        result.how[column] = how
        taken.add(source)
    return result


# -- value conversion -----------------------------------------------------------

def is_blank(value) -> bool:
    """True for None, NaN, NaT and whitespace-only text."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def to_text(value) -> str | None:
    """Stripped text; integral floats lose their ``.0`` (IDs stored as numbers)."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def to_number(value) -> float | None:
    """A float from numbers or text such as ``1,234.5㎡``; None when there is none."""
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if math.isfinite(float(value)) else None
    match = _NUMBER.search(str(value).replace(",", "").replace("，", ""))
    return float(match.group()) if match else None


def to_int(value) -> int | None:
    """An integer from ``3``, ``3.0`` or ``3层``; None when there is none."""
    number = to_number(value)
    return int(round(number)) if number is not None else None


def map_distinct(values, convert) -> list:
    """``[convert(v) for v in values]``, calling ``convert`` once per distinct text.

    A field's values repeat (three zones, three categories in 100k rows), and
    the per-row Python calls were seconds of an ingest (docs/benchmarks.md).
    Only text columns are grouped: number columns are not, as grouping equates
    ``0.0`` with ``-0.0`` (which could convert differently).

    Parameters
    ----------
    values : pandas.Series or sequence
    convert : callable
        A pure function of one value.

    Returns
    -------
    list
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if not isinstance(series.dtype, pd.StringDtype):
        given = series.tolist()
        if all(v is None for v in given):  # a field the file does not have
            return [convert(None)] * len(given)
        return [convert(v) for v in given]
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    converted = [convert(v) for v in uniques.tolist()]
    return [converted[code] for code in codes.tolist()]


def to_texts(values) -> list:
    """:func:`to_text` of each value (a text column stripped once per distinct value)."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if not isinstance(series.dtype, pd.StringDtype):
        return map_distinct(series, to_text)
    # A text column holds only str and its missing marker: what to_text does,
    # inlined (a function call per value was most of the time for 100k IDs).
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    converted = [(v.strip() or None) if isinstance(v, str) else None for v in uniques.tolist()]
    return [converted[code] for code in codes.tolist()]


def to_numbers(values) -> list:
    """:func:`to_number` of each value (numeric columns converted at once)."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if series.dtype.kind not in "fiu":
        return map_distinct(series, to_number)
    arr = series.to_numpy(dtype=float)
    out = np.empty(len(arr), dtype=object)
    finite = np.isfinite(arr)
    out[finite] = arr[finite].tolist()
    return out.tolist()


_TRUE = {"1", "是", "y", "yes", "true", "t", "标准厂房", "标准", "√"}
_FALSE = {"0", "否", "n", "no", "false", "f", "非标准厂房", "非标准", "×"}


def to_bool(value) -> bool | None:
    """``是/否``, ``Y/N``, ``1/0``, ``true/false``; None when unrecognised."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = to_text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None
