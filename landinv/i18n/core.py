"""Texts of errors and notices raised below the user interfaces (domain, store, services)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # The name of each language, written in that language (the language switch).
    "lang.zh": {"zh": "中文", "en": "中文"},
    "lang.en": {"zh": "English", "en": "English"},
    "err.legacy": {"zh": "{text}", "en": "{text}"},
}
