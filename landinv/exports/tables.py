"""Report tables as files: CSV for any table, the XLSX workbook of an inventory report.

Headers are bilingual (``中文 / English``; English first when ``lang='en'``).
Numbers are written as numbers at full precision; only the XLSX display format
rounds them (2 decimals). XLSX cells holding text are written as strings, never
as formulas; CSV text that a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re

import numpy as np
import pandas as pd
import xlsxwriter

from landinv.analysis import READY_LAND, InventoryReport, event_label, zone_category_table
from landinv.domain import Config
from landinv.exports.files import deliver
from landinv.exports.labels import column_header, layer_kind, zone_label
from landinv.i18n import both, tr

#: Sheet names of :func:`summary_xlsx` (bilingual on purpose: one workbook for both readers).
SHEETS = {
    key: tr(f"sheet.{key}")
    for key in ("summary", "available", "floors", "timeline", "events", "annual", "metadata")
}

_FLOAT_FORMAT = "#,##0.00"
#: Events mix parcels and buildings: neutral headers for their shared columns.
_EVENT_HEADERS = {
    key: (tr(f"head.{key}", "zh"), tr(f"head.{key}", "en")) for key in ("name", "project")
}
#: First characters that make a spreadsheet treat a cell as a formula (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot run as spreadsheet formulas.

    A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return (after any leading spaces) gets a leading apostrophe, as OWASP
    advises for CSV injection; numbers stay numbers. The CSV writer quotes
    such cells as needed.
    """
    out = df.copy()
    for column in out.columns:
        if out[column].dtype != object and not pd.api.types.is_string_dtype(out[column]):
            continue
        out[column] = [_neutral(v) for v in out[column]]
    return out


#: All-digit text Excel would turn into a number and change: a leading zero
#: ("0601" -> 601) or more digits than a double holds (18-digit credit codes).
_CODE_AT_RISK = re.compile(r"(?:0\d+|\d{16,})")


def keep_codes_as_text(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose all-digit codes open in Excel as the text they are.

    A text cell made only of digits that starts with ``0`` or has 16 or more
    digits is written as ``="0601"``: Excel shows the text 0601 instead of the
    number 601. Safe against formula injection because only cells that are
    digits and nothing else are wrapped, after :func:`neutralise_formulas`
    has handled every other cell; numbers stay numbers. Use for CSV only
    (XLSX has real text cells).
    """
    out = df.copy()
    for column in out.columns:
        if out[column].dtype != object and not pd.api.types.is_string_dtype(out[column]):
            continue
        out[column] = [
            f'="{v}"' if isinstance(v, str) and _CODE_AT_RISK.fullmatch(v) else v
            for v in out[column]
        ]
    return out


def _neutral(value):
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(
    df: pd.DataFrame, target, *, lang: str = "zh", force: bool = True, protect=()
) -> None:
    """Write a table as CSV that Excel on a Chinese Windows opens cleanly.

    Parameters
    ----------
    df : DataFrame
        Any report table (or layer attributes).
    target : path or binary buffer
    lang : {'zh', 'en'}
        Which language comes first in the bilingual headers.

    Notes
    -----
    UTF-8 with a byte-order mark (``utf-8-sig``), comma separated, full
    precision numbers, dates as ``YYYY-MM-DD``, missing values empty. Text
    that a spreadsheet would run as a formula is neutralised
    (:func:`neutralise_formulas`). ``force`` and ``protect`` as in
    :func:`landinv.exports.files.deliver`.
    """
    kind = layer_kind(df)
    frame = keep_codes_as_text(neutralise_formulas(df))
    frame = frame.rename(columns={c: column_header(c, lang, kind) for c in frame.columns})
    text = frame.to_csv(index=False, lineterminator="\r\n")
    deliver(text.encode("utf-8-sig"), target, force=force, protect=protect)


def summary_xlsx(
    report: InventoryReport, target, *, lang: str = "zh", force: bool = True, protect=()
) -> None:
    """Write the inventory report as an Excel workbook.

    Sheets (see :data:`SHEETS`): the zone × category summary, the same for
    available land only, the floors (with breach periods), the monthly
    timeline, the stock events, the annual figures (when the year has
    targets) and metadata (as-of date, data source, area method, mu
    definition, generated time, sample-data note).

    Parameters
    ----------
    report : InventoryReport
        From :func:`landinv.reports.inventory_report`.
    target : path or binary buffer
    lang : {'zh', 'en'}
        Language of labels; headers are bilingual either way.
    """
    lang = "en" if lang == "en" else "zh"
    cfg, as_of = report.config, report.as_of
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "nan_inf_to_errors": True})
    zone_name = cfg.name_en if lang == "en" else cfg.name_zh
    book.set_properties(
        {
            "title": tr("xlsx.doc_title", lang, zone=zone_name, date=as_of),
            "subject": "landinv inventory report",
            "author": "landinv",
        }
    )
    styles = _styles(book)

    def title(code: str, **values) -> str:
        pair = [
            tr("xlsx.as_of", la, title=tr(code, la, **values), date=as_of.isoformat())
            for la in ((lang, "zh") if lang == "en" else ("zh", "en"))
        ]
        return f"{zone_name} · {' / '.join(pair)}"

    for key, status in (("summary", None), ("available", "available")):
        table = zone_category_table(report.summary, cfg, lang=lang, status=status)
        strong = table["row_type"].ne("detail").to_numpy()
        _write_sheet(
            book,
            SHEETS[key],
            title(f"title.{key}"),
            table.drop(columns=["row_type", "zone_code", "category_code"]),
            styles,
            lang,
            strong_rows=strong,
        )
    _write_sheet(
        book,
        SHEETS["floors"],
        title("title.floors"),
        _floors_frame(report, lang),
        styles,
        lang,
        below=_breaches_frame(report, lang),
        below_title=tr("title.breaches", lang),
    )
    _write_sheet(book, SHEETS["timeline"], title("title.timeline"), report.timeline, styles, lang)
    _write_sheet(
        book,
        SHEETS["events"],
        title("title.events"),
        _localised_events(report.events, cfg, lang),
        styles,
        lang,
        headers=_EVENT_HEADERS,
    )
    if len(report.annual):
        _write_sheet(
            book,
            SHEETS["annual"],
            title("title.annual", year=report.annual_year or as_of.year),
            report.annual.drop(columns="category"),
            styles,
            lang,
            percent=("ratio",),
        )
    _write_sheet(
        book,
        SHEETS["metadata"],
        title("title.metadata"),
        _metadata_frame(report, lang),
        styles,
        lang,
    )
    book.close()
    deliver(buffer.getvalue(), target, force=force, protect=protect)


def _styles(book) -> dict:
    return {
        "title": book.add_format({"bold": True, "font_size": 12}),
        "header": book.add_format(
            {"bold": True, "bg_color": "#E8EEF4", "border": 1, "text_wrap": True, "valign": "top"}
        ),
        "float": book.add_format({"num_format": _FLOAT_FORMAT}),
        "int": book.add_format({"num_format": "#,##0"}),
        "percent": book.add_format({"num_format": "0.00%"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "text": book.add_format({}),
        "bold": book.add_format({"bold": True}),
        "bold_float": book.add_format({"bold": True, "num_format": _FLOAT_FORMAT}),
        "bold_int": book.add_format({"bold": True, "num_format": "#,##0"}),
    }


def _write_sheet(
    book,
    name: str,
    title: str,
    df: pd.DataFrame,
    styles: dict,
    lang: str,
    *,
    strong_rows=None,
    percent=(),
    headers=None,
    below: pd.DataFrame | None = None,
    below_title: str = "",
) -> None:
    """One sheet: a title row, a bilingual header row, then the rows typed."""
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, title, styles["title"])
    widths = _write_block(sheet, 1, df, styles, lang, strong_rows, percent, headers)
    sheet.freeze_panes(2, 0)
    if below is not None and len(below):
        row = len(df) + 3
        sheet.write_string(row, 0, below_title, styles["title"])
        more = _write_block(sheet, row + 1, below, styles, lang, None, (), None)
        widths = [max(a, b) for a, b in zip(widths + [0] * len(more), more + [0] * len(widths))]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(max(width + 2, 8), 60))


def _write_block(
    sheet, top: int, df: pd.DataFrame, styles, lang, strong_rows, percent, headers
) -> list[int]:
    """Write header and rows from row ``top``; return the column widths used."""
    widths = []
    for col, column in enumerate(df.columns):
        header = column_header(column, lang, overrides=headers)
        sheet.write_string(top, col, header, styles["header"])
        widths.append(min(_display_width(header), 30))
        strong = strong_rows if strong_rows is not None else np.zeros(len(df), dtype=bool)
        for offset, (value, bold) in enumerate(zip(df[column], strong)):
            width = _write_cell(
                sheet,
                top + 1 + offset,
                col,
                value,
                styles,
                lang,
                bold=bool(bold),
                percent=column in percent,
            )
            widths[col] = max(widths[col], width)
    return widths


def _write_cell(
    sheet, row: int, col: int, value, styles, lang, *, bold: bool, percent: bool
) -> int:
    """Write one typed cell; return its display width."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return 0
    if isinstance(value, (bool, np.bool_)):
        text = tr("word.yes" if value else "word.no", lang)
        sheet.write_string(row, col, text, styles["bold" if bold else "text"])
        return _display_width(text)
    if isinstance(value, (int, np.integer)):
        sheet.write_number(row, col, int(value), styles["bold_int" if bold else "int"])
        return len(f"{int(value):,}")
    if isinstance(value, (float, np.floating)):
        style = "percent" if percent else ("bold_float" if bold else "float")
        sheet.write_number(row, col, float(value), styles[style])
        return len(f"{float(value):,.2f}")
    if isinstance(value, (dt.date, pd.Timestamp)):
        day = value.date() if isinstance(value, (dt.datetime, pd.Timestamp)) else value
        sheet.write_datetime(row, col, dt.datetime(day.year, day.month, day.day), styles["date"])
        return 10
    text = str(value)
    sheet.write_string(row, col, text, styles["bold" if bold else "text"])
    return _display_width(text)


def _display_width(text: str) -> int:
    """Width in Excel character cells: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _floors_frame(report, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "label": c.label(lang),
                "value": float(c.value),
                "floor": float(c.floor),
                "margin": float(c.margin),
                "unit": tr(f"unit.{c.unit}", lang),
                "holds": c.holds,
            }
            for c in report.checks
        ]
    )


def _breaches_frame(report, lang: str) -> pd.DataFrame:
    rows = []
    for key, periods in report.breaches.items():
        unit = "mu" if key == READY_LAND else "m2"
        for period in periods:
            rows.append(
                {
                    "label": tr(f"floor.{key}", lang),
                    "start": period.start,
                    "end": period.end,
                    "days": (period.end - period.start).days + 1,
                    "min_value": float(period.min_value),
                    "unit": tr(f"unit.{unit}", lang),
                }
            )
    return pd.DataFrame(rows)


def _localised_events(events: pd.DataFrame, cfg: Config, lang: str) -> pd.DataFrame:
    """Codes in the events table shown as labels in ``lang``."""
    out = events.copy()
    if not len(out):
        return out
    out["stock"] = [tr(f"floor.{k}", lang) for k in out["stock"]]
    out["kind"] = [event_label(k, lang) for k in out["kind"]]
    out["zone"] = [zone_label(cfg, z, lang) for z in out["zone"]]
    out["unit"] = [tr(f"unit.{u}", lang) for u in out["unit"]]
    return out


def _metadata_frame(report, lang: str) -> pd.DataFrame:
    cfg = report.config
    generated = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    floors = {"land": cfg.ready_land_floor_mu, "factory": cfg.factory_floor_m2}
    rows = [
        ("meta.zone", f"{cfg.name_zh} / {cfg.name_en}"),
        ("meta.as_of", report.as_of.isoformat()),
        ("meta.span", f"{(report.start or report.as_of).isoformat()} – {report.as_of.isoformat()}"),
        ("meta.source", report.source or "-"),
        ("meta.area_method", both("meta.area_method_text")),
        ("meta.mu", both("meta.mu_text")),
        ("meta.floors", both("meta.floors_text", **floors)),
        ("meta.precision", both("meta.precision_text")),
        ("meta.generated", generated),
    ]
    if report.sample_data:
        rows.append(("meta.sample", both("meta.sample_text")))
    order = ("en", "zh") if lang == "en" else ("zh", "en")
    labels = [" / ".join(tr(code, la) for la in order) for code, _ in rows]
    return pd.DataFrame({"item": labels, "detail": [v for _, v in rows]})
