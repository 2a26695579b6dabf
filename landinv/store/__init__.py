"""Inventory stores: pick a backend from a location and open it.

``open_store()`` reads ``$LANDINV_STORE`` (default ``var/landinv.gpkg``):
a ``postgresql://`` URL selects PostGIS, a ``.gpkg`` path selects GeoPackage.
A new store starts empty; filling a new store with the shipped sample data is
the sample package's job (:func:`landinv.sample.seed.open_seeded`, which the
app and the CLI use).
"""

from __future__ import annotations

import os
from pathlib import Path

from landinv.store.base import Store

#: Environment variable naming the store.
STORE_ENV = "LANDINV_STORE"
#: Store used when nothing is configured (relative to the working directory).
DEFAULT_STORE = "var/landinv.gpkg"

__all__ = ["Store", "open_store", "resolve_location"]


def resolve_location(location: str | os.PathLike | None = None) -> str:
    """The store location: the argument, else ``$LANDINV_STORE``, else the default."""
    return str(location or os.environ.get(STORE_ENV) or DEFAULT_STORE)


def open_store(location: str | os.PathLike | None = None) -> Store:
    """Open (creating if needed) the inventory store at ``location``.

    Parameters
    ----------
    location : str or path, optional
        ``postgresql://user@host/db`` or a ``.gpkg`` path; see :func:`resolve_location`.

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
    return store
