"""The map page's own tools: zoom to a sub-area and the map as a PNG.

The in-map tools (scale bar, north arrow, measuring, offline-tiles notice)
are in :mod:`landinv.map.tools`; these two need the server: the zone list
comes from the store, and the PNG is drawn by :func:`landinv.map.png.map_png`
from the layers the map shows (the sidebar filters applied), over the view the
page chose (the zone, the search hits, or the whole zone).
"""

from __future__ import annotations

import streamlit as st

from landinv import map as mapview
from landinv.domain import BUILDINGS, PARCELS
from landinv.map.png import map_png, view_bounds
from landinv.ui.context import AppContext
from landinv.ui.data import load_layer, load_report

KEY_ZONE = "map_zoom_zone"


def zone_choice(ctx: AppContext, column, map_height: int):
    """A "zoom to zone" select in ``column``; returns ``(center, zoom, bounds)``
    of the chosen zone, or ``(None, None, None)`` for the whole zone."""
    codes = ["", *ctx.config.zone_codes]
    code = column.selectbox(
        ctx.t("map.zoom_zone"),
        codes,
        key=ctx.choice_key(KEY_ZONE),
        format_func=lambda c: ctx.zone_label(c) if c else ctx.t("map.zoom_all"),
    )
    if not code:
        return None, None, None
    zones = ctx.store.zones()
    mine = zones[zones["code"] == code]
    if not len(mine):
        return None, None, None
    bounds = view_bounds([mine])
    min_lon, min_lat, max_lon, max_lat = bounds
    center = ((min_lat + max_lat) / 2, (min_lon + max_lon) / 2)
    zoom = mapview.zoom_for_bounds(bounds, 900, map_height, max_zoom=18)
    return center, zoom, bounds


def png_button(ctx: AppContext, bounds) -> None:
    """A download button for the map as a PNG (made when pressed)."""

    def make() -> bytes:
        parcels = ctx.apply_filters(load_layer(ctx, PARCELS), PARCELS)
        buildings = ctx.apply_filters(load_layer(ctx, BUILDINGS), BUILDINGS)
        if ctx.search:
            # the search narrows the view, not the layers drawn around it
            from dataclasses import replace

            unsearched = replace(ctx, search="")
            parcels = unsearched.apply_filters(load_layer(ctx, PARCELS), PARCELS)
            buildings = unsearched.apply_filters(load_layer(ctx, BUILDINGS), BUILDINGS)
        zone = ctx.config.name_en if ctx.lang == "en" else ctx.config.name_zh
        return map_png(
            parcels,
            buildings,
            ctx.store.zones(),
            ctx.config,
            lang=ctx.lang,
            bounds=bounds,
            title=ctx.t("map.png_title", zone=zone, date=ctx.as_of.isoformat()),
            note=ctx.t("dash.sample") if load_report(ctx).sample_data else "",
        )

    st.download_button(
        ctx.t("map.png_button"),
        make,
        file_name=f"landinv_map_{ctx.as_of.isoformat()}.png",
        mime="image/png",
        key="map_png",
        icon=":material/image:",
        help=ctx.t("map.png_help"),
        on_click="ignore",
    )
