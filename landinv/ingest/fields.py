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

from landinv.errors import UsageError
from landinv.i18n.vocab_fields import (
    ALIASES,
    FALSE_WORDS,
    LIST_SEPARATORS,
    PUNCT_PATTERN,
    THOUSANDS_SEPARATORS,
    TRUE_WORDS,
    UNIT_PATTERN,
)

#: Pseudo-column: a declared area given in mu (converted to m² on reading).
DECLARED_AREA_MU = "declared_area_mu"
#: Pseudo-column of buildings: the footprint the file declares, compared with
#: the computed one (the store keeps the computed footprint).
DECLARED_FOOTPRINT = "declared_footprint_m2"

#: Columns a caller's field_map may target, per layer.
MAPPABLE = {kind: tuple(cols) for kind, cols in ALIASES.items()}

_UNIT = re.compile(UNIT_PATTERN)
_PUNCT = re.compile(PUNCT_PATTERN)
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


def check_field_map(
    kind: str, field_map: dict | None, ignore: tuple[str, ...] | list[str] | None = None
) -> dict[str, str]:
    """Validate a caller's ``{source_field: column}`` mapping and ignored fields.

    Raises
    ------
    UsageError
        When a target is not a column of the layer, a column is mapped twice,
        a name is empty, or a field is both mapped and ignored.
    """
    allowed = MAPPABLE[kind]
    listed = ", ".join(allowed)
    by_column: dict[str, str] = {}
    for source, column in (field_map or {}).items():
        if not str(source).strip():
            raise UsageError("err.ingest_field_empty", value=f"{source}={column}")
        if column not in allowed:
            raise UsageError(
                "err.ingest_field_target", source=source, column=column, allowed=listed
            )
        if column in by_column:
            raise UsageError(
                "err.ingest_field_twice", column=column, first=by_column[column], second=source
            )
        by_column[column] = source
    for source in ignore or ():
        if not str(source).strip():
            raise UsageError("err.ingest_field_empty", value=str(source))
        if source in (field_map or {}):
            raise UsageError(
                "err.ingest_field_ignored_and_mapped", source=source, column=field_map[source]
            )
    return dict(field_map or {})


def split_names(text: str) -> list[str]:
    """Field names typed in one box: ``"TYPE, OBJECTID"`` (Chinese commas too)."""
    for sep in LIST_SEPARATORS[1:]:
        text = text.replace(sep, LIST_SEPARATORS[0])
    return [name.strip() for name in text.split(LIST_SEPARATORS[0]) if name.strip()]


def field_options(kind: str, assignments=(), ignore=()) -> tuple[dict[str, str], tuple[str, ...]]:
    """The caller's field mapping, as the CLI and the Upload page both state it.

    Parameters
    ----------
    kind : {'parcels', 'buildings'}
    assignments : iterable
        ``"TARGET=FIELD"`` texts (``--field parcel_id=DKBH``) or ``(target, field)``
        pairs (the Upload page's boxes); blank fields are skipped.
    ignore : iterable of str
        Fields of the file never to use, even when their name is recognised.

    Returns
    -------
    field_map : dict
        ``{field: target}``, for :class:`~landinv.ingest.IngestOptions`.
    ignore : tuple of str

    Raises
    ------
    UsageError
        Malformed text, unknown target (with a hint when the two sides look
        swapped), a target or field given twice, a field both mapped and ignored.
    """
    allowed = MAPPABLE[kind]
    listed = ", ".join(allowed)
    field_map: dict[str, str] = {}
    for item in assignments:
        if isinstance(item, str):
            target, sep, source = item.partition("=")
            if not sep:
                raise UsageError("err.ingest_field_syntax", value=item, allowed=listed)
        else:
            target, source = item
        target, source = str(target).strip(), str(source or "").strip()
        if not source:
            if isinstance(item, str):
                raise UsageError("err.ingest_field_empty", value=item)
            continue
        if target not in allowed:
            if source in allowed:
                raise UsageError(
                    "err.ingest_field_swapped",
                    value=f"{target}={source}",
                    target=target,
                    hint=f"{source}={target}",
                    allowed=listed,
                )
            raise UsageError(
                "err.ingest_field_target", source=source, column=target, allowed=listed
            )
        if source in field_map:
            raise UsageError(
                "err.ingest_field_source_twice",
                source=source,
                columns=f"{field_map[source]}, {target}",
            )
        if target in field_map.values():
            first = next(s for s, c in field_map.items() if c == target)
            raise UsageError("err.ingest_field_twice", column=target, first=first, second=source)
        field_map[source] = target
    ignored = tuple(dict.fromkeys(str(f).strip() for f in ignore if str(f).strip()))
    check_field_map(kind, field_map, ignored)
    return field_map, ignored


def match_fields(
    kind: str,
    fields: list[str],
    field_map: dict | None = None,
    ignore: tuple[str, ...] | list[str] = (),
) -> FieldMatch:
    """Decide the source field of each schema column of layer ``kind``.

    ``field_map`` (source -> column) wins; ``ignore`` names fields never used.
    """
    result = FieldMatch()
    for source, column in check_field_map(kind, field_map, ignore).items():
        if source in fields:
            result.columns[column] = source
            result.how[column] = "map"
        else:
            result.unknown_sources.append(source)
    for source in ignore:
        if source not in fields:
            result.unknown_sources.append(source)
    taken = set(result.columns.values()) | set(ignore)
    aliases = {
        col: [normalise_name(a) for a in names]
        for col, names in ALIASES[kind].items()
        if col not in result.columns
    }
    # Every (rank, column, source) pairing; the best-ranked are assigned first, so
    # a truncated 地块编 (rank of 地块编号) beats a bare 编号 further down the list.
    pairs = []
    for source in fields:
        if source in taken:
            continue
        name = normalise_name(source)
        prefix_of = {
            col
            for col, names in aliases.items()
            if len(name) >= _MIN_PREFIX and any(a.startswith(name) for a in names)
        }
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
    text = str(value)
    for sep in THOUSANDS_SEPARATORS:
        text = text.replace(sep, "")
    match = _NUMBER.search(text)
    return float(match.group()) if match else None


def to_int(value) -> int | None:
    """An integer from ``3``, ``3.0`` or ``3层``; None when there is none."""
    number = to_number(value)
    return round(number) if number is not None else None


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
    # A text column holds only str and its missing marker: strip and blank in
    # the column's own (Arrow) kernels; a Python call per value was 0.5 s for
    # 100k IDs. Arrow trims Unicode white space, as str.strip() does (except
    # the ASCII separators 0x1C-0x1F, which no surveyor's ID ends with).
    out = series.str.strip().to_numpy(dtype=object, na_value=None)
    out[out == ""] = None
    return out.tolist()


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


def to_bool(value) -> bool | None:
    """``是/否``, ``Y/N``, ``1/0``, ``true/false``; None when unrecognised."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = to_text(value).casefold()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None
