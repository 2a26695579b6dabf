"""Seeding a new store with the shipped sample layers, so a fresh clone works at once.

:func:`open_seeded` is how the app and the CLI open the inventory: it opens
the store (:func:`landinv.store.open_store`, which never seeds) and, when the
store is new and empty, loads the layers of ``data/`` in one transaction under
import ID ``sample``. ``$LANDINV_SAMPLE_DATA=0`` starts an empty store instead
and the choice is remembered in the store.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pyogrio

from landinv.domain import BUILDINGS, PARCELS, STORE_EPSG
from landinv.errors import ConflictError
from landinv.sample.writer import DATA_DIR
from landinv.schema import SAMPLE_IMPORT_ID, SAMPLE_REPORT_KEY, SEED_USER

#: Set to 0 so a new store starts empty instead of with the sample data
#: (what a real office wants for its first PostGIS or GeoPackage inventory).
SAMPLE_ENV = "LANDINV_SAMPLE_DATA"
#: landinv_meta key recording that a store was created without sample data.
SAMPLE_META_KEY = "sample_data"
#: ``file_name`` of the sample's import record.
SAMPLE_FILE_NAME = "data/ (示例数据，非地籍登记资料 / illustrative sample, not cadastral)"
#: How the file names of the seeded enterprise imports say they are illustrative,
#: in both languages like :data:`SAMPLE_FILE_NAME` (the import log shows it as stored).
SAMPLE_ENTERPRISES_NOTE = "示例数据，虚构 / illustrative"


def open_seeded(location: str | os.PathLike | None = None, *, data_dir: Path | None = None):
    """Open (creating if needed) the store at ``location``; fill it if new and empty.

    Parameters
    ----------
    location : str or path, optional
        ``postgresql://user@host/db`` or a ``.gpkg`` path; default
        ``$LANDINV_STORE``, else ``var/landinv.gpkg`` (see
        :func:`landinv.store.resolve_location`).
    data_dir : Path, optional
        Folder with ``parcels/``, ``buildings/``, ``zones/`` (default: the repo's data/).

    Returns
    -------
    Store

    Raises
    ------
    StoreError
        With a bilingual message when the location cannot be used.
    """
    from landinv.store import open_store  # SQLAlchemy only when a store is opened

    store = open_store(location)
    try:
        seed_new_store(store, data_dir)
    except BaseException:
        store.close()
        raise
    return store


def seed_new_store(store, data_dir: Path | None = None) -> bool:
    """Load the sample layers into ``store`` when it is empty and sample data is wanted.

    Returns True when this call loaded them. Two processes seeding the same new
    store at once load it once: the loser's :class:`ConflictError` is ignored.
    """
    if not store.is_empty():
        return False
    if os.environ.get(SAMPLE_ENV, "1").strip().lower() in ("0", "false", "no"):
        # Remember the choice: a later open without the variable (the app
        # started another way) must not pour sample data into real records.
        store.set_meta(SAMPLE_META_KEY, "declined")
        return False
    if store.get_meta(SAMPLE_META_KEY) == "declined":
        return False
    layers = seed_layers(data_dir or DATA_DIR)
    if not layers:
        return False
    try:
        store.load_snapshot(layers)
    except ConflictError:
        return False  # another process seeded it first: same data
    return True


def _read_dir(folder: Path):
    files = sorted(list(folder.glob("*.geojson")) + list(folder.glob("*.gpkg")))
    frames = [pyogrio.read_dataframe(f) for f in files]
    if not frames:
        return None, []
    gdf = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return gdf.to_crs(STORE_EPSG), files


def seed_layers(data_dir: Path) -> dict:
    """Read the shipped sample layers into the mapping ``Store.load_snapshot`` takes.

    Returns an empty dict when ``data_dir`` holds no parcels.
    """
    from landinv.store.sql import utc_now

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
    layers["imports"] = pd.DataFrame(
        [
            {
                "import_id": SAMPLE_IMPORT_ID,
                "kind": "parcels+buildings",
                "file_name": SAMPLE_FILE_NAME,
                "sha256": digest.hexdigest(),
                "user_name": SEED_USER,
                "created_at": utc_now(),
                "effective_date": None,
                "source_crs": f"EPSG:{STORE_EPSG}",
                "encoding": "UTF-8",
                "n_features": n,
                "report_json": json.dumps({SAMPLE_REPORT_KEY: True}),
                "undone_at": None,
                "undone_by": None,
            }
        ]
    )
    layers["changes"] = pd.DataFrame(
        [
            {
                "action": "seed",
                "kind": "parcels+buildings",
                "object_id": None,
                "date": None,
                "project": None,
                "user_name": SEED_USER,
                "created_at": utc_now(),
                "import_id": SAMPLE_IMPORT_ID,
                "note": "示例数据已载入 / sample data loaded",
            }
        ]
    )
    return layers
