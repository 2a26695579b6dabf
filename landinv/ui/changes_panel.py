"""Supply, correct a supply, take land back: deliberate acts, shared by History and the map.

Each act is two steps. The inputs (parcel, project or reason, date) and a
*review* button come first; nothing is written until the review shows the
parcel, date and project together with the effect on both floors (before →
after) and a *confirm* button is pressed. There is no ``st.form``: pressing
Enter in a text box only commits its text and never records anything.

A supply that leaves a floor unmet also needs a ticked confirmation, which is
recorded with the supply. After a write every input of the panel is replaced
by a fresh, empty one (the widget keys carry a version number that is bumped),
so no project text or parcel choice is left over for the next supply.

Size: three acts (supply, correct, take back) with the same two-step review;
they share its helpers and session keys.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from landinv.domain import PARCELS, READY, STATUS_AVAILABLE, STATUS_SUPPLIED, m2_to_mu
from landinv.services import changes, planning
from landinv.ui.context import AppContext
from landinv.ui.data import clear_caches, load_layer
from landinv.ui.feedback import show_error
from landinv.ui.formatting import fmt_area, md_escape

#: Acts of this panel (each has its own inputs, pending review and version).
SUPPLY, CORRECT, TAKE_BACK = "supply", "correct", "takeback"


def version(prefix: str, act: str) -> int:
    """How many writes ``act`` has made through this panel (part of its widget keys)."""
    return int(st.session_state.get(f"{prefix}_{act}_v", 0))


def key(prefix: str, act: str, name: str) -> str:
    """Widget key of input ``name`` of ``act`` (changes after every write, so the
    next act starts from empty inputs)."""
    return f"{prefix}_{act}_{name}_{version(prefix, act)}"


def _pending_key(prefix: str, act: str) -> str:
    return f"{prefix}_{act}_pending"


def _flash_key(prefix: str) -> str:
    return f"{prefix}_chg_flash"


def _done(ctx: AppContext, prefix: str, act: str, message: str) -> None:
    """After a write: fresh inputs, no pending review, the caches cleared, a message."""
    st.session_state[f"{prefix}_{act}_v"] = version(prefix, act) + 1
    st.session_state.pop(_pending_key(prefix, act), None)
    st.session_state[_flash_key(prefix)] = message
    clear_caches()
    st.rerun()


def show_flash(prefix: str) -> None:
    """The message of the last write made through this panel (shown once)."""
    message = st.session_state.pop(_flash_key(prefix), None)
    if message:
        st.success(message, icon=":material/check_circle:")


def current_parcels(ctx: AppContext) -> pd.DataFrame:
    """The current version of every parcel (no geometry)."""
    rows = ctx.store.layer(PARCELS, None, geometry=False)
    return rows[rows["valid_to"].isna()]


def _label(ctx: AppContext, row) -> str:
    return (
        f"{row.parcel_id} · {row.name or ''} · "
        f"{fmt_area(m2_to_mu(float(row.area_m2)), 'mu', ctx.lang)}"
    )


def effect_table(ctx: AppContext, effect: changes.SupplyEffect) -> pd.DataFrame:
    """Both floors before → after an act, and whether each still holds."""

    def state(after, floor, before):
        if after >= floor or after >= before:
            return ctx.t("chg.holds") if after >= floor else ctx.t("chg.still_below")
        return ctx.t("chg.breaks")

    rows = [
        (ctx.t("chg.floor_land"), effect.land_floor, effect.land_before, effect.land_after, "mu"),
        (
            ctx.t("chg.floor_factory"),
            effect.factory_floor,
            effect.factory_before,
            effect.factory_after,
            "m2",
        ),
    ]
    return pd.DataFrame(
        {
            ctx.t("chg.col_floor"): [r[0] for r in rows],
            ctx.t("chg.col_floor_value"): [fmt_area(r[1], r[4], ctx.lang) for r in rows],
            ctx.t("chg.col_before"): [fmt_area(r[2], r[4], ctx.lang) for r in rows],
            ctx.t("chg.col_after"): [fmt_area(r[3], r[4], ctx.lang) for r in rows],
            ctx.t("chg.col_state"): [state(r[3], r[1], r[2]) for r in rows],
        }
    )


def _facts(ctx: AppContext, pairs: list[tuple[str, str]]) -> None:
    """A small (field, value) table; values are shown as plain text, never markdown."""
    st.table(
        pd.DataFrame(
            {
                ctx.t("chg.col_field"): [p[0] for p in pairs],
                ctx.t("chg.col_value"): [p[1] for p in pairs],
            }
        ).set_index(ctx.t("chg.col_field"))
    )


# -- supply ------------------------------------------------------------------------------


def render_supply(ctx: AppContext, *, prefix: str, parcel_id: str | None = None) -> None:
    """Record a supply: inputs, then a review with the floors, then confirm."""
    pending = st.session_state.get(_pending_key(prefix, SUPPLY))
    locked = pending is not None
    if parcel_id is None:
        parcels = load_layer(ctx, PARCELS, geometry=False)
        available = parcels[
            (parcels["status"] == STATUS_AVAILABLE) & (parcels["category"] == READY)
        ].sort_values("parcel_id")
        if len(available) == 0:
            st.caption(ctx.t("hist.no_available"))
            return
        labels = {row.parcel_id: _label(ctx, row) for row in available.itertuples()}
        # No default: a parcel is supplied only when someone chose it.
        parcel = st.selectbox(
            ctx.t("hist.supply_parcel"),
            list(labels),
            index=None,
            placeholder=ctx.t("chg.choose_parcel"),
            format_func=labels.get,
            key=ctx.choice_key(key(prefix, SUPPLY, "parcel")),
            disabled=locked,
        )
    else:
        parcel = parcel_id
    project = st.text_input(
        ctx.t("hist.supply_project"),
        key=key(prefix, SUPPLY, "project"),
        disabled=locked,
        placeholder=ctx.t("chg.project_placeholder"),
    )
    date = st.date_input(
        ctx.t("hist.supply_date"), value=ctx.as_of, key=key(prefix, SUPPLY, "date"), disabled=locked
    )
    if not locked:
        if st.button(
            ctx.t("chg.supply_review"),
            key=key(prefix, SUPPLY, "review"),
            icon=":material/fact_check:",
        ):
            if not parcel:
                st.error(ctx.t("chg.need_parcel"))
            elif not (project or "").strip():
                st.error(ctx.t("chg.need_project"))
            else:
                st.session_state[_pending_key(prefix, SUPPLY)] = {
                    "parcel": parcel,
                    "project": project.strip(),
                    "date": date,
                }
                st.rerun()
        return
    _review_supply(ctx, prefix, pending)


def _review_supply(ctx: AppContext, prefix: str, pending: dict) -> None:
    parcel, project, date = pending["parcel"], pending["project"], pending["date"]
    with st.container(border=True, key=f"{prefix}_supply_review_box"):
        st.markdown(f"**{ctx.t('chg.supply_review_title')}**")
        try:
            effect = changes.supply_effect_today(ctx.store, ctx.config, parcel, date)
        except Exception as exc:  # noqa: BLE001 - shown; nothing was written
            show_error(exc, ctx.lang)
            _cancel_button(ctx, prefix, SUPPLY)
            return
        _facts(
            ctx,
            [
                (ctx.t("chg.parcel"), f"{parcel} · {effect.name}"),
                (ctx.t("chg.area"), fmt_area(effect.area_mu, "mu", ctx.lang)),
                (ctx.t("chg.zone"), ctx.zone_label(effect.zone)),
                (ctx.t("hist.supply_project"), project),
                (ctx.t("hist.supply_date"), date.isoformat()),
            ],
        )
        st.caption(ctx.t("chg.effect_on", date=date.isoformat()))
        st.table(effect_table(ctx, effect).set_index(ctx.t("chg.col_floor")))
        # The forecast's view of the same supply (planned events of the default plan).
        try:
            outlook = planning.supply_effect(ctx.store, ctx.config, parcel, date)
        except Exception as exc:  # noqa: BLE001 - shown; nothing was written
            show_error(exc, ctx.lang)
            _cancel_button(ctx, prefix, SUPPLY)
            return
        breaks = effect.breaks or outlook.breaks
        ack = False
        if effect.breaks:
            st.error(
                ctx.t("chg.supply_breaks_warning", **effect.params()), icon=":material/warning:"
            )
        elif not effect.counts:
            st.info(ctx.t("chg.not_counted"))
        if outlook.breaks:
            st.error(md_escape(outlook.message(ctx.lang)), icon=":material/trending_down:")
        else:
            st.caption(md_escape(outlook.message(ctx.lang)))
        if breaks:
            ack = st.checkbox(ctx.t("chg.confirm_breach"), key=key(prefix, SUPPLY, "ack"))
        left, right = st.columns(2)
        if left.button(
            ctx.t("chg.supply_confirm"),
            type="primary",
            key=key(prefix, SUPPLY, "confirm"),
            icon=":material/handshake:",
            disabled=breaks and not ack,
        ):
            try:
                changes.record_supply(
                    ctx.store,
                    ctx.config,
                    parcel,
                    project=project,
                    date=date,
                    user=ctx.user,
                    confirm_breach=ack,
                )
            except Exception as exc:  # noqa: BLE001 - shown, store unchanged
                show_error(exc, ctx.lang)
                return
            _done(
                ctx,
                prefix,
                SUPPLY,
                ctx.md("hist.supply_done", parcel=parcel, project=project, date=date.isoformat()),
            )
        with right:
            _cancel_button(ctx, prefix, SUPPLY)


def _cancel_button(ctx: AppContext, prefix: str, act: str) -> None:
    if st.button(ctx.t("chg.back"), key=key(prefix, act, "cancel"), icon=":material/arrow_back:"):
        st.session_state.pop(_pending_key(prefix, act), None)
        st.rerun()


# -- correct a mistaken supply, take land back -------------------------------------------------


def _supplied_now(ctx: AppContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parcels supplied now, and the live supply records."""
    current = current_parcels(ctx)
    supplied = current[current["status"] == STATUS_SUPPLIED].sort_values("parcel_id")
    records = changes.supply_records(ctx.store.changes())
    live = records[records["state"] == changes.SUPPLY_LIVE]
    return supplied, live


def render_reverse(ctx: AppContext, act: str, *, prefix: str, parcel_id: str | None = None) -> None:
    """Correct a mistaken supply (``act=CORRECT``) or take land back (``TAKE_BACK``)."""
    pending = st.session_state.get(_pending_key(prefix, act))
    locked = pending is not None
    supplied, live = _supplied_now(ctx)
    if act == CORRECT:
        # Only a supply recorded as a change can be corrected (not one imported as supplied).
        supplied = supplied[supplied["parcel_id"].isin(set(live["object_id"]))]
    if parcel_id is None:
        if len(supplied) == 0:
            st.caption(ctx.t("chg.none_correctable" if act == CORRECT else "chg.none_supplied"))
            return
        labels = {
            row.parcel_id: f"{_label(ctx, row)} · {row.project or ''}"
            for row in supplied.itertuples()
        }
        parcel = st.selectbox(
            ctx.t("chg.supplied_parcel"),
            list(labels),
            index=None,
            placeholder=ctx.t("chg.choose_parcel"),
            format_func=labels.get,
            key=ctx.choice_key(key(prefix, act, "parcel")),
            disabled=locked,
        )
    else:
        parcel = parcel_id
    date = None
    if act == TAKE_BACK:
        date = st.date_input(
            ctx.t("chg.take_back_date"),
            value=ctx.as_of,
            key=key(prefix, act, "date"),
            disabled=locked,
        )
    reason = st.text_input(
        ctx.t("chg.reason"),
        key=key(prefix, act, "reason"),
        disabled=locked,
        placeholder=ctx.t("chg.reason_placeholder"),
    )
    if not locked:
        label = "chg.correct_review" if act == CORRECT else "chg.take_back_review"
        if st.button(ctx.t(label), key=key(prefix, act, "review"), icon=":material/fact_check:"):
            if not parcel:
                st.error(ctx.t("chg.need_parcel"))
            elif not (reason or "").strip():
                st.error(ctx.t("chg.need_reason"))
            else:
                st.session_state[_pending_key(prefix, act)] = {
                    "parcel": parcel,
                    "reason": reason.strip(),
                    "date": date,
                }
                st.rerun()
        return
    _review_reverse(ctx, act, prefix, pending, supplied, live)


def _review_reverse(ctx, act, prefix, pending, supplied, live) -> None:
    parcel, reason = pending["parcel"], pending["reason"]
    row = supplied[supplied["parcel_id"] == parcel]
    with st.container(border=True, key=f"{prefix}_{act}_review_box"):
        title = "chg.correct_review_title" if act == CORRECT else "chg.take_back_review_title"
        st.markdown(f"**{ctx.t(title)}**")
        if len(row) == 0:
            st.error(ctx.md("err.chg_not_supplied", parcel=parcel))
            _cancel_button(ctx, prefix, act)
            return
        row = row.iloc[0]
        supply_date = dt.date.fromisoformat(str(row["valid_from"])[:10])
        date = supply_date if act == CORRECT else pending["date"]
        record = live[live["object_id"] == parcel]
        facts = [
            (ctx.t("chg.parcel"), f"{parcel} · {row['name'] or ''}"),
            (ctx.t("hist.supply_project"), str(row["project"] or "")),
            (ctx.t("hist.supply_date"), supply_date.isoformat()),
        ]
        if len(record):
            rec = record.iloc[0]
            facts.append(
                (
                    ctx.t("chg.recorded_by"),
                    f"{rec['user_name'] or '-'} · {str(rec['created_at'])[:16]}".replace("T", " "),
                )
            )
        facts += [
            (ctx.t("chg.back_in_stock_from"), date.isoformat()),
            (ctx.t("chg.reason"), reason),
        ]
        _facts(ctx, facts)
        try:
            # The floors today (or on the act's date, if later) with the parcel back.
            when = max(date, dt.date.today())
            effect = changes.return_effect(ctx.store, ctx.config, parcel, when)
        except Exception as exc:  # noqa: BLE001 - shown; nothing was written
            show_error(exc, ctx.lang)
            effect = None
        if effect is not None:
            st.caption(ctx.t("chg.effect_on", date=effect.date.isoformat()))
            st.table(effect_table(ctx, effect).set_index(ctx.t("chg.col_floor")))
        if act == CORRECT:
            st.info(ctx.t("chg.correct_explain", date=supply_date.isoformat()))
        too_early = act == TAKE_BACK and date <= supply_date
        if too_early:
            st.error(
                ctx.md(
                    "err.chg_take_back_date",
                    parcel=parcel,
                    date=date.isoformat(),
                    start=supply_date.isoformat(),
                )
            )
        left, right = st.columns(2)
        label = "chg.correct_confirm" if act == CORRECT else "chg.take_back_confirm"
        if left.button(
            ctx.t(label),
            type="primary",
            key=key(prefix, act, "confirm"),
            icon=":material/undo:",
            disabled=too_early,
        ):
            try:
                if act == CORRECT:
                    out = changes.correct_supply(ctx.store, parcel, reason=reason, user=ctx.user)
                    message = ctx.md(
                        "chg.correct_done",
                        parcel=parcel,
                        project=out["project"] or "",
                        date=out["date"].isoformat(),
                    )
                else:
                    out = changes.take_back(
                        ctx.store, parcel, reason=reason, date=date, user=ctx.user
                    )
                    message = ctx.md(
                        "chg.take_back_done",
                        parcel=parcel,
                        project=out["project"] or "",
                        date=date.isoformat(),
                    )
            except Exception as exc:  # noqa: BLE001 - shown, store unchanged
                show_error(exc, ctx.lang)
                return
            _done(ctx, prefix, act, message)
        with right:
            _cancel_button(ctx, prefix, act)
