"""Workload 3: the map of 100,000 parcels, bytes and build time, and how far
the drawn outlines are from the stored ones.

Ours: :func:`landinv.map.build_map` as the app calls it, rendered to
HTML. Naive: ``folium.GeoJson(gdf, tooltip=folium.GeoJsonTooltip(...))`` on a
plain folium map with the same tooltip fields, rendered the same way. Build
time is building the map plus rendering its HTML, for both.

Outline error: the payload is decoded back to polygons
(:func:`landinv.map.decode_geometries`) and compared with the stored
geometry in Gauss-Kruger metres: the Hausdorff distance (with edges densified
to 1/10 of their length, so points along edges count, not only vertices).
"""

from __future__ import annotations

import json
import re

import folium
import numpy as np
import pyproj
import shapely

from benchmarks import synth
from benchmarks.measure import Row, best_time, limit_row, ratio_row

TITLE = "3. Map payload"
MAX_BYTES_RATIO = 1 / 8
MAX_TIME_RATIO = 1 / 10
MAX_OUTLINE_M = 1.0
#: Parcels compared for the outline error (all of them when fewer).
OUTLINE_SAMPLE = 5000
TOOLTIP_FIELDS = ["parcel_id", "name", "zone", "category", "status", "area_mu"]


def map_parcels(n: int, seed: int):
    """Parcels as the app holds them: store schema with ``area_m2``, EPSG:4490."""
    from landinv.geometry import area_m2

    parcels = synth.make_parcels(n, seed=seed)
    parcels["area_m2"] = area_m2(parcels.geometry)
    return parcels


def build_ours(parcels, config, *, asset_base_url: str = "vendor/") -> str:
    """landinv's map of ``parcels`` as an HTML page, Leaflet under ``asset_base_url``."""
    from landinv.map import build_map
    from landinv.ui.assets import leaflet_at

    m = build_map(
        parcels, None, None, config, lang="zh", basemap="none", assets=leaflet_at(asset_base_url)
    )
    return m.get_root().render()


def build_naive(parcels) -> str:
    """The naive folium map of ``parcels`` (same tooltip fields) as HTML."""
    frame = parcels.copy()
    frame["area_mu"] = (frame["area_m2"] / (10000 / 15)).round(2)
    frame = frame[[*TOOLTIP_FIELDS, "geometry"]]
    xmin, ymin, xmax, ymax = frame.total_bounds
    # No basemap, like landinv's default: both maps draw parcels only.
    m = folium.Map(location=[(ymin + ymax) / 2, (xmin + xmax) / 2], zoom_start=12, tiles=None)
    folium.GeoJson(
        frame, name="parcels", tooltip=folium.GeoJsonTooltip(fields=TOOLTIP_FIELDS)
    ).add_to(m)
    m.fit_bounds([[ymin, xmin], [ymax, xmax]])
    return m.get_root().render()


def pages(ctx, n: int) -> dict:
    """Both map pages for ``n`` parcels, with their build times, built once per run.

    Leaflet is linked as ``vendor/leaflet/...`` (relative), so the pages work
    when served beside the vendor folder (workload 4). Returns ``ours``,
    ``naive`` (HTML text), ``ours_s``, ``naive_s`` and ``parcels``.
    """
    from landinv.domain import load_config

    key = ("map-pages", n)
    if key not in ctx.memo:
        config = load_config()
        parcels = map_parcels(n, ctx.seed + 3)
        ours_s, ours = best_time(
            lambda: build_ours(parcels, config, asset_base_url="vendor/"), repeat=2
        )
        naive_s, naive = best_time(lambda: build_naive(parcels), repeat=1)
        ctx.memo[key] = {
            "ours": ours,
            "naive": naive,
            "ours_s": ours_s,
            "naive_s": naive_s,
            "parcels": parcels,
        }
    return ctx.memo[key]


def outline_error_m(parcels, config, sample: int = OUTLINE_SAMPLE, seed: int = 0):
    """Hausdorff distances (m) between payload outlines and stored ones."""
    from landinv.map import decode_geometries, encode_parcels

    layer = encode_parcels(parcels, config, "zh")
    payload = json.loads(layer.payload)
    drawn = decode_geometries(payload)
    by_id = dict(zip(payload["id"], drawn))
    truth = parcels.set_index("parcel_id").geometry
    ids = truth.index.to_numpy()
    if len(ids) > sample:
        ids = np.random.default_rng(seed).choice(ids, sample, replace=False)
    to_gk = pyproj.Transformer.from_crs(4490, synth.GK_EPSG, always_xy=True)

    def metres(geoms):
        return shapely.transform(
            np.asarray(geoms, dtype=object),
            lambda xy: np.column_stack(to_gk.transform(xy[:, 0], xy[:, 1])),
        )

    a = metres([by_id[i] for i in ids])
    b = metres(truth.loc[ids].values)
    return shapely.hausdorff_distance(a, b, densify=0.1)


def _tooltip_fields_present(html: str) -> bool:
    return all(re.search(rf'"{f}"', html) for f in TOOLTIP_FIELDS)


def run(ctx) -> list[Row]:
    """Bytes, build time and outline error for ``ctx.sizes.map`` parcels."""
    from landinv.domain import load_config

    config = load_config()
    n = ctx.sizes.map
    built = pages(ctx, n)
    parcels, ours_html, naive_html = built["parcels"], built["ours"], built["naive"]
    ours_s, naive_s = built["ours_s"], built["naive_s"]
    ours_b, naive_b = len(ours_html.encode()), len(naive_html.encode())
    out = ctx.work_dir("map")
    (out / f"ours-{n}.html").write_text(ours_html, encoding="utf-8")
    (out / f"naive-{n}.html").write_text(naive_html, encoding="utf-8")
    errors = outline_error_m(parcels, config, seed=ctx.seed)
    mb = 1024 * 1024
    return [
        ratio_row(
            "3 map",
            f"HTML bytes, {n:,} parcels",
            ours_b / mb,
            naive_b / mb,
            max_ratio=MAX_BYTES_RATIO,
            unit="MiB",
            note="naive tooltip fields present"
            if _tooltip_fields_present(naive_html)
            else "naive tooltip fields missing",
        ),
        ratio_row(
            "3 map",
            f"build + render time, {n:,} parcels",
            ours_s,
            naive_s,
            max_ratio=MAX_TIME_RATIO,
        ),
        limit_row(
            "3 map",
            f"outline error (Hausdorff), {len(errors):,} parcels",
            float(errors.max()),
            limit=MAX_OUTLINE_M,
            unit="m",
            strict=False,
            note=f"median {np.median(errors):.2f} m, 99th pct {np.percentile(errors, 99):.2f} m",
        ),
    ]
