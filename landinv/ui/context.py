"""What every page needs: the store, config, language, as-of date and filters.

:func:`get_context` draws the shared sidebar (language, as-of date, zone /
category / status filters, parcel search, editor sign-in) and returns an
:class:`AppContext`. app.py calls it once per script run and hands the context
to the page's ``render(ctx)``; widget values live in ``st.session_state`` under
stable keys, so the filters follow the planner from page to page.

Size: the shared sidebar and the address-bar state it keeps in step (language,
date, filters, search); one place for what every page reads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from landinv import labels
from landinv.domain import PARCELS, STATUSES, Config, load_config
from landinv.i18n import DEFAULT_LANG, LANGS, tr

#: session_state keys of the shared sidebar widgets.
KEY_LANG = "lang"
KEY_AS_OF = "as_of"
KEY_ZONES = "filter_zones"
KEY_CATEGORIES = "filter_categories"
KEY_STATUSES = "filter_statuses"
KEY_SEARCH = "search"

_LANG_NAMES = {lang: tr(f"lang.{lang}") for lang in LANGS}


@dataclass
class AppContext:
    """Shared state a page renders from.

    Attributes
    ----------
    store : landinv.store.base.Store
        The open inventory store (one per server process, cached).
    config : landinv.domain.Config
        Zone names, categories, floors and targets.
    lang : {'zh', 'en'}
        Display language.
    as_of : datetime.date
        The date the inventory is shown as of.
    zones, categories, statuses : list of str
        Codes selected in the sidebar filters (all codes when left empty).
    search : str
        Parcel ID, name or project typed in the sidebar search box ('' for none).
    can_edit : bool
        True when the user may upload, undo or change statuses: always in
        single-user local mode, after an editor sign-in when ``[auth]`` is set.
    user : str
        Signed-in editor ('' in local mode or when signed out); written to the
        import and change logs.
    auth_enabled : bool
        True when ``[auth]`` is configured in Streamlit secrets.
    """

    store: object
    config: Config
    lang: str = DEFAULT_LANG
    as_of: dt.date = field(default_factory=dt.date.today)
    zones: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=lambda: list(STATUSES))
    search: str = ""
    can_edit: bool = True
    user: str = ""
    auth_enabled: bool = False

    def choice_key(self, key: str) -> str:
        """``key`` for a radio or selectbox whose option labels are in the page
        language (``format_func``); see :func:`relabelled`."""
        return relabelled(key, self.lang)

    def t(self, key: str, **values: object) -> str:
        """Translate ``key`` into the current language (see :func:`landinv.i18n.tr`)."""
        return tr(key, self.lang, **values)

    def md(self, key: str, **values: object) -> str:
        """Like :meth:`t`, for markdown: the parameters (data) are escaped with
        :func:`landinv.ui.formatting.md_escape`, the template is not."""
        from landinv.ui.formatting import md_escape

        return tr(key, self.lang, **{k: md_escape(v) for k, v in values.items()})

    def zone_label(self, code: str) -> str:
        """Display name of a zone code in the current language."""
        return labels.zone_label(self.config, code, self.lang)

    def category_label(self, code: str) -> str:
        """Display name of a category code in the current language."""
        return labels.category_label(self.config, code, self.lang)

    def status_label(self, code: str) -> str:
        """Display name of a parcel status in the current language."""
        return labels.status_label(code, self.lang)

    def apply_filters(self, frame, kind: str = PARCELS):
        """Rows of a layer frame that pass the sidebar filters.

        Parcels are filtered by zone, category, status and the search text
        (parcel ID, name or project, case-insensitive substring); buildings by zone and
        the search text (building ID, parcel ID or name). Columns a frame lacks
        are not filtered on.
        """
        if frame is None or len(frame) == 0:
            return frame
        keep = pd.Series(True, index=frame.index)
        if "zone" in frame.columns:
            keep &= frame["zone"].isin(self.zones)
        if kind == PARCELS:
            if "category" in frame.columns:
                keep &= frame["category"].isin(self.categories)
            if "status" in frame.columns:
                keep &= frame["status"].isin(self.statuses)
        if self.search:
            columns = [c for c in ("parcel_id", "building_id", "name") if c in frame.columns]
            hit = pd.Series(False, index=frame.index)
            for column in columns + (["project"] if "project" in frame.columns else []):
                hit |= (
                    frame[column]
                    .astype("string")
                    .str.contains(self.search, case=False, regex=False)
                    .fillna(False)
                )
            keep &= hit
        return frame[keep]

    @property
    def filters_active(self) -> bool:
        """True when any sidebar filter narrows what is shown."""
        return (
            set(self.zones) != set(self.config.zone_codes)
            or set(self.categories) != set(self.config.category_codes)
            or set(self.statuses) != set(STATUSES)
            or bool(self.search)
        )


# -- cached resources ---------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _cached_store(location: str):
    # Keyed on $LANDINV_STORE so tests (and restarts with another store) never
    # see a store opened for a different location in the same process.
    from landinv.services.inventory import open_inventory

    return open_inventory()


@st.cache_resource(show_spinner=False)
def _cached_config(location: str) -> Config:
    return load_config()


def current_store():
    """The process-wide store for ``$LANDINV_STORE`` (opened once, then cached)."""
    return _cached_store(os.environ.get("LANDINV_STORE", ""))


def current_config() -> Config:
    """The config for ``$LANDINV_CONFIG`` / ./landinv.toml (read once, then cached)."""
    return _cached_config(os.environ.get("LANDINV_CONFIG", ""))


# -- sidebar ------------------------------------------------------------------

#: Address-bar parameter -> session_state key. The address follows the view
#: (written after every run), and a copied link opens the same view.
QUERY_KEYS = {
    "lang": KEY_LANG,
    "as_of": KEY_AS_OF,
    "zones": KEY_ZONES,
    "categories": KEY_CATEGORIES,
    "status": KEY_STATUSES,
    "q": KEY_SEARCH,
}
_LIST_KEYS = (KEY_ZONES, KEY_CATEGORIES, KEY_STATUSES)


def _codes(text: str | None, every: tuple[str, ...]) -> list[str] | None:
    """Known codes of a comma-separated address parameter (None: absent or none known)."""
    if not text:
        return None
    chosen = [c for c in str(text).split(",") if c in every]
    return chosen or None


def _link_defaults(config: Config | None = None) -> dict:
    """The view named in the page address (``?lang=en&as_of=2025-05-20&zones=huibu
    &status=available&q=CS-01``), so a planner can bookmark or send a view;
    malformed or unknown values are ignored."""
    out: dict = {}
    try:
        params = {name: st.query_params.get(name) for name in QUERY_KEYS}
    except Exception:  # noqa: BLE001 - no query string support (bare mode)
        return out
    if params["lang"] in LANGS:
        out[KEY_LANG] = params["lang"]
    if params["as_of"]:
        with contextlib.suppress(ValueError):
            out[KEY_AS_OF] = dt.date.fromisoformat(params["as_of"])
    if params["q"]:
        out[KEY_SEARCH] = str(params["q"])[:200]
    if config is not None:
        for name, key, every in (
            ("zones", KEY_ZONES, config.zone_codes),
            ("categories", KEY_CATEGORIES, config.category_codes),
            ("status", KEY_STATUSES, STATUSES),
        ):
            chosen = _codes(params[name], tuple(every))
            if chosen:
                out[key] = chosen
    return out


def current_lang() -> str:
    """The page language: the sidebar choice, else ``?lang=`` in the address,
    else Chinese. Usable before the sidebar is drawn (e.g. for the page title)."""
    return st.session_state.get(KEY_LANG) or _link_defaults().get(KEY_LANG, DEFAULT_LANG)


def filter_defaults(config: Config) -> dict:
    """The unfiltered view: every zone, category and status, no search."""
    return {
        KEY_ZONES: list(config.zone_codes),
        KEY_CATEGORIES: list(config.category_codes),
        KEY_STATUSES: list(STATUSES),
        KEY_SEARCH: "",
    }


def _init_state(config: Config) -> None:
    """Give each shared value its default (or the address's) once per session."""
    link = _link_defaults(config)
    defaults = {KEY_LANG: DEFAULT_LANG, KEY_AS_OF: dt.date.today(), **filter_defaults(config)}
    for key, value in defaults.items():
        st.session_state.setdefault(key, link.get(key, value))


#: session_state key: the language each choice widget was last drawn in.
KEY_CHOICE_LANGS = "choice_langs"


def relabelled(key: str, lang: str) -> str:
    """Return ``key``, first re-assigning the widget's value if it was last
    drawn in another language.

    A radio or selectbox shows the label its ``format_func`` gave when the
    value was chosen: the browser keeps that text, and Streamlit sends a value
    again only when it changed. After a language switch such a widget went on
    showing the old language (全区 on the English page, or a radio with no
    choice marked) and sent the stale label back with the next click.
    Assigning the value through ``st.session_state`` makes Streamlit send it
    with its label in the new language; the value itself is kept.
    """
    seen = st.session_state.setdefault(KEY_CHOICE_LANGS, {})
    if seen.get(key, lang) != lang and key in st.session_state:
        st.session_state[key] = st.session_state[key]
    seen[key] = lang
    return key


def _widget_key(key: str, lang: str) -> str:
    """Filter widgets are keyed per language: after a language switch they are
    new widgets, drawn with chips in the new language from the shared value
    (the value itself lives under ``key`` and never depends on a widget)."""
    return f"w_{key}_{lang}"


def _keep(key: str, widget_key: str) -> None:
    st.session_state[key] = st.session_state.get(widget_key)


def clear_filters(config: Config) -> None:
    """Callback: back to the unfiltered view (every language's widgets too)."""
    for key, value in filter_defaults(config).items():
        st.session_state[key] = value
        for lang in LANGS:
            st.session_state.pop(_widget_key(key, lang), None)


def _synced(widget, label: str, key: str, lang: str, *args, **kwargs):
    widget_key = _widget_key(key, lang)
    if widget_key not in st.session_state:
        value = st.session_state.get(key)
        st.session_state[widget_key] = list(value) if isinstance(value, list) else value
    return widget(label, *args, key=widget_key, on_change=_keep, args=(key, widget_key), **kwargs)


def _render_filters(config: Config, lang: str) -> None:
    zone_names = {z.code: z.label(lang) for z in config.zones}
    cat_names = {c.code: c.label(lang) for c in config.categories}
    st.sidebar.date_input(tr("side.as_of", lang), key=KEY_AS_OF, help=tr("side.as_of_help", lang))
    st.sidebar.subheader(tr("side.filters", lang))
    sidebar = st.sidebar
    _synced(
        sidebar.multiselect,
        tr("side.zones", lang),
        KEY_ZONES,
        lang,
        list(config.zone_codes),
        format_func=lambda c: zone_names.get(c, c),
        placeholder=tr("side.all", lang),
    )
    _synced(
        sidebar.multiselect,
        tr("side.categories", lang),
        KEY_CATEGORIES,
        lang,
        list(config.category_codes),
        format_func=lambda c: cat_names.get(c, c),
        placeholder=tr("side.all", lang),
    )
    _synced(
        sidebar.multiselect,
        tr("side.statuses", lang),
        KEY_STATUSES,
        lang,
        list(STATUSES),
        format_func=lambda c: labels.status_label(c, lang),
        placeholder=tr("side.all", lang),
    )
    _synced(
        sidebar.text_input,
        tr("side.search", lang),
        KEY_SEARCH,
        lang,
        help=tr("side.search_help", lang),
    )
    st.sidebar.caption(tr("side.filters_note", lang))


def _selected(key: str, every: tuple[str, ...]) -> list[str]:
    """Codes chosen in a multiselect, all of them when the box is left empty."""
    chosen = [c for c in st.session_state.get(key) or [] if c in every]
    return chosen or list(every)


def view_params(ctx: AppContext) -> dict[str, str]:
    """The address-bar parameters of the view ``ctx`` shows: the language
    always, the rest only where they differ from the unfiltered view today."""
    params = {"lang": ctx.lang}
    if ctx.as_of != dt.date.today():
        params["as_of"] = ctx.as_of.isoformat()
    for name, chosen, every in (
        ("zones", ctx.zones, ctx.config.zone_codes),
        ("categories", ctx.categories, ctx.config.category_codes),
        ("status", ctx.statuses, STATUSES),
    ):
        if set(chosen) != set(every):
            params[name] = ",".join(c for c in every if c in chosen)
    if ctx.search:
        params["q"] = ctx.search
    return params


def sync_address(ctx: AppContext) -> None:
    """Make the address bar name the view (no rerun: the browser only updates it)."""
    params = view_params(ctx)
    try:
        if {k: st.query_params.get(k) for k in st.query_params} != params:
            st.query_params.from_dict(params)
    except Exception:  # noqa: BLE001 - no query string support (bare mode)
        return


def get_context() -> AppContext:
    """Draw the shared sidebar and return the context pages render from.

    Call once per script run (app.py does); pages receive the result.

    Returns
    -------
    AppContext
    """
    from landinv.ui import auth_gate

    config = current_config()
    _init_state(config)
    st.sidebar.radio(
        tr("side.lang", st.session_state[KEY_LANG]),
        LANGS,
        key=KEY_LANG,
        format_func=_LANG_NAMES.get,
        horizontal=True,
    )
    lang = st.session_state[KEY_LANG]
    store = current_store()
    _render_filters(config, lang)
    editor = auth_gate.render_sign_in(lang)
    as_of = st.session_state.get(KEY_AS_OF) or dt.date.today()
    ctx = AppContext(
        store=store,
        config=config,
        lang=lang,
        as_of=as_of,
        zones=_selected(KEY_ZONES, config.zone_codes),
        categories=_selected(KEY_CATEGORIES, config.category_codes),
        statuses=_selected(KEY_STATUSES, STATUSES),
        search=(st.session_state.get(KEY_SEARCH) or "").strip(),
        can_edit=editor.can_edit,
        user=editor.user,
        auth_enabled=editor.auth_enabled,
    )
    sync_address(ctx)
    return ctx
