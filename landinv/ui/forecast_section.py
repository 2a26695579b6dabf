"""The forecast on the dashboard (issue 11): both floors ahead, from the plan.

Its own module so the dashboard page only calls :func:`render`; every figure
comes from :func:`landinv.services.planning.scenario_forecast`, the function
``landinv forecast`` prints.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from landinv.analysis import FACTORY, READY_LAND
from landinv.labels import scenario_label
from landinv.planning.forecast import breach_lines
from landinv.services import planning as svc
from landinv.store import planning as plan_store
from landinv.ui.context import AppContext
from landinv.ui.data import data_version
from landinv.ui.formatting import fmt_area, fmt_share

KEY_SCENARIO = "fc_scenario"
KEY_MONTHS = "fc_months"
_RED = "#c62828"


def render(ctx: AppContext) -> None:
    """Draw the forecast section (scenario, horizon, chart, first breach, targets)."""
    st.divider()
    st.subheader(ctx.t("plan.ui.fc_title"))
    names = plan_store.scenarios(ctx.store)
    left, right = st.columns([2, 3])
    scenario = left.selectbox(
        ctx.t("plan.col.scenario"),
        names,
        key=ctx.choice_key(KEY_SCENARIO),
        format_func=lambda n: scenario_label(n, ctx.lang),
    )
    months = right.select_slider(
        ctx.t("plan.ui.fc_months"), [6, 12, 18, 24, 36], value=24, key=KEY_MONTHS
    )
    fc = _forecast(
        ctx.store,
        ctx.config,
        ctx.store.location,
        data_version(ctx.store),
        plan_store.plan_version(ctx.store),
        scenario or "plan",
        ctx.as_of,
        int(months),
    )
    caption = "plan.ui.fc_caption" if len(fc.events) else "plan.ui.fc_caption_none"
    st.caption(ctx.t(caption, date=ctx.as_of.isoformat(), n=len(fc.events)))
    found = breach_lines(fc, ctx.lang)
    if found:
        st.error(found[0], icon=":material/warning:")
        for line in found[1:]:
            st.markdown(f"- {line}")
    else:
        st.success(ctx.t("plan.no_breach"), icon=":material/check_circle:")
    cols = st.columns(2, gap="large")
    for column, key in zip(cols, (READY_LAND, FACTORY)):
        with column:
            st.altair_chart(_chart(ctx, fc, key), width="stretch")
    with st.expander(ctx.t("plan.ui.fc_table")):
        st.dataframe(_month_table(ctx, fc), hide_index=True, width="stretch")
        zones = fc.zones.copy()
        zones["zone"] = [ctx.zone_label(z) for z in zones["zone"]]
        pivot = zones.pivot(index="month", columns="zone", values="ready_land_mu")
        st.caption(ctx.t("plan.ui.fc_zones"))
        st.dataframe(pivot.style.format("{:,.2f}"), width="stretch")
    _render_targets(ctx, scenario or "plan")


@st.cache_data(show_spinner=False, max_entries=16)
def _forecast(_store, _config, location, version, plan_version, scenario, as_of, months):
    # Cached per store, data version and plan version: a rerun (a filter, the
    # language) does not recompute; any write to the inventory or the plan does.
    return svc.scenario_forecast(_store, _config, scenario=scenario, as_of=as_of, months=months)


def _chart(ctx: AppContext, fc, key: str) -> alt.LayerChart:
    column = "ready_land_mu" if key == READY_LAND else "factory_floor_area_m2"
    floor = fc.floors["ready_land_mu" if key == READY_LAND else "factory_floor_area_m2"]
    title = ctx.t("plan.col.ready" if key == READY_LAND else "plan.col.factory")
    data = pd.DataFrame(
        {"date": pd.to_datetime(fc.daily["date"]), "value": fc.daily[column].astype(float)}
    )
    low = min(float(data["value"].min()), floor)
    high = max(float(data["value"].max()), floor)
    pad = max((high - low) * 0.15, floor * 0.01)
    scale = alt.Scale(domain=[max(low - pad, 0), high + pad], zero=False)
    line = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", color="#1565c0", strokeDash=[5, 3])
        .encode(
            x=alt.X("date:T", title=ctx.t("plan.col.month"), axis=alt.Axis(format="%Y-%m")),
            y=alt.Y("value:Q", title=title, scale=scale),
            tooltip=[
                alt.Tooltip("date:T", format="%Y-%m-%d"),
                alt.Tooltip("value:Q", title=title, format=",.2f"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"floor": [floor]}))
        .mark_rule(color=_RED, size=2)
        .encode(y="floor:Q")
    )
    return alt.layer(line, rule).properties(height=260)


def _month_table(ctx: AppContext, fc) -> pd.DataFrame:
    m = fc.months
    return pd.DataFrame(
        {
            ctx.t("plan.col.month"): m["month"],
            ctx.t("plan.col.ready"): [f"{v:,.2f}" for v in m["ready_land_mu"]],
            ctx.t("plan.col.ready_min"): [f"{v:,.2f}" for v in m["ready_land_min_mu"]],
            ctx.t("plan.col.factory"): [f"{v:,.0f}" for v in m["factory_floor_area_m2"]],
            ctx.t("plan.col.ok"): [
                ctx.t("report.holds") if ok else ctx.t("report.breached") for ok in m["ok"]
            ],
        }
    )


def _render_targets(ctx: AppContext, scenario: str) -> None:
    progress = svc.progress(ctx.store, ctx.config, as_of=ctx.as_of, scenario=scenario)
    if not len(progress):
        return
    st.markdown(f"**{ctx.t('plan.ui.targets', year=ctx.as_of.year)}**")
    cols = st.columns(max(len(progress), 2), gap="large")
    for column, r in zip(cols, progress.itertuples(index=False)):
        where = r.area_zh if ctx.lang == "zh" else r.area_en
        what = r.category_zh if ctx.lang == "zh" else r.category_en
        with column.container(border=True):
            st.markdown(f"**{where} · {what}**")
            if r.area_missing:
                st.warning(ctx.t("plan.area_missing"))
            st.metric(
                ctx.t("plan.col.done_mu"),
                fmt_area(r.done_mu, "mu", ctx.lang),
            )
            st.progress(min(max(float(r.ratio_done or 0.0), 0.0), 1.0))
            st.caption(
                ctx.t(
                    "plan.ui.target_line",
                    target=fmt_area(r.target_mu, "mu", ctx.lang),
                    done=fmt_share(r.ratio_done),
                    forecast=fmt_area(r.forecast_mu, "mu", ctx.lang),
                    share=fmt_share(r.ratio_forecast),
                )
            )
