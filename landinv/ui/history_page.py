"""History: the import log, parcel status changes, undo, supply and category changes.

Reading is open to everyone. Undoing an import, recording a supply and
recording a category change need an editor (see :mod:`landinv.ui.auth_gate`);
undo asks for confirmation first and says what it will take out of the two
floors. The writes go through :mod:`landinv.services.changes` (the CLI's calls),
each one transaction of the store.

Size: one page of four sections (imports, status changes, undo, acts) sharing
the page's filters and keys; widgets only.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from landinv.analysis import FACTORY, READY_LAND, event_label
from landinv.domain import BUILDINGS, PARCELS, READY, STATUS_AVAILABLE, m2_to_mu
from landinv.i18n import has, tr
from landinv.schema import header, sample_import_mask
from landinv.services import changes
from landinv.services.changes import SUPPLY_LIVE, supply_records
from landinv.ui import changes_panel
from landinv.ui.auth_gate import require_editor
from landinv.ui.context import AppContext
from landinv.ui.data import clear_caches, load_layer, load_report, load_timeline
from landinv.ui.feedback import show_error
from landinv.ui.formatting import fmt_area
from landinv.ui.tables import versions_table

#: session_state keys of the undo confirmation step.
KEY_UNDO_PENDING = "undo_pending"
KEY_FLASH = "history_flash"
#: Widget-key prefix of this page's supply / correct / take-back panel.
PANEL = "hist"


def _action_label(action: str, lang: str) -> str:
    code = f"hist.action.{action}"
    return tr(code, lang) if has(code) else action


def _one_kind(kind: str, lang: str) -> str:
    code = f"hist.kind.{kind}"
    return tr(code, lang) if has(code) else kind


def render(ctx: AppContext) -> None:
    """Draw the history page."""
    st.title(ctx.t("hist.title"))
    flash = st.session_state.pop(KEY_FLASH, None)
    if flash:
        st.success(flash)
    changes_panel.show_flash(PANEL)
    imports = ctx.store.imports()
    changes = ctx.store.changes()

    st.subheader(ctx.t("chg.records"))
    records = supply_records(changes)
    if len(records) == 0:
        st.caption(ctx.t("chg.no_records"))
    else:
        st.caption(ctx.t("chg.records_note"))
        st.dataframe(
            supply_table(ctx, records), hide_index=True, width="stretch", key="hist_supply_records"
        )

    st.subheader(ctx.t("hist.imports"))
    if len(imports) == 0:
        st.caption(ctx.t("hist.no_imports"))
    else:
        st.dataframe(import_table(ctx, imports), hide_index=True, width="stretch")

    st.subheader(ctx.t("hist.status_changes"))
    status = status_changes(load_timeline(ctx, None).events)
    if len(status) == 0:
        st.caption(ctx.t("hist.no_changes"))
    else:
        st.caption(ctx.t("hist.status_note", date=ctx.as_of.isoformat()))
        st.dataframe(status_table(ctx, status), hide_index=True, width="stretch")
    with st.expander(ctx.t("hist.all_changes", n=len(changes))):
        st.dataframe(change_table(ctx, changes), hide_index=True, width="stretch")

    if ctx.search:
        _render_parcel_history(ctx)

    st.divider()
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(ctx.t("hist.undo"))
        if require_editor(ctx):
            _render_undo(ctx, imports)
    with right:
        st.subheader(ctx.t("hist.supply"))
        if require_editor(ctx):
            changes_panel.render_supply(ctx, prefix=PANEL)
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(ctx.t("chg.correct"))
        if require_editor(ctx):
            changes_panel.render_reverse(ctx, changes_panel.CORRECT, prefix=PANEL)
    with right:
        st.subheader(ctx.t("chg.take_back"))
        if require_editor(ctx):
            changes_panel.render_reverse(ctx, changes_panel.TAKE_BACK, prefix=PANEL)
    st.subheader(ctx.t("hist.reclassify"))
    if require_editor(ctx):
        _render_reclassify(ctx)


# -- tables -----------------------------------------------------------------------


def import_table(ctx: AppContext, imports: pd.DataFrame) -> pd.DataFrame:
    """The import log with headers and values in the page language."""
    lang = ctx.lang
    state = [
        ctx.t("hist.undone", when=str(at)[:16].replace("T", " "))
        if pd.notna(at) and at
        else ctx.t("hist.live")
        for at in imports["undone_at"]
    ]
    return (
        pd.DataFrame(
            {
                ctx.t("hist.col_time"): imports["created_at"]
                .astype(str)
                .str[:19]
                .str.replace("T", " "),
                ctx.t("hist.col_effective"): imports["effective_date"].astype(str),
                ctx.t("hist.col_import"): imports["import_id"],
                ctx.t("hist.col_kind"): [_kind_label(k, lang) for k in imports["kind"]],
                ctx.t("hist.col_file"): imports["file_name"],
                ctx.t("hist.col_features"): imports["n_features"],
                ctx.t("hist.col_crs"): imports["source_crs"],
                ctx.t("hist.col_encoding"): imports["encoding"],
                ctx.t("hist.col_user"): imports["user_name"],
                ctx.t("hist.col_state"): state,
            }
        )
        .fillna("")
        .replace({"None": "", "NaT": "", "nan": ""})
    )


#: Stock events that are a parcel changing status or category (see reports.EVENT_KINDS).
STATUS_KINDS = ("supplied", "returned", "became_ready", "reclassified")


def status_changes(events: pd.DataFrame) -> pd.DataFrame:
    """Parcel status and category changes among the stock events, newest first."""
    if len(events) == 0:
        return events
    mine = events[(events["stock"] == READY_LAND) & events["kind"].isin(STATUS_KINDS)]
    return mine.iloc[::-1]


def status_table(ctx: AppContext, events: pd.DataFrame) -> pd.DataFrame:
    """Status changes with headers and values in the page language."""
    lang = ctx.lang
    return pd.DataFrame(
        {
            ctx.t("hist.col_date"): events["date"].astype(str),
            ctx.t("hist.col_action"): [event_label(k, lang) for k in events["kind"]],
            ctx.t("hist.col_object"): events["object_id"],
            header("name", lang): events["name"],
            header("zone", lang): events["zone"].map(ctx.zone_label),
            ctx.t("hist.col_project"): events["project"],
            ctx.t("hist.col_delta"): events["delta_mu"].astype(float).round(2),
            ctx.t("hist.col_change"): events[
                "description_en" if lang == "en" else "description_zh"
            ],
        }
    ).fillna("")


def supply_table(ctx: AppContext, records: pd.DataFrame) -> pd.DataFrame:
    """Supply records and what became of them, in the page language."""
    lang = ctx.lang

    def when(row):
        return f"{row['user_name'] or '-'} · {str(row['created_at'] or '')[:16]}".replace("T", " ")

    def detail(row):
        if row["state"] == SUPPLY_LIVE:
            return ""
        at = str(row["state_at"] or "")[:16].replace("T", " ")
        by, why = row["state_by"] or "-", row["state_reason"] or ""
        return f"{row['state_date']} · {by} · {at} · {why}"

    rows = records.to_dict("records")
    return pd.DataFrame(
        {
            ctx.t("hist.col_date"): [str(r["date"]) for r in rows],
            ctx.t("hist.col_object"): [r["object_id"] for r in rows],
            ctx.t("hist.col_project"): [r["project"] or "" for r in rows],
            ctx.t("chg.col_record_state"): [tr(f"chg.state.{r['state']}", lang) for r in rows],
            ctx.t("chg.col_recorded"): [when(r) for r in rows],
            ctx.t("chg.col_state_detail"): [detail(r) for r in rows],
            ctx.t("chg.col_note"): [r["note"] or "" for r in rows],
        }
    )


def _kind_label(kind, lang: str) -> str:
    """'parcels', 'buildings' or both joined by '+' (the sample import) in ``lang``."""
    parts = str(kind or "").split("+")
    return tr("hist.kind_joiner", lang).join(_one_kind(p, lang) for p in parts)


def change_table(ctx: AppContext, changes: pd.DataFrame) -> pd.DataFrame:
    """The change log with headers and values in the page language."""
    lang = ctx.lang
    return (
        pd.DataFrame(
            {
                ctx.t("hist.col_date"): changes["date"].astype(str),
                ctx.t("hist.col_time"): changes["created_at"]
                .astype(str)
                .str[:19]
                .str.replace("T", " "),
                ctx.t("hist.col_action"): [_action_label(a, lang) for a in changes["action"]],
                ctx.t("hist.col_kind"): [_kind_label(k, lang) for k in changes["kind"]],
                ctx.t("hist.col_object"): changes["object_id"],
                ctx.t("hist.col_project"): changes["project"],
                ctx.t("hist.col_user"): changes["user_name"],
                ctx.t("hist.col_import"): changes["import_id"],
                ctx.t("hist.col_note"): changes["note"],
            }
        )
        .fillna("")
        .replace({"None": "", "NaT": "", "nan": ""})
    )


def _render_parcel_history(ctx: AppContext) -> None:
    """Every stored version of the parcels the sidebar search finds."""
    history = ctx.apply_filters(ctx.store.layer(PARCELS, None, geometry=False), PARCELS)
    st.subheader(ctx.md("hist.parcel_versions", search=ctx.search))
    if len(history) == 0:
        st.caption(ctx.t("hist.no_match"))
        return
    columns = [
        "parcel_id",
        "name",
        "zone",
        "category",
        "status",
        "project",
        "area_m2",
        "valid_from",
        "valid_to",
        "import_id",
    ]
    table, column_config = versions_table(
        ctx, history.sort_values(["parcel_id", "valid_from"]), PARCELS, columns=columns
    )
    st.dataframe(table, column_config=column_config, hide_index=True, width="stretch")


# -- undo ---------------------------------------------------------------------------


def undo_effect(store, import_id: str, date: dt.date) -> dict:
    """What undoing ``import_id`` on ``date`` takes out of the two floors.

    Returns ``{'parcels': n, 'buildings': n, 'ready_land_mu': x,
    'factory_floor_area_m2': y}``: the rows of the import valid on ``date``
    and their contributions to ready land and standard factory floor space.
    """
    effect = {PARCELS: 0, BUILDINGS: 0, "ready_land_mu": 0.0, "factory_floor_area_m2": 0.0}
    for kind in (PARCELS, BUILDINGS):
        rows = store.layer(kind, date, geometry=False)
        mine = rows[rows["import_id"].astype("string") == import_id]
        effect[kind] = len(mine)
        if kind == PARCELS and len(mine):
            ready = mine[(mine["category"] == READY) & (mine["status"] == STATUS_AVAILABLE)]
            effect["ready_land_mu"] = float(m2_to_mu(ready["area_m2"].astype(float).sum()))
        if kind == BUILDINGS and len(mine):
            standard = mine[mine["is_standard_factory"].fillna(False).astype(bool)]
            effect["factory_floor_area_m2"] = float(standard["floor_area_m2"].astype(float).sum())
    return effect


def undo_order(imports: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Imports as the undo selector lists them: newest first, the seeded
    sample imports (base inventory, sample enterprises) last; and how many
    of the rows are a planner's own (the ones before the sample)."""
    newest = imports.sort_values("created_at", ascending=False, kind="stable")
    is_sample = pd.Series(sample_import_mask(newest), index=newest.index, dtype=bool)
    return pd.concat([newest[~is_sample], newest[is_sample]]), int((~is_sample).sum())


def _render_undo(ctx: AppContext, imports: pd.DataFrame) -> None:
    live = imports[imports["undone_at"].isna()] if len(imports) else imports
    if len(live) == 0:
        st.caption(ctx.t("hist.nothing_to_undo"))
        return
    live, own = undo_order(live)
    labels = {
        row.import_id: f"{row.import_id} · {row.file_name} ({row.n_features})"
        for row in live.itertuples()
    }
    pending = st.session_state.get(KEY_UNDO_PENDING)
    if pending and pending in labels:
        _render_undo_confirm(ctx, pending, labels[pending])
        return
    with st.form("undo_form", border=False):
        options = list(labels)
        # The newest real import, never a seeded sample import (the base
        # inventory, the sample enterprises); with only those left, nothing is
        # chosen until the planner picks.
        default = 0 if own else None
        choice = st.selectbox(
            ctx.t("hist.undo_which"),
            options,
            format_func=labels.get,
            key="undo_choice",
            index=default,
            placeholder=ctx.t("hist.undo_pick"),
        )
        date = st.date_input(
            ctx.t("hist.undo_date"),
            value=dt.date.today(),
            key="undo_date",
            help=ctx.t("hist.undo_date_help"),
        )
        if st.form_submit_button(ctx.t("hist.undo_start"), icon=":material/undo:") and choice:
            st.session_state[KEY_UNDO_PENDING] = choice
            st.session_state["undo_on"] = date
            st.rerun()


def _render_undo_confirm(ctx: AppContext, import_id: str, label: str) -> None:
    date = st.session_state.get("undo_on") or dt.date.today()
    effect = undo_effect(ctx.store, import_id, date)
    report = load_report(ctx)
    land, factory = report.check(READY_LAND), report.check(FACTORY)
    st.warning(
        ctx.md(
            "hist.undo_confirm_text",
            label=label,
            date=date.isoformat(),
            parcels=effect[PARCELS],
            buildings=effect[BUILDINGS],
            land=fmt_area(effect["ready_land_mu"], "mu", ctx.lang),
            factory=fmt_area(effect["factory_floor_area_m2"], "m2", ctx.lang),
        )
    )
    after_land = land.value - effect["ready_land_mu"]
    after_factory = factory.value - effect["factory_floor_area_m2"]
    if after_land < land.floor or after_factory < factory.floor:
        st.error(
            ctx.t(
                "hist.undo_breach",
                land=fmt_area(after_land, "mu", ctx.lang),
                factory=fmt_area(after_factory, "m2", ctx.lang),
            )
        )
    confirm, cancel = st.columns(2)
    if confirm.button(
        ctx.t("hist.undo_confirm"), type="primary", key="undo_confirm", icon=":material/undo:"
    ):
        st.session_state.pop(KEY_UNDO_PENDING, None)
        try:
            closed = changes.undo_import(ctx.store, import_id, date=date, user=ctx.user)
        except Exception as exc:  # noqa: BLE001 - shown, store unchanged (one transaction)
            show_error(exc, ctx.lang)
            return
        clear_caches()
        st.session_state[KEY_FLASH] = ctx.md("hist.undo_done", import_id=import_id, n=closed)
        st.rerun()
    if cancel.button(ctx.t("hist.undo_cancel"), key="undo_cancel"):
        st.session_state.pop(KEY_UNDO_PENDING, None)
        st.rerun()


# -- category change -----------------------------------------------------------------


def _render_reclassify(ctx: AppContext) -> None:
    # Only available parcels are offered: the store makes a reclassified parcel
    # available, so a supplied one would silently go back into stock.
    parcels = load_layer(ctx, PARCELS, geometry=False)
    available = parcels[parcels["status"] == STATUS_AVAILABLE]
    if len(available) == 0:
        st.caption(ctx.t("hist.reclassify_none"))
        return
    # Land not yet ready first: turning it ready is the usual change.
    available = available.assign(_ready=available["category"] == READY).sort_values(
        ["_ready", "parcel_id"]
    )
    labels = {
        row.parcel_id: f"{row.parcel_id} · {ctx.category_label(row.category)} · "
        f"{fmt_area(m2_to_mu(float(row.area_m2)), 'mu', ctx.lang)} · {row.name or ''}"
        for row in available.itertuples()
    }
    codes = [c.code for c in ctx.config.categories]
    # No st.form: Enter in the note box must not record anything; only the button does.
    # No default: one click records the change, so the planner names the parcel
    # (as for a supply and a take-back).
    parcel = st.selectbox(
        ctx.t("hist.reclassify_parcel"),
        list(labels),
        index=None,
        placeholder=ctx.t("chg.choose_parcel"),
        format_func=labels.get,
        key=ctx.choice_key("reclassify_parcel"),
    )
    category = st.selectbox(
        ctx.t("hist.reclassify_category"),
        codes,
        index=codes.index(READY) if READY in codes else 0,
        format_func=ctx.category_label,
        key=ctx.choice_key("reclassify_category"),
    )
    date = st.date_input(ctx.t("hist.reclassify_date"), value=ctx.as_of, key="reclassify_date")
    note = st.text_input(ctx.t("hist.reclassify_note"), key="reclassify_note")
    submitted = st.button(
        ctx.t("hist.reclassify_submit"), icon=":material/swap_horiz:", key="reclassify_submit"
    )
    if not submitted:
        return
    if not parcel:
        st.error(ctx.t("chg.need_parcel"))
        return
    try:
        changes.reclassify_parcel(
            ctx.store, ctx.config, parcel, category=category, date=date, user=ctx.user, note=note
        )
    except Exception as exc:  # noqa: BLE001 - shown, store unchanged (one transaction)
        show_error(exc, ctx.lang)
        return
    clear_caches()
    st.session_state[KEY_FLASH] = ctx.md(
        "hist.reclassify_done",
        parcel=parcel,
        category=ctx.category_label(category),
        date=date.isoformat(),
    )
    st.rerun()
