"""The bar above every page: the active filters with one "clear" button, and
a link to the view being shown.

The sidebar's filters and search follow the planner from page to page; a
leftover search must never silently cut a table or a download, so each page
starts by saying what is filtered. The link is the address the browser shows
(:func:`landinv.ui.context.sync_address` keeps it in step with the view),
shown in a code box whose copy icon puts it on the clipboard.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from landinv.domain import STATUSES
from landinv.ui.context import AppContext, clear_filters, view_params
from landinv.ui.formatting import md_escape


def filter_items(ctx: AppContext) -> list[str]:
    """One text per active filter, in ``ctx.lang`` (empty: nothing filtered)."""
    sep = ctx.t("view.list_sep")
    items = []
    if set(ctx.zones) != set(ctx.config.zone_codes):
        items.append(f"{ctx.t('side.zones')}: {sep.join(map(ctx.zone_label, ctx.zones))}")
    if set(ctx.categories) != set(ctx.config.category_codes):
        items.append(
            f"{ctx.t('side.categories')}: {sep.join(map(ctx.category_label, ctx.categories))}"
        )
    if set(ctx.statuses) != set(STATUSES):
        names = sep.join(map(ctx.status_label, ctx.statuses))
        items.append(f"{ctx.t('side.statuses')}: {names}")
    if ctx.search:
        items.append(ctx.t("view.search", q=ctx.search))
    return items


def view_link(ctx: AppContext, page_path: str, served_path: str = "") -> str:
    """The address of this view: the app's base URL, the page's own path and
    the view parameters. ``served_path`` is the path the browser shows now
    ('' for the default page, served at the root)."""
    query = urlencode(view_params(ctx))
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context (tests)
        url = ""
    base = url.split("?", 1)[0].rstrip("/")
    if served_path and base.endswith("/" + served_path):
        base = base[: -len(served_path) - 1]
    return f"{base}/{page_path}?{query}"


def render(ctx: AppContext, page_path: str, served_path: str = "") -> None:
    """Draw the bar for the page whose own path is ``page_path`` (e.g. ``"map"``)."""
    items = filter_items(ctx)
    left, middle, right = st.columns([6, 1.6, 1.6], vertical_alignment="center")
    if items:
        text = ctx.t("view.sep").join(items)
        left.markdown(f":material/filter_alt: {md_escape(ctx.t('view.filters', items=text))}")
        middle.button(
            ctx.t("view.clear"),
            key="view_clear",
            icon=":material/filter_alt_off:",
            on_click=clear_filters,
            args=(ctx.config,),
            width="stretch",
        )
    else:
        left.caption(ctx.t("view.none"))
    with right.popover(ctx.t("view.link"), icon=":material/link:", width="stretch"):
        st.caption(ctx.t("view.link_help"))
        st.code(view_link(ctx, page_path, served_path), language=None, wrap_lines=True)
