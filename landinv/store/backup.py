"""Whole-inventory snapshots: one GeoPackage with every version and both logs.

A backup is an ordinary GeoPackage written by GDAL (pyogrio), so QGIS opens it
too. Layers: ``parcels`` and ``buildings`` (every version, with geometry),
``zones``, ``imports`` and ``changes`` (the audit logs, attribute tables) and
``landinv_backup`` (format, schema version, source, time, row counts), which
:func:`restore` checks before it loads anything. Restoring into an empty store
of either backend is also how a GeoPackage office moves to PostGIS.

Dates stay ISO ``YYYY-MM-DD`` text, as the stores return them, so a round
trip cannot shift a date through a time zone.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyogrio.errors import DataSourceError

from landinv.domain import BUILDINGS, PARCELS, STORE_EPSG
from landinv.errors import StoreError, UsageError
from landinv.schema import column_names
from landinv.store import planning as plan_store
from landinv.store.base import Store
from landinv.store.sql import CHANGE_COLUMNS, IMPORT_COLUMNS, ZONE_COLUMNS, utc_now

#: Written into every backup; :func:`restore` refuses other formats.
BACKUP_FORMAT = "landinv-backup/1"
#: Layer holding the backup's key/value metadata.
META_LAYER = "landinv_backup"
#: Data layers in the order they are written.
SPATIAL_LAYERS = (PARCELS, BUILDINGS, "zones")
LOG_LAYERS = ("imports", "changes")
#: Enterprise tables (attribute layers; absent from backups made before they existed).
ENTERPRISE_LAYERS = ("enterprises", "enterprise_sites", "enterprise_figures")


def snapshot_frames(store: Store) -> dict[str, pd.DataFrame]:
    """Everything a store holds, as the frames :meth:`Store.load_snapshot` takes."""
    frames: dict[str, pd.DataFrame] = {}
    for kind in (PARCELS, BUILDINGS):
        gdf = store.layer(kind, None)
        frames[kind] = gdf[column_names(kind) + ["geometry"]]
    zones = store.zones()
    frames["zones"] = zones[list(ZONE_COLUMNS) + ["geometry"]]
    frames["imports"] = store.imports()[list(IMPORT_COLUMNS)]
    frames["changes"] = store.changes()[list(CHANGE_COLUMNS)]
    snapshot = getattr(store, "enterprise_snapshot", None)
    if snapshot is not None:
        frames.update(snapshot())
    return frames


def backup(store: Store, path: str | os.PathLike, *, overwrite: bool = False) -> dict[str, int]:
    """Write a GeoPackage snapshot of the whole inventory with its history.

    The file is written beside ``path`` and renamed into place when complete,
    so an interrupted backup never leaves a half-written file under ``path``.

    Parameters
    ----------
    store : Store
        The inventory to save (either backend).
    path : path-like
        Target ``.gpkg`` file; its folder must exist.
    overwrite : bool, default False
        Replace an existing file at ``path``.

    Returns
    -------
    dict
        Rows written per layer.
    """
    target = Path(path)
    if target.suffix.lower() != ".gpkg":
        raise UsageError("store.backup_suffix", path=str(target))
    if not target.parent.is_dir():
        raise UsageError("store.backup_no_folder", folder=str(target.parent))
    if target.exists() and not overwrite:
        raise UsageError("store.backup_exists", path=str(target))
    frames = snapshot_frames(store)
    counts = {name: len(frame) for name, frame in frames.items()}
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.partial.gpkg")
    try:
        for name in SPATIAL_LAYERS:
            pyogrio.write_dataframe(
                _spatial(frames[name]),
                tmp,
                layer=name,
                driver="GPKG",
                geometry_type="MultiPolygon",
                promote_to_multi=True,
            )
        for name in LOG_LAYERS:
            pyogrio.write_dataframe(frames[name], tmp, layer=name, driver="GPKG")
        for name in ENTERPRISE_LAYERS:
            if len(frames.get(name, ())):
                pyogrio.write_dataframe(frames[name], tmp, layer=name, driver="GPKG")
        # The plan (issue 11): planned events and target areas, every version.
        for name, frame in plan_store.plan_snapshot(store).items():
            counts[name] = len(frame)
            if len(frame):
                pyogrio.write_dataframe(
                    _spatial(frame),
                    tmp,
                    layer=name,
                    driver="GPKG",
                    geometry_type="MultiPolygon",
                    promote_to_multi=True,
                )
        meta = {
            "format": BACKUP_FORMAT,
            "created_at": utc_now(),
            "backend": store.backend,
            "source": store.location,
            "schema_version": str(_schema_version(store)),
            **{f"rows_{name}": str(n) for name, n in counts.items()},
        }
        pyogrio.write_dataframe(
            pd.DataFrame({"key": list(meta), "value": list(meta.values())}),
            tmp,
            layer=META_LAYER,
            driver="GPKG",
        )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return counts


def read_backup(path: str | os.PathLike) -> tuple[dict[str, str], dict[str, pd.DataFrame]]:
    """Read a backup written by :func:`backup`: its metadata and its frames.

    Raises
    ------
    UsageError
        When the file is missing, not a GeoPackage, or not a landinv backup.
    """
    source = Path(path)
    if not source.is_file():
        raise UsageError("store.backup_missing", path=str(source))
    try:
        names = {str(row[0]) for row in pyogrio.list_layers(source)}
    except DataSourceError:
        raise UsageError("store.backup_not_gpkg", path=str(source)) from None
    if META_LAYER not in names:
        raise UsageError("store.backup_not_landinv", path=str(source))
    meta_df = pyogrio.read_dataframe(source, layer=META_LAYER)
    meta = dict(zip(meta_df["key"].astype(str), meta_df["value"].astype(str)))
    if meta.get("format") != BACKUP_FORMAT:
        raise UsageError("store.backup_format", found=meta.get("format"), supported=BACKUP_FORMAT)
    missing = [n for n in SPATIAL_LAYERS + LOG_LAYERS if n not in names]
    if missing:
        raise UsageError("store.backup_incomplete", layers=", ".join(missing))
    frames: dict[str, pd.DataFrame] = {}
    for name in SPATIAL_LAYERS:
        gdf = pyogrio.read_dataframe(source, layer=name)
        frames[name] = _plain_columns(gdf.set_crs(STORE_EPSG, allow_override=True))
    for name in LOG_LAYERS + ENTERPRISE_LAYERS:
        if name in names:
            frames[name] = _plain_columns(pyogrio.read_dataframe(source, layer=name))
    for name in plan_store.PLAN_LAYERS:  # optional: backups before issue 11 have none
        if name in names:
            gdf = pyogrio.read_dataframe(source, layer=name)
            frames[name] = _plain_columns(gdf.set_crs(STORE_EPSG, allow_override=True))
    return meta, frames


def restore(path: str | os.PathLike, store: Store) -> dict[str, int]:
    """Load a backup into an empty store of either backend (one transaction).

    Returns
    -------
    dict
        Rows restored per layer.

    Raises
    ------
    UsageError
        When ``path`` is not a readable landinv backup.
    ConflictError
        When ``store`` is not empty (nothing is written then).
    StoreError
        When the restored store does not hold what the backup says it should.
    """
    meta, frames = read_backup(path)
    for name, frame in frames.items():
        expected = meta.get(f"rows_{name}")
        if expected is not None and int(expected) != len(frame):
            raise UsageError(
                "store.backup_damaged", layer=name, expected=expected, found=len(frame)
            )
    store.load_snapshot(frames)
    plan_counts = plan_store.load_plan_snapshot(store, frames)
    counts = {name: len(frame) for name, frame in snapshot_frames(store).items()}
    wrong = {n: c for n, c in counts.items() if c != len(frames.get(n, ()))}
    if wrong:
        raise StoreError("store.restore_counts", counts=str(wrong))
    return {**counts, **plan_counts}


def _spatial(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    gdf = gpd.GeoDataFrame(frame, geometry="geometry")
    return gdf.set_crs(STORE_EPSG) if gdf.crs is None else gdf


def _plain_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """String columns as objects with None for missing, as the stores return them."""
    out = frame.copy()
    for col in out.columns:
        if col != "geometry" and pd.api.types.is_string_dtype(out[col]):
            values = out[col].astype(object)
            out[col] = values.where(values.notna(), None)
    return out


def _schema_version(store: Store) -> int:
    get = getattr(store, "schema_version", None)
    return int(get()) if callable(get) else 0


__all__ = ["BACKUP_FORMAT", "backup", "read_backup", "restore", "snapshot_frames"]
