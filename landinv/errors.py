"""The named errors landinv raises: a message code and its parameters.

An error never holds finished sentences; it holds a code of the message
catalogue (:mod:`landinv.i18n`) and the values to put in it, and is translated
where it meets a person — the CLI prints both languages, the app the chosen
one. Every message says what is wrong and how to fix it.
"""

from __future__ import annotations

from landinv import i18n


def current_lang() -> str:
    """Language for messages outside the app: ``$LANDINV_LANG`` ('zh' default, or 'en')."""
    return i18n.pick_lang()


class LandinvError(Exception):
    """Base error: a catalogued, user-facing message and a CLI exit code.

    Parameters
    ----------
    code : str
        A message code of :mod:`landinv.i18n`, e.g. ``"err.date_format"``.
    **params
        Values for the message's placeholders.

    Notes
    -----
    Transitional: ``LandinvError(zh_text, en_text)`` (two finished sentences)
    is still accepted while modules move their texts into the catalogue; the
    Chinese-literal test lists the modules still doing so.
    """

    exit_code = 2

    def __init__(self, code: str, en: str | None = None, /, **params: object):
        self.code = code
        self.params = params
        if i18n.has(code) and en is None:
            self._legacy = None
        else:
            self._legacy = (code, en or code)
            self.code = "err.legacy"
        super().__init__(self.message("zh") + " / " + self.message("en"))

    @property
    def zh(self) -> str:
        """The message in Chinese."""
        return self.message("zh")

    @property
    def en(self) -> str:
        """The message in English."""
        return self.message("en")

    def message(self, lang: str | None = None) -> str:
        """Return the message in ``lang`` ('zh' or 'en'; default from ``$LANDINV_LANG``)."""
        lang = lang or current_lang()
        if self._legacy is not None:
            return self._legacy[1] if lang == "en" else self._legacy[0]
        return i18n.tr(self.code, lang, **self.params)

    def to_dict(self) -> dict:
        """JSON-ready form: the code, its parameters and both texts."""
        return {
            "code": self.code,
            "params": {k: _jsonable(v) for k, v in self.params.items()},
            "zh": self.zh,
            "en": self.en,
        }


def _jsonable(value: object) -> object:
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


class UsageError(LandinvError):
    """A bad argument or setting: unknown zone, malformed date, missing path."""


class ConfigError(UsageError):
    """A bad value in ``landinv.toml``: the message names the key."""


class StoreError(LandinvError):
    """The inventory store cannot be opened, read or written."""


class IngestError(LandinvError):
    """An uploaded file cannot be read at all (unsafe, corrupt, unsupported)."""


class ConflictError(StoreError):
    """A write was refused because it conflicts with what is stored
    (duplicate file, duplicate parcel ID, already undone)."""
