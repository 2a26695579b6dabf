"""The one place that turns an exception into a message on the page.

A planner never sees a traceback: landinv's own errors already say what is
wrong and how to fix it, in both languages; anything else is reported as an
unexpected error with a hint that nothing was changed (every store write is
one transaction).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from landinv.errors import LandinvError
from landinv.i18n import tr
from landinv.ui.formatting import md_escape

log = logging.getLogger("landinv.ui")


def error_text(exc: LandinvError, lang: str) -> str:
    """``exc``'s message in ``lang``, safe for markdown: its parameters (paths,
    IDs, names from data) are escaped, its catalogue template is not; a legacy
    two-text error is escaped whole."""
    if exc.code != "err.legacy":
        params = {k: md_escape(v) for k, v in exc.params.items()}
        return tr(exc.code, lang, **params)
    return md_escape(exc.message(lang))


def show_error(exc: BaseException, lang: str) -> None:
    """Render ``exc`` as a bilingual error box (the current language first)."""
    if isinstance(exc, LandinvError):
        other = "en" if lang == "zh" else "zh"
        first, second = error_text(exc, lang), error_text(exc, other)
        st.error(first if first == second else f"{first}\n\n{second}")
        return
    log.exception("unexpected error in the app")
    detail = md_escape(f"{type(exc).__name__}: {exc}")
    st.error(
        f"{tr('common.unexpected', lang, detail=detail)}\n\n"
        f"{tr('common.unexpected', 'en' if lang == 'zh' else 'zh', detail=detail)}"
    )


def run_guarded(fn: Callable[[], object], lang: str) -> object | None:
    """Call ``fn``; on an error show it with :func:`show_error` and return None.

    Streamlit's own control flow (st.stop, st.rerun) derives from
    BaseException and passes through untouched.
    """
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - the app's single error boundary
        show_error(exc, lang)
        return None
