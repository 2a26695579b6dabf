"""Inventory stores: pick a backend from a location and build it on first use.

``open_store()`` reads ``$LANDINV_STORE`` (default ``var/landinv.gpkg``):
a ``postgresql://`` URL selects PostGIS, a ``.gpkg`` path selects GeoPackage.
A new, empty store is filled from the shipped sample layers in ``data/``
(one transaction), so the app and CLI work on a fresh clone.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import pyogrio

from landinv.domain import BUILDINGS, PARCELS, STORE_EPSG
from landinv.errors import ConflictError, StoreError
from landinv.schema import SAMPLE_IMPORT_ID
from landinv.store.base import Store
from landinv.store.sql import utc_now

#: Environment variable naming the store.
STORE_ENV = "LANDINV_STORE"
#: Store used when nothing is configured (relative to the working directory).
DEFAULT_STORE = "var/landinv.gpkg"
#: Shipped sample layers (repo's data/ folder).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
#: Set to 0 so a new store starts empty instead of with the sample data
#: (what a real office wants for its first PostGIS or GeoPackage inventory).
SAMPLE_ENV = "LANDINV_SAMPLE_DATA"
#: landinv_meta key recording that a store was created without sample data.
SAMPLE_META_KEY = "sample_data"

__all__ = ["Store", "open_store", "resolve_location", "seed_layers", "DATA_DIR"]


def resolve_location(location: str | os.PathLike | None = None) -> str:
    """The store location: the argument, else ``$LANDINV_STORE``, else the default."""
    return str(location or os.environ.get(STORE_ENV) or DEFAULT_STORE)


def open_store(location: str | os.PathLike | None = None, *, seed: bool = True,
               data_dir: Path | None = None) -> Store:
    """Open (creating if needed) the inventory store at ``location``.

    Parameters
    ----------
    location : str or path, optional
        ``postgresql://user@host/db`` or a ``.gpkg`` path; see :func:`resolve_location`.
    seed : bool, default True
        Fill a new, empty store from the sample layers in ``data_dir``
        (unless ``$LANDINV_SAMPLE_DATA`` is ``0``).
    data_dir : Path, optional
        Folder with ``parcels/``, ``buildings/``, ``zones/`` (default: the repo's data/).

    Raises
    ------
    StoreError
        With a bilingual message when the location cannot be used.
    """
    loc = resolve_location(location)
    if loc.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        from landinv.store.postgis import PostgisStore
        store: Store = PostgisStore(loc)
    else:
        if loc == DEFAULT_STORE and not location and not os.environ.get(STORE_ENV):
            Path(loc).parent.mkdir(parents=True, exist_ok=True)
        from landinv.store.gpkg import GpkgStore
        store = GpkgStore(loc)
    if seed and store.is_empty():
        if os.environ.get(SAMPLE_ENV, "1").strip().lower() in ("0", "false", "no"):
            # Remember the choice: a later open without the variable (the app
            # started another way) must not pour sample data into real records.
            store.set_meta(SAMPLE_META_KEY, "declined")
            return store
        if store.get_meta(SAMPLE_META_KEY) == "declined":
            return store
        layers = seed_layers(data_dir or DATA_DIR)
        if layers:
            try:
                store.load_snapshot(layers)
            except ConflictError:
                pass  # another process seeded it first: same data
    return store


def _read_dir(folder: Path):
    files = sorted(list(folder.glob("*.geojson")) + list(folder.glob("*.gpkg")))
    frames = [pyogrio.read_dataframe(f) for f in files]
    if not frames:
        return None, []
    gdf = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return gdf.to_crs(STORE_EPSG), files


def seed_layers(data_dir: Path) -> dict:
    """Read the shipped sample layers into the mapping :meth:`Store.load_snapshot` takes.

    Returns an empty dict when ``data_dir`` holds no parcels.
    """
    layers: dict = {}
    files: list[Path] = []
    for name in (PARCELS, BUILDINGS, "zones"):
        gdf, found = _read_dir(data_dir / name)
        if gdf is not None:
            layers[name] = gdf
            files += found
    if PARCELS not in layers:
        return {}
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.read_bytes())
    n = sum(len(layers[k]) for k in (PARCELS, BUILDINGS) if k in layers)
    layers["imports"] = pd.DataFrame([{
        "import_id": SAMPLE_IMPORT_ID, "kind": "parcels+buildings",
        "file_name": "data/ (示例数据，非地籍登记资料 / illustrative sample, not cadastral)",
        "sha256": digest.hexdigest(), "user_name": "landinv", "created_at": utc_now(),
        "effective_date": None, "source_crs": f"EPSG:{STORE_EPSG}", "encoding": "UTF-8",
        "n_features": n, "report_json": "{}", "undone_at": None, "undone_by": None}])
    layers["changes"] = pd.DataFrame([{
        "action": "seed", "kind": "parcels+buildings", "object_id": None, "date": None,
        "project": None, "user_name": "landinv", "created_at": utc_now(),
        "import_id": SAMPLE_IMPORT_ID, "note": "sample data loaded"}])
    return layers


def check_store_error(exc: Exception) -> StoreError:
    """Wrap a low-level database error in a bilingual :class:`StoreError`."""
    return StoreError(f"库读写失败：{exc}", f"The store could not be read or written: {exc}")
