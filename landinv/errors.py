"""The few named errors landinv raises, each with a Chinese and an English message.

Every message says what is wrong and how to fix it. The CLI and the app render
them (never a traceback); see :func:`LandinvError.message`.
"""

from __future__ import annotations

import os


def current_lang() -> str:
    """Language for messages: ``$LANDINV_LANG`` ('zh' default, or 'en')."""
    lang = os.environ.get("LANDINV_LANG", "zh").lower()
    return "en" if lang.startswith("en") else "zh"


class LandinvError(Exception):
    """Base error: a bilingual, user-facing message and a CLI exit code."""

    exit_code = 2

    def __init__(self, zh: str, en: str | None = None):
        self.zh = zh
        self.en = en or zh
        super().__init__(f"{zh} / {self.en}")

    def message(self, lang: str | None = None) -> str:
        """Return the message in ``lang`` ('zh' or 'en'; default from env)."""
        return self.en if (lang or current_lang()) == "en" else self.zh


class UsageError(LandinvError):
    """A bad argument or setting: unknown zone, malformed date, missing path."""


class StoreError(LandinvError):
    """The inventory store cannot be opened, read or written."""


class IngestError(LandinvError):
    """An uploaded file cannot be read at all (unsafe, corrupt, unsupported)."""


class ConflictError(StoreError):
    """A write was refused because it conflicts with what is stored
    (duplicate file, duplicate parcel ID, already undone)."""
