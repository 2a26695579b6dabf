"""The enterprise import report: what was read, what must be fixed, what to look at.

Shaped like the upload report (landinv.ingest.report) but with catalogue codes:
every finding is an :class:`Issue` holding a message code (``eff.issue.<code>``)
and its parameters, translated when shown, so the CLI, the app and the import
log show the same words in either language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from landinv.i18n import tr

#: Issues listed per section in the text report; the JSON keeps them all.
TEXT_LIST_LIMIT = 30


@dataclass(frozen=True)
class Issue:
    """One finding about one row (``row`` is the 1-based spreadsheet row) or the file.

    ``code`` is stable (``bad_check_digit``, ``duplicate_code`` ...) and names the
    message ``eff.issue.<code>`` of the catalogue.
    """

    code: str
    params: dict = field(default_factory=dict)
    row: int | None = None
    credit_code: str | None = None

    def text(self, lang: str = "zh") -> str:
        """The message in ``lang``, prefixed with the row and code it concerns."""
        body = tr(f"eff.issue.{self.code}", lang, **self.params)
        if self.row is None:
            return body
        ref = tr("eff.report.row", lang, row=self.row)
        if self.credit_code:
            ref += f" {self.credit_code}"
        return f"[{ref}] {body}"

    def to_dict(self) -> dict:
        """JSON-ready mapping with both languages."""
        return {
            "code": self.code,
            "row": self.row,
            "credit_code": self.credit_code,
            "params": {
                k: v if isinstance(v, (int, float, str)) else str(v) for k, v in self.params.items()
            },
            "zh": self.text("zh"),
            "en": self.text("en"),
        }


@dataclass
class EnterpriseReport:
    """Everything one enterprise file taught us."""

    file_name: str = ""
    format: str = ""
    encoding: str = ""
    year: int | None = None
    sha256: str = ""
    n_rows: int = 0
    #: Recognised columns: ``{"header", "field", "unit", "factor"}``.
    columns: list = field(default_factory=list)
    must_fix: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    #: Counts of what an import would do: new / changed enterprises, figures, links.
    counts: dict = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        """True when nothing must be fixed and at least one row was read."""
        return not self.must_fix and self.n_rows > 0

    def refuse(
        self, code: str, row: int | None = None, credit_code: str | None = None, **params
    ) -> None:
        self.must_fix.append(Issue(code, params, row, credit_code))

    def warn(
        self, code: str, row: int | None = None, credit_code: str | None = None, **params
    ) -> None:
        self.warnings.append(Issue(code, params, row, credit_code))

    def note(self, code: str, **params) -> None:
        self.notes.append(Issue(code, params))

    def codes(self) -> set[str]:
        """Codes of every issue (handy in tests and scripts)."""
        return {i.code for i in (*self.must_fix, *self.warnings, *self.notes)}

    def to_dict(self) -> dict:
        """JSON-ready mapping (the shape documented in docs/efficiency.md)."""
        return {
            "accepted": self.accepted,
            "file_name": self.file_name,
            "format": self.format,
            "encoding": self.encoding,
            "year": self.year,
            "sha256": self.sha256,
            "n_rows": self.n_rows,
            "columns": self.columns,
            "counts": self.counts,
            "must_fix": [i.to_dict() for i in self.must_fix],
            "warnings": [i.to_dict() for i in self.warnings],
            "notes": [i.to_dict() for i in self.notes],
        }

    def to_text(self, lang: str = "zh") -> str:
        """The report for a person, in ``lang``."""
        verdict = "eff.report.accepted" if self.accepted else "eff.report.refused"
        lines = [
            tr(
                "eff.report.head",
                lang,
                file=self.file_name,
                year=self.year,
                rows=self.n_rows,
                encoding=self.encoding or "-",
            ),
            tr(verdict, lang),
        ]
        if self.counts:
            lines.append(tr("eff.report.counts", lang, **self.counts))
        for title, items in (
            ("eff.report.must_fix", self.must_fix),
            ("eff.report.warnings", self.warnings),
            ("eff.report.notes", self.notes),
        ):
            if not items:
                continue
            lines.append(tr(title, lang, n=len(items)))
            lines += [f"  - {i.text(lang)}" for i in items[:TEXT_LIST_LIMIT]]
            if len(items) > TEXT_LIST_LIMIT:
                lines.append("  " + tr("eff.report.more", lang, n=len(items) - TEXT_LIST_LIMIT))
        return "\n".join(lines)
