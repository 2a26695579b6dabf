"""Files out of the inventory: layers, summaries, backups; and restoring a backup.

Writes to a path never replace the store itself, and replace another existing
file only with ``force`` (see :mod:`landinv.exports.files`).
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd

from landinv import analysis, exports
from landinv.domain import Config, parse_date
from landinv.errors import UsageError
from landinv.services.inventory import store_path
from landinv.store import Store
from landinv.store import backup as store_backup


def current_layer(
    store: Store, kind: str, as_of=None, *, zone: str | None = None
) -> gpd.GeoDataFrame:
    """Rows of layer ``kind`` valid at ``as_of`` (default today), optionally one zone."""
    gdf = store.layer(kind, parse_date(as_of))
    if zone:
        gdf = gdf[gdf["zone"] == zone]
    return gdf


def export_layer(
    store: Store,
    config: Config,
    frame: gpd.GeoDataFrame,
    fmt: str,
    target,
    *,
    lang: str = "zh",
    force: bool = False,
) -> int:
    """Write ``frame`` (rows of ``store``) as ``fmt`` to ``target``; return the row count."""
    exports.export_layer(
        frame, fmt, target, lang=lang, config=config, force=force, protect=[store_path(store)]
    )
    return len(frame)


def write_summary(
    store: Store,
    report: analysis.InventoryReport,
    table,
    fmt: str,
    target,
    *,
    lang: str = "zh",
    force: bool = False,
    status: str | None = "available",
) -> None:
    """Write a summary as ``xlsx`` (the whole workbook, full precision), ``csv``
    (the table of ``status`` parcels and the floors, rounded for display) or
    ``json`` (full precision)."""
    protect = [store_path(store)]
    if fmt == "xlsx":
        exports.summary_xlsx(report, target, lang=lang, force=force, protect=protect)
    elif fmt == "csv":
        exports.summary_csv(
            report, table, target, lang=lang, status=status, force=force, protect=protect
        )
    elif fmt == "json":
        text = json.dumps(summary_payload(report, table), ensure_ascii=False, indent=2)
        exports.deliver((text + "\n").encode("utf-8"), target, force=force, protect=protect)
    else:
        exports.get_format(fmt)  # names the formats there are
        raise UsageError("err.format", fmt=fmt, known=", ".join(exports.TABLE_FORMATS))


def summary_payload(report: analysis.InventoryReport, table) -> dict:
    """The JSON shape of ``landinv summary --format json``: the check and the table."""
    return {
        "check": analysis.check_payload(report),
        "table": json.loads(table.to_json(orient="records", force_ascii=False)),
    }


def backup(store: Store, out, *, force: bool = False) -> None:
    """Write the whole inventory with its history as a GeoPackage at ``out``."""
    exports.check_target(out, force=True, protect=[store_path(store)])
    store_backup.backup(store, out)


def restore(path, store: Store) -> None:
    """Load a backup GeoPackage into an empty store."""
    if not Path(path).is_file():
        raise UsageError("err.backup_not_found", path=path)
    store_backup.restore(path, store)
