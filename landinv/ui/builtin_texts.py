"""Streamlit's own English texts in a Chinese page, and what we do about them.

Streamlit 1.x has no translation of its built-in texts; they are hard-coded in
its frontend. What landinv does (see docs/app.md, "Built-in texts"):

* file uploader: the button ("Upload") and the size line ("200MB per file •
  ZIP, SHP ...") are replaced by CSS with texts from the catalogue (the
  original text stays in the page for screen readers' structure but is not
  drawn);
* "Press Enter to submit form" / "Press Enter to apply" under text inputs are
  hidden: the forms that matter do not submit on Enter, and the search box's
  help says Enter applies it;
* "No results" in a select's empty dropdown is replaced the same way;
* what remains English: tooltips of Streamlit's own toolbar and menu
  (Deploy, Settings ...), the "Clear all" / "Remove" labels read by screen
  readers, and date-picker month names (the browser's locale decides them).
"""

from __future__ import annotations

import json

import streamlit as st

from landinv.i18n import tr

#: The uploader's own "Upload" button only: once a file is chosen the dropzone
#: also holds each file's remove button and an "add files" button, which must
#: keep their icons (a bare ``button`` selector wrote the label over them).
UPLOAD_BUTTON = '[data-testid="stFileUploaderDropzone"] > span > button'


def _css_text(text: str) -> str:
    """``text`` as a CSS string literal (JSON's escaping is valid CSS)."""
    return json.dumps(text, ensure_ascii=False)


def builtin_css(lang: str, max_upload_mb: int) -> str:
    """The stylesheet that replaces Streamlit's built-in English texts."""
    upload = _css_text(tr("builtin.upload", lang))
    limit = _css_text(tr("builtin.per_file", lang, mb=max_upload_mb))
    empty = _css_text(tr("builtin.no_results", lang))
    return f"""<style>
{UPLOAD_BUTTON} *:not([data-testid="stIconMaterial"]) {{ font-size: 0 !important; }}
{UPLOAD_BUTTON}::after {{ content: {upload}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] * {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"]::after {{ content: {limit};
  font-size: 0.8rem; opacity: 0.7; }}
[data-testid="InputInstructions"] {{ display: none; }}
[role="listbox"] > span:only-child {{ font-size: 0; }}
[role="listbox"] > span:only-child::after {{ content: {empty}; font-size: 0.875rem; }}
</style>"""


def translate_builtins(lang: str) -> None:
    """Inject :func:`builtin_css` into the page (call once per run)."""
    try:
        max_mb = int(st.get_option("server.maxUploadSize"))
    except Exception:  # noqa: BLE001 - outside a server (tests)
        max_mb = 200
    st.html(builtin_css(lang, max_mb))
