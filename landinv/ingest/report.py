"""The upload report: what was read, what was fixed, what must be fixed.

One :class:`Report` per upload, rendered in Chinese or English
(:meth:`Report.to_text`) and as JSON (:meth:`Report.to_dict`). Every finding is
an :class:`Issue` carrying both languages, so the CLI, the app and the import
log all show the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Issues listed per section in the text report; the JSON keeps them all.
TEXT_LIST_LIMIT = 50

FORMAT_NAMES = {"shapefile": "Shapefile", "gpkg": "GeoPackage", "geojson": "GeoJSON",
                 "kml": "KML", "filegdb": "FileGDB", "dxf": "DXF"}


@dataclass(frozen=True)
class Issue:
    """One finding, about one feature or (``feature is None``) the whole file.

    Attributes
    ----------
    code : str
        Stable machine name, e.g. ``geometry_repaired``, ``outside_zones``.
    zh, en : str
        The message: what is wrong (or was done) and how to fix it.
    feature : int or None
        1-based position of the feature in the layer as read.
    object_id : str or None
        The feature's parcel or building ID, when it has one.
    """

    code: str
    zh: str
    en: str
    feature: int | None = None
    object_id: str | None = None

    def text(self, lang: str = "zh") -> str:
        """The message in ``lang`` prefixed with the feature it concerns."""
        body = self.zh if lang == "zh" else self.en
        if self.feature is None:
            return body
        ref = f"#{self.feature}" + (f" {self.object_id}" if self.object_id else "")
        return f"[{ref}] {body}"

    def to_dict(self) -> dict:
        """JSON-ready mapping."""
        return {"code": self.code, "feature": self.feature, "object_id": self.object_id,
                "zh": self.zh, "en": self.en}


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

    # -- verdict -------------------------------------------------------------
    @property
    def accepted(self) -> bool:
        """True when nothing must be fixed and at least one feature is importable."""
        return not self.must_fix and self.n_accepted > 0

    @property
    def n_rejected(self) -> int:
        return self.n_read - self.n_accepted

    # -- building ------------------------------------------------------------
    def note(self, code: str, zh: str, en: str) -> None:
        self.notes.append(Issue(code, zh, en))

    def fix(self, code: str, zh: str, en: str, feature: int | None = None,
            object_id: str | None = None) -> None:
        self.fixed.append(Issue(code, zh, en, feature, object_id))

    def refuse(self, code: str, zh: str, en: str, feature: int | None = None,
               object_id: str | None = None) -> None:
        self.must_fix.append(Issue(code, zh, en, feature, object_id))

    def warn(self, code: str, zh: str, en: str, feature: int | None = None,
             object_id: str | None = None) -> None:
        self.warnings.append(Issue(code, zh, en, feature, object_id))

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
            "counts": {"read": self.n_read, "accepted": self.n_accepted,
                       "rejected": self.n_rejected, "fixed": len(self.fixed),
                       "must_fix": len(self.must_fix), "warnings": len(self.warnings)},
            "notes": [i.to_dict() for i in self.notes],
            "fixed": [i.to_dict() for i in self.fixed],
            "must_fix": [i.to_dict() for i in self.must_fix],
            "warnings": [i.to_dict() for i in self.warnings],
            "floor_preview": self.floor_preview,
            "choices": self.choices,
        }

    def to_text(self, lang: str = "zh") -> str:
        """The report as plain text in ``lang`` ('zh' or 'en')."""
        zh = lang == "zh"
        lines = ["上传检查报告" if zh else "Upload check report"]
        what = FORMAT_NAMES.get(self.format, self.format)
        if what and self.layer:
            what += f"，图层 {self.layer}" if zh else f", layer {self.layer}"
        if what:
            what = f"（{what}）" if zh else f" ({what})"
        lines.append(("文件：" if zh else "File: ") + self.file_name + what)
        if self.encoding:
            lines.append(("属性编码：" if zh else "Attribute encoding: ") + self.encoding)
        if self.source_crs:
            stored = "" if self.source_crs == "EPSG:4490" else " → EPSG:4490"
            lines.append(("坐标系：" if zh else "Coordinate system: ") + self.source_crs + stored)
        if self.effective_date:
            lines.append(("生效日期：" if zh else "Effective date: ") + self.effective_date)
        if self.choices:
            lines.append(f"要素：读取 {self.n_read}；请先完成下面的选择" if zh
                         else f"Features: {self.n_read} read; make the choice below first")
        else:
            lines.append(
                f"要素：读取 {self.n_read}，可导入 {self.n_accepted}，拒绝 {self.n_rejected}"
                if zh else f"Features: {self.n_read} read, {self.n_accepted} importable, "
                           f"{self.n_rejected} rejected")
        sections = (
            (self.notes, "说明", "How the file was read"),
            (self.fixed, "已自动修复", "Fixed automatically"),
            (self.must_fix, "必须修改", "Must be fixed"),
            (self.warnings, "请注意", "Worth a look"),
        )
        for issues, title_zh, title_en in sections:
            if not issues:
                continue
            lines.append("")
            lines.append(f"{title_zh if zh else title_en} ({len(issues)}):")
            lines += [f"  - {i.text(lang)}" for i in issues[:TEXT_LIST_LIMIT]]
            if len(issues) > TEXT_LIST_LIMIT:
                more = len(issues) - TEXT_LIST_LIMIT
                lines.append(f"  … 另有 {more} 条，见 JSON 报告" if zh
                             else f"  … {more} more, see the JSON report")
        if self.choices:
            lines.append("")
            lines += _choice_lines(self.choices, zh)
        if self.floor_preview:
            lines.append("")
            lines += _floor_lines(self.floor_preview, zh)
        lines.append("")
        if self.accepted:
            lines.append("结论：检查通过，可以导入。" if zh
                         else "Verdict: passed, ready to import.")
        else:
            lines.append("结论：未通过。请按“必须修改”逐条改正后重新上传。" if zh
                         else "Verdict: refused. Fix every item under 'Must be fixed' and "
                              "upload again.")
        return "\n".join(lines)


_CHOICE_TITLES = {
    "layer": ("请选择图层（命令行：--layer 值）", "Choose a layer (command line: --layer VALUE)"),
    "encoding": ("请选择属性编码（命令行：--encoding 值）",
                 "Choose the attribute encoding (command line: --encoding VALUE)"),
    "crs": ("请选择坐标系（命令行：--crs 值）",
            "Choose the coordinate system (command line: --crs VALUE)"),
}


def _choice_lines(choices: dict, zh: bool) -> list[str]:
    lines = []
    for key, options in choices.items():
        title = _CHOICE_TITLES.get(key, (key, key))[0 if zh else 1]
        lines.append(f"{title}:")
        lines += [f"  * {opt['zh'] if zh else opt['en']}" for opt in options]
    return lines


def _floor_lines(preview: dict, zh: bool) -> list[str]:
    head = (f"底线预览（截至 {preview.get('as_of', '')}，导入前 → 导入后）："
            if zh else f"Floor preview (as of {preview.get('as_of', '')}, before → after):")
    lines = [head]
    rows = (("ready_land_mu", "工业熟地", "Ready industrial land", "亩", "mu"),
            ("factory_floor_m2", "标准厂房建筑面积", "Standard factory floor space",
             "平方米", "m²"))
    for key, name_zh, name_en, unit_zh, unit_en in rows:
        item = preview.get(key)
        if not item:
            continue
        unit = unit_zh if zh else unit_en
        holds = item["holds_after"]
        verdict = ("满足" if holds else "低于底线") if zh else ("holds" if holds else "BELOW floor")
        lines.append(
            f"  {name_zh if zh else name_en}: {item['before']:,.1f} → {item['after']:,.1f} {unit}"
            + (f"（底线 {item['floor']:,.0f} {unit}，{verdict}）" if zh
               else f" (floor {item['floor']:,.0f} {unit}, {verdict})"))
    return lines
