"""Summary tables, floor checks, stock timelines and the events behind them.

Everything here is a pure function on the frames a store returns
(:meth:`Store.summary`, :meth:`Store.factory_totals` and the attribute history
of :meth:`Store.layer` with ``as_of=None``), except :func:`inventory_report`,
the one thin wrapper that asks a store for those frames.

The two stocks (ready land available, standard factory floor space) are step
functions of the date. They are built from the change points of the history
(each row adds its contribution on ``valid_from`` and removes it on
``valid_to``), never by querying the store once per day. Running sums are
kept as exact fractions, so the stock on any day equals the correctly
rounded sum of the rows valid that day: a stock exactly at its floor reads
exactly at the floor, whatever order the changes came in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

import numpy as np
import pandas as pd

from landinv.domain import (
    BUILDINGS,
    PARCELS,
    READY,
    SAMPLE_IMPORT_ID,
    STATUS_AVAILABLE,
    STATUS_LABELS,
    STATUSES,
    Config,
    m2_to_ha,
    m2_to_mu,
    parse_date,
)
from landinv.errors import StoreError, UsageError

#: Keys of the two floors.
READY_LAND = "ready_land"
FACTORY = "factory_floor_space"

#: A shortfall smaller than this fraction of a floor counts as meeting it.
#: Stored areas are floats; a stock that meets a floor exactly on paper can
#: sum to a few units in the last place below it (1e-9 of 2000 mu is 0.0013 m²).
FLOOR_TOLERANCE = 1e-9

FLOOR_LABELS = {
    READY_LAND: {"zh": "工业熟地保有量", "en": "Ready industrial land in stock"},
    FACTORY: {"zh": "标准厂房保有量", "en": "Standard factory floor space in stock"},
}

#: Event kinds of :func:`stock_events`, with bilingual labels.
EVENT_KINDS = {
    "added": {"zh": "新增熟地", "en": "Ready land added"},
    "became_ready": {"zh": "转为熟地", "en": "Became ready land"},
    "supplied": {"zh": "供应项目", "en": "Supplied to a project"},
    "returned": {"zh": "收回入库", "en": "Returned to stock"},
    "reclassified": {"zh": "调出熟地", "en": "No longer ready land"},
    "area_changed": {"zh": "面积变更", "en": "Area changed"},
    "removed": {"zh": "移出台账", "en": "Removed from the inventory"},
    "building_completed": {"zh": "厂房入库", "en": "Building completed"},
    "building_changed": {"zh": "厂房变更", "en": "Building changed"},
    "building_removed": {"zh": "厂房移出", "en": "Building removed"},
}

#: Chinese and English headers of the columns the reports add (stored
#: columns have theirs in :mod:`landinv.schema`).
REPORT_HEADERS = {
    "row_type": ("行类型", "Row type"),
    "zone_code": ("片区代码", "Zone code"),
    "category_code": ("类型代码", "Category code"),
    "count": ("宗数", "Count"),
    "date": ("日期", "Date"),
    "ready_land_mu": ("工业熟地(亩)", "Ready land (mu)"),
    "ready_land_floor_mu": ("熟地底线(亩)", "Ready land floor (mu)"),
    "ready_land_min_mu": ("期间最低熟地(亩)", "Lowest ready land in period (mu)"),
    "factory_floor_area_m2": ("标准厂房面积(平方米)", "Standard factory floor space (m²)"),
    "factory_floor_m2": ("厂房底线(平方米)", "Factory floor (m²)"),
    "factory_floor_area_min_m2": ("期间最低厂房面积(平方米)",
                                  "Lowest factory floor space in period (m²)"),
    "ready_ok": ("熟地达标", "Ready land holds"),
    "factory_ok": ("厂房达标", "Factory space holds"),
    "stock": ("存量", "Stock"),
    "kind": ("变动类型", "Event"),
    "object_id": ("编号", "ID"),
    "delta_mu": ("变动(亩)", "Change (mu)"),
    "delta_m2": ("变动(平方米)", "Change (m²)"),
    "stock_after": ("变动后存量", "Stock after"),
    "unit": ("单位", "Unit"),
    "description_zh": ("说明(中文)", "Description (Chinese)"),
    "description_en": ("说明(英文)", "Description (English)"),
    "category_zh": ("类型(中文)", "Category (Chinese)"),
    "category_en": ("类型(英文)", "Category (English)"),
    "target_mu": ("年度目标(亩)", "Target (mu)"),
    "ratio": ("完成比例", "Share of target"),
    "key": ("底线代码", "Floor key"),
    "label": ("底线", "Floor"),
    "value": ("现值", "Value"),
    "floor": ("底线值", "Floor value"),
    "margin": ("余量", "Margin"),
    "holds": ("是否达标", "Holds"),
    "start": ("开始", "From"),
    "end": ("结束", "To"),
    "days": ("天数", "Days"),
    "min_value": ("最低值", "Lowest value"),
    "item": ("项目", "Item"),
    "detail": ("内容", "Detail"),
    "zone_name": ("片区名称", "Zone name"),
    "category_name": ("类型名称", "Category name"),
    "status_name": ("状态名称", "Status name"),
}

_ROW_LABELS = {
    "zone_subtotal": {"zh": "小计", "en": "Subtotal"},
    "category_total": {"zh": "全区", "en": "All zones"},
    "grand_total": {"zh": "合计", "en": "Total"},
    "unspecified": {"zh": "未指定", "en": "Unspecified"},
}

#: Day number standing for "still valid" (valid_to NULL).
_OPEN = np.iinfo(np.int64).max


# -- floors ------------------------------------------------------------------

def meets_floor(value, floor: float):
    """True where ``value`` meets ``floor`` (within :data:`FLOOR_TOLERANCE`).

    Works on scalars and arrays; exactly at the floor holds.
    """
    return np.asarray(value) >= floor - FLOOR_TOLERANCE * abs(floor)


@dataclass(frozen=True)
class FloorCheck:
    """One floor as of a date: how much is in stock against how much must be.

    Attributes
    ----------
    key : str
        ``'ready_land'`` or ``'factory_floor_space'``.
    value, floor : float
        Stock and floor, in ``unit``.
    unit : str
        ``'mu'`` or ``'m2'``.
    """

    key: str
    value: float
    floor: float
    unit: str

    @property
    def margin(self) -> float:
        """Stock above (positive) or below (negative) the floor, in ``unit``."""
        return self.value - self.floor

    @property
    def holds(self) -> bool:
        """True when the stock meets the floor (exactly at the floor holds)."""
        return bool(meets_floor(self.value, self.floor))

    def label(self, lang: str = "zh") -> str:
        """Name of the floor in ``lang`` ('zh' or 'en')."""
        return FLOOR_LABELS[self.key]["en" if lang == "en" else "zh"]


def floor_checks(summary: pd.DataFrame, factory_totals: pd.DataFrame,
                 config: Config) -> list[FloorCheck]:
    """The two floor checks from a store's aggregates at one date.

    Parameters
    ----------
    summary : DataFrame
        ``zone, category, status, count, area_m2`` (:meth:`Store.summary`).
    factory_totals : DataFrame
        ``zone, is_standard_factory, count, floor_area_m2``
        (:meth:`Store.factory_totals`).
    config : Config
        Gives the floors.

    Returns
    -------
    list of FloorCheck
        Ready land (category ``ready`` and status ``available``, in mu), then
        standard factory floor space (in m²).
    """
    ready = summary[(_text(summary["category"]) == READY)
                    & (_text(summary["status"]) == STATUS_AVAILABLE)]
    ready_m2 = math.fsum(_numbers(ready["area_m2"]))
    standard = factory_totals[_flags(factory_totals["is_standard_factory"])]
    factory_m2 = math.fsum(_numbers(standard["floor_area_m2"]))
    return [
        FloorCheck(READY_LAND, float(m2_to_mu(ready_m2)), config.ready_land_floor_mu, "mu"),
        FloorCheck(FACTORY, factory_m2, config.factory_floor_m2, "m2"),
    ]


# -- zone x category table ---------------------------------------------------

def zone_category_table(summary: pd.DataFrame, config: Config, *, lang: str = "zh",
                        status: str | None = None) -> pd.DataFrame:
    """Zone × category table of parcel counts and areas, with totals.

    Parameters
    ----------
    summary : DataFrame
        ``zone, category, status, count, area_m2`` (:meth:`Store.summary`).
    config : Config
        Zones and categories, in display order.
    lang : {'zh', 'en'}
        Language of the ``zone`` and ``category`` labels.
    status : {None, 'available', 'supplied'}
        Count every parcel valid at the date (None) or only those with this status.

    Returns
    -------
    DataFrame
        Columns ``row_type, zone_code, category_code, zone, category, count,
        area_m2, area_mu, area_ha``. For each zone one ``detail`` row per
        category and a ``zone_subtotal`` row; then one ``category_total`` row
        per category over all zones; last a ``grand_total`` row. Every zone
        and category appears even when empty; codes found in the data but not
        in the config are appended, so totals always cover every parcel.
        Areas are full precision.
    """
    if status is not None and status not in STATUSES:
        known = ", ".join(f"{s} ({STATUS_LABELS[s]['zh']})" for s in STATUSES)
        raise UsageError(f"未知状态 “{status}”。可选：{known}",
                         f"Unknown status '{status}'. Choose one of: {known}")
    zones_col, cats_col = _text(summary["zone"]), _text(summary["category"])
    keep = np.ones(len(summary), dtype=bool)
    if status is not None:
        keep = _text(summary["status"]) == status
    counts: dict[tuple[str, str], int] = defaultdict(int)
    areas: dict[tuple[str, str], list[float]] = defaultdict(list)
    for z, c, n, a in zip(zones_col[keep], cats_col[keep], _numbers(summary["count"])[keep],
                          _numbers(summary["area_m2"])[keep]):
        counts[z, c] += int(n)
        areas[z, c].append(float(a))
    zones = _ordered(config.zone_codes, zones_col)
    cats = _ordered(config.category_codes, cats_col)

    def row(kind, zone, cat, cells):
        m2 = math.fsum(a for key in cells for a in areas[key])
        return {"row_type": kind, "zone_code": zone, "category_code": cat,
                "zone": _zone_label(config, zone, kind, lang),
                "category": _category_label(config, cat, kind, lang),
                "count": sum(counts[key] for key in cells), "area_m2": m2,
                "area_mu": m2_to_mu(m2), "area_ha": m2_to_ha(m2)}

    rows = []
    for z in zones:
        rows.extend(row("detail", z, c, [(z, c)]) for c in cats)
        rows.append(row("zone_subtotal", z, None, [(z, c) for c in cats]))
    rows.extend(row("category_total", None, c, [(z, c) for z in zones]) for c in cats)
    rows.append(row("grand_total", None, None, [(z, c) for z in zones for c in cats]))
    table = pd.DataFrame(rows)
    table["count"] = table["count"].astype("int64")
    return table


def _ordered(known: tuple[str, ...], found: np.ndarray) -> list[str]:
    """Configured codes in order, then any others found in the data."""
    extra = sorted(set(found) - set(known))
    return list(known) + extra


def _zone_label(config: Config, code: str | None, kind: str, lang: str) -> str:
    if kind in ("category_total", "grand_total"):
        return _ROW_LABELS[kind][_lang(lang)]
    if not code:
        return _ROW_LABELS["unspecified"][_lang(lang)]
    return config.zone(code).label(_lang(lang)) if code in config.zone_codes else code


def _category_label(config: Config, code: str | None, kind: str, lang: str) -> str:
    if kind == "zone_subtotal":
        return _ROW_LABELS[kind][_lang(lang)]
    if kind == "grand_total":
        return ""
    if not code:
        return _ROW_LABELS["unspecified"][_lang(lang)]
    if code in config.category_codes:
        return config.category(code).label(_lang(lang))
    return code


# -- stocks as step functions ------------------------------------------------

class _Stock:
    """One stock as an exact step function of the day number.

    ``versions`` holds one row per stored version with its contribution
    ``value`` (m²) over ``[vf, vt)``; ``days`` are the change days and
    ``exact`` the stock (a Fraction, m²) from each change day on.
    """

    def __init__(self, key: str, versions: pd.DataFrame):
        self.key = key
        self.versions = versions
        deltas: dict[int, Fraction] = defaultdict(Fraction)
        for vf, vt, value in zip(versions["vf"], versions["vt"], versions["value"]):
            if value == 0:
                continue
            exact = Fraction(float(value))
            deltas[int(vf)] += exact
            if vt != _OPEN:
                deltas[int(vt)] -= exact
        self.days = np.array(sorted(deltas), dtype=np.int64)
        running, exact_values = Fraction(0), []
        for day in self.days:
            running += deltas[int(day)]
            exact_values.append(running)
        self.exact = exact_values
        self._floats = np.array([0.0] + [float(v) for v in exact_values])

    def at(self, days: np.ndarray) -> np.ndarray:
        """Stock in m² on each day number in ``days``."""
        return self._floats[np.searchsorted(self.days, days, side="right")]

    def exact_at(self, day: int) -> Fraction:
        """Exact stock in m² on day number ``day``."""
        i = int(np.searchsorted(self.days, day, side="right"))
        return self.exact[i - 1] if i else Fraction(0)


def _ready_land(parcel_history: pd.DataFrame) -> _Stock:
    """Ready land available: area of parcels tagged ready and available."""
    versions = _versions(parcel_history, PARCELS)
    if len(versions):
        counted = (versions["category"] == READY) & (versions["status"] == STATUS_AVAILABLE)
        versions["value"] = np.where(counted, _numbers(versions["area_m2"]), 0.0)
    return _Stock(READY_LAND, versions)


def _factory_space(building_history: pd.DataFrame) -> _Stock:
    """Standard factory floor space: floor area of standard factory buildings."""
    versions = _versions(building_history, BUILDINGS)
    if len(versions):
        versions["is_standard_factory"] = _flags(versions["is_standard_factory"])
        versions["value"] = np.where(versions["is_standard_factory"],
                                     _numbers(versions["floor_area_m2"]), 0.0)
    return _Stock(FACTORY, versions)


_VERSION_FIELDS = {
    PARCELS: ("parcel_id", ["name", "zone", "project", "category", "status", "area_m2"]),
    BUILDINGS: ("building_id", ["name", "zone", "is_standard_factory", "floor_area_m2"]),
}


def _versions(history: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Versions of layer ``kind`` with day numbers ``vf``/``vt``; rows that were
    never valid (closed on the day they started, e.g. an undone import) dropped."""
    key, fields = _VERSION_FIELDS[kind]
    text_fields = [f for f in fields if f not in ("area_m2", "floor_area_m2",
                                                  "is_standard_factory")]
    empty = pd.DataFrame({"object_id": [], "vf": [], "vt": [], "value": []})
    if history is None or len(history) == 0:
        return empty
    missing = [c for c in [key, "valid_from", "valid_to", *fields] if c not in history.columns]
    if missing:
        raise StoreError(
            f"{kind} 历史记录缺少字段：{', '.join(missing)}。请检查台账数据库是否完整。",
            f"The {kind} history lacks columns: {', '.join(missing)}. Check the store.")
    out = pd.DataFrame({"object_id": _text(history[key]),
                        "vf": _day_numbers(history["valid_from"], kind, "valid_from"),
                        "vt": _day_numbers(history["valid_to"], kind, "valid_to")})
    for f in fields:
        out[f] = _text(history[f]) if f in text_fields else history[f].to_numpy()
    out = out[out["vf"] < out["vt"]].reset_index(drop=True)
    return out.astype({"object_id": object, **{f: object for f in text_fields}})


def _day_numbers(values: pd.Series, kind: str, column: str) -> np.ndarray:
    """Days since 1970-01-01 of ISO dates; missing ``valid_to`` means open."""
    try:
        stamps = pd.to_datetime(pd.Series(values, dtype=object), format="mixed")
    except (ValueError, TypeError) as exc:
        raise StoreError(f"{kind} 的 {column} 中有无法识别的日期：{exc}。请修正台账数据。",
                         f"Unreadable date in {kind}.{column}: {exc}. Fix the stored rows."
                         ) from None
    missing = stamps.isna().to_numpy()
    if missing.any() and column == "valid_from":
        raise StoreError(f"{kind} 中有 {int(missing.sum())} 行没有生效日期。请修正台账数据。",
                         f"{int(missing.sum())} {kind} rows have no valid_from. "
                         "Fix the stored rows.")
    days = stamps.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)
    return np.where(missing, _OPEN, days)


def _day(value) -> int:
    """Day number of a date (or ISO text)."""
    return int(np.datetime64(parse_date(value, default_today=False), "D").astype(np.int64))


def _date(day: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(day))


def _span(start, end) -> tuple[int, int]:
    first, last = _day(start), _day(end)
    if first > last:
        raise UsageError(f"起始日期 {_date(first)} 晚于结束日期 {_date(last)}。请调换两者。",
                         f"Start date {_date(first)} is after end date {_date(last)}. "
                         "Swap them.")
    return first, last


def stock_series(parcel_history: pd.DataFrame, building_history: pd.DataFrame,
                 config: Config, start, end) -> pd.DataFrame:
    """Both stocks on every day from ``start`` to ``end`` (inclusive).

    Parameters
    ----------
    parcel_history, building_history : DataFrame
        Every version of every row (``store.layer(kind, None, geometry=False)``).
    config : Config
        Unused by the values; kept so every timeline function takes the same
        arguments.
    start, end : date or ISO text

    Returns
    -------
    DataFrame
        ``date`` (datetime.date), ``ready_land_mu``, ``factory_floor_area_m2``;
        one row per day. Values are exact sums of the rows valid that day.
    """
    first, last = _span(start, end)
    return _series(_ready_land(parcel_history), _factory_space(building_history), first, last)


def _series(land: _Stock, factory: _Stock, first: int, last: int) -> pd.DataFrame:
    days = np.arange(first, last + 1, dtype=np.int64)
    return pd.DataFrame({
        "date": [_date(d) for d in days],
        "ready_land_mu": m2_to_mu(land.at(days)),
        "factory_floor_area_m2": factory.at(days),
    })


def monthly_timeline(parcel_history: pd.DataFrame, building_history: pd.DataFrame,
                     config: Config, start, end) -> pd.DataFrame:
    """Both stocks against their floors on the first day of each month.

    Parameters
    ----------
    parcel_history, building_history : DataFrame
        Every version of every row.
    config : Config
        Gives the floors.
    start, end : date or ISO text
        The span; ``start`` and ``end`` are always rows, with every first of a
        month between them.

    Returns
    -------
    DataFrame
        ``date, ready_land_mu, ready_land_floor_mu, factory_floor_area_m2,
        factory_floor_m2, ready_ok, factory_ok`` at each date, plus
        ``ready_land_min_mu`` and ``factory_floor_area_min_m2``: the lowest
        value from that row's date up to the next row's date, so a dip between
        two month starts is not hidden.
    """
    series = stock_series(parcel_history, building_history, config, start, end)
    return _monthly(series, config)


def _monthly(series: pd.DataFrame, config: Config) -> pd.DataFrame:
    dates = series["date"]
    is_row = (np.array([d.day == 1 for d in dates], dtype=bool)
              | (np.arange(len(series)) == 0) | (np.arange(len(series)) == len(series) - 1))
    # Each row stands for the days up to the next row; the end date for itself.
    period = np.cumsum(is_row) - 1
    lows = series.groupby(period).agg(ready_land_min_mu=("ready_land_mu", "min"),
                                      factory_floor_area_min_m2=("factory_floor_area_m2", "min"))
    rows = series[is_row].reset_index(drop=True)
    out = pd.DataFrame({
        "date": rows["date"],
        "ready_land_mu": rows["ready_land_mu"],
        "ready_land_floor_mu": config.ready_land_floor_mu,
        "factory_floor_area_m2": rows["factory_floor_area_m2"],
        "factory_floor_m2": config.factory_floor_m2,
    })
    out["ready_ok"] = meets_floor(out["ready_land_mu"].to_numpy(), config.ready_land_floor_mu)
    out["factory_ok"] = meets_floor(out["factory_floor_area_m2"].to_numpy(),
                                    config.factory_floor_m2)
    out["ready_land_min_mu"] = lows["ready_land_min_mu"].to_numpy()
    out["factory_floor_area_min_m2"] = lows["factory_floor_area_min_m2"].to_numpy()
    return out


class Breach(NamedTuple):
    """A run of consecutive days below a floor; ``end`` is the last such day."""

    start: dt.date
    end: dt.date
    min_value: float


def breach_periods(series: pd.DataFrame, config: Config) -> dict[str, list[Breach]]:
    """Runs of days on which each floor was not met.

    Parameters
    ----------
    series : DataFrame
        A daily :func:`stock_series`.
    config : Config
        Gives the floors.

    Returns
    -------
    dict
        ``{'ready_land': [...], 'factory_floor_space': [...]}``, each a list of
        :class:`Breach` ``(start, end, min_value)`` with ``end`` the last day
        below the floor (the series' last day when still below) and
        ``min_value`` in mu (land) or m² (factory).
    """
    columns = {READY_LAND: ("ready_land_mu", config.ready_land_floor_mu),
               FACTORY: ("factory_floor_area_m2", config.factory_floor_m2)}
    dates = list(series["date"])
    out: dict[str, list[Breach]] = {}
    for key, (column, floor) in columns.items():
        values = series[column].to_numpy(dtype=float)
        below = ~meets_floor(values, floor)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], below.astype(np.int8), [0]])))
        out[key] = [Breach(dates[s], dates[e - 1], float(values[s:e].min()))
                    for s, e in zip(edges[::2], edges[1::2])]
    return out


# -- events ------------------------------------------------------------------

_EVENT_COLUMNS = ["date", "stock", "kind", "object_id", "name", "zone", "project",
                  "delta_mu", "delta_m2", "stock_after", "unit",
                  "description_zh", "description_en"]


def stock_events(parcel_history: pd.DataFrame, building_history: pd.DataFrame,
                 config: Config, start, end) -> pd.DataFrame:
    """The changes of either stock from ``start`` to ``end`` (inclusive), explained.

    Consecutive versions of each parcel (by ``parcel_id``) and building (by
    ``building_id``) are compared on each day a version ends or starts; a day
    on which an object's contribution to a stock changes is one event.

    Parameters
    ----------
    parcel_history, building_history : DataFrame
        Every version of every row.
    config : Config
        Category labels for the descriptions.
    start, end : date or ISO text

    Returns
    -------
    DataFrame
        ``date, stock ('ready_land' | 'factory_floor_space'), kind (a key of
        EVENT_KINDS), object_id, name, zone, project, delta_mu (land only),
        delta_m2, stock_after (mu for land, m² for factory space), unit,
        description_zh, description_en``, ordered by date, stock and ID. The
        deltas of one day add up to that day's change of the stock, and
        ``stock_after`` of the day's last event equals the stock that day.
    """
    first, last = _span(start, end)
    return _events(_ready_land(parcel_history), _factory_space(building_history),
                   config, first, last)


def _events(land: _Stock, factory: _Stock, config: Config, first: int,
            last: int) -> pd.DataFrame:
    rows = []
    for stock in (land, factory):
        per_day: list[tuple[int, str, Fraction, dict | None, dict | None]] = []
        for (object_id, day), ended, started in _transitions(stock.versions, first, last):
            delta = (sum((Fraction(float(v["value"])) for v in started), Fraction(0))
                     - sum((Fraction(float(v["value"])) for v in ended), Fraction(0)))
            if delta:
                per_day.append((day, object_id, delta, _last(ended), _last(started)))
        per_day.sort(key=lambda item: (item[0], item[1]))
        running, current_day = Fraction(0), None
        for day, object_id, delta, before, after in per_day:
            if day != current_day:
                running, current_day = stock.exact_at(day - 1), day
            running += delta
            rows.append(_event_row(stock.key, config, day, object_id, delta, running,
                                   before, after))
    events = pd.DataFrame(rows, columns=_EVENT_COLUMNS)
    if len(events):
        order = events["stock"].map({READY_LAND: 0, FACTORY: 1})
        events = (events.assign(_order=order)
                  .sort_values(["date", "_order", "object_id"], kind="stable")
                  .drop(columns="_order").reset_index(drop=True))
    return events


def _transitions(versions: pd.DataFrame, first: int, last: int):
    """Yield ``((object_id, day), ended, started)`` for every day in
    ``[first, last]`` on which a version of an object ends or starts."""
    if len(versions) == 0:
        return
    records = versions.to_dict("records")
    groups: dict[tuple[str, int], tuple[list, list]] = defaultdict(lambda: ([], []))
    for rec in records:
        if first <= rec["vf"] <= last:
            groups[rec["object_id"], int(rec["vf"])][1].append(rec)
        if rec["vt"] != _OPEN and first <= rec["vt"] <= last:
            groups[rec["object_id"], int(rec["vt"])][0].append(rec)
    for key, (ended, started) in groups.items():
        yield key, ended, started


def _last(versions: list[dict]) -> dict | None:
    return max(versions, key=lambda v: v["vf"]) if versions else None


def _event_row(stock_key, config, day, object_id, delta, running, before, after) -> dict:
    ref = after or before
    delta_m2 = float(delta)
    land = stock_key == READY_LAND
    kind = _classify_land(before, after) if land else _classify_building(before, after)
    project = ref.get("project", "") or ""
    if land and kind == "supplied":
        project = after.get("project", "") or ""
    zh, en = _describe(kind, config, ref, before, after, delta_m2, project, land)
    return {
        "date": _date(day), "stock": stock_key, "kind": kind, "object_id": object_id,
        "name": ref["name"], "zone": ref["zone"], "project": project,
        "delta_mu": m2_to_mu(delta_m2) if land else np.nan, "delta_m2": delta_m2,
        "stock_after": m2_to_mu(float(running)) if land else float(running),
        "unit": "mu" if land else "m2", "description_zh": zh, "description_en": en,
    }


def _classify_land(before: dict | None, after: dict | None) -> str:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    if before["value"] and after["value"]:
        return "area_changed"
    if before["value"]:  # left the stock
        if after["status"] != STATUS_AVAILABLE and before["status"] == STATUS_AVAILABLE:
            return "supplied"
        return "reclassified"
    if before["category"] != READY:  # entered the stock
        return "became_ready"
    return "returned"


def _classify_building(before: dict | None, after: dict | None) -> str:
    if before is None:
        return "building_completed"
    if after is None:
        return "building_removed"
    return "building_changed"


def _describe(kind, config, ref, before, after, delta_m2, project, land) -> tuple[str, str]:
    """Chinese and English one-line description of an event."""
    who_zh = f"{ref['name'] or ref['object_id']}（{ref['object_id']}）"
    who_en = f"{ref['name'] or ref['object_id']} ({ref['object_id']})"
    if land:
        amount_zh, amount_en = f"{m2_to_mu(delta_m2):+,.2f} 亩", f"{m2_to_mu(delta_m2):+,.2f} mu"
    else:
        amount_zh, amount_en = f"{delta_m2:+,.2f} 平方米", f"{delta_m2:+,.2f} m²"

    def cat(version, lang):
        code = version["category"]
        return config.category(code).label(lang) if code in config.category_codes else code

    # Lambdas: only the text of this event's kind is built (others may lack a side).
    texts = {
        "added": lambda: (f"新增工业熟地 {who_zh}", f"Ready land added: {who_en}"),
        "became_ready": lambda: (f"{who_zh} 由{cat(before, 'zh')}转为工业熟地",
                                 f"{who_en} became ready land (was {cat(before, 'en')})"),
        "supplied": lambda: (f"{who_zh} 供应给 {project}", f"{who_en} supplied to {project}"),
        "returned": lambda: (f"{who_zh} 收回，重新可供应", f"{who_en} returned to stock"),
        "reclassified": lambda: (f"{who_zh} 调整为{cat(after, 'zh')}",
                                 f"{who_en} reclassified as {cat(after, 'en')}"),
        "area_changed": lambda: (f"{who_zh} 面积变更", f"{who_en} area changed"),
        "removed": lambda: (f"{who_zh} 移出台账（如撤销导入）",
                            f"{who_en} removed from the inventory (e.g. an undone import)"),
        "building_completed": lambda: (f"标准厂房 {who_zh} 入库",
                                       f"Standard factory {who_en} added"),
        "building_changed": lambda: _building_change(who_zh, who_en, before, after),
        "building_removed": lambda: (f"标准厂房 {who_zh} 移出台账",
                                     f"Standard factory {who_en} removed from the inventory"),
    }
    zh, en = texts[kind]()
    return f"{zh}，{amount_zh}", f"{en}, {amount_en}"


def _building_change(who_zh: str, who_en: str, before: dict, after: dict) -> tuple[str, str]:
    """Say whether a building's standard-factory status or its floor area changed."""
    if before["is_standard_factory"] and not after["is_standard_factory"]:
        return (f"厂房 {who_zh} 不再计为标准厂房",
                f"Building {who_en} no longer counts as a standard factory")
    if after["is_standard_factory"] and not before["is_standard_factory"]:
        return (f"厂房 {who_zh} 认定为标准厂房",
                f"Building {who_en} now counts as a standard factory")
    return f"标准厂房 {who_zh} 建筑面积变更", f"Standard factory {who_en}: floor area changed"


# -- annual figures ----------------------------------------------------------

def annual_figures(parcel_history: pd.DataFrame, config: Config, year: int, *,
                   exclude_imports=(), until: dt.date | None = None) -> pd.DataFrame:
    """Land that entered each target category during ``year``, against the target.

    A parcel counts for a category when its first version with that category
    starts in the year; its area is that version's area.

    Parameters
    ----------
    parcel_history : DataFrame
        Every version of every parcel.
    config : Config
        ``annual_targets_mu[year]`` names the categories and targets.
    year : int
    exclude_imports : iterable of str
        Import IDs whose rows do not count (e.g. undone imports).
    until : date, optional
        Count only land that entered by this day (year to date); default the
        whole year.

    Returns
    -------
    DataFrame
        ``category, category_zh, category_en, count, area_m2, area_mu,
        target_mu, ratio`` (ratio = area_mu / target_mu); no rows when the
        config has no targets for the year.
    """
    targets = config.annual_targets_mu.get(int(year), {})
    columns = ["category", "category_zh", "category_en", "count", "area_m2", "area_mu",
               "target_mu", "ratio"]
    if not targets:
        return pd.DataFrame(columns=columns)
    h = parcel_history
    if len(h) and "import_id" in h.columns and exclude_imports:
        h = h[~np.isin(_text(h["import_id"]), list(exclude_imports))]
    versions = _versions(h, PARCELS)
    first_day, last_day = _day(dt.date(int(year), 1, 1)), _day(dt.date(int(year), 12, 31))
    if until is not None:
        last_day = min(last_day, _day(until))
    rows = []
    for code, target in targets.items():
        of_cat = versions[versions["category"] == code] if len(versions) else versions
        firsts = of_cat.sort_values("vf", kind="stable").drop_duplicates("object_id")
        entered = firsts[(firsts["vf"] >= first_day) & (firsts["vf"] <= last_day)]
        m2 = math.fsum(_numbers(entered["area_m2"])) if len(entered) else 0.0
        mu = float(m2_to_mu(m2))
        known = code in config.category_codes
        rows.append({
            "category": code,
            "category_zh": config.category(code).label("zh") if known else code,
            "category_en": config.category(code).label("en") if known else code,
            "count": len(entered), "area_m2": m2, "area_mu": mu, "target_mu": float(target),
            "ratio": mu / target if target else np.nan,
        })
    return pd.DataFrame(rows, columns=columns)


# -- the report a store gives ------------------------------------------------

@dataclass
class InventoryReport:
    """Everything the CLI, exports and app show about the inventory at one date.

    ``summary`` and ``factory_totals`` are the store's aggregates (so a table
    can be redrawn in another language); ``table`` is the zone × category
    table in the report's language; ``series`` the daily stocks over the
    timeline span, ``timeline`` its monthly rows and ``breaches`` its runs
    below a floor.
    """

    as_of: dt.date
    config: Config
    summary: pd.DataFrame
    factory_totals: pd.DataFrame
    table: pd.DataFrame
    checks: list[FloorCheck]
    series: pd.DataFrame
    timeline: pd.DataFrame
    breaches: dict[str, list[Breach]]
    events: pd.DataFrame
    annual: pd.DataFrame
    source: str
    sample_data: bool = False
    lang: str = "zh"
    start: dt.date | None = None
    #: Year of ``annual`` and the last day it counts (``as_of`` for the as-of
    #: year; 31 December when the as-of year has no targets and the latest
    #: earlier year with targets is shown instead).
    annual_year: int | None = None
    annual_until: dt.date | None = None

    @property
    def ok(self) -> bool:
        """True when both floors hold at ``as_of``."""
        return all(c.holds for c in self.checks)

    def check(self, key: str) -> FloorCheck:
        """The floor check with ``key`` ('ready_land' or 'factory_floor_space')."""
        return next(c for c in self.checks if c.key == key)


def inventory_report(store, as_of, config: Config, *, lang: str = "zh",
                     whole_history: bool = False) -> InventoryReport:
    """Read what a report needs from ``store`` and compute it.

    Parameters
    ----------
    store : landinv.store.Store
    as_of : date or ISO text
    config : Config
    lang : {'zh', 'en'}
        Language of the zone × category table.
    whole_history : bool
        Timeline, events and breaches from the earliest stored date instead
        of 1 January of the ``as_of`` year.

    Returns
    -------
    InventoryReport
    """
    as_of = parse_date(as_of)
    summary = store.summary(as_of)
    totals = store.factory_totals(as_of)
    parcels = store.layer(PARCELS, None, geometry=False)
    buildings = store.layer(BUILDINGS, None, geometry=False)
    land, factory = _ready_land(parcels), _factory_space(buildings)
    start = dt.date(as_of.year, 1, 1)
    if whole_history:
        earliest = [int(s.versions["vf"].min()) for s in (land, factory) if len(s.versions)]
        start = min([_date(min(earliest)), as_of]) if earliest else start
    first, last = _day(start), _day(as_of)
    series = _series(land, factory, first, last)
    annual_year, annual_until = _annual_year(config, as_of)
    imports = store.imports()
    undone = []
    if len(imports) and "undone_at" in imports.columns:
        undone = list(_text(imports.loc[imports["undone_at"].notna(), "import_id"]))
    return InventoryReport(
        as_of=as_of, config=config, summary=summary, factory_totals=totals,
        table=zone_category_table(summary, config, lang=lang),
        checks=floor_checks(summary, totals, config),
        series=series, timeline=_monthly(series, config),
        breaches=breach_periods(series, config),
        events=_events(land, factory, config, first, last),
        annual=annual_figures(parcels, config, annual_year, exclude_imports=undone,
                              until=annual_until),
        annual_year=annual_year, annual_until=annual_until,
        source=getattr(store, "location", "") or "",
        sample_data=_has_import(parcels, SAMPLE_IMPORT_ID)
        or _has_import(buildings, SAMPLE_IMPORT_ID),
        lang=lang, start=start,
    )


def _annual_year(config: Config, as_of: dt.date) -> tuple[int, dt.date]:
    """Which year's targets a report shows, and up to which day.

    The as-of year, year to date, when the config has targets for it; else the
    latest earlier year with targets, whole year (a report in early 2026 still
    shows how 2025 ended rather than nothing).
    """
    years = [y for y in config.annual_targets_mu if y <= as_of.year]
    if as_of.year in config.annual_targets_mu or not years:
        return as_of.year, as_of
    year = max(years)
    return year, dt.date(year, 12, 31)


def check_payload(report: InventoryReport) -> dict:
    """The JSON object ``landinv check --json`` prints.

    Keys: ``as_of`` (ISO), ``ready_land_mu``, ``ready_land_floor_mu``,
    ``ready_land_margin_mu``, ``ready_land_ok``, ``factory_floor_area_m2``,
    ``factory_floor_m2``, ``factory_margin_m2``, ``factory_ok``, ``ok`` (both
    hold), ``source`` and ``sample_data``. Values are plain Python types.
    """
    land, factory = report.check(READY_LAND), report.check(FACTORY)
    return {
        "as_of": report.as_of.isoformat(),
        "ready_land_mu": float(land.value),
        "ready_land_floor_mu": float(land.floor),
        "ready_land_margin_mu": float(land.margin),
        "ready_land_ok": land.holds,
        "factory_floor_area_m2": float(factory.value),
        "factory_floor_m2": float(factory.floor),
        "factory_margin_m2": float(factory.margin),
        "factory_ok": factory.holds,
        "ok": report.ok,
        "source": report.source,
        "sample_data": bool(report.sample_data),
    }


# -- small helpers -----------------------------------------------------------

def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def _text(values) -> np.ndarray:
    """Strings of a column as an object array, missing values as ''."""
    s = pd.Series(values, dtype=object)
    return np.array(["" if pd.isna(v) else str(v) for v in s], dtype=object)


def _numbers(values) -> np.ndarray:
    """Floats of a column, missing values as 0."""
    return pd.to_numeric(pd.Series(values), errors="coerce").fillna(0.0).to_numpy(dtype=float)


def _flags(values) -> np.ndarray:
    """Booleans of a column stored as bool, 0/1 or text; missing as False."""
    def flag(v) -> bool:
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            return False
        if isinstance(v, str):
            return v.strip().lower() in ("1", "true", "t", "yes", "y", "是")
        return bool(v)
    return np.array([flag(v) for v in pd.Series(values, dtype=object)], dtype=bool)


def _has_import(history: pd.DataFrame, import_id: str) -> bool:
    if history is None or len(history) == 0 or "import_id" not in history.columns:
        return False
    return bool((_text(history["import_id"]) == import_id).any())
