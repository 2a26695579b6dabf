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

Size: the one ordered sequence of upload steps (each a call into its own module); the order is
the point, so it stays readable top to bottom in one file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import warnings
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
from landinv.geometry import area_m2
from landinv.i18n import tr
from landinv.ingest import gcj02_step, inventory, parallel
from landinv.ingest.crs import decide_crs, parse_crs
from landinv.ingest.encoding import decide_encoding, mend_truncated, normalise_codec
from landinv.ingest.fields import FieldMatch, check_field_map, match_fields, to_texts
from landinv.ingest.gcj02 import is_gcj02
from landinv.ingest.layers import check_layer_type, choose_layer
from landinv.ingest.limits import LIMITS, Limits, limits_from_config
from landinv.ingest.parallel import split_map
from landinv.ingest.rawcheck import check_vertices
from landinv.ingest.reading import (
    LayerRef,
    RawLayer,
    list_layers,
    read_layer,
    start_geometry_read,
    transcode_geojson,
)
from landinv.ingest.report import FORMAT_NAMES, Report, pair, submsg
from landinv.ingest.rows import RowContext, build_rows
from landinv.ingest.shapefile_read import settle
from landinv.ingest.staging import Staged, orphan_dbfs, stage_upload
from landinv.ingest.validate import (
    FeatureRef,
    Parsed,
    assign_zones,
    check_duplicates_and_overlaps,
    clean_and_measurable,
    clean_parsed,
    overlaps_within,
    parse_geometries,
)
from landinv.schema import ID_COLUMN, column_names, header

_STORE_CRS = pyproj.CRS.from_epsg(STORE_EPSG)
#: A numbering prefix: letters (any script), digits, - _ . ; at most 20 characters.
_PREFIX = re.compile(r"[\w.\-]{1,20}")


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
        Codes stated for the whole file: every feature gets them, and a field
        the file has for them is not used (the report says so).
    field_map : dict, optional
        ``{source_field: schema_column}``; wins over recognised field names.
        Build it from ``TARGET=FIELD`` texts with :func:`~landinv.ingest.fields.field_options`.
    ignore_fields : tuple of str
        Fields never used, even when their names are recognised.
    number_ids : str, optional
        Number the features ``PREFIX-0001``… in file order instead of reading
        an ID field (for files without a unique ID); recorded in the report.
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
    ignore_fields: tuple[str, ...] = ()
    number_ids: str | None = None
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
    return gpd.GeoDataFrame(
        {name: pd.Series([], dtype=object) for name in column_names(kind)},
        geometry=gpd.GeoSeries([], crs=STORE_EPSG),
        crs=STORE_EPSG,
    )


def read_upload(
    source,
    *,
    filename: str | None = None,
    options: IngestOptions | None = None,
    store=None,
    config: Config | None = None,
) -> IngestResult:
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
    report = Report(
        kind=opts.kind,
        effective_date=opts.effective_date.isoformat(),
        file_name=filename or _display_name(source),
    )
    result = IngestResult(empty_frame(opts.kind), report)
    # The store is read in a worker from the start (it does not depend on the file).
    reads = (
        inventory.StoreReads(store, opts.kind, opts.effective_date) if store is not None else None
    )
    try:
        with stage_upload(source, filename, opts.limits) as staged:
            report.file_name, report.sha256 = staged.file_name, staged.sha256
            _note_staging(report, staged)
            if store is not None:
                inventory.check_reupload(store, staged.sha256, report)
            _read_staged(staged, opts, cfg, reads, result)
    except IngestError as exc:
        report.refuse_error("unreadable_upload", exc)
    finally:
        if reads is not None:
            reads.close()
    return result


def _display_name(source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    if isinstance(source, Mapping):
        return ", ".join(sorted(Path(n).name for n in source))
    return "upload"


def _checked_options(opts: IngestOptions, cfg: Config) -> IngestOptions:
    if opts.kind not in LAYER_KINDS:
        raise UsageError("err.ingest_unknown_kind", kind=str(opts.kind))
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
    ignore = tuple(opts.ignore_fields or ())
    check_field_map(opts.kind, opts.field_map, ignore)
    mapped = {column: source for source, column in (opts.field_map or {}).items()}
    for what, value in (("zone", zone), ("category", category)):
        if value and what in mapped:
            raise UsageError(
                "err.ingest_category_and_field", what=what, value=value, field=mapped[what]
            )
    number_ids = (opts.number_ids or "").strip() or None
    if number_ids is not None:
        if not _PREFIX.fullmatch(number_ids):
            raise UsageError("err.ingest_number_ids_prefix", prefix=number_ids)
        if ID_COLUMN[opts.kind] in mapped:
            raise UsageError("err.ingest_number_ids_and_field", field=mapped[ID_COLUMN[opts.kind]])
    return IngestOptions(
        kind=opts.kind,
        layer=opts.layer,
        encoding=opts.encoding or None,
        crs=opts.crs if opts.crs != "" else None,
        zone=zone,
        category=category,
        field_map=opts.field_map,
        ignore_fields=ignore,
        number_ids=number_ids,
        allow_outside=opts.allow_outside,
        effective_date=parse_date(opts.effective_date),
        # Limits given by the caller win; otherwise landinv.toml's [upload].
        # Equality, not identity: options pickled to the worker process carry a copy.
        limits=opts.limits if opts.limits != LIMITS else limits_from_config(cfg.upload),
    )


def _note_staging(report: Report, staged: Staged) -> None:
    if staged.gbk_names:
        report.note("zip_names_gbk")
    if staged.ignored:
        report.note("ignored_members", files=", ".join(staged.ignored[:20]))
    for name in staged.clashes:
        report.note("zip_name_clash", msg="ingest_read.name_clash", name=name)
    orphans = orphan_dbfs(staged.root, staged.names)
    if orphans:
        report.note("orphan_dbf", files=", ".join(orphans))


# -- choosing and reading the layer ------------------------------------------------


def _read_staged(
    staged: Staged, opts: IngestOptions, cfg: Config, reads, result: IngestResult
) -> None:
    report = result.report
    layers, unreadable = list_layers(staged.datasets)
    if unreadable:
        report.note("unreadable_dataset", files=", ".join(unreadable))
    layer = choose_layer(layers, opts.layer, report, result.choices)
    if layer is None:
        return
    report.format, report.layer = layer.dataset.format, layer.label
    if not check_layer_type(layer, report):
        return
    # GDAL's warnings (e.g. "Non closed ring detected") would reach the console;
    # every defect they describe is reported per feature instead. The filter is
    # process-wide, so it also covers the background reads of a shapefile.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        # A shapefile's shapes are read while its encoding is decided.
        geometry = start_geometry_read(layer)
        raw = None
        try:
            codec = None
            if layer.dataset.format == "shapefile":
                codec = _decide_shapefile_text(layer, opts, result, geometry)
                if codec is None:
                    return
            else:
                _note_utf8_format(layer, report)
            raw = read_layer(layer, codec, geometry)
            for code, zh, en in raw.notes:
                report.fix(code, zh, en)
            report.n_read = len(raw.wkb)
            if not report.n_read:
                report.refuse("no_features", layer=layer.label)
                return
            _build(raw, opts, cfg, reads, result)
        finally:
            # No read is left running on the staged files once they go.
            settle(geometry)
            if raw is not None:
                raw.settle()


def _note_utf8_format(layer: LayerRef, report: Report) -> None:
    """GeoPackage, GeoJSON and KML are UTF-8; transcode a GBK GeoJSON first."""
    ds = layer.dataset
    if ds.format == "geojson" and transcode_geojson(ds.path):
        report.encoding = "GB18030"
        report.fix("geojson_transcoded")
        return
    report.encoding = "UTF-8"
    name = FORMAT_NAMES.get(ds.format, ds.format)
    report.note("encoding", msg="ingest.encoding_by_format", format=name)


def _decide_shapefile_text(
    layer: LayerRef, opts: IngestOptions, result: IngestResult, geometry=None
) -> str | None:
    """The codec for the DBF (noted in the report; DBF mended), or None to stop."""
    report = result.report
    ds = layer.dataset
    dbf = ds.parts.get(".dbf")
    if dbf is None:
        report.refuse("missing_dbf", layer=layer.label)
        return None
    decision, fit, _values = decide_encoding(dbf, ds.parts.get(".cpg"), opts.encoding)
    if decision.codec is None:
        result.choices["encoding"] = decision.choices
        _add_decision(report.refuse, "choose_encoding", decision)
        return None
    report.encoding = decision.display
    _add_decision(report.note, "encoding", decision)
    if fit.cut:
        n_names = sum(1 for v, _ in fit.cut if v.record is None)
        report.fix("text_truncated", n=len(fit.cut), names=n_names)
    for value in fit.bad:
        name = value.field_raw.decode(decision.codec, "replace")
        report.refuse(
            "undecodable_text",
            field=name,
            codec=decision.display,
            feature=None if value.record is None else value.record + 1,
        )
    if fit.cut:
        settle(geometry)  # the DBF is rewritten in place: not while GDAL has it open
    mend_truncated(dbf, fit)
    return decision.codec


# -- from raw arrays to store rows -------------------------------------------------


def _build(raw: RawLayer, opts: IngestOptions, cfg: Config, reads, result: IngestResult) -> None:
    """Geometry, CRS, attributes and checks; leaves accepted rows in ``result.gdf``."""
    report, kind = result.report, opts.kind
    match = match_fields(kind, raw.fields, opts.field_map, opts.ignore_fields)
    _apply_caller_values(report, match, opts, cfg)
    key = ID_COLUMN[kind]
    ids = None
    if opts.number_ids:
        guessed = match.columns.pop(key, None)
        match.how.pop(key, None)
        ids = _number_ids(report, opts.number_ids, len(raw.wkb), guessed)
    _note_fields(report, match, raw.fields, opts)
    # Only the fields used are read (a shapefile's, in the background from here).
    raw.prefetch(sorted(set(match.columns.values())))
    attrs = _Attributes(raw, match, key, ids)
    # The IDs are looked up when the first issue names a feature: a
    # shapefile's attributes are still being read while its geometry is checked.
    ref = FeatureRef(attrs.ids)
    # Vertex limits from the WKB bytes, before GEOS builds or checks anything.
    too_big = check_vertices(raw.wkb, opts.limits, report, ref)
    if too_big is None:
        return
    parsed = parse_geometries(raw.wkb, report, skip=too_big)
    usable = parsed.usable()
    zones = reads.zones() if reads is not None else None
    if is_gcj02(opts.crs):  # the caller chose to undo a web map's GCJ-02 offset
        parsed = parsed.with_geoms(gcj02_step.convert(parsed.geoms, usable, report))
        bounds = shapely.total_bounds(parsed.geoms[usable]) if usable.any() else None
        decision = decide_crs(None, bounds, parsed.geoms[usable], zones, STORE_EPSG)
    else:
        bounds = shapely.total_bounds(parsed.geoms[usable]) if usable.any() else None
        decision = decide_crs(raw.declared_crs, bounds, parsed.geoms[usable], zones, opts.crs)
        if gcj02_step.offer(
            decision,
            _valid_for_gcj02(decision, parsed.geoms[usable]),
            zones,
            report,
            result.choices,
        ):
            clean_parsed(parsed, report, ref)  # the shapes' own problems are reported too
            return
    if decision.crs is None:
        clean_parsed(parsed, report, ref)  # the shapes' own problems are reported too
        if decision.choices:
            result.choices["crs"] = decision.choices
        report.refuse(
            "choose_crs" if decision.choices else "crs_unknown",
            msg=decision.message,
            **decision.params,
        )
        return
    report.source_crs = decision.label
    report.note("crs", msg=decision.message, **decision.params)
    if decision.alternatives:
        report.alternatives["crs"] = decision.alternatives
    if decision.accuracy:
        code, params = decision.accuracy
        report.warn("datum_accuracy", msg=code, **params)
    _check(attrs, match, ref, parsed, decision.crs, zones, reads, opts, cfg, result)


class _Attributes:
    """The upload's used fields as a DataFrame, and the feature IDs, built on
    first use (reading ``raw.columns`` may wait for the attribute thread)."""

    def __init__(self, raw: RawLayer, match: FieldMatch, key: str, ids: list | None):
        self._raw, self._match, self._key, self._ids = raw, match, key, ids
        self._frame: pd.DataFrame | None = None

    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            raw = self._raw
            # Only the fields used become pandas columns (type inference of every
            # text column of a wide file was a quarter of a second per 100k rows).
            used = set(self._match.columns.values())
            arrays = raw.field_arrays([name for name in raw.fields if name in used])
            self._frame = pd.DataFrame(arrays, index=pd.RangeIndex(len(raw.wkb)))
        return self._frame

    def ids(self) -> list:
        if self._ids is None:
            source = self._match.source(self._key)
            self._ids = to_texts(self.frame()[source]) if source else [None] * len(self._raw.wkb)
        return self._ids


def _valid_for_gcj02(decision, geoms: np.ndarray) -> np.ndarray:
    """The valid ones of the parsed shapes, for the GCJ-02 evidence (overlay operations).

    Shapes are cleaned only after the reprojection; the evidence is only looked
    for when the CRS is geographic and was not the caller's, so the extra
    validity check is paid there only.
    """
    crs = decision.crs
    if crs is None or not crs.is_geographic or decision.method == "override":
        return geoms
    return geoms[shapely.is_valid(geoms)]


def _add_decision(add, code: str, decision) -> None:
    """A decision of :mod:`encoding` into the report (catalogued or, for now, two texts)."""
    message = getattr(decision, "message", None)
    if message:
        add(code, msg=message, **getattr(decision, "params", {}))
    else:
        add(code, decision.zh, decision.en)


def _apply_caller_values(
    report: Report, match: FieldMatch, opts: IngestOptions, cfg: Config
) -> None:
    """What the caller states for the whole file wins over a field guessed for it.

    The guessed field is dropped from the match (so every feature takes the
    caller's value) and the report says which field was passed over.
    """
    stated = (("zone", opts.zone, cfg.zones), ("category", opts.category, cfg.categories))
    for column, value, items in stated:
        if not value or (column == "category" and opts.kind != PARCELS):
            continue
        item = next((i for i in items if i.code == value), None)
        shown = pair(
            *(
                tr(
                    "ingest.quoted_name_code",
                    lang,
                    key=value,
                    name=item.name_en if lang == "en" else item.name_zh,
                )
                if item
                else value
                for lang in ("zh", "en")
            )
        )
        what = submsg(f"ingest.what.{column}")
        source = match.columns.pop(column, None)
        match.how.pop(column, None)
        if source is not None:
            report.note("caller_value_wins", what=what, value=shown, field=source)
        else:
            report.note("caller_value", msg="ingest.caller_value_all", what=what, value=shown)


def _number_ids(report: Report, prefix: str, n: int, guessed: str | None) -> list[str]:
    """``PREFIX-0001``… in file order (wider when the file has 10 000 features or more).

    Recorded in the report (its note and ``numbered_ids``), which the import keeps.
    """
    width = max(4, len(str(n)))
    ids = [f"{prefix}-{i:0{width}d}" for i in range(1, n + 1)]
    report.numbered_ids = {
        "prefix": prefix,
        "first": ids[0],
        "last": ids[-1],
        "count": n,
        "replaced_field": guessed,
    }
    replaced = submsg("ingest.ids_numbered_replaced", field=guessed) if guessed else ""
    report.note("ids_numbered", prefix=prefix, first=ids[0], last=ids[-1], n=n, replaced=replaced)
    return ids


def _check(
    attrs: _Attributes,
    match: FieldMatch,
    ref: FeatureRef,
    parsed: Parsed,
    crs,
    zones,
    reads,
    opts: IngestOptions,
    cfg: Config,
    result: IngestResult,
) -> None:
    """Reproject, clean, build the rows and run every check; leaves accepted rows in
    ``result.gdf``.

    Shapes are reprojected as parsed and cleaned once, in the store's CRS: one
    validity pass instead of one before and one after the reprojection
    (docs/benchmarks.md), and whatever the reprojection bends is repaired by it.
    """
    report, kind = result.report, opts.kind
    geoms, measurable = clean_and_measurable(
        parsed.with_geoms(_to_store_crs(parsed.geoms, crs)), report, ref
    )
    present = ~shapely.is_missing(geoms)
    # The overlap searches (GEOS, GIL released) run in workers while this thread
    # computes areas and builds the rows; issues are still added in a fixed order.
    within = parallel.start(overlaps_within, geoms[present])
    against = (
        parallel.start(
            lambda: inventory.store_overlaps(geoms, reads.history(), kind, opts.effective_date)
        )
        if reads is not None
        else None
    )
    ctx = RowContext(cfg, report, ref, opts.zone, opts.category, opts.effective_date)
    areas = split_map(area_m2, measurable)
    ids = attrs.ids()
    rows = build_rows(kind, attrs.frame(), match, ids, areas, ctx)
    assign_zones(
        rows["zone"],
        geoms,
        zones,
        cfg,
        opts.allow_outside,
        report,
        ref,
        caller_zone=bool(opts.zone),
    )
    check_duplicates_and_overlaps(kind, ids, geoms, report, ref, pairs=within.result())
    if reads is not None:
        inventory.check_against_store(
            reads.store,
            kind,
            ids,
            geoms,
            opts.effective_date,
            report,
            ref,
            history=reads.history(),
            overlapping=against.result(),
        )
    rejected = {i.feature - 1 for i in report.must_fix if i.feature is not None}
    keep = present & ~np.isin(np.arange(len(geoms)), list(rejected))
    frame = pd.DataFrame(rows)[column_names(kind)].loc[keep].reset_index(drop=True)
    result.gdf = gpd.GeoDataFrame(
        frame, geometry=gpd.GeoSeries(geoms[keep], crs=STORE_EPSG), crs=STORE_EPSG
    )
    report.n_accepted = int(keep.sum())
    if reads is not None:
        report.floor_preview = inventory.floor_preview(
            reads.store, kind, result.gdf, opts.effective_date, cfg, totals=reads.totals()
        )


def _note_fields(report: Report, match: FieldMatch, fields: list[str], opts: IngestOptions) -> None:
    listed = ", ".join(fields)
    for source in match.unknown_sources:
        report.refuse("field_map_unknown_field", field=source, fields=listed)
    ignored = [f for f in opts.ignore_fields if f in fields]
    if ignored:
        report.note("fields_ignored", fields=", ".join(ignored))
    if match.columns:
        report.note("fields", pairs=_field_pairs(match.columns.items()))
    cut = [(col, src) for col, src in match.columns.items() if match.how[col] == "prefix"]
    if cut:
        report.note("fields_truncated", pairs=_field_pairs(cut))
    if opts.number_ids is None and match.source(ID_COLUMN[report.kind]) is None:
        report.refuse(
            "no_id_field",
            example=submsg(f"ingest.id_example.{report.kind}"),
            fields=listed,
            column=ID_COLUMN[report.kind],
        )


def _field_pairs(pairs) -> dict:
    """``地块编号 → Parcel ID (parcel_id)``: the file's field, our column in the
    reader's language, and the column's code (what ``--field`` takes)."""
    return pair(
        *(
            ", ".join(f"{src} → {header(col, lang)} ({col})" for col, src in pairs)
            for lang in ("zh", "en")
        )
    )


def _to_store_crs(geoms: np.ndarray, crs) -> np.ndarray:
    """The parsed shapes in EPSG:4490 (any type; null stays null).

    What GeoSeries.to_crs does (same PROJ operation, so the same coordinates)
    without building a GeoSeries around the array.
    """
    source = pyproj.CRS.from_user_input(crs)
    if source.is_exact_same(_STORE_CRS):
        return geoms

    def reproject(part: np.ndarray) -> np.ndarray:
        # A Transformer is not safe to share between threads: one per slice.
        own = pyproj.Transformer.from_crs(source, _STORE_CRS, always_xy=True)
        return shapely.transform(
            part, lambda xy: np.column_stack(own.transform(xy[:, 0], xy[:, 1]))
        )

    return split_map(reproject, geoms)


__all__ = ["IngestOptions", "IngestResult", "empty_frame", "read_upload"]
