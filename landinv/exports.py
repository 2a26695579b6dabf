"""Writing reports and layers to files planners open: CSV, XLSX, GPKG, GeoJSON, shapefile.

Every writer takes a ``target`` that is either a path or a binary buffer (the
app serves downloads from memory). A file is produced in memory or in a
temporary folder first and only then copied to the target, so a failed export
leaves no half-written file and no temporary folder behind; a path target is
replaced atomically. Geodata goes through GDAL (pyogrio); XLSX through
XlsxWriter.

Headers are bilingual (``中文 / English``; English first when ``lang='en'``).
Numbers are written as numbers at full precision; only the XLSX display
format rounds them (2 decimals).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import xlsxwriter

from landinv import analysis as reports
from landinv.domain import (
    BUILDINGS,
    PARCELS,
    STATUS_LABELS,
    STORE_EPSG,
    Config,
    load_config,
    m2_to_ha,
    m2_to_mu,
    parse_date,
)
from landinv.errors import LandinvError, UsageError
from landinv.i18n import tr
from landinv.geometry import area_m2
from landinv.schema import DERIVED_COLUMNS, ID_COLUMN, LAYER_COLUMNS

#: Layer formats :func:`export_layer` writes, with their file endings.
LAYER_FORMATS = {"gpkg": ".gpkg", "geojson": ".geojson", "csv": ".csv", "shp": ".shp.zip"}
#: Every format :func:`export_filename` names.
FILE_ENDINGS = {**LAYER_FORMATS, "xlsx": ".xlsx", "json": ".json"}

#: Shapefile (DBF) field names, at most 10 characters, for every known column.
#: Other columns are shortened by :func:`shapefile_field_names`.
SHAPEFILE_NAMES = {
    "parcel_id": "parcel_id", "building_id": "bldg_id", "name": "name", "zone": "zone",
    "category": "category", "status": "status", "project": "project",
    "land_use_code": "land_use", "declared_area_m2": "decl_m2", "area_m2": "area_m2",
    "area_mu": "area_mu", "area_ha": "area_ha", "is_standard_factory": "std_fact",
    "floors": "floors", "footprint_m2": "foot_m2", "floor_area_m2": "floor_m2",
    "valid_from": "valid_from", "valid_to": "valid_to", "import_id": "import_id",
    "zone_name": "zone_name", "category_name": "cat_name", "status_name": "stat_name",
}

#: Sheet names of :func:`summary_xlsx`.
SHEETS = {
    "summary": "汇总 Summary",
    "available": "可供应 Available",
    "floors": "底线 Floors",
    "timeline": "时间线 Timeline",
    "events": "变动 Events",
    "annual": "年度 Annual",
    "metadata": "说明 Metadata",
}

#: Text of the metadata sheet (and of CLI/app footers that want it).
AREA_METHOD = {
    "zh": "椭球面积：在 CGCS2000（GRS80 椭球）上用等积投影计算，非平面坐标面积",
    "en": "Ellipsoidal area: equal-area projection on the CGCS2000 (GRS80) ellipsoid, "
          "not planar grid area",
}
MU_DEFINITION = {"zh": "1 亩 = 10000/15 平方米（约 666.67 平方米）；15 亩 = 1 公顷",
                 "en": "1 mu = 10000/15 m² (about 666.67 m²); 15 mu = 1 ha"}
SAMPLE_NOTE = {"zh": "示例数据，仅供演示，不是地籍登记资料",
               "en": "Illustrative sample data, not cadastral records"}

_YES_NO = {"zh": ("是", "否"), "en": ("Yes", "No")}
_UNITS = {"mu": {"zh": "亩", "en": "mu"}, "m2": {"zh": "平方米", "en": "m²"}}
_FLOAT_FORMAT = "#,##0.00"
#: Events mix parcels and buildings: neutral headers for their shared columns.
_EVENT_HEADERS = {"name": ("名称", "Name"), "project": ("项目", "Project")}


# -- headers -----------------------------------------------------------------

def column_header(name: str, lang: str = "zh", kind: str | None = None,
                  overrides: dict | None = None) -> str:
    """Bilingual header of a column: ``中文 / English`` (English first for 'en').

    Looks the column up in ``overrides`` (``{name: (zh, en)}``), then in layer
    ``kind`` (so ``name`` reads 地块名称 for parcels and 厂房名称 for
    buildings), then in every layer and the report columns; an unknown column
    keeps its name.
    """
    pair = (overrides or {}).get(name) or _header_pair(name, kind)
    if pair is None:
        return name
    zh, en = pair
    if zh == en:
        return zh
    return f"{en} / {zh}" if lang == "en" else f"{zh} / {en}"


def _header_pair(name: str, kind: str | None) -> tuple[str, str] | None:
    groups = [LAYER_COLUMNS[kind]] if kind in LAYER_COLUMNS else []
    groups += [LAYER_COLUMNS[PARCELS], LAYER_COLUMNS[BUILDINGS], DERIVED_COLUMNS]
    for columns in groups:
        for column in columns:
            if column.name == name:
                return column.zh, column.en
    return reports.REPORT_HEADERS.get(name)


# -- delivering bytes ----------------------------------------------------------

def _deliver(data: bytes, target) -> None:
    """Write ``data`` to a binary buffer, or atomically to a path."""
    if hasattr(target, "write"):
        target.write(data)
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise UsageError(f"输出文件夹不存在：{path.parent}。请先建好文件夹或换一个路径。",
                         f"Output folder does not exist: {path.parent}. Create it or "
                         "choose another path.")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise LandinvError(f"无法写入 {path}：{exc.strerror}。请检查路径和权限。",
                           f"Cannot write {path}: {exc.strerror}. Check the path and "
                           "permissions.") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# -- CSV -------------------------------------------------------------------------

def write_csv(df: pd.DataFrame, target, *, lang: str = "zh") -> None:
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
    precision numbers, dates as ``YYYY-MM-DD``, missing values empty.
    """
    kind = _layer_kind(df)
    frame = df.rename(columns={c: column_header(c, lang, kind) for c in df.columns})
    text = frame.to_csv(index=False, lineterminator="\r\n")
    _deliver(text.encode("utf-8-sig"), target)


# -- XLSX ---------------------------------------------------------------------------

def summary_xlsx(report: reports.InventoryReport, target, *, lang: str = "zh") -> None:
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
    book.set_properties({"title": f"{cfg.name_zh} 土地与厂房台账 {as_of}",
                         "subject": "landinv inventory report", "author": "landinv"})
    styles = _styles(book)

    def title(zh: str, en: str) -> str:
        pair = [f"{zh}（截至 {as_of.isoformat()}）", f"{en} (as of {as_of.isoformat()})"]
        return f"{cfg.name_zh} · {' / '.join(pair[::-1] if lang == 'en' else pair)}"

    for key, status in (("summary", None), ("available", "available")):
        table = reports.zone_category_table(report.summary, cfg, lang=lang, status=status)
        strong = table["row_type"].ne("detail").to_numpy()
        zh = "地块汇总" if status is None else "可供应地块汇总"
        en = "Parcel summary" if status is None else "Available parcels"
        _write_sheet(book, SHEETS[key], title(zh, en),
                     table.drop(columns=["row_type", "zone_code", "category_code"]),
                     styles, lang, strong_rows=strong)
    _write_sheet(book, SHEETS["floors"], title("两条底线", "The two floors"),
                 _floors_frame(report, lang), styles, lang,
                 below=_breaches_frame(report, lang),
                 below_title={"zh": "未达标时段", "en": "Periods below a floor"}[lang])
    _write_sheet(book, SHEETS["timeline"], title("月度存量", "Monthly stock"),
                 report.timeline, styles, lang)
    _write_sheet(book, SHEETS["events"], title("存量变动", "Stock changes"),
                 _localised_events(report.events, cfg, lang), styles, lang,
                 headers=_EVENT_HEADERS)
    if len(report.annual):
        _write_sheet(book, SHEETS["annual"],
                     title(f"{as_of.year} 年度指标", f"{as_of.year} annual figures"),
                     report.annual.drop(columns="category"), styles, lang,
                     percent=("ratio",))
    _write_sheet(book, SHEETS["metadata"], title("说明", "About this workbook"),
                 _metadata_frame(report, lang), styles, lang)
    book.close()
    _deliver(buffer.getvalue(), target)


def _styles(book) -> dict:
    return {
        "title": book.add_format({"bold": True, "font_size": 12}),
        "header": book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1,
                                   "text_wrap": True, "valign": "top"}),
        "float": book.add_format({"num_format": _FLOAT_FORMAT}),
        "int": book.add_format({"num_format": "#,##0"}),
        "percent": book.add_format({"num_format": "0.00%"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "text": book.add_format({}),
        "bold": book.add_format({"bold": True}),
        "bold_float": book.add_format({"bold": True, "num_format": _FLOAT_FORMAT}),
        "bold_int": book.add_format({"bold": True, "num_format": "#,##0"}),
    }


def _write_sheet(book, name: str, title: str, df: pd.DataFrame, styles: dict, lang: str, *,
                 strong_rows=None, percent=(), headers=None,
                 below: pd.DataFrame | None = None, below_title: str = "") -> None:
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


def _write_block(sheet, top: int, df: pd.DataFrame, styles, lang, strong_rows,
                 percent, headers) -> list[int]:
    """Write header and rows from row ``top``; return the column widths used."""
    widths = []
    for col, column in enumerate(df.columns):
        header = column_header(column, lang, overrides=headers)
        sheet.write_string(top, col, header, styles["header"])
        widths.append(min(_display_width(header), 30))
        strong = strong_rows if strong_rows is not None else np.zeros(len(df), dtype=bool)
        for offset, (value, bold) in enumerate(zip(df[column], strong)):
            width = _write_cell(sheet, top + 1 + offset, col, value, styles, lang,
                                bold=bool(bold), percent=column in percent)
            widths[col] = max(widths[col], width)
    return widths


def _write_cell(sheet, row: int, col: int, value, styles, lang, *, bold: bool,
                percent: bool) -> int:
    """Write one typed cell; return its display width."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return 0
    if isinstance(value, (bool, np.bool_)):
        text = _YES_NO[lang][0 if value else 1]
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
        sheet.write_datetime(row, col, dt.datetime(day.year, day.month, day.day),
                             styles["date"])
        return 10
    text = str(value)
    sheet.write_string(row, col, text, styles["bold" if bold else "text"])
    return _display_width(text)


def _display_width(text: str) -> int:
    """Width in Excel character cells: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _floors_frame(report, lang: str) -> pd.DataFrame:
    return pd.DataFrame([{
        "label": c.label(lang), "value": float(c.value), "floor": float(c.floor),
        "margin": float(c.margin), "unit": _UNITS[c.unit][lang], "holds": c.holds,
    } for c in report.checks])


def _breaches_frame(report, lang: str) -> pd.DataFrame:
    rows = []
    for key, periods in report.breaches.items():
        unit = "mu" if key == reports.READY_LAND else "m2"
        for period in periods:
            rows.append({"label": tr(f"floor.{key}", lang),
                         "start": period.start, "end": period.end,
                         "days": (period.end - period.start).days + 1,
                         "min_value": float(period.min_value), "unit": _UNITS[unit][lang]})
    return pd.DataFrame(rows)


def _localised_events(events: pd.DataFrame, cfg: Config, lang: str) -> pd.DataFrame:
    """Codes in the events table shown as labels in ``lang``."""
    out = events.copy()
    if not len(out):
        return out
    out["stock"] = [tr(f"floor.{k}", lang) for k in out["stock"]]
    out["kind"] = [reports.event_label(k, lang) for k in out["kind"]]
    out["zone"] = [_zone_label(cfg, z, lang) for z in out["zone"]]
    out["unit"] = [_UNITS[u][lang] for u in out["unit"]]
    return out


def _metadata_frame(report, lang: str) -> pd.DataFrame:
    cfg = report.config
    both = lambda pair: f"{pair['zh']} / {pair['en']}"  # noqa: E731
    generated = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    rows = [
        (("开发区", "Zone"), f"{cfg.name_zh} / {cfg.name_en}"),
        (("截至日期", "As of"), report.as_of.isoformat()),
        (("时间线范围", "Timeline span"),
         f"{(report.start or report.as_of).isoformat()} – {report.as_of.isoformat()}"),
        (("数据来源", "Data source"), report.source or "-"),
        (("面积计算方法", "Area method"), both(AREA_METHOD)),
        (("亩的换算", "Mu"), both(MU_DEFINITION)),
        (("底线", "Floors"),
         f"工业熟地 ≥ {cfg.ready_land_floor_mu:,.0f} 亩；标准厂房 ≥ "
         f"{cfg.factory_floor_m2:,.0f} 平方米 / ready land ≥ {cfg.ready_land_floor_mu:,.0f} mu; "
         f"standard factory floor space ≥ {cfg.factory_floor_m2:,.0f} m²"),
        (("数值精度", "Precision"),
         "数值按全精度保存，仅显示时保留两位小数 / Stored at full precision, shown with "
         "2 decimals"),
        (("生成时间", "Generated"), generated),
    ]
    if report.sample_data:
        rows.append((("示例数据", "Sample data"), both(SAMPLE_NOTE)))
    key_label = [f"{zh} / {en}" if lang == "zh" else f"{en} / {zh}" for (zh, en), _ in rows]
    return pd.DataFrame({"item": key_label, "detail": [v for _, v in rows]})


# -- layers ----------------------------------------------------------------------------

def export_layer(gdf: gpd.GeoDataFrame, fmt: str, target, *, lang: str = "zh",
                 config: Config | None = None, layer_name: str | None = None) -> None:
    """Write a parcel or building layer with computed areas through GDAL.

    Parameters
    ----------
    gdf : GeoDataFrame
        Rows from :meth:`Store.layer` (any CRS; written in EPSG:4490).
    fmt : {'gpkg', 'geojson', 'csv', 'shp'}
        ``csv`` has the geometry as WKT and bilingual headers with a BOM;
        ``shp`` is a zipped shapefile with a ``.cpg`` saying UTF-8, field
        names shortened to 10 characters (:func:`shapefile_field_names`) and
        a ``<layer>_fields.csv`` table of what each short name means.
    target : path or binary buffer
    lang : {'zh', 'en'}
        Language of the zone, category and status name columns (and which
        language leads in CSV headers).
    config : Config, optional
        Zone and category labels; default :func:`landinv.domain.load_config`.
    layer_name : str, optional
        Layer (and file) name inside the output; default 'parcels' or
        'buildings' from the columns.

    Notes
    -----
    Every row gets ``area_m2``, ``area_mu`` and ``area_ha`` computed from its
    geometry on the ellipsoid (:func:`landinv.geometry.area_m2`).
    """
    if fmt not in LAYER_FORMATS:
        raise UsageError(f"不支持的导出格式 “{fmt}”。可选：{', '.join(LAYER_FORMATS)}",
                         f"Unsupported export format '{fmt}'. Choose one of: "
                         f"{', '.join(LAYER_FORMATS)}")
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise UsageError("导出图层需要带几何的数据（GeoDataFrame）。",
                         "Exporting a layer needs rows with geometry (a GeoDataFrame).")
    kind = _layer_kind(gdf)
    layer = layer_name or kind or "layer"
    frame = layer_frame(gdf, lang=lang, config=config or load_config())
    data = _write_with_gdal(frame, fmt, layer, lang, kind)
    _deliver(data, target)


def layer_frame(gdf: gpd.GeoDataFrame, *, lang: str = "zh",
                config: Config | None = None) -> gpd.GeoDataFrame:
    """The exported form of a layer: EPSG:4490, computed areas, name columns.

    Drops the store's internal ``fid``; adds ``area_m2`` (recomputed from the
    geometry), ``area_mu``, ``area_ha`` and, where the codes are present,
    ``zone_name``, ``category_name``, ``status_name`` in ``lang``.
    """
    config = config or load_config()
    lang = "en" if lang == "en" else "zh"
    frame = gdf.drop(columns=[c for c in ("fid",) if c in gdf.columns]).copy()
    if frame.crs is None:
        frame = frame.set_crs(STORE_EPSG)  # the store's CRS: rows come from a store
    elif frame.crs.to_epsg() != STORE_EPSG:
        frame = frame.to_crs(STORE_EPSG)
    areas = area_m2(frame.geometry)
    frame["area_m2"] = areas
    frame["area_mu"] = m2_to_mu(areas)
    frame["area_ha"] = m2_to_ha(areas)
    if "zone" in frame.columns:
        frame["zone_name"] = [_zone_label(config, z, lang) for z in frame["zone"]]
    if "category" in frame.columns:
        frame["category_name"] = [_category_label(config, c, lang) for c in frame["category"]]
    if "status" in frame.columns:
        frame["status_name"] = [STATUS_LABELS[s][lang] if s in STATUS_LABELS else s
                                for s in frame["status"]]
    geometry = frame.geometry.name
    ordered = [c for c in frame.columns if c != geometry] + [geometry]
    return frame[ordered]


def _write_with_gdal(frame: gpd.GeoDataFrame, fmt: str, layer: str, lang: str,
                     kind: str | None) -> bytes:
    """Write ``frame`` with pyogrio in a temporary folder; return the file's bytes."""
    with tempfile.TemporaryDirectory(prefix="landinv-export-") as folder:
        base = Path(folder) / layer
        try:
            if fmt == "gpkg":
                path = base.with_suffix(".gpkg")
                _gdal_write(frame, path, layer, driver="GPKG")
            elif fmt == "geojson":
                path = base.with_suffix(".geojson")
                _gdal_write(frame, path, layer, driver="GeoJSON")
            elif fmt == "csv":
                path = base.with_suffix(".csv")
                headers = {c: column_header(c, lang, kind) for c in frame.columns
                           if c != frame.geometry.name}
                _gdal_write(frame.rename(columns=headers), path, layer, driver="CSV",
                            layer_options={"GEOMETRY": "AS_WKT", "WRITE_BOM": "YES"})
            else:
                return _zipped_shapefile(frame, Path(folder), layer, kind)
            return path.read_bytes()
        except LandinvError:
            raise
        except Exception as exc:  # GDAL reports many failure kinds; say which one
            detail = str(exc).rstrip(". ")
            raise LandinvError(f"导出 {fmt} 文件失败：{detail}。请换一种格式重试，或联系维护人员。",
                               f"Writing the {fmt} file failed: {detail}. Try another format "
                               "or contact the maintainer.") from None


def _gdal_write(frame, path: Path, layer: str, **kwargs) -> None:
    pyogrio.write_dataframe(frame, path, layer=layer, geometry_type="MultiPolygon",
                            promote_to_multi=True, **kwargs)


def _zipped_shapefile(frame: gpd.GeoDataFrame, folder: Path, layer: str,
                      kind: str | None) -> bytes:
    names = shapefile_field_names([c for c in frame.columns if c != frame.geometry.name])
    shp = frame.rename(columns=names)
    for column in shp.columns:  # DBF has no boolean type
        if column != shp.geometry.name and shp[column].dtype == bool:
            shp[column] = shp[column].astype("int32")
    out = folder / "shp"
    out.mkdir()
    _gdal_write(shp, out / f"{layer}.shp", layer, driver="ESRI Shapefile", encoding="UTF-8")
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\r\n")
    writer.writerow(["字段 / Field", "列名 / Column", "中文", "English"])
    for full, short in names.items():
        zh_en = _header_pair(full, kind) or (full, full)
        writer.writerow([short, full, *zh_en])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in sorted(out.iterdir()):
            archive.write(part, part.name)
        archive.writestr(f"{layer}_fields.csv", table.getvalue().encode("utf-8-sig"))
    return buffer.getvalue()


def shapefile_field_names(columns: list[str]) -> dict[str, str]:
    """Map column names to distinct DBF field names of at most 10 characters.

    Known columns use :data:`SHAPEFILE_NAMES`. Others keep their ASCII letters,
    digits and underscores, cut to 10; a clash gets a numeric suffix
    (``name_1``...) in column order, so the same columns always map the same way.
    """
    taken: set[str] = set()
    out: dict[str, str] = {}
    for column in columns:
        short = SHAPEFILE_NAMES.get(column)
        if short is None:
            short = re.sub(r"[^A-Za-z0-9_]", "", column)[:10] or "field"
        candidate, n = short, 1
        while candidate.lower() in taken:
            suffix = f"_{n}"
            candidate, n = short[:10 - len(suffix)] + suffix, n + 1
        taken.add(candidate.lower())
        out[column] = candidate
    return out


# -- names -----------------------------------------------------------------------------

def export_filename(kind: str, as_of, fmt: str) -> str:
    """File name for a download, e.g. ``landinv_parcels_2025-06-30.gpkg``.

    ``fmt`` is one of :data:`FILE_ENDINGS`; a zipped shapefile ends ``.shp.zip``.
    """
    if fmt not in FILE_ENDINGS:
        raise UsageError(f"不支持的格式 “{fmt}”。可选：{', '.join(FILE_ENDINGS)}",
                         f"Unsupported format '{fmt}'. Choose one of: "
                         f"{', '.join(FILE_ENDINGS)}")
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", str(kind)).strip("-") or "export"
    return f"landinv_{safe}_{parse_date(as_of).isoformat()}{FILE_ENDINGS[fmt]}"


# -- helpers -----------------------------------------------------------------------------

def _layer_kind(df: pd.DataFrame) -> str | None:
    """'parcels' or 'buildings' judged by the ID column; None for other tables."""
    if ID_COLUMN[BUILDINGS] in df.columns:
        return BUILDINGS
    if ID_COLUMN[PARCELS] in df.columns:
        return PARCELS
    return None


def _zone_label(config: Config, code, lang: str) -> str:
    if code is None or code is pd.NA or (isinstance(code, float) and math.isnan(code)):
        return ""
    return config.zone(code).label(lang) if code in config.zone_codes else str(code)


def _category_label(config: Config, code, lang: str) -> str:
    if code is None or code is pd.NA or (isinstance(code, float) and math.isnan(code)):
        return ""
    return config.category(code).label(lang) if code in config.category_codes else str(code)
