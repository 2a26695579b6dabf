"""Map page: parcels by category, buildings, zone boundaries, search, details.

A thin layer over :mod:`landinv.map`. What keeps it quick:

* the encoded layers are cached per store, data version, as-of date, filters
  and language, so a rerun that changes none of them encodes nothing;
* streamlit-folium is asked only for ``last_object_clicked_tooltip``, so
  panning and zooming never rerun the app; a click reruns it once;
* search hits and the clicked parcel are outlined through
  ``feature_group_to_add`` and the view moved with ``center``/``zoom``: the
  base map keeps its script, so the browser keeps the map it has drawn.

Size: one page plus the caching that keeps its reruns quick (see above); the
map itself is built in :mod:`landinv.map`.
"""

from __future__ import annotations

import os
from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from landinv import map as mapview
from landinv.domain import BUILDINGS, PARCELS, m2_to_mu
from landinv.i18n import tr
from landinv.schema import LAYER_COLUMNS, header
from landinv.ui import map_tools, parcel_actions
from landinv.ui.assets import leaflet_assets
from landinv.ui.context import AppContext
from landinv.ui.data import data_version, load_layer
from landinv.ui.formatting import fmt_area
from landinv.ui.tables import versions_table

#: Environment variable with a Tianditu browser key (or [map] tianditu_key in secrets).
TIANDITU_ENV = "LANDINV_TIANDITU_KEY"
#: Environment variable choosing the basemap the map opens with.
BASEMAP_ENV = "LANDINV_BASEMAP"
#: Search hits outlined at most (more would hide the map under outlines).
MAX_HIGHLIGHT = 50
MAP_HEIGHT = 620
#: The map reruns the app only when this changes (see module docstring).
RETURNED = ["last_object_clicked_tooltip"]

KEY_BASEMAP = "map_basemap"
KEY_SELECTED = "map_selected"
KEY_LAST_CLICK = "map_last_click"
KEY_LAST_SEARCH = "map_last_search"


def _secret(section: str, name: str) -> str | None:
    """A value from .streamlit/secrets.toml, None when absent (or no file)."""
    try:
        value = st.secrets.get(section, {}).get(name)
    except Exception:  # noqa: BLE001 - no secrets file is a normal setup
        return None
    return str(value) if value else None


def tianditu_key() -> str | None:
    """The Tianditu key from ``$LANDINV_TIANDITU_KEY`` or secrets ``[map]``."""
    return os.environ.get(TIANDITU_ENV) or _secret("map", "tianditu_key")


def initial_basemap(key: str | None) -> str:
    """Basemap to open with: ``$LANDINV_BASEMAP``, secrets ``[map] basemap``,
    else :func:`landinv.map.default_basemap` (Tianditu with a key, else none)."""
    wanted = os.environ.get(BASEMAP_ENV) or _secret("map", "basemap")
    if wanted in mapview.available_basemaps(key):
        return wanted
    return mapview.default_basemap(key)


@st.cache_resource(show_spinner=False, max_entries=12)
def _encoded_layers(
    _ctx: AppContext,
    location: str,
    version: str,
    as_of,
    zones: tuple,
    categories: tuple,
    statuses: tuple,
    lang: str,
):
    """Encoded parcels, buildings and zones for one view of the store.

    cache_resource, not cache_data: the payloads are immutable strings of up
    to a few MB and copying them on every rerun would cost more than it saves.
    The arguments after ``_ctx`` are the cache key.
    """
    ctx = replace(_ctx, search="")
    parcels = ctx.apply_filters(load_layer(_ctx, PARCELS), PARCELS)
    buildings = ctx.apply_filters(load_layer(_ctx, BUILDINGS), BUILDINGS)
    zone_shapes = _ctx.store.zones()
    config = _ctx.config
    return (
        mapview.encode_parcels(parcels, config, lang),
        mapview.encode_buildings(buildings, config, lang),
        mapview.encode_zones(zone_shapes, config, lang),
    )


def _layers_for(ctx: AppContext):
    return _encoded_layers(
        ctx,
        ctx.store.location,
        data_version(ctx.store),
        ctx.as_of,
        tuple(ctx.zones),
        tuple(ctx.categories),
        tuple(ctx.statuses),
        ctx.lang,
    )


def find_parcels(parcels: pd.DataFrame, query: str) -> pd.DataFrame:
    """Parcels whose ID, name or project contains ``query`` (case-insensitive);
    exact ID matches first."""
    if not query or parcels is None or len(parcels) == 0:
        return parcels.iloc[0:0] if parcels is not None else parcels
    ids = parcels["parcel_id"].astype("string").fillna("")
    hit = ids.str.contains(query, case=False, regex=False)
    for column in ("name", "project"):
        if column in parcels:
            hit |= (
                parcels[column]
                .astype("string")
                .fillna("")
                .str.contains(query, case=False, regex=False)
            )
    found = parcels[hit.to_numpy()]
    exact = found["parcel_id"].astype("string").str.lower() == query.lower()
    return pd.concat([found[exact.to_numpy()], found[~exact.to_numpy()]])


def hidden_by(ctx: AppContext, hits: pd.DataFrame) -> list[str]:
    """Why the filters hide ``hits`` (parcels matching the search): one text per
    filter that leaves out a value the hits have, in ``ctx.lang``."""
    reasons = []
    for column, chosen, label, name in (
        ("zone", ctx.zones, ctx.zone_label, "side.zones"),
        ("category", ctx.categories, ctx.category_label, "side.categories"),
        ("status", ctx.statuses, ctx.status_label, "side.statuses"),
    ):
        if column not in hits:
            continue
        for value in dict.fromkeys(hits[column].dropna().astype(str)):
            if value not in chosen:
                reasons.append(
                    ctx.t("map.search_hidden_by", filter=ctx.t(name), value=label(value))
                )
    return reasons


def parse_click(tooltip: str | None) -> tuple[str, str] | None:
    """``("parcels", id)`` or ``("buildings", id)`` from the clicked object's
    tooltip text, which the map layer sets to ``kind:id``."""
    if not tooltip or ":" not in tooltip:
        return None
    kind, _, object_id = tooltip.partition(":")
    if kind not in (PARCELS, BUILDINGS) or not object_id:
        return None
    return kind, object_id


def render(ctx: AppContext) -> None:
    """Draw the map page for ``ctx`` (filters, language and date from the sidebar)."""
    st.subheader(ctx.t("map.title"))
    assets = leaflet_assets()
    key = tianditu_key()
    choices = mapview.available_basemaps(key)
    if st.session_state.get(KEY_BASEMAP) not in choices:
        st.session_state[KEY_BASEMAP] = initial_basemap(key)

    top = st.columns([3, 1, 1])
    top[0].caption(ctx.t("map.caption"))
    zone_center, zone_zoom, zone_bounds = map_tools.zone_choice(ctx, top[1], MAP_HEIGHT)
    basemap = top[2].selectbox(
        ctx.t("map.basemap"),
        choices,
        key=ctx.choice_key(KEY_BASEMAP),
        format_func=lambda c: mapview.BASEMAPS[c].label(ctx.lang),
        help=ctx.t("map.basemap_help"),
    )

    parcels_enc, buildings_enc, zones_enc = _layers_for(ctx)
    st.caption(
        ctx.t(
            "map.counts",
            parcels=f"{parcels_enc.count:,}",
            buildings=f"{buildings_enc.count:,}",
            date=ctx.as_of.isoformat(),
        )
    )
    if parcels_enc.count == 0:
        st.info(ctx.t("map.no_parcels"))

    center, zoom, outlined = None, None, None
    if ctx.search:
        center, zoom, outlined = _search(ctx)
    view = zone_bounds
    if zone_center is not None:
        center, zoom = zone_center, zone_zoom
    elif outlined is not None and len(outlined):
        view = tuple(outlined.to_crs(4490).total_bounds)

    selected = st.session_state.get(KEY_SELECTED)
    shapes = [s for s in (outlined, _selected_shape(ctx, selected)) if s is not None and len(s)]
    highlight = mapview.highlight_layer(pd.concat(shapes), ctx.lang) if shapes else None

    m = mapview.build_map(
        parcels_enc,
        buildings_enc,
        zones_enc,
        ctx.config,
        lang=ctx.lang,
        basemap=basemap,
        tianditu_key=key,
        assets=assets,
        basemap_control=False,
    )
    result = st_folium(
        m,
        key="landinv_map",
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=RETURNED,
        feature_group_to_add=highlight,
        center=center,
        zoom=zoom,
    )
    clicked = (result or {}).get("last_object_clicked_tooltip")
    if clicked and clicked != st.session_state.get(KEY_LAST_CLICK):
        st.session_state[KEY_LAST_CLICK] = clicked
        st.session_state[KEY_SELECTED] = parse_click(clicked)
        st.rerun()  # once, so the clicked parcel is outlined on the map too

    map_tools.png_button(ctx, view)
    _details(ctx, selected)


def _search(ctx: AppContext):
    """Outline and zoom to the parcels matching the sidebar search; list them
    when there are several; say why when the filters or the date hide them."""
    ctx_all = replace(ctx, search="")
    current = load_layer(ctx, PARCELS)
    found = find_parcels(ctx_all.apply_filters(current, PARCELS), ctx.search)
    if len(found) == 0:
        _explain_no_hit(ctx, current)
        return None, None, None
    if len(found) > MAX_HIGHLIGHT:
        st.info(ctx.md("map.search_many", query=ctx.search, n=len(found), k=MAX_HIGHLIGHT))
    else:
        st.success(ctx.md("map.search_found", query=ctx.search, n=len(found)))
    if len(found) > 1:
        _hit_list(ctx, found)
    found = found.iloc[:MAX_HIGHLIGHT]
    min_lon, min_lat, max_lon, max_lat = found.to_crs(4490).total_bounds
    center = ((min_lat + max_lat) / 2, (min_lon + max_lon) / 2)
    # One step out from a tight fit, so the neighbours show too.
    zoom = (
        mapview.zoom_for_bounds((min_lon, min_lat, max_lon, max_lat), 900, MAP_HEIGHT, max_zoom=18)
        - 1
    )
    if st.session_state.get(KEY_LAST_SEARCH) != ctx.search:
        # A new search with one hit opens that parcel's details; later clicks win.
        st.session_state[KEY_LAST_SEARCH] = ctx.search
        if len(found) == 1:
            st.session_state[KEY_SELECTED] = (PARCELS, str(found["parcel_id"].iloc[0]))
    return center, zoom, found


def _explain_no_hit(ctx: AppContext, current) -> None:
    """No hit within the filters: hidden by a filter, absent on the date, or none at all."""
    unfiltered = find_parcels(current, ctx.search)
    if len(unfiltered):
        why = ctx.t("view.list_sep").join(dict.fromkeys(hidden_by(ctx, unfiltered)))
        st.warning(ctx.md("map.search_hidden", query=ctx.search, n=len(unfiltered), why=why))
        return
    history = ctx.store.layer(PARCELS, None, geometry=False)
    if len(find_parcels(history, ctx.search)):
        st.warning(ctx.md("map.search_absent", query=ctx.search, date=ctx.as_of.isoformat()))
        return
    st.warning(ctx.md("map.search_none", query=ctx.search))


def _hit_list(ctx: AppContext, found) -> None:
    """The parcels a search matched, as a table; picking a row shows its details."""
    columns = [
        c
        for c in ("parcel_id", "name", "project", "zone", "category", "status", "area_m2")
        if c in found
    ]
    table = _labelled(pd.DataFrame(found[columns]), ctx)
    if "area_m2" in table:
        table["area_mu"] = m2_to_mu(pd.to_numeric(table.pop("area_m2"), errors="coerce"))
    table = table.astype(object).where(table.notna(), "")
    st.caption(ctx.t("map.hits"))
    event = st.dataframe(
        table.rename(columns=lambda c: header(c, ctx.lang)),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(table), 250),
        on_select="rerun",
        selection_mode="single-row",
        key=f"map_hits_{ctx.search}",
        column_config={header("area_mu", ctx.lang): st.column_config.NumberColumn(format="%.2f")},
    )
    rows = (event or {}).get("selection", {}).get("rows", []) if event else []
    if rows:
        picked = (PARCELS, str(found["parcel_id"].iloc[rows[0]]))
        if st.session_state.get(KEY_SELECTED) != picked:
            st.session_state[KEY_SELECTED] = picked
            st.rerun()


def _selected_shape(ctx: AppContext, selected):
    """The clicked parcel or building as a one-row GeoDataFrame (or None)."""
    if not selected:
        return None
    kind, object_id = selected
    layer = load_layer(ctx, kind)
    id_column = "parcel_id" if kind == PARCELS else "building_id"
    rows = layer[layer[id_column].astype("string") == object_id]
    return rows if len(rows) else None


def _details(ctx: AppContext, selected) -> None:
    """All attributes, area in mu and m², and every stored version of the
    clicked parcel or building."""
    if not selected:
        st.caption(ctx.t("map.click_hint"))
        return
    kind, object_id = selected
    id_column = "parcel_id" if kind == PARCELS else "building_id"
    title = "map.parcel_details" if kind == PARCELS else "map.building_details"
    st.markdown(f"#### {ctx.md(title, id=object_id)}")
    current = load_layer(ctx, kind, geometry=False)
    current = current[current[id_column].astype("string") == object_id]
    if len(current) == 0:
        st.info(ctx.md("map.not_current", id=object_id, date=ctx.as_of.isoformat()))
    else:
        table = attribute_table(ctx, current.iloc[0], kind)
        st.dataframe(table, hide_index=True, width="stretch", height=_rows_height(len(table)))
        from landinv.ui.efficiency_page import render_site_enterprises

        render_site_enterprises(ctx, kind, object_id)
    if kind == PARCELS:
        # Supply / correct / take back / edit, and the history with who, when and why.
        parcel_actions.render_actions(ctx, object_id)
        st.markdown(f"**{ctx.t('map.history')}**")
        st.caption(ctx.t("map.history_note"))
        st.dataframe(parcel_actions.history_table(ctx, object_id), hide_index=True, width="stretch")
        return
    history = ctx.store.layer(kind, None, geometry=False)
    history = history[history[id_column].astype("string") == object_id]
    st.markdown(f"**{ctx.t('map.history')}**")
    st.caption(ctx.t("map.history_note"))
    table, column_config = versions_table(ctx, history, kind)
    st.dataframe(table, column_config=column_config, hide_index=True, width="stretch")


def _rows_height(rows: int) -> int:
    """Pixel height that shows ``rows`` grid rows without an inner scrollbar."""
    return 38 + 35 * rows


def _labelled(frame: pd.DataFrame, ctx: AppContext) -> pd.DataFrame:
    """Zone, category and status codes replaced by their names in ``ctx.lang``."""
    out = frame.copy()
    for column, label in (
        ("zone", ctx.zone_label),
        ("category", ctx.category_label),
        ("status", ctx.status_label),
    ):
        if column in out:
            out[column] = [label(v) if isinstance(v, str) else v for v in out[column]]
    return out


def _text(value, name: str, lang: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if name in ("declared_area_m2", "footprint_m2", "floor_area_m2"):
        return fmt_area(float(value), "m2", lang)
    if isinstance(value, bool):
        return tr("map.yes" if value else "map.no", lang)
    return str(value.date() if isinstance(value, pd.Timestamp) else value)


def attribute_table(ctx: AppContext, row: pd.Series, kind: str) -> pd.DataFrame:
    """One row of a layer as a (field, value) table in ``ctx.lang``; parcels
    get their area in both m² and mu."""
    lang = ctx.lang
    row = _labelled(row.to_frame().T, ctx).iloc[0]
    names = [c.name for c in LAYER_COLUMNS[kind]]
    extra = [c for c in row.index if c not in names and c not in ("fid", "geometry")]
    fields, values = [], []
    for name in [n for n in names + extra if n in row.index]:
        value = row[name]
        if name == "area_m2" and pd.notna(value):
            fields += [header("area_m2", lang), header("area_mu", lang)]
            values += [
                fmt_area(float(value), "m2", lang),
                fmt_area(float(m2_to_mu(float(value))), "mu", lang),
            ]
            continue
        fields.append(header(name, lang))
        values.append(_text(value, name, lang))
    return pd.DataFrame({tr("map.field", lang): fields, tr("map.value", lang): values})


def history_table(ctx: AppContext, history: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Every stored version, oldest first, dates first, names and headers in
    ``ctx.lang`` (see :func:`landinv.ui.tables.versions_table`)."""
    return versions_table(ctx, history, kind)[0]
