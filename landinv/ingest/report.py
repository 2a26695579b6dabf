"""The upload report: what was read, what was fixed, what must be fixed.

One :class:`Report` per upload, rendered in Chinese or English
(:meth:`Report.to_text`) and as JSON (:meth:`Report.to_dict`). Every finding is
an :class:`Issue` holding a message code of the catalogue
(:mod:`landinv.i18n.ingest`) and its parameters, translated when shown, so the
CLI, the app and the import log all show the same words.

The text report groups identical problems (:func:`group_issues`): one line per
kind with the count and the feature numbers as ranges (``#1–#925``), so every
kind of problem is visible at once; the JSON keeps every feature.

Size: the report's model (issues, counts, choices) and its two renderings
(text grouped by kind, JSON) change together whenever a finding is added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from landinv import i18n

#: Groups listed per section in the text report; the JSON keeps every issue.
TEXT_LIST_LIMIT = 50
#: Feature ranges shown on one grouped line, and example IDs.
MAX_RANGES = 8
MAX_EXAMPLES = 3
#: Differently worded messages of one kind shown under its grouped line.
MAX_VARIANTS = 3

FORMAT_NAMES = {
    "shapefile": "Shapefile",
    "gpkg": "GeoPackage",
    "geojson": "GeoJSON",
    "kml": "KML",
    "filegdb": "FileGDB",
    "dxf": "DXF",
}

#: Catalogue prefix of an issue code given without one.
DEFAULT_PREFIX = "ingest."


def render_param(value, lang: str):
    """A parameter as shown in ``lang``.

    Parameters may be plain values, a pair ``{"zh": ..., "en": ...}`` (a list
    of names, say) or a nested message ``{"msg": ..., "params": {...}}``.
    """
    if isinstance(value, dict):
        if "msg" in value:
            return i18n.tr(value["msg"], lang, **render_params(value.get("params", {}), lang))
        if "zh" in value and "en" in value:
            return value["en"] if lang == "en" else value["zh"]
    return value


def render_params(params: dict, lang: str) -> dict:
    """Every parameter of a message as shown in ``lang``."""
    return {k: render_param(v, lang) for k, v in params.items()}


def submsg(code: str, **params) -> dict:
    """A nested message, usable as a parameter of another (see :func:`render_param`)."""
    return {"msg": code, "params": params}


def pair(zh: str, en: str) -> dict:
    """A parameter that differs by language (e.g. a list of zone names)."""
    return {"zh": zh, "en": en}


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    return str(value)


@dataclass(frozen=True)
class Issue:
    """One finding, about one feature or (``feature is None``) the whole file.

    Attributes
    ----------
    code : str
        Stable machine name, e.g. ``geometry_repaired``, ``outside_zones``.
    params : dict
        Values for the message's placeholders.
    feature : int or None
        1-based position of the feature in the layer as read.
    object_id : str or None
        The feature's parcel or building ID, when it has one.
    message : str
        The catalogue code of the message (``ingest.<code>`` unless given).
    legacy : tuple of str, optional
        ``(zh, en)`` finished sentences, from modules whose texts are not yet
        in the catalogue; used instead of ``message`` when set.
    """

    code: str
    params: dict = field(default_factory=dict, compare=False)
    feature: int | None = None
    object_id: str | None = None
    message: str = ""
    legacy: tuple[str, str] | None = None

    def body(self, lang: str = "zh") -> str:
        """The message in ``lang``, without the feature it concerns."""
        if self.legacy is not None:
            return self.legacy[1] if lang == "en" else self.legacy[0]
        return i18n.tr(
            self.message or DEFAULT_PREFIX + self.code, lang, **render_params(self.params, lang)
        )

    @property
    def zh(self) -> str:
        """The message in Chinese."""
        return self.body("zh")

    @property
    def en(self) -> str:
        """The message in English."""
        return self.body("en")

    def text(self, lang: str = "zh") -> str:
        """The message in ``lang`` prefixed with the feature it concerns."""
        body = self.body(lang)
        if self.feature is None:
            return body
        ref = f"#{self.feature}" + (f" {self.object_id}" if self.object_id else "")
        return f"[{ref}] {body}"

    def to_dict(self) -> dict:
        """JSON-ready mapping: code, feature, ID, both texts, message code and parameters."""
        return {
            "code": self.code,
            "feature": self.feature,
            "object_id": self.object_id,
            "zh": self.zh,
            "en": self.en,
            "message": None if self.legacy else (self.message or DEFAULT_PREFIX + self.code),
            "params": _jsonable(self.params),
        }


def make_issue(
    code: str, texts: tuple, feature: int | None, object_id: str | None, params: dict, msg: str = ""
) -> Issue:
    """An :class:`Issue` from either calling form of the :class:`Report` methods.

    ``code`` is a short name (``missing_category``: message ``ingest.missing_category``)
    or a catalogue code (``ingest_read.text_truncated``: short name ``text_truncated``).
    ``texts`` is ``()`` or the transitional ``(zh, en)`` pair; ``msg`` names
    the message when it is not the code's own (one code, several wordings).
    """
    message = msg
    if "." in code:
        message, code = code, code.split(".", 1)[1]
    legacy = (str(texts[0]), str(texts[1])) if len(texts) == 2 else None
    if texts and legacy is None:
        raise TypeError("give both the Chinese and the English text, or a message code")
    return Issue(code, dict(params), feature, object_id, message, legacy)


# -- grouping ----------------------------------------------------------------------


def feature_ranges(numbers: list[int], limit: int = MAX_RANGES) -> str:
    """``#1–#925, #930`` from sorted feature numbers (at most ``limit`` ranges, then …)."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    parts = [f"#{a}" if a == b else f"#{a}–#{b}" for a, b in runs[:limit]]
    return ", ".join(parts) + (", …" if len(runs) > limit else "")


@dataclass
class IssueGroup:
    """Issues of one kind (one code) in one section of the report."""

    code: str
    issues: list[Issue]

    @property
    def count(self) -> int:
        return len(self.issues)

    @property
    def features(self) -> list[int]:
        return [i.feature for i in self.issues if i.feature is not None]

    def examples(self) -> list[str]:
        """A few IDs of the features concerned (file order)."""
        ids = [i.object_id for i in self.issues if i.object_id]
        return list(dict.fromkeys(ids))[:MAX_EXAMPLES]

    def variants(self, lang: str) -> list[Issue]:
        """One issue per distinct wording, in file order."""
        seen: dict[str, Issue] = {}
        for issue in self.issues:
            seen.setdefault(issue.body(lang), issue)
        return list(seen.values())

    def lines(self, lang: str = "zh") -> list[str]:
        """The group as text: one line, plus a few variants when the wording differs."""
        variants = self.variants(lang)
        if len(self.issues) == 1 or not self.features:
            # One feature, or whole-file findings: each wording once, as it is.
            texts = [v.text(lang) for v in variants]
            if len(self.issues) > len(variants) and len(variants) == 1:
                texts = [i18n.tr("ingest.r.group_times", lang, text=texts[0], n=self.count)]
            return texts[:1] + [f"  - {x}" for x in texts[1:]]
        head = i18n.tr(
            "ingest.r.group_head",
            lang,
            n=len(set(self.features)),
            ranges=feature_ranges(self.features),
        )
        examples = self.examples()
        tail = (
            i18n.tr(
                "ingest.r.group_examples", lang, ids=i18n.tr("ingest.list_sep", lang).join(examples)
            )
            if examples
            else ""
        )
        if len(variants) == 1:
            return [f"[{head}] {variants[0].body(lang)}{tail}"]
        title = (
            i18n.tr(f"ingest.kind.{self.code}", lang)
            if i18n.has(f"ingest.kind.{self.code}")
            else self.code
        )
        lines = [f"[{head}] {title}{tail}"]
        lines += [f"    · {v.text(lang)}" for v in variants[:MAX_VARIANTS]]
        if len(variants) > MAX_VARIANTS:
            lines.append(
                "    · " + i18n.tr("ingest.r.more_variants", lang, n=len(variants) - MAX_VARIANTS)
            )
        return lines

    def to_dict(self, lang: str) -> dict:
        """What the app shows for the group."""
        return {
            "code": self.code,
            "count": self.count,
            "ranges": feature_ranges(self.features),
            "examples": self.examples(),
            "lines": self.lines(lang),
        }


def group_issues(issues: list[Issue]) -> list[IssueGroup]:
    """Issues grouped by code, groups in order of first appearance."""
    groups: dict[str, IssueGroup] = {}
    for issue in issues:
        groups.setdefault(issue.code, IssueGroup(issue.code, [])).issues.append(issue)
    return list(groups.values())


# -- the report --------------------------------------------------------------------


@dataclass
class Report:
    """Everything one upload taught us, for the planner and the import log."""

    file_name: str = ""
    kind: str = "parcels"
    format: str = ""
    layer: str | None = None
    #: Codec the attributes were decoded with (e.g. ``GB18030``, ``UTF-8``).
    encoding: str = ""
    #: Source CRS as ``EPSG:n`` (or a name when it has no EPSG code).
    source_crs: str = ""
    effective_date: str = ""
    sha256: str = ""
    n_read: int = 0
    n_accepted: int = 0
    #: How the encoding and the CRS were decided, ignored members, and the like.
    notes: list[Issue] = field(default_factory=list)
    #: Problems fixed automatically (per feature or per file).
    fixed: list[Issue] = field(default_factory=list)
    #: Problems the planner must fix; any one of them refuses the upload.
    must_fix: list[Issue] = field(default_factory=list)
    #: Worth a look but not blocking (e.g. declared area differs by > 1 %).
    warnings: list[Issue] = field(default_factory=list)
    #: Ready land and factory floor space before/after, when a store was given.
    floor_preview: dict | None = None
    #: Open choices: 'layer', 'encoding' or 'crs' -> options, each a dict with
    #: ``value`` (to pass back) and ``zh``/``en`` (a self-contained label that
    #: starts with the value); the upload cannot pass until one is chosen.
    choices: dict = field(default_factory=dict)
    #: Decisions taken automatically that the caller may override ('crs' ->
    #: options, shaped like ``choices``); they do not block the upload.
    alternatives: dict = field(default_factory=dict)
    #: IDs numbered by the caller's request: ``{"prefix", "first", "last"}``.
    numbered_ids: dict | None = None

    # -- verdict -------------------------------------------------------------
    @property
    def accepted(self) -> bool:
        """True when nothing must be fixed and at least one feature is importable."""
        return not self.must_fix and self.n_accepted > 0

    @property
    def n_rejected(self) -> int:
        return self.n_read - self.n_accepted

    # -- building ------------------------------------------------------------
    # Each takes a code and either the message's parameters as keywords
    # (``refuse("missing_category", categories=...)``) or, transitionally, two
    # finished sentences (``refuse("x", zh, en)``).
    def note(self, code: str, *texts: str, msg: str = "", **params) -> None:
        """Record how something was read or decided."""
        self.notes.append(make_issue(code, texts, None, None, params, msg))

    def fix(
        self,
        code: str,
        *texts: str,
        feature: int | None = None,
        object_id: str | None = None,
        msg: str = "",
        **params,
    ) -> None:
        """Record a problem fixed automatically."""
        self.fixed.append(make_issue(code, texts, feature, object_id, params, msg))

    def refuse(
        self,
        code: str,
        *texts: str,
        feature: int | None = None,
        object_id: str | None = None,
        msg: str = "",
        **params,
    ) -> None:
        """Record a problem the planner must fix (the upload is refused)."""
        self.must_fix.append(make_issue(code, texts, feature, object_id, params, msg))

    def warn(
        self,
        code: str,
        *texts: str,
        feature: int | None = None,
        object_id: str | None = None,
        msg: str = "",
        **params,
    ) -> None:
        """Record something worth a look that does not block the upload."""
        self.warnings.append(make_issue(code, texts, feature, object_id, params, msg))

    def refuse_error(self, code: str, exc) -> None:
        """Record a :class:`~landinv.errors.LandinvError` as a must-fix item."""
        legacy = getattr(exc, "_legacy", None)
        if legacy is not None or not getattr(exc, "code", ""):
            self.must_fix.append(Issue(code, {}, legacy=(exc.zh, exc.en)))
        else:
            self.must_fix.append(Issue(code, dict(exc.params), message=exc.code))

    def sections(self) -> list[tuple[str, list[Issue]]]:
        """``(catalogue code of the title, issues)`` in the order they are shown."""
        return [
            ("ingest.r.notes", self.notes),
            ("ingest.r.fixed", self.fixed),
            ("ingest.r.must_fix", self.must_fix),
            ("ingest.r.warnings", self.warnings),
        ]

    # -- output --------------------------------------------------------------
    def to_dict(self) -> dict:
        """JSON-ready mapping (plain str/int/float/bool/None/list/dict only)."""
        return {
            "accepted": self.accepted,
            "file_name": self.file_name,
            "kind": self.kind,
            "format": self.format,
            "layer": self.layer,
            "encoding": self.encoding,
            "crs": self.source_crs,
            "effective_date": self.effective_date,
            "sha256": self.sha256,
            "counts": {
                "read": self.n_read,
                "accepted": self.n_accepted,
                "rejected": self.n_rejected,
                "fixed": len(self.fixed),
                "must_fix": len(self.must_fix),
                "warnings": len(self.warnings),
            },
            "notes": [i.to_dict() for i in self.notes],
            "fixed": [i.to_dict() for i in self.fixed],
            "must_fix": [i.to_dict() for i in self.must_fix],
            "warnings": [i.to_dict() for i in self.warnings],
            "floor_preview": self.floor_preview,
            "choices": self.choices,
            "alternatives": self.alternatives,
            "numbered_ids": self.numbered_ids,
        }

    def to_text(self, lang: str = "zh") -> str:
        """The report as plain text in ``lang`` ('zh' or 'en'), problems grouped by kind."""
        t = i18n.tr
        lines = [t("ingest.r.title", lang)]
        what = FORMAT_NAMES.get(self.format, self.format)
        if what and self.layer:
            what = t("ingest.r.format_layer", lang, format=what, layer=self.layer)
        lines.append(
            t("ingest.r.file", lang, name=self.file_name)
            + (t("ingest.r.paren", lang, text=what) if what else "")
        )
        if self.encoding:
            lines.append(t("ingest.r.encoding", lang, encoding=self.encoding))
        if self.source_crs:
            stored = "" if self.source_crs == "EPSG:4490" else " → EPSG:4490"
            lines.append(t("ingest.r.crs", lang, crs=self.source_crs + stored))
        if self.effective_date:
            lines.append(t("ingest.r.date", lang, date=self.effective_date))
        if self.choices:
            lines.append(t("ingest.r.counts_choose", lang, n=self.n_read))
        else:
            lines.append(
                t(
                    "ingest.r.counts",
                    lang,
                    read=self.n_read,
                    ok=self.n_accepted,
                    rejected=self.n_rejected,
                )
            )
        for title, issues in self.sections():
            if not issues:
                continue
            groups = group_issues(issues)
            lines.append("")
            lines.append(
                t(
                    "ingest.r.section" if len(groups) < len(issues) else "ingest.r.section_plain",
                    lang,
                    title=t(title, lang),
                    n=len(issues),
                    kinds=len(groups),
                )
            )
            for group in groups[:TEXT_LIST_LIMIT]:
                first, *rest = group.lines(lang)
                lines.append(f"  - {first}")
                lines += rest
            if len(groups) > TEXT_LIST_LIMIT:
                lines.append(
                    "  … " + t("ingest.r.more_kinds", lang, n=len(groups) - TEXT_LIST_LIMIT)
                )
        if self.choices:
            lines.append("")
            lines += _choice_lines(self.choices, lang)
        if self.alternatives:
            lines.append("")
            lines += _choice_lines(self.alternatives, lang, prefix="ingest.r.override_")
        if self.floor_preview:
            lines.append("")
            lines += _floor_lines(self.floor_preview, lang)
        lines.append("")
        lines.append(t("ingest.r.passed" if self.accepted else "ingest.r.refused", lang))
        return "\n".join(lines)


def _choice_lines(choices: dict, lang: str, prefix: str = "ingest.r.choose_") -> list[str]:
    lines = []
    for key, options in choices.items():
        code = prefix + key
        title = i18n.tr(code, lang) if i18n.has(code) else key
        lines.append(f"{title}:")
        lines += [f"  * {opt['en'] if lang == 'en' else opt['zh']}" for opt in options]
    return lines


def _floor_lines(preview: dict, lang: str) -> list[str]:
    t = i18n.tr
    lines = [t("ingest.r.floor_head", lang, date=preview.get("as_of", ""))]
    for key, name, unit in (
        ("ready_land_mu", "ingest.r.ready_land", "ingest.r.mu"),
        ("factory_floor_m2", "ingest.r.factory_floor", "ingest.r.m2"),
    ):
        item = preview.get(key)
        if not item:
            continue
        verdict = t("ingest.r.holds" if item["holds_after"] else "ingest.r.below", lang)
        lines.append(
            "  "
            + t(
                "ingest.r.floor_line",
                lang,
                name=t(name, lang),
                before=f"{item['before']:,.1f}",
                after=f"{item['after']:,.1f}",
                unit=t(unit, lang),
                floor=f"{item['floor']:,.0f}",
                verdict=verdict,
            )
        )
    return lines
