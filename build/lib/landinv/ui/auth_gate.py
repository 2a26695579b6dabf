"""Editor sign-in in the sidebar: who may change the inventory.

Viewing is always open. When Streamlit secrets hold ``[auth]`` (users with
password hashes, see .streamlit/secrets.toml.example), uploads, undo and status
changes wait for a sign-in; without it the app says it runs in single-user
local mode and everyone may edit.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from landinv.auth import check_sign_in, read_users
from landinv.errors import LandinvError
from landinv.i18n import tr

#: session_state key holding the signed-in editor's name.
KEY_EDITOR = "editor"


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


def render_sign_in(lang: str) -> Editor:
    """Draw the sign-in box (or the local-mode note) and return who may edit."""
    section = _auth_section()
    if section is None:
        st.sidebar.caption(tr("auth.local_mode", lang))
        return Editor(can_edit=True, user="", auth_enabled=False)
    try:
        users = read_users(section)
    except LandinvError as exc:
        # A broken [auth] must never silently open editing to everyone.
        st.sidebar.error(tr("auth.bad_config", lang, detail=exc.message(lang)))
        return Editor(can_edit=False, user="", auth_enabled=True)

    current = st.session_state.get(KEY_EDITOR)
    if current and current in users:
        st.sidebar.success(tr("auth.signed_in_as", lang, user=current))
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
        try:
            ok = check_sign_in(users, user, password)
        except LandinvError as exc:
            st.sidebar.error(tr("auth.bad_config", lang, detail=exc.message(lang)))
            ok = False
        else:
            if not ok:
                st.sidebar.error(tr("auth.failed", lang))
        if ok:
            st.session_state[KEY_EDITOR] = user.strip()
            st.rerun()
    return Editor(can_edit=False, user="", auth_enabled=True)


def require_editor(ctx) -> bool:
    """Show why editing is locked and return False when ``ctx`` cannot edit."""
    if ctx.can_edit:
        return True
    st.info(tr("auth.needed", ctx.lang))
    return False
