"""Dashboard: the two floors first, then where the land is and how it moved.

Everything shown comes from :func:`landinv.reports.inventory_report`, the same
report ``landinv check`` and ``landinv summary`` print, so the page and the CLI
can never disagree.

Size: one page, its sections sharing the page's context and keys; widgets
only, every figure from the analysis functions.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from landinv.analysis import (
    FACTORY,
    READY_LAND,
    REPORT_HEADERS,
    InventoryReport,
    zone_category_table,
)
from landinv.domain import STATUS_AVAILABLE, STATUS_SUPPLIED
from landinv.ui import forecast_section
from landinv.ui.context import AppContext
from landinv.ui.data import Timeline, load_report, load_timeline
from landinv.ui.formatting import fmt_area, fmt_mu, fmt_share

#: session_state key of the timeline span switch, and its two values.
KEY_SPAN = "dash_span"
SPAN_12M, SPAN_YEAR, SPAN_ALL = "12m", "year", "all"
SPANS = (SPAN_12M, SPAN_YEAR, SPAN_ALL)

#: session_state key of the zone x category table's "which parcels" switch; land
#: in stock first, as the headline counts it.
KEY_COUNTED = "dash_counted"
COUNTED = (STATUS_AVAILABLE, STATUS_SUPPLIED, "all")

_RED = "#c62828"
_GREEN = "#2e7d32"


def render(ctx: AppContext) -> None:
    """Draw the dashboard for ``ctx.as_of``."""
    report = load_report(ctx)
    st.title(ctx.t("dash.title"))
    st.caption(ctx.t("dash.as_of", date=ctx.as_of.isoformat()))
    if report.sample_data:
        st.caption(ctx.t("dash.sample"))
    _render_floors(ctx, report)
    _render_breakdown(ctx, report)
    _render_annual(ctx, report)
    timeline = _render_timeline(ctx, report)
    _render_breaches(ctx, report, timeline)
    # Issue 11: the forecast from the plan, kept in its own module.
    forecast_section.render(ctx)


# -- headline -----------------------------------------------------------------


def _render_floors(ctx: AppContext, report: InventoryReport) -> None:
    rules = {READY_LAND: "dash.ready_rule", FACTORY: "dash.factory_rule"}
    for column, check in zip(st.columns(2, gap="large"), report.checks):
        value = fmt_area(check.value, check.unit, ctx.lang)
        margin = fmt_area(abs(check.margin), check.unit, ctx.lang)
        margin_key = "dash.margin_above" if check.holds else "dash.margin_below"
        verdict = ctx.t("dash.holds") if check.holds else ctx.t("dash.breached")
        with column.container(border=True, key=f"floor_{check.key}"):
            st.badge(
                verdict,
                icon=":material/check_circle:" if check.holds else ":material/error:",
                color="green" if check.holds else "red",
            )
            st.metric(
                check.label(ctx.lang),
                value,
                delta=ctx.t(margin_key, margin=margin),
                delta_color="normal" if check.holds else "inverse",
                delta_arrow="up" if check.holds else "down",
            )
            floor = fmt_area(check.floor, check.unit, ctx.lang)
            st.caption(f"{ctx.t('dash.floor_of', floor=floor)} · {ctx.t(rules[check.key])}")


# -- zone x category ------------------------------------------------------------


def _render_breakdown(ctx: AppContext, report: InventoryReport) -> None:
    st.subheader(ctx.t("dash.breakdown"))
    summary = report.summary
    if len(summary) == 0:
        st.info(ctx.t("dash.empty"))
        return
    counted = (
        st.segmented_control(
            ctx.t("dash.counted"),
            COUNTED,
            key=KEY_COUNTED,
            default=COUNTED[0],
            format_func=lambda v: ctx.t(f"dash.counted_{v}"),
        )
        or COUNTED[0]
    )
    statuses = [s for s in ctx.statuses if counted == "all" or s == counted]
    keep = (
        summary["zone"].isin(ctx.zones)
        & summary["category"].isin(ctx.categories)
        & summary["status"].isin(statuses)
    )
    table = zone_category_table(summary[keep], ctx.config, lang=ctx.lang)
    table = table[
        (table["zone_code"].isna() | table["zone_code"].isin(ctx.zones))
        & (table["category_code"].isna() | table["category_code"].isin(ctx.categories))
    ]
    st.caption(ctx.t("dash.breakdown_filtered"))
    area_tab, count_tab, detail_tab = st.tabs(
        [ctx.t("dash.area_mu_tab"), ctx.t("dash.count_tab"), ctx.t("dash.detail_tab")]
    )
    with area_tab:
        st.dataframe(_pivot(ctx, table, "area_mu"), width="stretch")
    with count_tab:
        st.dataframe(_pivot(ctx, table, "count"), width="stretch")
    with detail_tab:
        detail = table[["zone", "category", "count", "area_mu", "area_m2", "area_ha"]]
        styled = detail.rename(columns=_headers(ctx)).style.format(
            {_headers(ctx)[c]: "{:,.2f}" for c in ("area_mu", "area_m2", "area_ha")}
        )
        st.dataframe(styled, hide_index=True, width="stretch")


def _pivot(ctx: AppContext, table: pd.DataFrame, value: str):
    """Zones down, categories across, with a subtotal column and an all-zones row."""
    cells = table.copy()
    subtotal = ctx.t("dash.subtotal")
    all_zones = cells.loc[cells["row_type"] == "category_total", "zone"]
    if len(all_zones):
        # The grand total is the all-zones row's subtotal cell.
        cells.loc[cells["row_type"] == "grand_total", "zone"] = all_zones.iloc[0]
    cells["column"] = cells["category"].where(
        cells["row_type"].isin(["detail", "category_total"]), subtotal
    )
    pivot = cells.pivot_table(
        index="zone", columns="column", values=value, aggfunc="sum", sort=False
    )
    order = list(dict.fromkeys(table.loc[table["row_type"] == "detail", "category"]))
    pivot = pivot.reindex(columns=[*order, subtotal])
    pivot.index.name = ctx.t("dash.zone")
    pivot.columns.name = None
    fmt = "{:,.0f}" if value == "count" else "{:,.2f}"
    return pivot.style.format(fmt, na_rep="–")


def _headers(ctx: AppContext) -> dict:
    from landinv.schema import header

    return {
        "zone": ctx.t("dash.zone"),
        "category": header("category", ctx.lang),
        "count": ctx.t("dash.count_tab"),
        "area_mu": header("area_mu", ctx.lang),
        "area_m2": header("area_m2", ctx.lang),
        "area_ha": header("area_ha", ctx.lang),
    }


# -- annual figures -------------------------------------------------------------


def _render_annual(ctx: AppContext, report: InventoryReport) -> None:
    year = report.annual_year or report.as_of.year
    st.subheader(ctx.t("dash.annual", year=year))
    annual = report.annual
    if len(annual) == 0:
        st.info(ctx.t("dash.annual_none", year=year))
        return
    until = report.annual_until or report.as_of
    st.caption(ctx.t("dash.annual_until", until=until.isoformat()))
    for column, row in zip(st.columns(max(len(annual), 2), gap="large"), annual.itertuples()):
        label = row.category_en if ctx.lang == "en" else row.category_zh
        with column.container(border=True):
            st.metric(label, fmt_mu(row.area_mu, ctx.lang))
            ratio = 0.0 if pd.isna(row.ratio) else float(row.ratio)
            st.progress(
                min(max(ratio, 0.0), 1.0),
                text=ctx.t(
                    "dash.annual_progress",
                    done=f"{row.area_mu:,.1f}",
                    target=f"{row.target_mu:,.0f}",
                    share=fmt_share(ratio),
                ),
            )


# -- timeline -------------------------------------------------------------------


def span_start(span: str, as_of: dt.date) -> dt.date | None:
    """First day of the timeline span ``span`` ending at ``as_of`` (None: all)."""
    if span == SPAN_YEAR:
        return dt.date(as_of.year, 1, 1)
    if span == SPAN_ALL:
        return None
    return as_of - dt.timedelta(days=365)


def _render_timeline(ctx: AppContext, report: InventoryReport) -> Timeline:
    st.subheader(ctx.t("dash.timeline"))
    span = st.segmented_control(
        ctx.t("dash.span"),
        SPANS,
        key=KEY_SPAN,
        default=SPAN_12M,
        format_func=lambda v: ctx.t(f"dash.span_{v}"),
        label_visibility="collapsed",
    )
    timeline = load_timeline(ctx, span_start(span or SPAN_12M, ctx.as_of))
    st.caption(
        ctx.t("dash.timeline_span", start=timeline.start.isoformat(), end=timeline.end.isoformat())
    )
    left, right = st.columns(2, gap="large")
    for column, check in zip((left, right), report.checks):
        with column:
            st.altair_chart(_stock_chart(ctx, timeline, check), width="stretch")
    return timeline


def _stock_chart(ctx: AppContext, timeline: Timeline, check) -> alt.LayerChart:
    """Daily stock as a step line, the floor as a dashed rule, events as dots."""
    key, floor = check.key, check.floor
    column = "ready_land_mu" if key == READY_LAND else "factory_floor_area_m2"
    title = ctx.t("dash.ready_axis" if key == READY_LAND else "dash.factory_axis")
    series = timeline.series
    data = pd.DataFrame(
        {"date": pd.to_datetime(series["date"]), "value": series[column].astype(float)}
    )
    low = min(float(data["value"].min()), floor)
    high = max(float(data["value"].max()), floor)
    pad = max((high - low) * 0.15, floor * 0.01)
    y_scale = alt.Scale(domain=[max(low - pad, 0), high + pad], zero=False)
    x = alt.X("date:T", title=ctx.t("dash.date_axis"), axis=alt.Axis(format="%Y-%m-%d"))
    line = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", color="#1565c0")
        .encode(
            x=x,
            y=alt.Y("value:Q", title=title, scale=y_scale),
            tooltip=[
                alt.Tooltip("date:T", title=ctx.t("dash.date_axis"), format="%Y-%m-%d"),
                alt.Tooltip("value:Q", title=title, format=",.2f"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"floor": [floor]}))
        .mark_rule(color=_RED, strokeDash=[6, 4], size=2)
        .encode(
            y="floor:Q",
            tooltip=[alt.Tooltip("floor:Q", title=ctx.t("dash.floor_line"), format=",.0f")],
        )
    )
    layers = [line, rule]
    events = timeline.events
    mine = events[events["stock"] == key] if len(events) else events
    if len(mine):
        points = pd.DataFrame(
            {
                "date": pd.to_datetime(mine["date"]),
                "value": mine["stock_after"].astype(float),
                "event": mine["description_en" if ctx.lang == "en" else "description_zh"],
                "below": mine["stock_after"].astype(float) < floor,
            }
        )
        layers.append(
            alt.Chart(points)
            .mark_point(filled=True, size=45)
            .encode(
                x="date:T",
                y="value:Q",
                color=alt.Color(
                    "below:N",
                    scale=alt.Scale(domain=[False, True], range=[_GREEN, _RED]),
                    legend=None,
                ),
                tooltip=[
                    alt.Tooltip("date:T", title=ctx.t("dash.date_axis"), format="%Y-%m-%d"),
                    alt.Tooltip("event:N", title=ctx.t("dash.event")),
                    alt.Tooltip("value:Q", title=title, format=",.2f"),
                ],
            )
        )
    return alt.layer(*layers).properties(height=300)


# -- breaches and the events behind them ------------------------------------------


def breach_events(events: pd.DataFrame, key: str, breach) -> pd.DataFrame:
    """Events of stock ``key`` behind one breach: those of its first day (they
    took the stock below the floor), those during it, and those of the day
    after its last day (they brought it back)."""
    if len(events) == 0:
        return events
    after_end = breach.end + dt.timedelta(days=1)
    dates = events["date"]
    return events[(events["stock"] == key) & (dates >= breach.start) & (dates <= after_end)]


def first_reached(series: pd.DataFrame, column: str, floor: float) -> dt.date | None:
    """The first day the stock in ``column`` stood at or above ``floor`` (None: never)."""
    if series is None or len(series) == 0:
        return None
    above = series[series[column].astype(float) >= floor]
    return pd.to_datetime(above["date"].iloc[0]).date() if len(above) else None


def _events_text(events: pd.DataFrame, description: str, sep: str) -> str:
    return sep.join(str(text) for text in events[description].tolist()) if len(events) else ""


def breach_rows(
    ctx: AppContext, report: InventoryReport, timeline: Timeline, history: Timeline
) -> list[dict]:
    """One row per breach after the stock first reached its floor: when it
    began and ended, how many days it lasted, the lowest value, the events
    that took the stock below (on its first day) and those that brought it
    back (the day after its last day). Runs before the stock first reached
    the floor are the inventory being built up, not breaches."""
    events = timeline.events
    description = "description_en" if ctx.lang == "en" else "description_zh"
    sep = ctx.t("view.sep")
    rows = []
    for check in report.checks:
        column = "ready_land_mu" if check.key == READY_LAND else "factory_floor_area_m2"
        reached = first_reached(history.series, column, check.floor)
        for breach in timeline.breaches.get(check.key, []):
            if reached is None or breach.end < reached:
                continue
            still = breach.end >= timeline.end
            mine = events[events["stock"] == check.key] if len(events) else events
            dates = mine["date"] if len(mine) else pd.Series(dtype=object)
            caused = mine[dates == breach.start] if len(mine) else mine
            ended = mine[dates == breach.end + dt.timedelta(days=1)] if len(mine) else mine
            rows.append(
                {
                    "check": check,
                    "breach": breach,
                    "still": still,
                    ctx.t("dash.b_floor"): check.label(ctx.lang),
                    ctx.t("dash.b_start"): breach.start.isoformat(),
                    ctx.t("dash.b_end"): ctx.t("dash.b_open") if still else breach.end.isoformat(),
                    ctx.t("dash.b_days"): (breach.end - breach.start).days + 1,
                    ctx.t("dash.b_low"): fmt_area(breach.min_value, check.unit, ctx.lang),
                    ctx.t("dash.b_caused"): _events_text(caused, description, sep),
                    ctx.t("dash.b_ended"): "" if still else _events_text(ended, description, sep),
                }
            )
    return rows


def _render_breaches(ctx: AppContext, report: InventoryReport, timeline: Timeline) -> None:
    st.subheader(ctx.t("dash.breaches"))
    events = timeline.events
    description = "description_en" if ctx.lang == "en" else "description_zh"
    history = load_timeline(ctx, None)
    rows = breach_rows(ctx, report, timeline, history)
    if rows:
        shown = pd.DataFrame(
            [{k: v for k, v in r.items() if k not in ("check", "breach", "still")} for r in rows]
        )
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={
                ctx.t("dash.b_caused"): st.column_config.TextColumn(width="medium"),
                ctx.t("dash.b_ended"): st.column_config.TextColumn(width="medium"),
            },
        )
        for row in rows:
            check, breach = row["check"], row["breach"]
            behind = breach_events(events, check.key, breach)
            if len(behind):
                with st.expander(
                    ctx.t(
                        "dash.b_events",
                        label=check.label(ctx.lang),
                        start=breach.start.isoformat(),
                        n=len(behind),
                    )
                ):
                    st.dataframe(
                        _event_table(ctx, behind, description), hide_index=True, width="stretch"
                    )
    else:
        st.success(ctx.t("dash.no_breach", start=timeline.start.isoformat()))
    reached = [
        (
            check,
            first_reached(
                history.series,
                "ready_land_mu" if check.key == READY_LAND else "factory_floor_area_m2",
                check.floor,
            ),
        )
        for check in report.checks
    ]
    st.caption(  # one sentence per floor; Chinese needs no space after "。"
        ("" if ctx.lang == "zh" else " ").join(
            ctx.t("dash.reached", label=check.label(ctx.lang), date=day.isoformat())
            if day
            else ctx.t("dash.never_reached", label=check.label(ctx.lang))
            for check, day in reached
        )
    )
    with st.expander(ctx.t("dash.events_all", n=len(events))):
        if len(events) == 0:
            st.write(ctx.t("dash.no_events"))
        else:
            st.dataframe(_event_table(ctx, events, description), hide_index=True, width="stretch")


def _event_table(ctx: AppContext, events: pd.DataFrame, description: str) -> pd.DataFrame:
    def head(name):
        zh, en = REPORT_HEADERS[name]
        return en if ctx.lang == "en" else zh

    return pd.DataFrame(
        {
            head("date"): events["date"].astype(str),
            head("object_id"): events["object_id"],
            ctx.t("dash.event"): events[description],
            head("stock_after"): events["stock_after"].astype(float).round(2),
            head("unit"): events["unit"].map({"mu": ctx.t("common.mu"), "m2": ctx.t("common.m2")}),
        }
    )
