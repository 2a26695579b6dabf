"""Edit a parcel's outline on a small map (Leaflet.draw, served by the app itself).

The parcel's current outline is put in Leaflet.draw's editable layer; the
planner moves its vertices (or deletes it and draws a new polygon), saves the
drawing in the map's toolbar, then gives a reason and a date and saves it as a
new version. The outline is checked by :func:`landinv.services.edits.check_outline`
(valid polygon, inside the zones, no overlap with other parcels) and the store
recomputes the area. Leaflet and Leaflet.draw come from the npm-installed vendor
folder (``scripts/assets.sh``), never from a CDN.
"""

from __future__ import annotations

import datetime as dt
import json

import folium
import numpy as np
import pandas as pd
import shapely
import streamlit as st
from branca.element import MacroElement
from folium.plugins import Draw
from jinja2 import Template
from streamlit_folium import st_folium

from landinv.domain import PARCELS, STORE_EPSG, m2_to_mu
from landinv.geometry import area_m2
from landinv.i18n import tr
from landinv.services import edits
from landinv.ui import assets
from landinv.ui.data import clear_caches, load_layer
from landinv.ui.feedback import show_error
from landinv.ui.formatting import fmt_area

#: Files of the npm package leaflet-draw, as copied into the vendor folder.
DRAW_JS = "leaflet-draw/leaflet.draw.js"
DRAW_CSS = "leaflet-draw/leaflet.draw.css"
PREFIX = "map_outline"


def draw_installed() -> bool:
    """True when ``scripts/assets.sh`` has installed Leaflet.draw."""
    return (assets.VENDOR_DIR / DRAW_JS).is_file()


def _rings(geom) -> list:
    """Leaflet ``[lat, lon]`` rings of each part of a (Multi)Polygon's exterior."""
    parts = getattr(geom, "geoms", [geom])
    return [[(y, x) for x, y in list(p.exterior.coords)[:-1]] for p in parts]


class _DrawTexts(MacroElement):
    """Sets Leaflet.draw's toolbar texts (``L.drawLocal``) in the page language;
    added before the Draw control, which reads them when it is made."""

    _template = Template(
        "{% macro script(this, kwargs) %}(function (t) {"
        "var d = L.drawLocal.draw, e = L.drawLocal.edit;"
        "d.toolbar.buttons.polygon = t.polygon;"
        "d.toolbar.actions.title = t.cancel; d.toolbar.actions.text = t.cancel;"
        "d.toolbar.finish.title = t.finish; d.toolbar.finish.text = t.finish;"
        "d.toolbar.undo.title = t.undo; d.toolbar.undo.text = t.undo;"
        "d.handlers.polygon.tooltip = {start: t.start, cont: t.cont, end: t.end};"
        "e.toolbar.actions.save.title = t.save; e.toolbar.actions.save.text = t.save;"
        "e.toolbar.actions.cancel.title = t.cancel; e.toolbar.actions.cancel.text = t.cancel;"
        "e.toolbar.actions.clearAll.title = t.clear_all;"
        "e.toolbar.actions.clearAll.text = t.clear_all;"
        "e.toolbar.buttons.edit = t.edit; e.toolbar.buttons.editDisabled = t.edit_none;"
        "e.toolbar.buttons.remove = t.remove;"
        "e.toolbar.buttons.removeDisabled = t.remove_none;"
        "e.handlers.edit.tooltip = {text: t.edit_tip, subtext: t.edit_sub};"
        "e.handlers.remove.tooltip = {text: t.remove_tip};"
        "})({{ this.texts }});{% endmacro %}"
    )

    def __init__(self, lang: str):
        super().__init__()
        names = (
            "polygon",
            "cancel",
            "finish",
            "undo",
            "start",
            "cont",
            "end",
            "save",
            "clear_all",
            "edit",
            "edit_none",
            "remove",
            "remove_none",
            "edit_tip",
            "edit_sub",
            "remove_tip",
        )
        self.texts = json.dumps({n: tr(f"chg.draw.{n}", lang) for n in names}, ensure_ascii=False)


def editor_map(ctx, parcel_id: str, shape, neighbours: pd.DataFrame) -> folium.Map:
    """A small map with the parcel's outline editable and its neighbours for context."""
    base = assets.asset_base_url()
    m = folium.Map(tiles=None, control_scale=True, max_zoom=21, zoom_control=True)
    m.default_js = [("leaflet", base + assets.LEAFLET_JS)]
    m.default_css = [("leaflet_css", base + assets.LEAFLET_CSS)]
    for geom in neighbours.geometry:
        for ring in _rings(geom):
            folium.Polygon(
                ring, color="#777777", weight=1, fill=True, fill_opacity=0.15, interactive=False
            ).add_to(m)
    editable = folium.FeatureGroup(name=parcel_id).add_to(m)
    for ring in _rings(shape):
        folium.Polygon(ring, color="#c2185b", weight=3, fill=True, fill_opacity=0.2).add_to(
            editable
        )
    _DrawTexts(ctx.lang).add_to(m)
    draw = Draw(
        feature_group=editable,
        show_geometry_on_click=False,
        draw_options={
            "polyline": False,
            "circle": False,
            "marker": False,
            "circlemarker": False,
            "rectangle": False,
            "polygon": {"allowIntersection": False, "showArea": False},
        },
        edit_options={"poly": {"allowIntersection": False}},
    )
    draw.default_js = [("leaflet_draw_js", base + DRAW_JS)]
    draw.default_css = [("leaflet_draw_css", base + DRAW_CSS)]
    draw.add_to(m)
    min_x, min_y, max_x, max_y = shape.bounds
    m.fit_bounds([[min_y, min_x], [max_y, max_x]], padding=(30, 30))
    return m


def drawn_outline(drawings) -> object | None:
    """The one polygon drawn on the editor map (None when there is none or several)."""
    polygons = [
        shapely.geometry.shape(f["geometry"])
        for f in drawings or []
        if (f.get("geometry") or {}).get("type") in ("Polygon", "MultiPolygon")
    ]
    if len(polygons) != 1:
        return None
    return polygons[0]


def render(ctx, parcel_id: str) -> None:
    """The outline editor for ``parcel_id`` (an editor is signed in)."""
    if not draw_installed():
        st.info(ctx.t("chg.draw_missing"))
        return
    parcels = load_layer(ctx, PARCELS)
    if parcels.crs is not None and parcels.crs.to_epsg() != STORE_EPSG:
        parcels = parcels.to_crs(STORE_EPSG)
    mine = parcels[parcels["parcel_id"].astype("string") == parcel_id]
    if len(mine) == 0:
        st.info(ctx.t("map.not_current", id=parcel_id, date=ctx.as_of.isoformat()))
        return
    shape = mine.geometry.iloc[0]
    window = shapely.box(*shape.buffer(0.002).bounds)
    others = parcels[
        (parcels["parcel_id"].astype("string") != parcel_id) & parcels.geometry.intersects(window)
    ]
    st.caption(ctx.t("chg.outline_help"))
    result = st_folium(
        editor_map(ctx, parcel_id, shape, others),
        key=f"{PREFIX}_{parcel_id}",
        height=380,
        use_container_width=True,
        returned_objects=["all_drawings"],
    )
    drawn = drawn_outline((result or {}).get("all_drawings"))
    # Leaflet hands back 6 decimals (about 0.1 m): an untouched outline differs by less.
    changed = drawn is not None and (
        drawn.symmetric_difference(shape).area > 1e-4 * max(shape.area, 1e-12)
    )
    if len((result or {}).get("all_drawings") or []) > 1 and drawn is None:
        st.warning(ctx.t("chg.outline_one"))
    old_mu = float(m2_to_mu(float(mine["area_m2"].iloc[0])))
    if not changed:
        st.caption(ctx.t("chg.outline_unchanged", area=fmt_area(old_mu, "mu", ctx.lang)))
        return
    new_mu = float(m2_to_mu(float(area_m2(np.array([drawn], dtype=object))[0])))
    st.info(
        ctx.t(
            "chg.outline_new_area",
            before=fmt_area(old_mu, "mu", ctx.lang),
            after=fmt_area(new_mu, "mu", ctx.lang),
        )
    )
    version = int(st.session_state.get(f"{PREFIX}_v", 0))
    # Not before the current version (e.g. a take-back dated after the as-of date).
    start = dt.date.fromisoformat(str(mine["valid_from"].iloc[0])[:10])
    date = st.date_input(
        ctx.t("chg.edit_date"),
        value=max(ctx.as_of, start),
        key=f"{PREFIX}_date_{parcel_id}_{version}",
    )
    reason = st.text_input(
        ctx.t("chg.reason"),
        key=f"{PREFIX}_reason_{parcel_id}_{version}",
        placeholder=ctx.t("chg.outline_reason_placeholder"),
    )
    if not st.button(
        ctx.t("chg.outline_save"),
        key=f"{PREFIX}_save_{parcel_id}_{version}",
        icon=":material/polyline:",
    ):
        return
    if not reason.strip():
        st.error(ctx.t("chg.need_reason"))
        return
    try:
        edits.edit_parcel(
            ctx.store, ctx.config, parcel_id, reason=reason, date=date, user=ctx.user, outline=drawn
        )
    except Exception as exc:  # noqa: BLE001 - shown, store unchanged (one transaction)
        show_error(exc, ctx.lang)
        return
    st.session_state[f"{PREFIX}_v"] = version + 1
    st.session_state["map_chg_flash"] = ctx.t(
        "chg.outline_done",
        parcel=parcel_id,
        date=date.isoformat(),
        area=fmt_area(new_mu, "mu", ctx.lang),
    )
    clear_caches()
    st.rerun()
