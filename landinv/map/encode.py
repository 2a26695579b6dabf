"""The compact map layers: what the browser receives for parcels, buildings and zones.

Pure numpy/shapely, no folium: :func:`encode_parcels`, :func:`encode_buildings`
and :func:`encode_zones` turn a GeoDataFrame into an :class:`EncodedLayer`, a
JSON payload that ``canvas.js`` decodes and draws (docs/map.md lists its
fields): outlines packed by :mod:`landinv.map.outline`, tooltip columns as
lookup tables, a style class per feature (:mod:`landinv.map.styles`). 100,000
parcels fit in ~10 MB and encode in about a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from landinv.domain import (
    BUILDINGS,
    PARCELS,
    STATUS_SUPPLIED,
    STATUSES,
    Config,
    m2_to_mu,
)
from landinv.geometry import area_m2
from landinv.i18n import tr
from landinv.labels import status_label
from landinv.map.outline import lonlat_geoms, pack_geometry
from landinv.map.styles import BUILDING_STYLES, SUPPLIED_STYLE, ZONE_STYLE, category_style
from landinv.map.vlq import encode_vlq, script_json
from landinv.schema import header

#: Point used for a label when a zone has no geometry (Changshan EDZ).
DEFAULT_CENTER = (28.90, 118.52)
ZONES = "zones"


@dataclass(frozen=True)
class EncodedLayer:
    """One map layer in the compact form the browser decodes.

    Attributes
    ----------
    kind : str
        'parcels', 'buildings' or 'zones'.
    payload : str
        JSON text (see ``canvas.js`` for its fields).
    count : int
        Features in the layer.
    class_counts : tuple of (code, count)
        Features per style class (per category for parcels), for the legend.
    bounds : tuple or None
        ``(min_lon, min_lat, max_lon, max_lat)`` of the features, None if empty.
    marked_count : int
        Features drawn with the payload's ``marked`` style (supplied parcels).
    """

    kind: str
    payload: str
    count: int
    bounds: tuple[float, float, float, float] | None
    class_counts: tuple[tuple[str, int], ...] = ()
    marked_count: int = 0

    @property
    def nbytes(self) -> int:
        """Size of the payload in UTF-8 bytes."""
        return len(self.payload.encode("utf-8"))


def _lookup(values: pd.Series, codes: Iterable[str], labels: dict[str, str]):
    """Indices into a label table for a column of codes (unknown codes appended)."""
    table = list(codes)
    text = values.astype("string").fillna("")
    for extra in pd.unique(text[~text.isin(table)]):
        table.append(str(extra))
    index = {code: i for i, code in enumerate(table)}
    return text.map(index).to_numpy(dtype=np.int64), [labels.get(c, c) for c in table]


def _strings(values: pd.Series) -> list[str]:
    return values.astype("string").fillna("").tolist()


def _encode(
    gdf: gpd.GeoDataFrame,
    kind: str,
    id_column: str,
    columns: list[dict],
    classes: np.ndarray,
    styles: list[dict],
    *,
    labels: bool = False,
    class_codes: list[str] | None = None,
    marked: dict | None = None,
    marked_count: int = 0,
) -> EncodedLayer:
    """Pack geometry, tooltip columns and style classes of one layer.

    ``marked`` (optional) names a lookup column, the table indices that mark
    a feature and the style changes drawn over its class style: the browser
    reads the mark from a column it already has, so it costs no byte per
    feature.
    """
    geoms = lonlat_geoms(gdf)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    bounds = (
        tuple(float(v) for v in shapely.total_bounds(geoms[present])) if present.any() else None
    )
    data = {
        "kind": kind,
        **pack_geometry(geoms),
        "id": _strings(gdf[id_column]) if id_column in gdf else [""] * len(gdf),
        "k": encode_vlq(classes),
        "styles": styles,
        "cols": columns,
    }
    if marked:
        data["marked"] = marked
    if labels:
        # Above the top edge, not at the centre: at the zoom that shows all
        # sub-areas a centred label would hide the parcels it names.
        b = shapely.bounds(geoms)
        data["lp"] = [
            [round(y1, 6), round((x0 + x1) / 2, 6)] if np.isfinite(y1) else list(DEFAULT_CENTER)
            for x0, _, x1, y1 in b
        ]
    counts = np.bincount(classes, minlength=len(class_codes)) if class_codes else []
    return EncodedLayer(
        kind,
        script_json(data),
        len(gdf),
        bounds,
        tuple((c, int(n)) for c, n in zip(class_codes or [], counts)),
        marked_count,
    )


def _hilbert_sorted(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Features in Hilbert-curve order: neighbours on the map are neighbours in
    the stream, so the jump between features costs few characters."""
    geoms = gdf.geometry
    present = ~(geoms.isna() | geoms.is_empty)
    if present.sum() < 2:
        return gdf
    key = np.zeros(len(gdf), dtype=np.int64)
    key[present.to_numpy()] = geoms[present].hilbert_distance().to_numpy()
    return gdf.iloc[np.argsort(key, kind="stable")]


def encode_parcels(
    gdf: gpd.GeoDataFrame,
    config: Config,
    lang: str = "zh",
    *,
    category_header: str | None = None,
    mark_supplied: bool = True,
) -> EncodedLayer:
    """Encode parcels (store schema) for the map, coloured by category.

    Supplied parcels keep their category colour but are drawn pale and
    hatched with a dashed outline (:data:`SUPPLIED_STYLE`), so land still
    available stands out. The tooltip shows parcel ID, name, zone, category,
    status and area in mu (from ``area_m2``, or computed on the ellipsoid
    when the column is absent).

    A map coloured by something else (the efficiency page puts its classes in
    ``category``) names that column with ``category_header`` and passes
    ``mark_supplied=False``: no hatching, the status still in the tooltip.
    """
    gdf = _hilbert_sorted(gdf)
    n = len(gdf)

    def column(name: str) -> pd.Series:
        return gdf[name] if name in gdf else pd.Series([""] * n, index=gdf.index)

    zones, zone_labels = _lookup(
        column("zone"),
        [z.code for z in config.zones],
        {z.code: z.label(lang) for z in config.zones},
    )
    cats, cat_labels = _lookup(
        column("category"),
        [c.code for c in config.categories],
        {c.code: c.label(lang) for c in config.categories},
    )
    status, status_labels = _lookup(
        column("status"), STATUSES, {k: status_label(k, lang) for k in STATUSES}
    )
    if "area_m2" in gdf and n:
        m2 = pd.to_numeric(gdf["area_m2"], errors="coerce").to_numpy(dtype=float)
        missing = np.isnan(m2)
        if missing.any():
            m2[missing] = area_m2(gdf.geometry[missing])
    else:
        m2 = area_m2(gdf.geometry) if n else np.zeros(0)
    status_column = {
        "l": header("status", lang),
        "t": "u",
        "u": status_labels,
        "v": encode_vlq(status),
    }
    columns = [
        {"l": header("name", lang), "t": "s", "v": _strings(column("name"))},
        {"l": header("zone", lang), "t": "u", "u": zone_labels, "v": encode_vlq(zones)},
        {
            "l": category_header or header("category", lang),
            "t": "u",
            "u": cat_labels,
            "v": encode_vlq(cats),
        },
        status_column,
        {
            "l": header("area_mu", lang),
            "t": "n",
            "x": 100,
            "d": 2,
            "v": encode_vlq(np.rint(m2_to_mu(m2) * 100)),
        },
    ]
    styles = [category_style(c.color) for c in config.categories]
    styles += [category_style("#757575")] * (len(cat_labels) - len(styles))
    codes = [c.code for c in config.categories]
    codes += cat_labels[len(codes) :]
    # The status column is a lookup whose table starts with STATUSES.
    supplied = STATUSES.index(STATUS_SUPPLIED)
    marked = {"col": columns.index(status_column), "in": [supplied], "style": SUPPLIED_STYLE}
    return _encode(
        gdf,
        PARCELS,
        "parcel_id",
        columns,
        cats,
        styles,
        class_codes=codes,
        marked=marked if mark_supplied else None,
        marked_count=int((status == supplied).sum()) if mark_supplied else 0,
    )


def encode_buildings(gdf: gpd.GeoDataFrame, config: Config, lang: str = "zh") -> EncodedLayer:
    """Encode buildings; standard factory buildings (标准厂房) stand out."""
    gdf = _hilbert_sorted(gdf)
    n = len(gdf)
    standard = (
        gdf["is_standard_factory"].fillna(False).astype(bool).to_numpy()
        if "is_standard_factory" in gdf
        else np.zeros(n, dtype=bool)
    )
    floors = (
        pd.to_numeric(gdf.get("floors", pd.Series(np.nan, index=gdf.index)), errors="coerce")
        .fillna(0)
        .to_numpy()
    )
    floor_area = (
        pd.to_numeric(gdf.get("floor_area_m2", pd.Series(np.nan, index=gdf.index)), errors="coerce")
        .fillna(0)
        .to_numpy()
    )
    columns = [
        {
            "l": header("name", lang),
            "t": "s",
            "v": _strings(gdf["name"]) if "name" in gdf else [""] * n,
        },
        {
            "l": header("parcel_id", lang),
            "t": "s",
            "v": _strings(gdf["parcel_id"]) if "parcel_id" in gdf else [""] * n,
        },
        {
            "l": header("is_standard_factory", lang),
            "t": "u",
            "u": [tr("map.tip_no", lang), tr("map.tip_yes", lang)],
            "v": encode_vlq(standard.astype(int)),
        },
        {"l": header("floors", lang), "t": "n", "x": 1, "d": 0, "v": encode_vlq(floors)},
        {
            "l": header("floor_area_m2", lang),
            "t": "n",
            "x": 1,
            "d": 0,
            "v": encode_vlq(np.rint(floor_area)),
        },
    ]
    classes = np.where(standard, 0, 1)
    return _encode(gdf, BUILDINGS, "building_id", columns, classes, list(BUILDING_STYLES))


def encode_zones(gdf: gpd.GeoDataFrame, config: Config, lang: str = "zh") -> EncodedLayer:
    """Encode zone boundaries (outlines with a name label, not clickable)."""
    gdf = gdf.copy()
    names = {z.code: z.label(lang) for z in config.zones}
    if "code" in gdf:
        label_col = "name_en" if lang == "en" else "name_zh"
        fallback = gdf[label_col] if label_col in gdf else gdf["code"]
        gdf["_label"] = [names.get(c, f) for c, f in zip(gdf["code"], fallback)]
    else:
        gdf["_label"] = ""
    return _encode(
        gdf, ZONES, "_label", [], np.zeros(len(gdf), dtype=int), [ZONE_STYLE], labels=True
    )
