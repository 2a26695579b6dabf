"""Editor sign-in in the sidebar: who may change the inventory.

Viewing is always open. When Streamlit secrets hold ``[auth]`` (users with
password hashes, see .streamlit/secrets.toml.example), uploads, undo and status
changes wait for a sign-in; without it the app says it runs in single-user
local mode and everyone may edit.

Failed sign-ins are throttled (:class:`landinv.auth.SignInThrottle`, one per
server process): each failure makes the same user name and the same client
wait longer, and ``max_failures`` in a row lock them out for a while. An attempt
made too early is refused without checking the password. Every refusal is
appended to the failure log (``[auth] failure_log``) and to the server's log.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

import streamlit as st

from landinv.auth import (
    SignInThrottle,
    ThrottlePolicy,
    Verdict,
    check_sign_in,
    read_policy,
    read_users,
    record_failure_line,
    throttle_keys,
)
from landinv.errors import LandinvError
from landinv.i18n import tr
from landinv.ui.formatting import md_escape

#: session_state key holding the signed-in editor's name.
KEY_EDITOR = "editor"

log = logging.getLogger("landinv.auth")


@dataclass(frozen=True)
class Editor:
    """Outcome of the sign-in gate for this run."""

    can_edit: bool
    user: str
    auth_enabled: bool


def _auth_section():
    """The ``[auth]`` secrets section, or None when no secrets are configured."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # noqa: BLE001 - no secrets.toml at all is the local default
        return None
    return section or None


@st.cache_resource(show_spinner=False)
def _throttle(policy: ThrottlePolicy) -> SignInThrottle:
    """The process-wide throttle: shared by every browser session of this server."""
    return SignInThrottle(policy)


def _client() -> str | None:
    """The client's address as the server sees it (None when unknown, e.g. in tests).

    Not X-Forwarded-For: a header is the client's to choose, so it could dodge
    the per-client count (the per-user-name count holds either way).
    """
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - no request context (bare mode)
        return None
    return address if isinstance(address, str) and address else None


def _refusal(verdict: Verdict, policy: ThrottlePolicy, lang: str) -> str:
    if verdict.locked:
        return tr(
            "auth.locked",
            lang,
            failures=policy.max_failures,
            minutes=max(1, math.ceil(verdict.wait_s / 60)),
        )
    return tr("auth.wait", lang, seconds=max(1, math.ceil(verdict.wait_s)))


def _record(path, *, user: str, client: str | None, verdict: Verdict, outcome: str) -> None:
    log.warning(
        "sign-in refused (%s) for user %r from %s: %d failures%s",
        outcome,
        (user or "")[:200],
        client or "unknown",
        verdict.failures,
        ", locked" if verdict.locked else "",
    )
    try:
        record_failure_line(path, user=user, client=client, verdict=verdict, outcome=outcome)
    except OSError:
        log.exception("cannot write the sign-in failure log %s", path)


def render_sign_in(lang: str) -> Editor:
    """Draw the sign-in box (or the local-mode note) and return who may edit."""
    section = _auth_section()
    if section is None:
        st.sidebar.caption(tr("auth.local_mode", lang))
        return Editor(can_edit=True, user="", auth_enabled=False)
    try:
        users = read_users(section)
        policy, failure_log = read_policy(section)
    except LandinvError as exc:
        # A broken [auth] must never silently open editing to everyone.
        st.sidebar.error(tr("auth.bad_config", lang, detail=md_escape(exc.message(lang))))
        return Editor(can_edit=False, user="", auth_enabled=True)

    current = st.session_state.get(KEY_EDITOR)
    if current and current in users:
        st.sidebar.success(tr("auth.signed_in_as", lang, user=md_escape(current)))
        if st.sidebar.button(tr("auth.sign_out", lang), key="auth_sign_out"):
            st.session_state.pop(KEY_EDITOR, None)
            st.rerun()
        return Editor(can_edit=True, user=current, auth_enabled=True)

    with st.sidebar.form("auth_form", clear_on_submit=True):
        st.markdown(f"**{tr('auth.sign_in', lang)}**")
        user = st.text_input(tr("auth.user", lang), key="auth_user")
        password = st.text_input(tr("auth.password", lang), type="password", key="auth_password")
        submitted = st.form_submit_button(tr("auth.submit", lang))
    if submitted:
        throttle = _throttle(policy)
        client = _client()
        keys = throttle_keys(user, client)
        verdict = throttle.check(keys, time.monotonic())
        if not verdict.allowed:
            # Too early (or locked out): the password is not even checked.
            _record(failure_log, user=user, client=client, verdict=verdict, outcome="throttled")
            st.sidebar.error(_refusal(verdict, policy, lang))
            return Editor(can_edit=False, user="", auth_enabled=True)
        try:
            ok = check_sign_in(users, user, password)
        except LandinvError as exc:
            st.sidebar.error(tr("auth.bad_config", lang, detail=md_escape(exc.message(lang))))
            return Editor(can_edit=False, user="", auth_enabled=True)
        if ok:
            throttle.record_success(keys)
            st.session_state[KEY_EDITOR] = user.strip()
            st.rerun()
        verdict = throttle.record_failure(keys, time.monotonic())
        _record(failure_log, user=user, client=client, verdict=verdict, outcome="wrong_password")
        st.sidebar.error(tr("auth.failed", lang))
        if verdict.locked:
            st.sidebar.error(_refusal(verdict, policy, lang))
    return Editor(can_edit=False, user="", auth_enabled=True)


def require_editor(ctx) -> bool:
    """Show why editing is locked and return False when ``ctx`` cannot edit."""
    if ctx.can_edit:
        return True
    st.info(tr("auth.needed", ctx.lang))
    return False
