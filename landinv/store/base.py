"""The store interface every backend (GeoPackage, PostGIS) keeps.

Rows are versioned: ``valid_from`` (inclusive) and ``valid_to`` (exclusive,
NULL while current) are ISO dates. A change closes the current row and adds a
new one; nothing is deleted. Every read can be asked "as of" a date.

Writes are single transactions: after a refused or interrupted write the store
is what it was before. Every write is logged in ``imports`` (one row per
upload, kept when undone) or ``changes`` (one row per status change or undo).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod

import geopandas as gpd
import pandas as pd


class Store(ABC):
    """Abstract inventory store. Use :func:`landinv.store.open_store`."""

    #: Human-readable location (path or URL without password).
    location: str = ""
    #: 'gpkg' or 'postgis'.
    backend: str = ""

    # -- reads ---------------------------------------------------------------
    @abstractmethod
    def layer(
        self, kind: str, as_of: dt.date | None = None, *, geometry: bool = True
    ) -> gpd.GeoDataFrame | pd.DataFrame:
        """Rows of layer ``kind`` ('parcels' or 'buildings') valid at ``as_of``.

        ``as_of=None`` means every version (the full history). With
        ``geometry=False`` a plain DataFrame of attributes (fast: no geometry
        is read). Columns are those of :mod:`landinv.schema` plus ``fid``.
        """

    @abstractmethod
    def zones(self) -> gpd.GeoDataFrame:
        """Zone boundaries: ``code``, ``name_zh``, ``name_en``, geometry."""

    @abstractmethod
    def summary(self, as_of: dt.date) -> pd.DataFrame:
        """Parcels valid at ``as_of`` aggregated in the database.

        Returns columns ``zone, category, status, count, area_m2``, one row per
        non-empty group.
        """

    @abstractmethod
    def factory_totals(self, as_of: dt.date) -> pd.DataFrame:
        """Buildings valid at ``as_of`` aggregated in the database.

        Returns columns ``zone, is_standard_factory, count, floor_area_m2``.
        """

    @abstractmethod
    def imports(self) -> pd.DataFrame:
        """The import log, newest first: ``import_id, kind, file_name, sha256,
        user_name, created_at, effective_date, source_crs, encoding,
        n_features, report_json, undone_at, undone_by``."""

    @abstractmethod
    def changes(self) -> pd.DataFrame:
        """The change log, newest first: ``change_id, action, kind, object_id,
        date, project, user_name, created_at, import_id, note``."""

    @abstractmethod
    def find_import(self, sha256: str) -> str | None:
        """ID of a live (not undone) import of a file with this hash, if any."""

    # -- writes (each one transaction) ----------------------------------------
    @abstractmethod
    def commit_import(
        self,
        kind: str,
        gdf: gpd.GeoDataFrame,
        *,
        file_name: str,
        sha256: str,
        effective_date: dt.date,
        user: str = "",
        source_crs: str = "",
        encoding: str = "",
        report: dict | None = None,
    ) -> str:
        """Add new rows from an accepted upload, atomically; return the import ID.

        ``gdf`` is in the store schema (EPSG:4490 MultiPolygons). Refused with
        :class:`~landinv.errors.ConflictError` if the same file (``sha256``) is
        already imported, or if any ID in ``gdf`` is already current.
        """

    @abstractmethod
    def undo_import(self, import_id: str, *, date: dt.date, user: str = "") -> int:
        """Close every current row the import added, as of ``date``; mark the
        import undone. Returns the number of rows closed."""

    @abstractmethod
    def supply_parcel(
        self,
        parcel_id: str,
        *,
        date: dt.date,
        project: str,
        user: str = "",
        note: str | None = None,
    ) -> None:
        """Record that parcel ``parcel_id`` was supplied to ``project`` on ``date``
        (closes its current row, adds one with status 'supplied'); ``note`` goes
        to the change log (e.g. an acknowledged floor breach)."""

    @abstractmethod
    def reclassify_parcel(
        self,
        parcel_id: str,
        *,
        date: dt.date,
        category: str,
        user: str = "",
        note: str | None = None,
    ) -> None:
        """Record a category change of parcel ``parcel_id`` on ``date`` (e.g.
        revitalised land becoming ready land); it is available from then on."""

    # Reverse acts and edits (issue 13): implemented in landinv/store/revisions.py.
    @abstractmethod
    def correct_supply(self, parcel_id: str, *, user: str = "", reason: str) -> dict:
        """Mark the parcel's current supply as recorded by mistake: it returns to
        stock from the supply date as if never supplied; the record stays."""

    @abstractmethod
    def take_back_parcel(
        self, parcel_id: str, *, date: dt.date, user: str = "", reason: str
    ) -> dict:
        """Record a supplied parcel taken back into stock (收回) from ``date``."""

    @abstractmethod
    def edit_parcel(
        self,
        parcel_id: str,
        *,
        date: dt.date,
        user: str = "",
        reason: str,
        fields: dict | None = None,
        geometry=None,
    ) -> dict:
        """Correct attributes and/or the outline as a new version from ``date``."""

    @abstractmethod
    def load_snapshot(self, layers: dict[str, pd.DataFrame]) -> None:
        """Bulk-load a whole inventory (all versions, logs) into an empty store.

        ``layers`` maps 'parcels', 'buildings', 'zones', 'imports', 'changes' to
        frames as returned by the read methods. Used for the first build from
        the shipped sample data and for ``restore``.
        """

    @abstractmethod
    def is_empty(self) -> bool:
        """True when the store holds no parcels, buildings or imports."""

    def close(self) -> None:
        """Release connections."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
