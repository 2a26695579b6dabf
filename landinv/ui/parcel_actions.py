"""Actions in a parcel's details on the map: supply, correct or take back, edit; its history.

The acts are those of the History page (:mod:`landinv.ui.changes_panel`), here
with the parcel already chosen by the click on the map. An edit of the
attributes (name, land-use code, project, zone) is a new version from its
date, with who/when/why in the parcel's history (:func:`landinv.services.edits.parcel_history`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from landinv.domain import READY, STATUS_AVAILABLE, STATUS_SUPPLIED, m2_to_mu
from landinv.i18n import has, tr
from landinv.schema import header
from landinv.services import edits
from landinv.ui import changes_panel, outline_editor
from landinv.ui.auth_gate import require_editor
from landinv.ui.context import AppContext
from landinv.ui.data import clear_caches
from landinv.ui.feedback import show_error

#: Widget-key prefix of the map's panel (History uses "hist").
PREFIX = "map"
EDIT = "edit"


def render_actions(ctx: AppContext, parcel_id: str) -> None:
    """The acts that fit the parcel's state today, for an editor."""
    changes_panel.show_flash(PREFIX)
    current = changes_panel.current_parcels(ctx)
    now = current[current["parcel_id"] == parcel_id]
    if len(now) == 0:
        return
    now = now.iloc[0]
    st.markdown(f"**{ctx.t('chg.actions')}**")
    if not require_editor(ctx):
        return
    tabs, acts = [], []
    if now["status"] == STATUS_AVAILABLE and now["category"] == READY:
        tabs.append(ctx.t("hist.supply"))
        acts.append("supply")
    if now["status"] == STATUS_SUPPLIED:
        tabs += [ctx.t("chg.take_back"), ctx.t("chg.correct")]
        acts += ["takeback", "correct"]
    tabs.append(ctx.t("chg.edit"))
    acts.append("edit")
    for tab, act in zip(st.tabs(tabs), acts):
        with tab:
            if act == "supply":
                changes_panel.render_supply(ctx, prefix=PREFIX, parcel_id=parcel_id)
            elif act == "takeback":
                changes_panel.render_reverse(
                    ctx, changes_panel.TAKE_BACK, prefix=PREFIX, parcel_id=parcel_id
                )
            elif act == "correct":
                changes_panel.render_reverse(
                    ctx, changes_panel.CORRECT, prefix=PREFIX, parcel_id=parcel_id
                )
            else:
                render_edit(ctx, parcel_id, now)
    # Not in a tab: a map drawn inside a hidden tab gets no size and stays blank.
    if st.toggle(ctx.t("chg.outline_tab"), key=f"{PREFIX}_outline_on_{parcel_id}"):
        outline_editor.render(ctx, parcel_id)


def render_edit(ctx: AppContext, parcel_id: str, now: pd.Series) -> None:
    """Correct name, land-use code, project and zone: a new version with who/when/why."""
    k = lambda name: changes_panel.key(PREFIX, EDIT, f"{name}_{parcel_id}")  # noqa: E731
    name = st.text_input(header("name", ctx.lang), value=_plain(now["name"]), key=k("name"))
    code = st.text_input(
        header("land_use_code", ctx.lang), value=_plain(now["land_use_code"]), key=k("code")
    )
    project = st.text_input(
        header("project", ctx.lang), value=_plain(now["project"]), key=k("project")
    )
    zones = list(ctx.config.zone_codes)
    zone = st.selectbox(
        header("zone", ctx.lang),
        zones,
        index=zones.index(now["zone"]) if now["zone"] in zones else 0,
        format_func=ctx.zone_label,
        key=ctx.choice_key(k("zone")),
    )
    start = dt.date.fromisoformat(str(now["valid_from"])[:10])
    date = st.date_input(ctx.t("chg.edit_date"), value=max(ctx.as_of, start), key=k("date"))
    reason = st.text_input(
        ctx.t("chg.reason"), key=k("reason"), placeholder=ctx.t("chg.edit_reason_placeholder")
    )
    if not st.button(ctx.t("chg.edit_save"), key=k("save"), icon=":material/edit:"):
        return
    if not reason.strip():
        st.error(ctx.t("chg.need_reason"))
        return
    fields = {"name": name, "land_use_code": code, "project": project, "zone": zone}
    try:
        out = edits.edit_parcel(
            ctx.store, ctx.config, parcel_id, reason=reason, date=date, user=ctx.user, fields=fields
        )
    except Exception as exc:  # noqa: BLE001 - shown, store unchanged (one transaction)
        show_error(exc, ctx.lang)
        return
    st.session_state[f"{PREFIX}_{EDIT}_v"] = changes_panel.version(PREFIX, EDIT) + 1
    st.session_state[f"{PREFIX}_chg_flash"] = ctx.md(
        "chg.edit_done",
        parcel=parcel_id,
        date=date.isoformat(),
        fields=", ".join(edits.field_label(c, ctx.lang) for c in out["changed"]),
    )
    clear_caches()
    st.rerun()


def _plain(value) -> str:
    """A stored text value for an input box ('' for missing, never 'nan')."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def history_table(ctx: AppContext, parcel_id: str) -> pd.DataFrame:
    """Every version of the parcel, oldest first, with the act, who, when and why."""
    history = edits.parcel_history(ctx.store, parcel_id)
    if len(history) == 0:
        return history

    def act(row):
        code = f"hist.action.{row['action']}"
        label = tr(code, ctx.lang) if has(code) else str(row["action"])
        return label if row["in_effect"] else f"{label} · {ctx.t('chg.never_in_effect')}"

    changed = [
        ", ".join(edits.field_label(c.strip(), ctx.lang) for c in str(v).split(",") if c.strip())
        for v in history["changed"]
    ]
    return pd.DataFrame(
        {
            header("valid_from", ctx.lang): history["valid_from"].astype(str),
            header("valid_to", ctx.lang): history["valid_to"].fillna("").astype(str),
            ctx.t("chg.col_act"): [act(r) for r in history.to_dict("records")],
            ctx.t("chg.col_changed"): changed,
            header("status", ctx.lang): history["status"].map(ctx.status_label),
            header("project", ctx.lang): [_plain(v) for v in history["project"]],
            header("name", ctx.lang): [_plain(v) for v in history["name"]],
            header("land_use_code", ctx.lang): [_plain(v) for v in history["land_use_code"]],
            header("area_mu", ctx.lang): m2_to_mu(history["area_m2"].astype(float)).round(2),
            ctx.t("chg.col_by"): [_plain(v) for v in history["user_name"]],
            ctx.t("chg.col_at"): history["created_at"]
            .fillna("")
            .astype(str)
            .str[:16]
            .str.replace("T", " "),
            ctx.t("chg.col_why"): [_plain(v) for v in history["reason"]],
        }
    )
