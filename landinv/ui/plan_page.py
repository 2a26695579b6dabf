"""Plan editor (issue 11): planned events by scenario — list, add, drop, import, what-if.

Widgets only: every action is a function of :mod:`landinv.services.planning`
or :mod:`landinv.store.planning` (one transaction each), the same ones the
``landinv plan`` commands call. Refusals (a date in the past, a parcel already
supplied, planned twice, a new parcel overlapping stock) are shown in both
languages and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from landinv.domain import PARCELS, READY, STATUS_AVAILABLE, m2_to_mu
from landinv.labels import scenario_label
from landinv.services import planning as svc
from landinv.services.monthly_report import monthly_report_bytes
from landinv.store import planning as plan_store
from landinv.ui.auth_gate import require_editor
from landinv.ui.context import AppContext
from landinv.ui.data import clear_caches, load_layer
from landinv.ui.feedback import show_error
from landinv.ui.formatting import fmt_area

KEY_SCENARIO = "plan_scenario"
KEY_FLASH = "plan_flash"
KINDS = plan_store.KINDS


def render(ctx: AppContext) -> None:
    """Draw the plan editor."""
    st.title(ctx.t("plan.ui.title"))
    st.caption(ctx.t("plan.ui.intro"))
    flash = st.session_state.pop(KEY_FLASH, None)
    if flash:
        st.success(flash)
    names = plan_store.scenarios(ctx.store)
    scenario = (
        st.selectbox(
            ctx.t("plan.col.scenario"),
            names,
            key=ctx.choice_key(KEY_SCENARIO),
            format_func=lambda n: scenario_label(n, ctx.lang),
        )
        or plan_store.DEFAULT_SCENARIO
    )
    events = plan_store.plan_events(ctx.store, scenario=scenario)
    if len(events):
        st.dataframe(event_table(ctx, events), hide_index=True, width="stretch")
    else:  # not an empty grid saying "empty" in English
        st.caption(ctx.t("plan.ui.none"))
    fc = svc.scenario_forecast(ctx.store, ctx.config, scenario=scenario, as_of=ctx.as_of, months=24)
    if fc.first_breach is None:
        st.success(ctx.t("plan.no_breach"), icon=":material/check_circle:")
    else:
        b = fc.first_breach
        st.error(
            ctx.t(
                f"plan.first_breach.{b['floor']}",
                month=b["month"],
                shortfall=f"{b['shortfall']:,.2f}",
            ),
            icon=":material/warning:",
        )
    with st.expander(ctx.t("plan.ui.history")):
        hist = plan_store.plan_events(ctx.store, scenario=scenario, history=True)
        if len(hist):
            st.dataframe(event_table(ctx, hist, history=True), hide_index=True, width="stretch")
        else:
            st.caption(ctx.t("plan.ui.none"))
    st.divider()
    add, other = st.columns([3, 2], gap="large")
    with add:
        st.subheader(ctx.t("plan.ui.add"))
        if require_editor(ctx):
            _render_add(ctx, scenario)
    with other:
        st.subheader(ctx.t("plan.ui.drop"))
        if require_editor(ctx):
            _render_drop(ctx, events)
        st.subheader(ctx.t("plan.ui.copy"))
        if require_editor(ctx):
            _render_copy(ctx, scenario)
        st.subheader(ctx.t("plan.ui.import"))
        if require_editor(ctx):
            _render_import(ctx, scenario)
    st.divider()
    _render_report(ctx, scenario)


def event_table(ctx: AppContext, events: pd.DataFrame, *, history: bool = False) -> pd.DataFrame:
    """Planned events with headers and values in the page language."""
    today = dt.date.today().isoformat()
    rows = {
        ctx.t("plan.col.event"): events["event_id"],
        ctx.t("plan.col.kind"): [ctx.t(f"plan.kind.{k}") for k in events["kind"]],
        ctx.t("plan.col.date"): [
            d + (f" ({ctx.t('plan.overdue')})" if d < today and s == "planned" else "")
            for d, s in zip(events["date"], events["state"])
        ],
        ctx.t("plan.col.object"): events["object_id"].fillna(""),
        ctx.t("plan.col.project"): events["project"].fillna(""),
        ctx.t("plan.col.zone"): [
            ctx.zone_label(z) if isinstance(z, str) else "" for z in events["zone"]
        ],
        ctx.t("plan.ui.floor_area"): [
            f"{v:+,.0f}" if v == v and v is not None else "" for v in events["floor_area_m2"]
        ],
        ctx.t("plan.col.state"): [ctx.t(f"plan.state.{s}") for s in events["state"]],
        ctx.t("plan.ui.user"): events["user_name"].fillna(""),
    }
    if history:
        rows[ctx.t("plan.ui.version")] = events["version"]
        rows[ctx.t("plan.ui.recorded")] = events["created_at"]
    return pd.DataFrame(rows)


def _render_add(ctx: AppContext, scenario: str) -> None:
    kind = st.radio(
        ctx.t("plan.col.kind"),
        KINDS,
        horizontal=True,
        format_func=lambda k: ctx.t(f"plan.kind.{k}"),
        key=ctx.choice_key("plan_add_kind"),
    )
    parcels = load_layer(ctx, PARCELS, geometry=False)
    event: dict = {"kind": kind, "scenario": scenario}
    with st.form("plan_add_form", border=True):
        if kind in ("supply", "ready"):
            pool = parcels[parcels["status"] == STATUS_AVAILABLE]
            if kind == "supply":  # ready land first: the usual supply
                pool = pool.assign(_other=pool["category"] != READY).sort_values(
                    ["_other", "parcel_id"]
                )
            else:
                pool = pool[pool["category"] != READY].sort_values("parcel_id")
            labels = {
                r.parcel_id: f"{r.parcel_id} · {ctx.category_label(r.category)} · "
                f"{fmt_area(m2_to_mu(float(r.area_m2)), 'mu', ctx.lang)}"
                for r in pool.itertuples()
            }
            event["object_id"] = st.selectbox(
                ctx.t("plan.col.object"),
                list(labels),
                format_func=labels.get,
                key=ctx.choice_key("plan_add_parcel"),
            )
        if kind == "supply":
            event["project"] = st.text_input(ctx.t("plan.col.project"), key="plan_add_project")
        if kind == "new":
            event["object_id"] = st.text_input(ctx.t("plan.ui.new_id"), key="plan_add_new_id")
            outline = st.file_uploader(
                ctx.t("plan.ui.outline"),
                type=["gpkg", "geojson", "json", "zip", "kml"],
                key="plan_add_outline",
            )
        if kind == "building":
            event["object_id"] = (
                st.text_input(ctx.t("plan.ui.building_id"), key="plan_add_bid") or None
            )
            area = st.number_input(
                ctx.t("plan.ui.floor_area"),
                min_value=0.0,
                step=1000.0,
                value=10000.0,
                key="plan_add_area",
            )
            demolish = st.checkbox(ctx.t("plan.ui.demolish"), key="plan_add_demolish")
            event["floor_area_m2"] = -area if demolish else area
        if kind in ("new", "building"):
            zones = list(ctx.config.zone_codes)
            event["zone"] = st.selectbox(
                ctx.t("plan.col.zone"),
                zones,
                format_func=ctx.zone_label,
                key=ctx.choice_key("plan_add_zone"),
            )
        event["date"] = st.date_input(
            ctx.t("plan.col.date"),
            value=dt.date.today() + dt.timedelta(days=30),
            key="plan_add_date",
        )
        event["note"] = st.text_input(ctx.t("plan.ui.note"), key="plan_add_note") or None
        submitted = st.form_submit_button(ctx.t("plan.ui.add_submit"), icon=":material/add_task:")
    if not submitted:
        return
    try:
        if kind == "new":
            event["geometry"] = _outline(ctx, outline)
        event_id = svc.add_planned(ctx.store, ctx.config, event, user=ctx.user)
    except Exception as exc:  # noqa: BLE001 - shown; nothing stored (one transaction)
        show_error(exc, ctx.lang)
        return
    clear_caches()
    st.session_state[KEY_FLASH] = ctx.t("plan.added", event=event_id)
    st.rerun()


def _outline(ctx: AppContext, upload):
    """The uploaded outline file as one geometry (refused bilingually when missing)."""
    if upload is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        return svc.read_outline(path)


def _render_drop(ctx: AppContext, events: pd.DataFrame) -> None:
    live = events[events["state"] == plan_store.STATE_PLANNED]
    if not len(live):
        st.caption(ctx.t("plan.ui.none"))
        return
    labels = {
        r.event_id: f"{r.event_id} · {ctx.t(f'plan.kind.{r.kind}')} · "
        f"{r.object_id or ''} · {r.date}"
        for r in live.itertuples()
    }
    with st.form("plan_drop_form", border=False):
        event_id = st.selectbox(
            ctx.t("plan.col.event"),
            list(labels),
            format_func=labels.get,
            key=ctx.choice_key("plan_drop_event"),
        )
        note = st.text_input(ctx.t("plan.ui.note"), key="plan_drop_note") or None
        submitted = st.form_submit_button(
            ctx.t("plan.ui.drop_submit"), icon=":material/event_busy:"
        )
    if submitted:
        try:
            plan_store.revise_event(ctx.store, event_id, user=ctx.user, drop=True, note=note)
        except Exception as exc:  # noqa: BLE001
            show_error(exc, ctx.lang)
            return
        st.session_state[KEY_FLASH] = ctx.t("plan.dropped", event=event_id)
        st.rerun()


def _render_copy(ctx: AppContext, scenario: str) -> None:
    with st.form("plan_copy_form", border=False):
        name = st.text_input(ctx.t("plan.ui.copy_name"), key="plan_copy_name")
        submitted = st.form_submit_button(
            ctx.t("plan.ui.copy_submit"), icon=":material/content_copy:"
        )
    if submitted:
        try:
            n = plan_store.copy_scenario(ctx.store, scenario, name.strip(), user=ctx.user)
        except Exception as exc:  # noqa: BLE001
            show_error(exc, ctx.lang)
            return
        st.session_state[KEY_FLASH] = ctx.t("plan.copied", n=n, name=name.strip())
        st.session_state[KEY_SCENARIO] = name.strip()
        st.rerun()


def _render_import(ctx: AppContext, scenario: str) -> None:
    upload = st.file_uploader(ctx.t("plan.ui.import_file"), type=["xlsx"], key="plan_import")
    if upload is None:
        st.caption(ctx.t("plan.ui.import_hint"))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            checked = svc.import_plan(ctx.store, ctx.config, path, scenario=scenario, dry_run=True)
        except Exception as exc:  # noqa: BLE001
            show_error(exc, ctx.lang)
            return
        st.info(ctx.t("plan.dry_run", n=len(checked["events"])))
        if st.button(
            ctx.t("plan.ui.import_submit"), key="plan_import_go", icon=":material/upload_file:"
        ):
            try:
                done = svc.import_plan(
                    ctx.store, ctx.config, path, scenario=scenario, user=ctx.user
                )
            except Exception as exc:  # noqa: BLE001
                show_error(exc, ctx.lang)
                return
            st.session_state[KEY_FLASH] = ctx.t("plan.imported", n=len(done["event_ids"]))
            st.rerun()


def _render_report(ctx: AppContext, scenario: str) -> None:
    """The monthly Word report for a chosen month, made on request and downloaded."""
    st.subheader(ctx.t("plan.ui.report"))
    this = ctx.as_of.replace(day=1)
    choices = [this]
    for _ in range(23):
        prev = choices[-1] - dt.timedelta(days=1)
        choices.append(prev.replace(day=1))
    left, right = st.columns([2, 3])
    month = left.selectbox(
        ctx.t("plan.ui.report_month"),
        choices,
        format_func=lambda d: d.strftime("%Y-%m"),
        key="plan_report_month",
    )
    right.caption(ctx.md("plan.ui.report_hint", scenario=scenario_label(scenario, ctx.lang)))
    if st.button(
        ctx.t("plan.ui.report_make"), key="plan_report_make", icon=":material/description:"
    ):
        try:
            st.session_state["plan_report_docx"] = (
                month,
                monthly_report_bytes(
                    ctx.store, ctx.config, month, lang=ctx.lang, scenario=scenario
                ),
            )
        except Exception as exc:  # noqa: BLE001
            show_error(exc, ctx.lang)
            return
    made = st.session_state.get("plan_report_docx")
    if made and made[0] == month:
        st.download_button(
            ctx.t("plan.ui.report_download"),
            made[1],
            file_name=ctx.t("plan.ui.report_file", month=month.strftime("%Y-%m")),
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            key="plan_report_download",
            icon=":material/download:",
        )
