"""The monthly report: a Word document a planning office can send on.

Rendered with python-docx from :class:`MonthlyFigures`, which
:func:`landinv.services.monthly_report.monthly_figures` computes with the same
functions the dashboard and ``landinv check`` use
(:func:`landinv.analysis.inventory_report` at the month's last day), so the
figures cannot disagree. Sections: the floors with margins, the
zone × category table, the month's events (stock changes and imports), the
stock timeline chart with the floor lines and the forecast, the forecast
table, progress to the year's targets, and a map of the sub-areas with the
parcels by category. Chinese by default, English on request.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from landinv.analysis.events import event_label
from landinv.domain import Config
from landinv.errors import UsageError
from landinv.i18n import tr
from landinv.labels import scenario_label
from landinv.planning.forecast import breach_lines

#: East Asian font named in the document (Word on Windows has it; other
#: programs substitute their own CJK font).
EAST_ASIAN_FONT = "SimSun"
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str) -> dt.date:
    """``YYYY-MM`` to the first day of that month (bilingual error otherwise)."""
    m = _MONTH.match(str(text or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise UsageError("err.report_month", month=text)
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


@dataclass
class MonthlyFigures:
    """Everything the document shows, kept for tests and other renderings."""

    month: dt.date
    month_end: dt.date
    report: object  # InventoryReport at month_end
    scenario: str
    month_events: pd.DataFrame
    month_imports: pd.DataFrame
    forecast: object  # Forecast from month_end
    targets: pd.DataFrame
    chart_png: bytes
    map_png: bytes


def _fonts(doc) -> None:
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        doc.styles[name].element.get_or_add_rPr().get_or_add_rFonts().set(
            qn("w:eastAsia"), EAST_ASIAN_FONT
        )


def _table(doc, header: list[str], rows: list[list]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = str(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value if isinstance(value, str) else f"{value:,.2f}"
            if not isinstance(value, str):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def build_document(f: MonthlyFigures, cfg: Config, lang: str):
    """The Word document of :class:`MonthlyFigures`."""
    t = lambda code, **kw: tr(code, lang, **kw)  # noqa: E731
    doc = Document()
    _fonts(doc)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.0)
    zone_name = cfg.name_zh if lang == "zh" else cfg.name_en
    doc.add_heading(
        t("report.title", zone=zone_name, year=f.month.year, month=f.month.month), level=0
    )
    doc.add_paragraph(
        t("report.subtitle", end=f.month_end.isoformat(), made=dt.date.today().isoformat())
    )
    if f.report.sample_data:
        note = doc.add_paragraph().add_run(t("report.sample"))
        note.font.color.rgb = RGBColor(0xC6, 0x28, 0x28)

    # 1. floors
    doc.add_heading(t("report.h_floors"), level=1)
    rows = []
    for c in f.report.checks:
        unit = t("report.unit_mu") if c.unit == "mu" else t("report.unit_m2")
        rows.append(
            [
                c.label(lang),
                c.value,
                c.floor,
                c.margin,
                t("report.holds") if c.holds else t("report.breached"),
                unit,
            ]
        )
    _table(
        doc,
        [
            t("report.col_floor"),
            t("report.col_value"),
            t("report.col_floor_value"),
            t("report.col_margin"),
            t("report.col_holds"),
            t("report.col_unit"),
        ],
        rows,
    )

    # 2. zone x category
    doc.add_heading(t("report.h_table"), level=1)
    rows = [
        [r.zone, r.category or "", f"{int(r.count)}", r.area_mu, r.area_m2]
        for r in f.report.table.itertuples(index=False)
    ]
    _table(
        doc,
        [
            t("report.col_zone"),
            t("report.col_category"),
            t("report.col_count"),
            t("report.col_mu"),
            t("report.col_m2"),
        ],
        rows,
    )
    doc.add_paragraph(t("report.table_note"))

    # 3. the month's events
    doc.add_heading(t("report.h_events"), level=1)
    if len(f.month_events):
        desc = "description_en" if lang == "en" else "description_zh"
        rows = [
            [
                str(r["date"]),
                event_label(r["kind"], lang),
                str(r["object_id"]),
                r["delta_mu"] if r["stock"] == "ready_land" else r["delta_m2"],
                t("report.unit_mu") if r["stock"] == "ready_land" else t("report.unit_m2"),
                str(r[desc]),
            ]
            for _, r in f.month_events.iterrows()
        ]
        _table(
            doc,
            [
                t("report.col_date"),
                t("report.col_kind"),
                t("report.col_id"),
                t("report.col_delta"),
                t("report.col_unit"),
                t("report.col_desc"),
            ],
            rows,
        )
    else:
        doc.add_paragraph(t("report.no_events"))
    if len(f.month_imports):
        doc.add_paragraph(t("report.imports"))
        rows = [
            [
                str(r["effective_date"]),
                str(r["file_name"]),
                str(r["kind"]),
                f"{int(r['n_features'] or 0)}",
                t("report.undone") if pd.notna(r["undone_at"]) else "",
            ]
            for _, r in f.month_imports.iterrows()
        ]
        _table(
            doc,
            [
                t("report.col_date"),
                t("report.col_file"),
                t("report.col_layer"),
                t("report.col_count"),
                "",
            ],
            rows,
        )

    # 4. chart
    doc.add_heading(t("report.h_chart"), level=1)
    doc.add_picture(io.BytesIO(f.chart_png), width=Cm(16))
    doc.add_paragraph(t("report.chart_caption"))

    # 5. forecast
    doc.add_heading(t("report.h_forecast", n=len(f.forecast.months)), level=1)
    doc.add_paragraph(
        t(
            "report.forecast_from",
            date=f.forecast.as_of.isoformat(),
            scenario=scenario_label(f.scenario, lang),
        )
    )
    found = breach_lines(f.forecast, lang)
    if not found:
        doc.add_paragraph(tr("plan.no_breach", lang))
    else:
        doc.add_paragraph(found[0])
        for line in found[1:]:
            doc.add_paragraph(line, style="List Bullet")
    rows = [
        [
            r.month,
            r.ready_land_mu,
            r.ready_land_min_mu,
            r.factory_floor_area_m2,
            t("report.holds") if r.ok else t("report.breached"),
        ]
        for r in f.forecast.months.itertuples(index=False)
    ]
    _table(
        doc,
        [
            tr("plan.col.month", lang),
            tr("plan.col.ready", lang),
            tr("plan.col.ready_min", lang),
            tr("plan.col.factory", lang),
            tr("plan.col.ok", lang),
        ],
        rows,
    )

    # 6. targets
    doc.add_heading(t("report.h_targets", year=f.month_end.year), level=1)
    if len(f.targets):
        rows = []
        for r in f.targets.itertuples(index=False):
            where = r.area_zh if lang == "zh" else r.area_en
            what = r.category_zh if lang == "zh" else r.category_en
            label = f"{where} · {what}" + (
                f" {tr('plan.area_missing', lang)}" if r.area_missing else ""
            )
            rows.append(
                [
                    label,
                    r.target_mu,
                    r.done_mu,
                    r.forecast_mu,
                    f"{r.ratio_done:.0%}" if r.ratio_done == r.ratio_done else "-",
                ]
            )
        _table(
            doc,
            [
                tr("plan.col.target", lang),
                tr("plan.col.target_mu", lang),
                tr("plan.col.done_mu", lang),
                tr("plan.col.forecast_mu", lang),
                tr("plan.col.ratio", lang),
            ],
            rows,
        )
    else:
        doc.add_paragraph(t("report.no_targets", year=f.month_end.year))
    annual = f.report.annual
    if f.report.annual_year != f.month_end.year and len(annual):
        doc.add_paragraph(t("report.last_year", year=f.report.annual_year))
        rows = [
            [
                r.category_zh if lang == "zh" else r.category_en,
                r.target_mu,
                r.area_mu,
                f"{r.ratio:.0%}",
            ]
            for r in annual.itertuples(index=False)
        ]
        _table(
            doc,
            [
                t("report.col_category"),
                tr("plan.col.target_mu", lang),
                t("report.col_mu"),
                tr("plan.col.ratio", lang),
            ],
            rows,
        )

    # 7. map
    doc.add_heading(t("report.h_map"), level=1)
    doc.add_picture(io.BytesIO(f.map_png), width=Cm(15))
    doc.add_paragraph(t("report.source", source=f.report.source))
    return doc
