"""landinv in the browser: ``streamlit run app.py``.

Page wiring only. The sidebar (language, as-of date, filters, sign-in) is drawn
here on every run by :func:`landinv.ui.context.get_context`, so its values are
shared by all pages; each page is a module in ``landinv/ui`` with
``render(ctx)``. Errors on any page end up in one place
(:mod:`landinv.ui.feedback`), never as a traceback.
"""

from __future__ import annotations

import importlib

import streamlit as st

from landinv.i18n import tr
from landinv.ui import viewbar
from landinv.ui.builtin_texts import translate_builtins
from landinv.ui.context import current_lang, get_context
from landinv.ui.feedback import run_guarded
from landinv.ui.icon import app_icon

#: (module in landinv.ui, url path, title key, icon); the first is the default page.
PAGES = (
    ("dashboard_page", "dashboard", "nav.dashboard", ":material/monitoring:"),
    ("map_page", "map", "nav.map", ":material/map:"),
    ("efficiency_page", "efficiency", "nav.efficiency", ":material/leaderboard:"),
    ("upload_page", "upload", "nav.upload", ":material/upload_file:"),
    ("downloads_page", "downloads", "nav.downloads", ":material/download:"),
    ("history_page", "history", "nav.history", ":material/history:"),
    ("plan_page", "plan", "nav.plan", ":material/event_upcoming:"),
)


def _page_runner(module_name: str, url_path: str, default: bool, ctx):
    """A callable for st.Page that draws the view bar, then one page module with ``ctx``."""

    def run() -> None:
        def render() -> None:
            viewbar.render(ctx, url_path, "" if default else url_path)
            module = importlib.import_module(f"landinv.ui.{module_name}")
            module.render(ctx)

        run_guarded(render, ctx.lang)

    run.__name__ = module_name
    return run


def _default_page_by_its_path(url_path: str) -> None:
    """Let ``/dashboard`` open the default page instead of a "Page not found" dialog.

    Streamlit serves the default page at the root only and answers its own
    path with that dialog (in English, whatever the UI language). Before
    ``st.navigation`` resolves the page, an address naming the default page is
    read as the root. Uses Streamlit's page manager (no public API for this);
    should that change, the app still opens, only the dialog comes back (a
    browser test opens every page by its path and fails on the dialog).
    """
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        manager = get_script_run_ctx().pages_manager
        if manager.intended_page_name == url_path:
            manager.set_script_intent(manager.intended_page_script_hash, "")
    except Exception:  # noqa: BLE001 - a Streamlit internals change: keep the app up
        return


def main() -> None:
    lang = current_lang()
    st.set_page_config(page_title=tr("app.title", lang), page_icon=app_icon(), layout="wide")
    translate_builtins(lang)
    st.sidebar.markdown(f"### {tr('app.title', lang)}")
    ctx = run_guarded(get_context, lang)
    if ctx is None:
        st.stop()
    pages = [
        st.Page(
            _page_runner(module, url, i == 0, ctx),
            title=ctx.t(title),
            icon=icon,
            url_path=url,
            default=(i == 0),
        )
        for i, (module, url, title, icon) in enumerate(PAGES)
    ]
    _default_page_by_its_path(PAGES[0][1])
    st.navigation(pages, position="top").run()


main()
