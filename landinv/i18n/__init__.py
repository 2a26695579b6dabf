"""The message catalogue: every text landinv shows, in Chinese (default) and English.

One place for words. Code refers to a text by a stable dotted code
(``"dash.title"``, ``"err.date_format"``, ``"ingest.no_category"``) and
translates it where it meets a person — the CLI's output, a Streamlit page, an
export header — with :func:`tr`. Errors carry a code and parameters
(:class:`landinv.errors.LandinvError`), never finished sentences.

The catalogue is split by capability into submodules (``ui``, ``core`` ...),
each holding a ``MESSAGES`` dict of ``code -> {"zh": ..., "en": ...}``; they are
merged here and a code may be defined only once. Chinese string literals live
only in this package and in the sample-data generator (a test enforces it).

Language is chosen one way, by :func:`pick_lang`.
"""

from __future__ import annotations

import importlib
import os
import pkgutil

#: Supported languages, default first.
LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

#: Environment variable giving the CLI's language (``zh`` or ``en``).
LANG_ENV = "LANDINV_LANG"


def _load() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for code, entry in getattr(module, "MESSAGES", {}).items():
            if code in merged:
                raise RuntimeError(f"message code {code!r} is defined twice ({info.name})")
            merged[code] = entry
    return merged


#: Every message, by code.
MESSAGES: dict[str, dict[str, str]] = _load()


def normalise_lang(value: object) -> str | None:
    """Return ``'zh'`` or ``'en'`` for a language setting, or None when unrecognised.

    Accepts the forms people type: ``zh``, ``zh_CN.UTF-8``, ``中文``, ``en``, ``EN-us``.
    """
    if not value or not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text.startswith("en") or text == "english":
        return "en"
    if text.startswith("zh") or text in {"cn", "chinese", "\u4e2d\u6587"}:
        return "zh"
    return None


def pick_lang(*candidates: object, env: bool = True) -> str:
    """The language to use: the first recognised candidate, else ``$LANDINV_LANG``, else Chinese.

    Parameters
    ----------
    *candidates
        Explicit choices in order of precedence (a ``--lang`` flag, a session
        setting, a ``?lang=`` link parameter); None and unknown values are skipped.
    env : bool
        Whether ``$LANDINV_LANG`` is consulted after the candidates.

    Returns
    -------
    str
        ``'zh'`` or ``'en'``.
    """
    for value in candidates:
        lang = normalise_lang(value)
        if lang:
            return lang
    if env:
        lang = normalise_lang(os.environ.get(LANG_ENV))
        if lang:
            return lang
    return DEFAULT_LANG


def tr(code: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """Return the text for ``code`` in ``lang``, formatted with ``values``.

    Parameters
    ----------
    code : str
        A code of :data:`MESSAGES`, e.g. ``"dash.title"``.
    lang : {'zh', 'en'}
        Display language; anything else falls back to Chinese.
    **values
        Substituted into ``{name}`` placeholders. When ``n`` is 1 and the
        entry has a singular form ``"<lang>_one"`` (English counts), that is used.

    Returns
    -------
    str
        The translation; the code itself when it is unknown, so a missing
        string shows up on screen instead of crashing the page.
    """
    entry = MESSAGES.get(code)
    if entry is None:
        return code
    text = entry.get(lang) or entry[DEFAULT_LANG]
    # n may arrive as text (escaped for markdown): compare what it prints as.
    if f"{lang}_one" in entry and str(values.get("n")) == "1":
        text = entry[f"{lang}_one"]  # "1 feature read", not "1 features read"
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        # A wrong placeholder is a bug, but the planner still gets the words.
        return text


def both(code: str, **values: object) -> str:
    """``"中文 / English"``: for logs and the CLI's bilingual error lines."""
    zh, en = tr(code, "zh", **values), tr(code, "en", **values)
    return zh if zh == en else f"{zh} / {en}"


def has(code: str) -> bool:
    """Whether ``code`` is in the catalogue."""
    return code in MESSAGES


def missing_keys(lang: str) -> list[str]:
    """Codes without a text in ``lang`` (the test suite keeps this empty)."""
    return sorted(k for k, v in MESSAGES.items() if not v.get(lang))
