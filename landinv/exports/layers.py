"""Parcel and building layers as files, through GDAL: GeoPackage, GeoJSON, CSV, zipped shapefile.

Every row gets its areas recomputed from geometry on the ellipsoid; the file is
produced in a temporary folder and only then delivered (see :mod:`.files`).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio

from landinv.domain import STORE_EPSG, Config, load_config, m2_to_ha, m2_to_mu
from landinv.errors import LandinvError, UsageError
from landinv.exports.files import check_target, deliver
from landinv.exports.formats import get_format
from landinv.exports.labels import (
    category_label,
    column_header,
    header_pair,
    layer_kind,
    status_label,
    zone_label,
)
from landinv.exports.tables import keep_codes_as_text, neutralise_formulas
from landinv.geometry import area_m2
from landinv.i18n import both, tr

#: Shapefile (DBF) field names, at most 10 characters, for every known column.
#: Other columns are shortened by :func:`shapefile_field_names`.
SHAPEFILE_NAMES = {
    "parcel_id": "parcel_id",
    "building_id": "bldg_id",
    "name": "name",
    "zone": "zone",
    "category": "category",
    "status": "status",
    "project": "project",
    "land_use_code": "land_use",
    "declared_area_m2": "decl_m2",
    "area_m2": "area_m2",
    "area_mu": "area_mu",
    "area_ha": "area_ha",
    "is_standard_factory": "std_fact",
    "floors": "floors",
    "footprint_m2": "foot_m2",
    "floor_area_m2": "floor_m2",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
    "import_id": "import_id",
    "zone_name": "zone_name",
    "category_name": "cat_name",
    "status_name": "stat_name",
}


def export_layer(
    gdf: gpd.GeoDataFrame,
    fmt: str,
    target,
    *,
    lang: str = "zh",
    config: Config | None = None,
    layer_name: str | None = None,
    force: bool = True,
    protect=(),
) -> None:
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
    geometry on the ellipsoid (:func:`landinv.geometry.area_m2`). Text cells of
    a CSV that a spreadsheet would run as formulas are neutralised.
    ``force`` and ``protect`` as in :func:`landinv.exports.files.deliver`.
    """
    get_format(fmt, layer=True)
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise UsageError("err.layer_needs_geometry")
    check_target(target, force=force, protect=protect)
    kind = layer_kind(gdf)
    layer = layer_name or kind or "layer"
    frame = layer_frame(gdf, lang=lang, config=config or load_config())
    data = _write_with_gdal(frame, fmt, layer, lang, kind)
    deliver(data, target, force=force, protect=protect)


def layer_frame(
    gdf: gpd.GeoDataFrame, *, lang: str = "zh", config: Config | None = None
) -> gpd.GeoDataFrame:
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
        frame["zone_name"] = [zone_label(config, z, lang) for z in frame["zone"]]
    if "category" in frame.columns:
        frame["category_name"] = [category_label(config, c, lang) for c in frame["category"]]
    if "status" in frame.columns:
        frame["status_name"] = [status_label(s, lang) for s in frame["status"]]
    geometry = frame.geometry.name
    ordered = [c for c in frame.columns if c != geometry] + [geometry]
    return frame[ordered]


def _write_with_gdal(
    frame: gpd.GeoDataFrame, fmt: str, layer: str, lang: str, kind: str | None
) -> bytes:
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
                headers = {
                    c: column_header(c, lang, kind)
                    for c in frame.columns
                    if c != frame.geometry.name
                }
                safe = keep_codes_as_text(neutralise_formulas(frame))
                _gdal_write(
                    safe.rename(columns=headers),
                    path,
                    layer,
                    driver="CSV",
                    layer_options={"GEOMETRY": "AS_WKT", "WRITE_BOM": "YES"},
                )
            else:
                return _zipped_shapefile(frame, Path(folder), layer, kind)
            return path.read_bytes()
        except LandinvError:
            raise
        except Exception as exc:  # noqa: BLE001 - GDAL reports many failure kinds; say which one
            detail = str(exc).rstrip(". ")
            raise LandinvError("err.gdal_write", fmt=fmt, detail=detail) from None


def _gdal_write(frame, path: Path, layer: str, **kwargs) -> None:
    pyogrio.write_dataframe(
        frame, path, layer=layer, geometry_type="MultiPolygon", promote_to_multi=True, **kwargs
    )


def _zipped_shapefile(frame: gpd.GeoDataFrame, folder: Path, layer: str, kind: str | None) -> bytes:
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
    writer.writerow([both("head.field"), both("head.column"), tr("lang.zh"), tr("lang.en")])
    for full, short in names.items():
        zh_en = header_pair(full, kind) or (full, full)
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
            candidate, n = short[: 10 - len(suffix)] + suffix, n + 1
        taken.add(candidate.lower())
        out[column] = candidate
    return out
