"""The zone × category table of parcel counts and areas, with totals, and the headers
of every column the analysis adds."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import pandas as pd

from landinv.analysis import frames as fr
from landinv.domain import STATUSES, Config, m2_to_ha, m2_to_mu
from landinv.errors import UsageError
from landinv.i18n import tr
from landinv.labels import category_label, zone_label

#: Columns the analysis adds (stored columns have theirs in :mod:`landinv.schema`);
#: each has a ``col.<name>`` header in the catalogue.
REPORT_COLUMNS = (
    "row_type",
    "zone_code",
    "category_code",
    "count",
    "date",
    "ready_land_mu",
    "ready_land_floor_mu",
    "ready_land_min_mu",
    "factory_floor_area_m2",
    "factory_floor_m2",
    "factory_floor_area_min_m2",
    "ready_ok",
    "factory_ok",
    "stock",
    "kind",
    "object_id",
    "delta_mu",
    "delta_m2",
    "stock_after",
    "unit",
    "description_zh",
    "description_en",
    "category_zh",
    "category_en",
    "target_mu",
    "ratio",
    "key",
    "label",
    "value",
    "floor",
    "margin",
    "holds",
    "start",
    "end",
    "days",
    "min_value",
    "item",
    "detail",
    "zone_name",
    "category_name",
    "status_name",
)

#: ``name -> (Chinese header, English header)`` of :data:`REPORT_COLUMNS`.
REPORT_HEADERS = {
    name: (tr(f"col.{name}", "zh"), tr(f"col.{name}", "en")) for name in REPORT_COLUMNS
}


def zone_category_table(
    summary: pd.DataFrame, config: Config, *, lang: str = "zh", status: str | None = None
) -> pd.DataFrame:
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
        raise UsageError("err.unknown_status", status=status, known=", ".join(STATUSES))
    zones_col, cats_col = fr.text(summary["zone"]), fr.text(summary["category"])
    keep = np.ones(len(summary), dtype=bool)
    if status is not None:
        keep = fr.text(summary["status"]) == status
    counts: dict[tuple[str, str], int] = defaultdict(int)
    areas: dict[tuple[str, str], list[float]] = defaultdict(list)
    for z, c, n, a in zip(
        zones_col[keep],
        cats_col[keep],
        fr.numbers(summary["count"])[keep],
        fr.numbers(summary["area_m2"])[keep],
    ):
        counts[z, c] += int(n)
        areas[z, c].append(float(a))
    zones = _ordered(config.zone_codes, zones_col)
    cats = _ordered(config.category_codes, cats_col)

    def row(kind, zone, cat, cells):
        m2 = math.fsum(a for key in cells for a in areas[key])
        return {
            "row_type": kind,
            "zone_code": zone,
            "category_code": cat,
            "zone": _zone_label(config, zone, kind, lang),
            "category": _category_label(config, cat, kind, lang),
            "count": sum(counts[key] for key in cells),
            "area_m2": m2,
            "area_mu": m2_to_mu(m2),
            "area_ha": m2_to_ha(m2),
        }

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
        return tr(f"row.{kind}", lang)
    if not code:
        return tr("row.unspecified", lang)
    return zone_label(config, code, lang)


def _category_label(config: Config, code: str | None, kind: str, lang: str) -> str:
    if kind == "zone_subtotal":
        return tr(f"row.{kind}", lang)
    if kind == "grand_total":
        return ""
    if not code:
        return tr("row.unspecified", lang)
    return category_label(config, code, lang)
