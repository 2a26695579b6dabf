"""Per-mu efficiency page: zone figures, the tax-per-mu distribution, a map coloured by
class / tax band / low-efficiency flag, the candidates (with "mark as revitalisation land")
and the evaluation table with filters and the public-notice download.

Widgets only: every figure comes from :mod:`landinv.services.efficiency` (what
``landinv evaluate`` and ``landinv candidates`` print), cached per store data
version and year.

Size: one page of five sections (figures, distribution, map, candidates,
table) sharing the evaluated year and filters; widgets only.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import altair as alt
import pandas as pd
import streamlit as st

from landinv import map as mapview
from landinv.domain import BUILDINGS, PARCELS, Category
from landinv.exports import efficiency as ex
from landinv.services import efficiency as svc
from landinv.ui.assets import leaflet_assets
from landinv.ui.auth_gate import require_editor
from landinv.ui.context import AppContext
from landinv.ui.data import clear_caches, data_version, load_layer
from landinv.ui.feedback import show_error
from landinv.ui.tables import decimals_for_display

KEY_YEAR = "eff_year"
KEY_MODE = "eff_colour"
KEY_FLASH = "eff_flash"
KEY_ZONE = "eff_map_zone"
CLASS_COLOURS = {"A": "#1a9850", "B": "#91cf60", "C": "#fdae61", "D": "#d73027"}
BAND_COLOURS = ("#d73027", "#fdae61", "#a6d96a", "#1a9850")
BAND_EDGES = (3.0, 10.0, 20.0)
NO_DATA = "#bdbdbd"


@st.cache_data(show_spinner=False, max_entries=8)
def _overview(_store, _config, location: str, version: str, year: int):
    return svc.year_overview(_store, year, _config)


@st.cache_data(show_spinner=False, max_entries=8)
def _years(_store, location: str, version: str) -> list[int]:
    return svc.evaluation_years(_store)


def overview(ctx: AppContext, year: int) -> svc.YearOverview:
    """The year's overview (cached until the store changes)."""
    return _overview(ctx.store, ctx.config, ctx.store.location, data_version(ctx.store), year)


def render(ctx: AppContext) -> None:
    """Draw the efficiency page."""
    st.title(ctx.t("effp.title"))
    st.caption(ctx.t("effp.caption"))
    flash = st.session_state.pop(KEY_FLASH, None)
    if flash:
        st.success(flash)
    years = _years(ctx.store, ctx.store.location, data_version(ctx.store))
    if not years:
        st.info(ctx.t("effp.no_data"))
        return
    default = next((y for y in years if y <= ctx.as_of.year), years[0])
    year = st.selectbox(ctx.t("effp.year"), years, index=years.index(default), key=KEY_YEAR)
    data = overview(ctx, year)
    _metrics(ctx, data)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(ctx.t("effp.by_zone"))
        zones, config = decimals_for_display(zone_table(ctx, data.zones))
        st.dataframe(zones, column_config=config, hide_index=True, width="stretch")
        st.altair_chart(class_chart(ctx, data.zones), width="stretch")
    with right:
        st.subheader(ctx.t("effp.distribution"))
        st.altair_chart(distribution_chart(ctx, data), width="stretch")
    _map(ctx, data)
    _candidates(ctx, data, year)
    _table(ctx, data, year)


def _metrics(ctx: AppContext, data: svc.YearOverview) -> None:
    total = data.zones.set_index("zone").loc["total"]
    target = data.evaluation.scheme.target_tax_per_mu
    cand_mu = float(data.candidates["area_mu"].sum()) if len(data.candidates) else 0.0
    goal = data.revitalisation_target
    cols = st.columns(3)
    cols[0].metric(
        ctx.t("effp.metric_tax"),
        f"{total['tax_per_mu']:,.2f}",
        delta=f"{total['tax_per_mu'] - target:+,.2f}",
        help=ctx.t("effp.metric_tax_help", target=f"{target:g}"),
    )
    classed = int(sum(total[c] for c in "ABCD"))
    cols[1].metric(ctx.t("effp.metric_classed"), f"{classed:,}")
    cols[2].metric(
        ctx.t("effp.metric_candidates"),
        f"{cand_mu:,.2f}",
        help=ctx.t(
            "effp.metric_candidates_help",
            n=len(data.candidates),
            target="-" if goal is None else f"{goal:g}",
        ),
    )


def zone_table(ctx: AppContext, zones: pd.DataFrame) -> pd.DataFrame:
    """The zone figures with headers and names in the page language."""
    name = [ctx.t("eff.total") if z == "total" else ctx.zone_label(z) for z in zones["zone"]]
    return pd.DataFrame(
        {
            ctx.t("eff.col.zone"): name,
            ctx.t("effp.count_above"): zones["enterprises"],
            ctx.t("eff.col.land_mu"): zones["land_mu"].round(2),
            ctx.t("eff.col.tax_per_mu"): zones["tax_per_mu"].round(2),
            ctx.t("eff.ind.value_added_per_mu"): zones["value_added_per_mu"].round(2),
            **{ctx.t("effp.class_label", c=c): zones[c] for c in "ABCD"},
            ctx.t("eff.reason.none"): zones["not_classed"],
        }
    )


def class_chart(ctx: AppContext, zones: pd.DataFrame) -> alt.Chart:
    """Stacked bars: enterprises per class in each sub-area."""
    part = zones[zones["zone"] != "total"]
    rows = [
        {"zone": ctx.zone_label(z), "class": c, "n": int(r[c])}
        for z, r in zip(part["zone"], part.to_dict("records"))
        for c in "ABCD"
    ]
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            x=alt.X("n:Q", title=ctx.t("effp.count")),
            y=alt.Y("zone:N", title=None),
            color=alt.Color(
                "class:N",
                scale=alt.Scale(domain=list(CLASS_COLOURS), range=list(CLASS_COLOURS.values())),
                title=ctx.t("eff.col.class"),
            ),
            order=alt.Order("class:N"),
        )
        .properties(height=160)
    )


def distribution_chart(ctx: AppContext, data: svc.YearOverview) -> alt.Chart:
    """Histogram of above-scale tax per mu with the target as a red line."""
    table = data.evaluation.table
    values = table.loc[(table["scale"] == "above") & table["class"].notna(), "v_tax_per_mu"]
    frame = pd.DataFrame({"v": values.clip(upper=80).to_numpy()})
    target = data.evaluation.scheme.target_tax_per_mu
    bars = (
        alt.Chart(frame)
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("v:Q", bin=alt.Bin(step=2.5), title=ctx.t("eff.col.tax_per_mu")),
            y=alt.Y("count():Q", title=ctx.t("effp.count")),
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"t": [target]})).mark_rule(color="#d62728", size=2).encode(x="t:Q")
    )
    label = (
        alt.Chart(
            pd.DataFrame({"t": [target], "text": [ctx.t("effp.target_line", target=f"{target:g}")]})
        )
        .mark_text(align="left", dx=4, color="#d62728", fontWeight="bold")
        .encode(x="t:Q", y=alt.value(12), text="text:N")
    )
    return (bars + rule + label).properties(height=300)


def colour_parcels(ctx: AppContext, data: svc.YearOverview, mode: str):
    """Parcels recoloured for ``mode`` and the matching map config (legend)."""
    parcels = load_layer(ctx, PARCELS)
    figs = data.parcels.set_index("parcel_id")
    ids = parcels["parcel_id"].astype(str)
    if mode == "class":
        codes = ids.map(figs["class"]).fillna("none")
        cats = [
            Category(c, ctx.t("effp.class_label", c=c), ctx.t("effp.class_label", c=c), colour)
            for c, colour in CLASS_COLOURS.items()
        ]
    elif mode == "band":
        tpm = ids.map(figs["tax_per_mu"]).astype(float)
        band = pd.cut(
            tpm,
            [-float("inf"), *BAND_EDGES, float("inf")],
            right=False,
            labels=["b0", "b1", "b2", "b3"],
        )
        codes = band.astype(object).where(tpm.notna(), "none")
        cats = [
            Category(f"b{i}", ctx.t(f"effp.band.{i}"), ctx.t(f"effp.band.{i}"), colour)
            for i, colour in enumerate(BAND_COLOURS)
        ]
    else:
        flagged = set(data.candidates["parcel_id"])
        with_data = set(figs.index) | flagged
        codes = ids.map(lambda p: "yes" if p in flagged else ("no" if p in with_data else "none"))
        cats = [
            Category("yes", ctx.t("effp.flag.yes"), ctx.t("effp.flag.yes"), "#d73027"),
            Category("no", ctx.t("effp.flag.no"), ctx.t("effp.flag.no"), "#1a9850"),
        ]
    cats.append(Category("none", ctx.t("effp.nodata"), ctx.t("effp.nodata"), NO_DATA))
    shown = parcels.assign(category=codes.to_numpy())
    return shown, replace(ctx.config, categories=tuple(cats))


def _map(ctx: AppContext, data: svc.YearOverview) -> None:
    from streamlit_folium import st_folium

    st.subheader(ctx.t("effp.map"))
    modes = ["class", "band", "flag"]
    mode = st.radio(
        ctx.t("effp.colour_by"),
        modes,
        key=ctx.choice_key(KEY_MODE),
        horizontal=True,
        format_func=lambda m: ctx.t(f"effp.mode.{m}"),
    )
    zone = st.selectbox(
        ctx.t("effp.filter_zone"),
        ["", *ctx.config.zone_codes],
        key=ctx.choice_key(KEY_ZONE),
        format_func=lambda z: ctx.zone_label(z) if z else ctx.t("eff.total"),
    )
    parcels, config = colour_parcels(ctx, data, mode)
    buildings, zones = load_layer(ctx, BUILDINGS), ctx.store.zones()
    if zone:  # zoom to one sub-area
        parcels, buildings = parcels[parcels["zone"] == zone], buildings[buildings["zone"] == zone]
        zones = zones[zones["code"] == zone]
    # The classes sit in the category column: the tooltip names them for what they
    # are, keeps each parcel's real status, and nothing is hatched as supplied.
    parcels = mapview.encode_parcels(
        parcels,
        config,
        ctx.lang,
        category_header=ctx.t(f"effp.mode.{mode}"),
        mark_supplied=False,
    )
    m = mapview.build_map(
        parcels,
        buildings,
        zones,
        config,
        lang=ctx.lang,
        assets=leaflet_assets(),
        supplied_legend=False,  # parcels are coloured by efficiency, not hatched by status
    )
    st_folium(m, key="eff_map", height=480, use_container_width=True, returned_objects=[])


def _candidates(ctx: AppContext, data: svc.YearOverview, year: int) -> None:
    st.subheader(ctx.t("effp.candidates"))
    records = svc.candidate_records(data.candidates, data.evaluation.scheme, ctx.lang)
    for r in records:
        r["zone"] = ctx.zone_label(r["zone"])
    if not records:
        st.caption(ctx.t("effp.candidates_none"))
        return
    total = sum(r["area_mu"] for r in records)
    goal = data.revitalisation_target
    st.caption(
        ctx.t(
            "eff.cli.candidates",
            year=year,
            n=len(records),
            mu=f"{total:,.2f}",
            target="-" if goal is None else f"{goal:,.2f}",
        )
    )
    shown, config = decimals_for_display(ex.candidates_frame(records, ctx.lang))
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
    with st.expander(ctx.t("effp.mark")):
        if not require_editor(ctx):
            return
        with st.form("eff_mark"):
            # No default: one click records it, so the planner names the parcel.
            parcel = st.selectbox(
                ctx.t("effp.mark_parcel"),
                [r["parcel_id"] for r in records],
                index=None,
                placeholder=ctx.t("chg.choose_parcel"),
                key="eff_mark_parcel",
                format_func=lambda p: next(
                    f"{p} — {r['name']} ({', '.join(r['reasons'])})"
                    for r in records
                    if r["parcel_id"] == p
                ),
            )
            reason = st.text_input(ctx.t("effp.mark_reason"))
            day = st.date_input(
                ctx.t("effp.mark_date"), value=max(ctx.as_of, dt.date(year + 1, 1, 1))
            )
            if st.form_submit_button(ctx.t("effp.mark"), type="primary"):
                if not parcel:
                    st.error(ctx.t("chg.need_parcel"))
                    return
                try:
                    svc.mark_revitalisation(
                        ctx.store, parcel, year=year, date=day, reason=reason, user=ctx.user
                    )
                except Exception as exc:  # noqa: BLE001 - shown to the planner
                    show_error(exc, ctx.lang)
                    return
                clear_caches()
                _overview.clear()
                st.session_state[KEY_FLASH] = ctx.md("effp.marked", parcel=parcel)
                st.rerun()


def filter_table(
    table: pd.DataFrame, *, scales=(), classes=(), zones=(), search=""
) -> pd.DataFrame:
    """The evaluation rows matching the page's filters (empty filter = all)."""
    keep = pd.Series(True, index=table.index)
    if scales:
        keep &= table["scale"].isin(scales)
    if classes:
        keep &= table["class"].fillna("-").isin(classes)
    if zones:
        keep &= table["zone"].isin(zones)
    if search:
        text = search.strip().lower()
        keep &= table["name"].astype(str).str.lower().str.contains(text, regex=False) | table[
            "credit_code"
        ].astype(str).str.lower().str.contains(text, regex=False)
    return table[keep]


def _table(ctx: AppContext, data: svc.YearOverview, year: int) -> None:
    st.subheader(ctx.t("effp.table"))
    table = data.evaluation.table
    cols = st.columns(4)
    scales = cols[0].multiselect(
        ctx.t("effp.filter_scale"),
        ["above", "below"],
        format_func=lambda s: ctx.t(f"eff.scale.{s}"),
        placeholder=ctx.t("effp.all"),
    )
    classes = cols[1].multiselect(
        ctx.t("effp.filter_class"),
        ["A", "B", "C", "D", "-"],
        format_func=lambda c: (
            ctx.t("effp.class_label", c=c) if c != "-" else ctx.t("eff.reason.none")
        ),
        placeholder=ctx.t("effp.all"),
    )
    zones = cols[2].multiselect(
        ctx.t("effp.filter_zone"),
        list(ctx.config.zone_codes),
        format_func=ctx.zone_label,
        placeholder=ctx.t("effp.all"),
    )
    search = cols[3].text_input(ctx.t("effp.filter_search"))
    shown = filter_table(table, scales=scales, classes=classes, zones=zones, search=search)
    st.caption(ctx.t("effp.shown", n=len(shown), total=len(table)))
    sheet = ex.evaluation_sheet(shown, svc.indicator_codes(data.evaluation.scheme), ctx.lang)
    sheet.insert(
        4,
        ctx.t("eff.col.scale"),
        [ctx.t(f"eff.scale.{s}") if s in ("above", "below") else "" for s in shown["scale"]],
    )
    sheet[ctx.t("eff.col.reason")] = [
        ctx.t(f"eff.reason.{r}") if isinstance(r, str) else "" for r in shown["reason"]
    ]
    sheet[ctx.t("eff.col.zone")] = [
        ctx.zone_label(z) if isinstance(z, str) else "" for z in shown["zone"]
    ]
    sheet, config = decimals_for_display(sheet, whole=[ctx.t("eff.col.rank")])
    st.dataframe(sheet, column_config=config, hide_index=True, width="stretch", height=420)
    buffer = io.BytesIO()
    codes = {s: svc.indicator_codes(data.evaluation.scheme, s) for s in ("above", "below")}
    ex.evaluation_xlsx(table, codes, buffer, year=year, lang=ctx.lang)
    st.download_button(
        ctx.t("effp.download"),
        buffer.getvalue(),
        file_name=f"evaluation_{year}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def render_site_enterprises(ctx: AppContext, kind: str, object_id: str) -> None:
    """The enterprises on a parcel (or tenants of a building) in the map's details panel."""
    years = _years(ctx.store, ctx.store.location, data_version(ctx.store))
    year = next((y for y in years if y <= ctx.as_of.year), None)
    if year is None:
        return
    rows = svc.enterprises_on(ctx.store, kind, object_id, year)
    if rows.empty:
        return
    title = "effp.parcel_enterprises" if kind == PARCELS else "effp.building_tenants"
    st.markdown(f"**{ctx.t(title, year=year)}**")
    shown, config = decimals_for_display(
        pd.DataFrame(
            {
                ctx.t("eff.col.name"): rows["name"],
                ctx.t("eff.col.credit_code"): rows["credit_code"],
                ctx.t("effp.col.role"): [ctx.t(f"effp.role.{r}") for r in rows["role"]],
                # A land user rents nothing: an empty cell, not "None".
                ctx.t("effp.col.rented"): [
                    "" if pd.isna(v) else f"{float(v):,.0f}"
                    for v in pd.to_numeric(rows["rented_m2"], errors="coerce")
                ],
                ctx.t("eff.col.scale"): [
                    ctx.t(f"eff.scale.{s}") if s in ("above", "below") else ""
                    for s in rows["scale"]
                ],
                ctx.t("effp.col.state"): [
                    ctx.t(f"eff.state.{s}") if isinstance(s, str) else "" for s in rows["state"]
                ],
                ctx.t("eff.col.land_mu"): pd.to_numeric(rows["land_mu"]).round(2),
                ctx.t("effp.col.tax"): pd.to_numeric(rows["tax"]).round(2),
                ctx.t("eff.col.tax_per_mu"): pd.to_numeric(rows["tax_per_mu"]).round(2),
                ctx.t("eff.col.class"): rows["class"].fillna(""),
            }
        )
    )
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
