"""Checks of an upload against the inventory, through the store's read methods only.

Re-upload of a file already imported (by content hash), IDs already current,
overlaps with stored features (double counting would fake the floors), and a
before/after preview of both floors as of the effective date.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely

from landinv.domain import M2_PER_MU, PARCELS, READY, STATUS_AVAILABLE, Config
from landinv.ingest.report import Report, submsg
from landinv.ingest.shapefile_read import route_gdal_messages
from landinv.ingest.validate import FeatureRef, overlaps_with
from landinv.schema import ID_COLUMN

_NO_DATE = "\uffff"


def zone_boundaries(store):
    """The store's zone boundaries (EPSG:4490), or None without a store or zones."""
    if store is None:
        return None
    zones = store.zones()
    if zones is None or not len(zones):
        return None
    return zones[~zones.geometry.isna()]


def check_reupload(store, sha256: str, report: Report) -> None:
    """Refuse a file whose exact bytes were already imported (and not undone)."""
    existing = store.find_import(sha256)
    if existing:
        report.refuse("already_imported", import_id=str(existing))


class StoreReads:
    """The store reads an upload check needs, started at once in a worker thread.

    Reading the zones, the stored layer and the floor totals is I/O and C code
    (GDAL, SQLite, PostgreSQL) that overlaps with the staging, reading,
    reprojection and checks of the upload on a second core; ``read_upload``
    starts it before staging the file. The store opens a connection per use,
    so the main thread may use it meanwhile. The results are the same reads, only earlier;
    nothing is written. ``close()`` waits for the thread (its errors are
    raised by the getters, the only place they matter).
    """

    def __init__(self, store, kind: str, as_of: dt.date):
        self.store = store
        self._pool = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="landinv-ingest", initializer=route_gdal_messages
        )
        self._zones = self._pool.submit(zone_boundaries, store)
        self._history = self._pool.submit(store.layer, kind, None)
        self._summary = self._pool.submit(store.summary, as_of)
        self._totals = self._pool.submit(store.factory_totals, as_of)

    def zones(self):
        """:func:`zone_boundaries` of the store."""
        return self._zones.result()

    def history(self):
        """Every version of the layer, with geometry (``store.layer(kind, None)``)."""
        return self._history.result()

    def totals(self) -> tuple:
        """``(store.summary(as_of), store.factory_totals(as_of))``."""
        return self._summary.result(), self._totals.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def check_against_store(
    store,
    kind: str,
    ids: list,
    geoms: np.ndarray,
    as_of: dt.date,
    report: Report,
    ref: FeatureRef,
    *,
    history=None,
    overlapping=None,
) -> None:
    """Refuse features whose ID is current in the store or that overlap stored ones.

    ``history`` is ``store.layer(kind, None)`` when already read
    (:class:`StoreReads`); ``overlapping`` is :func:`store_overlaps` when already
    computed (in a worker thread).
    """
    key = ID_COLUMN[kind]
    # One read of every version serves both checks: reading the current IDs
    # and the shapes valid at ``as_of`` separately cost a second pass over the
    # layer (docs/benchmarks.md).
    if history is None:
        history = store.layer(kind, None)
    if not len(history):
        return
    # A set lookup per ID (pandas' isin on an Arrow string column converts every
    # value to an Arrow scalar in Python: 0.7 s for 100k).
    current = set(history.loc[history["valid_to"].isna(), key].astype(str).tolist())
    for i, value in enumerate(ids):
        if value and value in current:
            report.refuse("duplicate_id_in_store", id=value, **ref(i))
    stored_ids, pairs = (
        store_overlaps(geoms, history, kind, as_of) if overlapping is None else overlapping
    )
    what = submsg("ingest.what_parcel" if kind == PARCELS else "ingest.what_building")
    for i, j, share in pairs:
        report.refuse(
            "overlap_with_store", what=what, other=stored_ids[j], share=f"{share:.1%}", **ref(i)
        )


def store_overlaps(geoms: np.ndarray, history, kind: str, as_of: dt.date) -> tuple[list, list]:
    """``(stored IDs, [(i, j, share)])``: new feature ``i`` overlaps stored version ``j``
    (of those valid at ``as_of``); pure computation, safe in a worker thread."""
    if history is None or not len(history):
        return [], []
    stored = history[valid_on(history, as_of)]
    if not len(stored):
        return [], []
    present = np.flatnonzero(~shapely.is_missing(geoms))
    existing = np.asarray(stored.geometry.values, dtype=object)
    pairs = [(int(present[a]), j, share) for a, j, share in overlaps_with(geoms[present], existing)]
    return stored[ID_COLUMN[kind]].astype(str).tolist(), pairs


def valid_on(rows, as_of: dt.date) -> np.ndarray:
    """Mask of the versions valid at ``as_of`` (``valid_from`` inclusive, ``valid_to``
    exclusive, as :meth:`Store.layer` filters them), from their ISO date strings."""
    day = as_of.isoformat()
    # A missing date sorts after every day: never valid from, always valid to.
    since = rows["valid_from"].fillna(_NO_DATE).to_numpy(dtype=str)
    until = rows["valid_to"].fillna(_NO_DATE).to_numpy(dtype=str)
    return (since <= day) & (until > day)


def floor_preview(
    store, kind: str, gdf, as_of: dt.date, cfg: Config, *, totals: tuple | None = None
) -> dict:
    """Ready land (mu) and standard factory floor space (m²) before and after import.

    ``totals`` is ``(store.summary(as_of), store.factory_totals(as_of))`` when
    already read (:class:`StoreReads`).
    """
    summary, factory = totals if totals is not None else (store.summary(as_of), None)
    ready = summary[(summary["category"] == READY) & (summary["status"] == STATUS_AVAILABLE)]
    ready_before = float(ready["area_m2"].sum()) / M2_PER_MU
    totals = factory if factory is not None else store.factory_totals(as_of)
    factory_before = float(
        totals.loc[totals["is_standard_factory"].astype(bool), "floor_area_m2"].sum()
    )
    ready_added = factory_added = 0.0
    if len(gdf) and kind == PARCELS:
        mask = (gdf["category"] == READY) & (gdf["status"] == STATUS_AVAILABLE)
        ready_added = float(gdf.loc[mask, "area_m2"].astype(float).sum()) / M2_PER_MU
    elif len(gdf):
        mask = gdf["is_standard_factory"].astype(bool)
        factory_added = float(gdf.loc[mask, "floor_area_m2"].astype(float).sum())
    return {
        "as_of": as_of.isoformat(),
        "ready_land_mu": _floor(ready_before, ready_added, cfg.ready_land_floor_mu),
        "factory_floor_m2": _floor(factory_before, factory_added, cfg.factory_floor_m2),
    }


def _floor(before: float, added: float, floor: float) -> dict:
    after = before + added
    return {
        "before": round(before, 6),
        "after": round(after, 6),
        "added": round(added, 6),
        "floor": floor,
        "holds_before": before >= floor,
        "holds_after": after >= floor,
    }
