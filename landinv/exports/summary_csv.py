"""The summary CSV: a display file for reports, not a data file.

Which files are data and which are display (see docs/reports.md):

* **data, full precision**: layer exports (CSV, GeoPackage, GeoJSON,
  shapefile), the XLSX workbook (numbers stored at full precision, the cell
  format shows two decimals) and every JSON (``summary --format json``,
  ``check --json``, the app's floors JSON);
* **display, rounded**: the summary CSV written here — what a planner pastes
  into a report: the zone × category table (land in stock unless asked
  otherwise), then both floors with value, floor, margin and verdict, then a
  note block that says the values are rounded, the as-of date and which
  parcels are counted. mu to 2 decimals, m² to whole square metres, hectares
  to 4 decimals.

Text cells go through :func:`landinv.exports.tables.neutralise_formulas` like
every CSV landinv writes.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from landinv.analysis import InventoryReport
from landinv.exports.files import deliver
from landinv.exports.labels import column_header
from landinv.exports.tables import neutralise_formulas
from landinv.i18n import tr

#: Display precision of each rounded column (decimals).
DIGITS = {"area_mu": 2, "area_m2": 0, "area_ha": 4}
_TABLE_COLUMNS = ("zone", "category", "count", "area_mu", "area_m2", "area_ha")


def _bilingual(code: str, lang: str, **values) -> str:
    zh, en = tr(code, "zh", **values), tr(code, "en", **values)
    if zh == en:
        return zh
    return f"{en} / {zh}" if lang == "en" else f"{zh} / {en}"


def _rounded(value: float, digits: int) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{float(value):.{digits}f}"


def summary_rows(
    report: InventoryReport,
    table: pd.DataFrame,
    *,
    lang: str = "zh",
    status: str | None = "available",
) -> list[list]:
    """The rows of the summary CSV (see the module docstring), as lists of cells."""
    columns = [c for c in _TABLE_COLUMNS if c in table.columns]
    rows: list[list] = [[column_header(c, lang) for c in columns]]
    body = neutralise_formulas(table[columns].astype(object))
    for record in body.itertuples(index=False):
        cells = []
        for name, value in zip(columns, record):
            if name in DIGITS:
                cells.append(_rounded(value, DIGITS[name]))
            elif name == "count":
                cells.append("" if pd.isna(value) else int(value))
            else:
                cells.append("" if value is None or value is pd.NA else value)
        rows.append(cells)
    rows.append([])
    rows.append(
        [
            _bilingual(f"csv.floor_{c}", lang)
            for c in ("label", "value", "floor", "margin", "unit", "holds")
        ]
    )
    for check in report.checks:
        digits = 2 if check.unit == "mu" else 0
        rows.append(
            [
                check.label(lang),
                _rounded(check.value, digits),
                _rounded(check.floor, digits),
                _rounded(check.margin, digits),
                tr(f"unit.{check.unit}", lang),
                tr("csv.yes" if check.holds else "csv.no", lang),
            ]
        )
    rows.append([])
    status_code = f"csv.status_{status or 'all'}"
    rows.append([_bilingual("csv.as_of", lang), report.as_of.isoformat()])
    rows.append([_bilingual("csv.counted", lang), _bilingual(status_code, lang)])
    rows.append([_bilingual("csv.note", lang), _bilingual("csv.rounded", lang)])
    if report.sample_data:
        rows.append([_bilingual("meta.sample", lang), _bilingual("meta.sample_text", lang)])
    return rows


def summary_csv(
    report: InventoryReport,
    table: pd.DataFrame,
    target,
    *,
    lang: str = "zh",
    status: str | None = "available",
    force: bool = True,
    protect=(),
) -> None:
    """Write the summary CSV (UTF-8 with BOM, Excel-ready) to ``target``.

    Parameters
    ----------
    report : InventoryReport
        Supplies the floors and the as-of date.
    table : DataFrame
        The zone × category table to show (``landinv.analysis.zone_category_table``),
        already limited to ``status`` and any zone.
    target : path or binary buffer
    lang : {'zh', 'en'}
        Language of labels; headers are bilingual, ``lang`` first.
    status : {'available', 'supplied', None}
        Which parcels ``table`` counts (said in the file).
    force, protect
        As in :func:`landinv.exports.files.deliver`.
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        summary_rows(report, table, lang=lang, status=status)
    )
    deliver(buffer.getvalue().encode("utf-8-sig"), target, force=force, protect=protect)
