"""``read_upload``: from a planner's file to store-ready rows and a report.

The steps, each in its own module: stage the upload safely (:mod:`staging`,
:mod:`archive`), pick the layer and read it (:mod:`reading`), decide the text
encoding (:mod:`encoding`) and CRS (:mod:`crs`), clean geometries and map
fields (:mod:`validate`, :mod:`fields`), then check against the inventory
(:mod:`inventory`). Nothing here writes the store: committing is
``store.commit_import(...)`` with this result, a separate atomic step.

File problems (unsafe zip, line layer, unknown CRS) never raise: they become
``must_fix`` entries in the report, so the CLI and the app can always show a
complete, bilingual report. Only caller mistakes (a non-existent path, an
unknown zone code or encoding name) raise :class:`~landinv.errors.UsageError`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from landinv.domain import LAYER_KINDS, PARCELS, STORE_EPSG, Config, load_config, parse_date
from landinv.errors import IngestError, UsageError
from landinv.geometry import area_m2, repair
from landinv.i18n import tr
from landinv.ingest import gcj02_step, inventory
from landinv.ingest.crs import decide_crs, parse_crs
from landinv.ingest.encoding import decide_encoding, mend_truncated, normalise_codec
from landinv.ingest.fields import FieldMatch, check_field_map, match_fields, to_texts
from landinv.ingest.gcj02 import is_gcj02
from landinv.ingest.layers import check_layer_type, choose_layer
from landinv.ingest.limits import LIMITS, Limits, limits_from_config
from landinv.ingest.rawcheck import check_vertices
from landinv.ingest.reading import LayerRef, RawLayer, list_layers, read_layer, transcode_geojson
from landinv.ingest.report import FORMAT_NAMES, Report
from landinv.ingest.rows import RowContext, build_rows
from landinv.ingest.staging import Staged, orphan_dbfs, stage_upload
from landinv.ingest.validate import (
    FeatureRef,
    assign_zones,
    check_duplicates_and_overlaps,
    clean_geometries,
)
from landinv.schema import ID_COLUMN, column_names

_STORE_CRS = pyproj.CRS.from_epsg(STORE_EPSG)


@dataclass
class IngestOptions:
    """What the caller knows or decides about an upload.

    Attributes
    ----------
    kind : {'parcels', 'buildings'}
    layer : str, optional
        Layer (or shapefile) to read when the upload holds several.
    encoding : str, optional
        Attribute text encoding of a shapefile (e.g. 'GBK'); wins over the file.
    crs : int or str, optional
        Source CRS (EPSG code, 'EPSG:4549', WKT); wins over the file.
    zone, category : str, optional
        Codes applied to features whose own field is blank or missing.
    field_map : dict, optional
        ``{source_field: schema_column}``; wins over recognised field names.
    allow_outside : bool
        Accept (with a warning) features outside every zone.
    effective_date : date, optional
        Date the new rows become valid (default today).
    limits : Limits
        Safety limits (default :data:`~landinv.ingest.limits.LIMITS`).
    """

    kind: str = PARCELS
    layer: str | None = None
    encoding: str | None = None
    crs: int | str | None = None
    zone: str | None = None
    category: str | None = None
    field_map: dict | None = None
    allow_outside: bool = False
    effective_date: dt.date | None = None
    limits: Limits = LIMITS


@dataclass
class IngestResult:
    """Accepted features in the store schema, the report, and open choices.

    ``choices`` maps 'layer', 'encoding' or 'crs' to a list of options, each a
    dict with ``value`` (pass it back in :class:`IngestOptions`) and ``zh`` /
    ``en`` descriptions; it is empty when nothing is ambiguous.
    """

    gdf: gpd.GeoDataFrame
    report: Report

    @property
    def sha256(self) -> str:
        """SHA-256 of the uploaded bytes ('' when the upload could not be staged)."""
        return self.report.sha256

    @property
    def choices(self) -> dict:
        """Open choices (kept in the report, so its JSON and text show them too)."""
        return self.report.choices

    @property
    def ok(self) -> bool:
        """True when the upload passed every check and nothing is left to choose."""
        return self.report.accepted and not self.choices


def empty_frame(kind: str) -> gpd.GeoDataFrame:
    """A GeoDataFrame with the layer's schema columns and no rows."""
    return gpd.GeoDataFrame({name: pd.Series([], dtype=object) for name in column_names(kind)},
                            geometry=gpd.GeoSeries([], crs=STORE_EPSG), crs=STORE_EPSG)


def read_upload(source, *, filename: str | None = None, options: IngestOptions | None = None,
                store=None, config: Config | None = None) -> IngestResult:
    """Read, repair and check an upload; never write the store.

    Parameters
    ----------
    source : path-like, bytes or mapping of name to bytes
        A zip, shapefile (.shp with its sidecars), folder, GeoPackage, GeoJSON
        or KML; bytes need ``filename`` unless they are a zip or GeoPackage.
    filename : str, optional
        Name for the report (and the type of bare bytes).
    options : IngestOptions, optional
    store : Store, optional
        When given: zone boundaries, duplicate IDs, overlaps, re-uploads and
        the floor preview are checked against it (reads only).
    config : Config, optional
        Zones, categories and floors (default :func:`~landinv.domain.load_config`).

    Returns
    -------
    IngestResult

    Raises
    ------
    UsageError
        For bad options or a path that does not exist.
    """
    cfg = config or load_config()
    opts = _checked_options(options or IngestOptions(), cfg)
    report = Report(kind=opts.kind, effective_date=opts.effective_date.isoformat(),
                    file_name=filename or _display_name(source))
    result = IngestResult(empty_frame(opts.kind), report)
    try:
        with stage_upload(source, filename, opts.limits) as staged:
            report.file_name, report.sha256 = staged.file_name, staged.sha256
            _note_staging(report, staged)
            if store is not None:
                inventory.check_reupload(store, staged.sha256, report)
            _read_staged(staged, opts, cfg, store, result)
    except IngestError as exc:
        report.refuse("unreadable_upload", exc.zh, exc.en)
    return result


def _display_name(source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    if isinstance(source, Mapping):
        return ", ".join(sorted(Path(n).name for n in source))
    return "upload"


def _checked_options(opts: IngestOptions, cfg: Config) -> IngestOptions:
    if opts.kind not in LAYER_KINDS:
        raise UsageError(f"未知图层类型“{opts.kind}”，应为 parcels 或 buildings。",
                         f"Unknown kind '{opts.kind}': use parcels or buildings.")
    zone = None
    if opts.zone:
        zone = cfg.match_zone(opts.zone) or cfg.zone(str(opts.zone)).code
    category = None
    if opts.category:
        category = cfg.match_category(opts.category) or cfg.category(str(opts.category)).code
    if opts.encoding:
        normalise_codec(opts.encoding)
    if opts.crs is not None and opts.crs != "" and not is_gcj02(opts.crs):
        parse_crs(opts.crs)
    check_field_map(opts.kind, opts.field_map)
    return IngestOptions(
        kind=opts.kind, layer=opts.layer, encoding=opts.encoding or None,
        crs=opts.crs if opts.crs != "" else None, zone=zone, category=category,
        field_map=opts.field_map, allow_outside=opts.allow_outside,
        effective_date=parse_date(opts.effective_date),
        # Limits given by the caller win; otherwise landinv.toml's [upload].
        limits=opts.limits if opts.limits is not LIMITS else limits_from_config(cfg.upload))


def _note_staging(report: Report, staged: Staged) -> None:
    if staged.gbk_names:
        report.note("zip_names_gbk",
                    "压缩包内的文件名是 GBK 编码（中文 Windows 打包），已正确识别。",
                    "The zip's member names are GBK-encoded (zipped on a Chinese Windows) and "
                    "were decoded as such.")
    if staged.ignored:
        shown = ", ".join(staged.ignored[:20])
        report.note("ignored_members", f"以下文件不是可识别的数据文件，已忽略：{shown}",
                    f"These files are not recognised data files and were ignored: {shown}")
    for name in staged.clashes:
        report.note("zip_name_clash", tr("ingest_read.name_clash", "zh", name=name),
                    tr("ingest_read.name_clash", "en", name=name))
    orphans = orphan_dbfs(staged.root, staged.names)
    if orphans:
        shown = ", ".join(orphans)
        report.note("orphan_dbf",
                    f"以下 .dbf 没有同名的 .shp（只有属性、没有图形），已忽略：{shown}",
                    f"These .dbf files have no .shp beside them (attributes without shapes) "
                    f"and were ignored: {shown}")


# -- choosing and reading the layer ------------------------------------------------

def _read_staged(staged: Staged, opts: IngestOptions, cfg: Config, store,
                 result: IngestResult) -> None:
    report = result.report
    layers, unreadable = list_layers(staged.datasets)
    if unreadable:
        shown = ", ".join(unreadable)
        report.note("unreadable_dataset", f"GDAL 无法打开以下文件，已忽略：{shown}",
                    f"GDAL cannot open these files, which were ignored: {shown}")
    layer = choose_layer(layers, opts.layer, report, result.choices)
    if layer is None:
        return
    report.format, report.layer = layer.dataset.format, layer.label
    if not check_layer_type(layer, report):
        return
    codec = None
    if layer.dataset.format == "shapefile":
        codec = _decide_shapefile_text(layer, opts, result)
        if codec is None:
            return
    else:
        _note_utf8_format(layer, report)
    raw = read_layer(layer, codec)
    for code, zh, en in raw.notes:
        report.fix(code, zh, en)
    report.n_read = len(raw.wkb)
    if not report.n_read:
        report.refuse("no_features", f"图层 {layer.label} 里没有任何要素。",
                      f"Layer {layer.label} holds no features.")
        return
    _build(raw, opts, cfg, store, result)


def _note_utf8_format(layer: LayerRef, report: Report) -> None:
    """GeoPackage, GeoJSON and KML are UTF-8; transcode a GBK GeoJSON first."""
    ds = layer.dataset
    if ds.format == "geojson" and transcode_geojson(ds.path):
        report.encoding = "GB18030"
        report.fix("geojson_transcoded",
                   "GeoJSON 文件不是 UTF-8，而是 GBK/GB18030，已转换为 UTF-8。",
                   "The GeoJSON file was GBK/GB18030, not UTF-8; it was converted to UTF-8.")
        return
    report.encoding = "UTF-8"
    name = FORMAT_NAMES.get(ds.format, ds.format)
    report.note("encoding", f"{name} 格式规定使用 UTF-8 编码。",
                f"The {name} format is UTF-8 by definition.")


def _decide_shapefile_text(layer: LayerRef, opts: IngestOptions,
                           result: IngestResult) -> str | None:
    """The codec for the DBF (noted in the report; DBF mended), or None to stop."""
    report = result.report
    ds = layer.dataset
    dbf = ds.parts.get(".dbf")
    if dbf is None:
        report.refuse("missing_dbf",
                      f"{layer.label} 缺少同名的 .dbf 属性表，无法读取编号和类型。"
                      "请一起上传 .dbf。",
                      f"{layer.label} has no .dbf attribute table beside it, so IDs and "
                      "categories cannot be read. Upload the .dbf too.")
        return None
    decision, fit, _values = decide_encoding(dbf, ds.parts.get(".cpg"), opts.encoding)
    if decision.codec is None:
        result.choices["encoding"] = decision.choices
        report.refuse("choose_encoding", decision.zh, decision.en)
        return None
    report.encoding = decision.display
    report.note("encoding", decision.zh, decision.en)
    if fit.cut:
        n_names = sum(1 for v, _ in fit.cut if v.record is None)
        report.fix("text_truncated",
                   f"{len(fit.cut)} 处文字（其中字段名 {n_names} 个）被写出软件按字节截断、"
                   "末尾只剩半个汉字，已去掉残缺的半个字。",
                   f"{len(fit.cut)} text values ({n_names} of them field names) were cut "
                   "mid-character by the program that wrote the file; the broken last "
                   "character was removed.")
    for value in fit.bad:
        name = value.field_raw.decode(decision.codec, "replace")
        report.refuse("undecodable_text",
                      f"字段“{name}”的文字无法按 {decision.display} 解码（数据损坏）。"
                      "请在原软件中改正该值。",
                      f"The text in field '{name}' cannot be decoded as {decision.display} "
                      "(corrupt data). Correct the value in the original software.",
                      feature=None if value.record is None else value.record + 1)
    mend_truncated(dbf, fit)
    return decision.codec


# -- from raw arrays to store rows -------------------------------------------------

def _build(raw: RawLayer, opts: IngestOptions, cfg: Config, store,
           result: IngestResult) -> None:
    """Geometry, CRS, attributes and checks; leaves accepted rows in ``result.gdf``."""
    report, kind = result.report, opts.kind
    attrs = pd.DataFrame(dict(zip(raw.fields, raw.columns)))
    match = match_fields(kind, raw.fields, opts.field_map)
    _note_fields(report, match, raw.fields)
    key = ID_COLUMN[kind]
    ids = (to_texts(attrs[match.source(key)]) if match.source(key)
           else [None] * len(raw.wkb))
    ref = FeatureRef(ids)
    # Vertex limits from the WKB bytes, before GEOS builds or checks anything.
    too_big = check_vertices(raw.wkb, opts.limits, report, ref)
    if too_big is None:
        return
    source_geoms = clean_geometries(raw.wkb, report, ref, skip=too_big)
    present = ~shapely.is_missing(source_geoms)
    zones = inventory.zone_boundaries(store)
    bounds = shapely.total_bounds(source_geoms[present]) if present.any() else None
    if is_gcj02(opts.crs):  # the caller chose to undo a web map's GCJ-02 offset
        source_geoms = gcj02_step.convert(source_geoms, present, report)
        bounds = shapely.total_bounds(source_geoms[present]) if present.any() else None
        decision = decide_crs(None, bounds, source_geoms[present], zones, STORE_EPSG)
    else:
        decision = decide_crs(raw.declared_crs, bounds, source_geoms[present], zones, opts.crs)
        if gcj02_step.offer(decision, source_geoms[present], zones, report, result.choices):
            return
    if decision.crs is None:
        if decision.choices:
            result.choices["crs"] = decision.choices
        report.refuse("choose_crs" if decision.choices else "crs_unknown", decision.zh,
                      decision.en)
        return
    report.source_crs = decision.label
    report.note("crs", decision.zh, decision.en)
    if decision.accuracy:
        report.warn("datum_accuracy", *decision.accuracy)
    reads = inventory.StoreReads(store, kind, opts.effective_date) if store is not None else None
    try:
        _check(attrs, match, ids, ref, source_geoms, decision.crs, zones, reads, opts, cfg,
               store, result)
    finally:
        if reads is not None:
            reads.close()


def _check(attrs: pd.DataFrame, match: FieldMatch, ids: list, ref: FeatureRef,
           source_geoms: np.ndarray, crs, zones, reads, opts: IngestOptions, cfg: Config, store,
           result: IngestResult) -> None:
    """Reproject, build the rows and run every check; leaves accepted rows in ``result.gdf``."""
    report, kind = result.report, opts.kind
    present = ~shapely.is_missing(source_geoms)
    geoms = _to_store_crs(source_geoms, crs, report)
    for i in np.flatnonzero(present & shapely.is_missing(geoms)):
        report.refuse("no_area", "转换到 CGCS2000 后图形没有面积。请检查坐标系和图形。",
                      "The shape has no area left after conversion to CGCS2000. Check the "
                      "coordinate system and the shape.", **ref(i))
    ctx = RowContext(cfg, report, ref, opts.zone, opts.category, opts.effective_date)
    rows = build_rows(kind, attrs, match, ids, area_m2(geoms), ctx)
    assign_zones(rows["zone"], geoms, zones, cfg, opts.allow_outside, report, ref)
    check_duplicates_and_overlaps(kind, ids, geoms, report, ref)
    if store is not None:
        inventory.check_against_store(store, kind, ids, geoms, opts.effective_date, report,
                                      ref, history=reads.history())
    rejected = {i.feature - 1 for i in report.must_fix if i.feature is not None}
    keep = present & ~np.isin(np.arange(len(geoms)), list(rejected))
    frame = pd.DataFrame(rows)[column_names(kind)].loc[keep].reset_index(drop=True)
    result.gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms[keep], crs=STORE_EPSG),
                                  crs=STORE_EPSG)
    report.n_accepted = int(keep.sum())
    if store is not None:
        report.floor_preview = inventory.floor_preview(store, kind, result.gdf,
                                                       opts.effective_date, cfg,
                                                       totals=reads.totals())


def _note_fields(report: Report, match: FieldMatch, fields: list[str]) -> None:
    listed = ", ".join(fields)
    for source in match.unknown_sources:
        report.refuse("field_map_unknown_field",
                      f"字段对应关系里的“{source}”在文件中不存在。文件中的字段：{listed}",
                      f"The field mapping names '{source}', which the file does not have. "
                      f"Fields in the file: {listed}")
    if match.columns:
        pairs = ", ".join(f"{src} → {col}" for col, src in match.columns.items())
        report.note("fields", f"字段对应：{pairs}", f"Fields used: {pairs}")
    cut = [f"{src} → {col}" for col, src in match.columns.items() if match.how[col] == "prefix"]
    if cut:
        shown = ", ".join(cut)
        report.note("fields_truncated", f"以下字段名被截短，按前缀认定：{shown}",
                    f"These field names were cut short and matched by their beginning: {shown}")
    if match.source(ID_COLUMN[report.kind]) is None:
        example = "地块编号/DKBH" if report.kind == PARCELS else "厂房编号/CFBH"
        report.refuse("no_id_field",
                      f"找不到编号字段（如 {example}）。文件中的字段：{listed}。"
                      "请增加编号字段，或用字段对应关系指定。",
                      f"No ID field found (such as {example}). Fields in the file: {listed}. "
                      "Add an ID field or map one with a field mapping.")


def _to_store_crs(geoms: np.ndarray, crs, report: Report) -> np.ndarray:
    # What GeoSeries.to_crs does (same PROJ operation, so the same coordinates)
    # without building a GeoSeries around the array twice.
    source = pyproj.CRS.from_user_input(crs)
    if source.is_exact_same(_STORE_CRS):
        out = geoms.copy()
    else:
        to_store = pyproj.Transformer.from_crs(source, _STORE_CRS, always_xy=True)
        out = shapely.transform(
            geoms, lambda xy: np.column_stack(to_store.transform(xy[:, 0], xy[:, 1])))
    present = ~shapely.is_missing(out)
    broken = present & ~shapely.is_valid(out)
    if broken.any():
        # Reprojection can fold a vertex onto an edge; repair, and say so once.
        fixed, _changed = repair(out[broken])
        out[broken] = fixed
        report.fix("reprojection_repaired",
                   f"{int(broken.sum())} 个要素投影转换后出现微小自相交，已自动修复。",
                   f"{int(broken.sum())} features picked up a tiny self-intersection when "
                   "reprojected and were repaired.")
    return out


__all__ = ["IngestOptions", "IngestResult", "read_upload", "empty_frame"]
