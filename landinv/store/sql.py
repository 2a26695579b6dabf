"""Backend-neutral store over SQLAlchemy Core.

Both backends (GeoPackage on SQLite, PostGIS) share these tables, queries and
write transactions; a backend only supplies how geometry is stored
(:meth:`SqlStore._geometry_type`, :meth:`_encode_geoms`, :meth:`_decode_geoms`),
how a writer takes the store's write lock (:meth:`_lock_for_write`) and how the
schema is created (:meth:`_create_schema`).

Dates are stored as SQL DATE (ISO ``YYYY-MM-DD`` text in SQLite) and returned
in frames as ISO strings, so history frames compare and serialise the same
whatever the backend. Timestamps (``created_at``) are ISO 8601 UTC text.

Size: the one SQL implementation both backends share (versioned rows, writes under one lock,
aggregates); it is long because it is shared, and backend differences live in gpkg.py and
postgis.py.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

from landinv.domain import BUILDINGS, PARCELS, STATUS_AVAILABLE, STATUS_SUPPLIED, STORE_EPSG
from landinv.errors import ConflictError, StoreError, UsageError
from landinv.geometry import area_m2
from landinv.schema import ID_COLUMN, LAYER_COLUMNS
from landinv.store.base import Store
from landinv.store.enterprises import EnterpriseStoreMixin
from landinv.store.enterprises import define_tables as define_enterprise_tables
from landinv.store.revisions import RevisionsMixin

#: Version of the table layout; bumped with every schema change (see docs/store.md).
#: 2: enterprise tables (store/enterprises.py: create_tables is the step).
#: 3: landinv_meta has an INTEGER key ``fid`` (GeoPackage requirement 119); GeoPackage
#: stores get R-tree spatial indexes (a landinv older than 3 could not write them).
SCHEMA_VERSION = 3

_SA_TYPES = {
    "text": sa.Text,
    "float": sa.Double,  # FLOAT would be read by GDAL as float32
    "int": sa.Integer,
    "bool": sa.Boolean,
    "date": sa.Date,
}

IMPORT_COLUMNS = (
    "import_id",
    "kind",
    "file_name",
    "sha256",
    "user_name",
    "created_at",
    "effective_date",
    "source_crs",
    "encoding",
    "n_features",
    "report_json",
    "undone_at",
    "undone_by",
)
CHANGE_COLUMNS = (
    "change_id",
    "action",
    "kind",
    "object_id",
    "date",
    "project",
    "user_name",
    "created_at",
    "import_id",
    "note",
)
ZONE_COLUMNS = ("code", "name_zh", "name_en")


def utc_now() -> str:
    """Current time as ISO 8601 UTC text (the format of ``created_at``)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_import_id(now: dt.datetime | None = None) -> str:
    """A sortable, unique import ID such as ``IMP-20250630-081502-3fa1c2``."""
    now = now or dt.datetime.now()
    return f"IMP-{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


def _iso(value) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text[:10] if text else None


def _date_or_none(value) -> dt.date | None:
    iso = _iso(value)
    return dt.date.fromisoformat(iso) if iso else None


#: How a stored column's values are made Python values of its SQL type.
_CONVERTERS: dict[str, Callable] = {"date": _date_or_none, "bool": bool, "int": int}


def map_distinct(values: np.ndarray, convert: Callable) -> np.ndarray:
    """Apply ``convert`` once per distinct non-missing value of ``values``.

    A date or flag column of 100,000 rows holds a handful of distinct values,
    so converting those and indexing is far cheaper than a call per row.

    Parameters
    ----------
    values : numpy.ndarray
        Object array; ``None`` and NaN stay ``None``.
    convert : callable
        Function of one value.

    Returns
    -------
    numpy.ndarray
        Object array of the converted values, same length as ``values``.
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    lookup = np.empty(len(uniques) + 1, dtype=object)  # the last slot (code -1) stays None
    for i, value in enumerate(uniques):
        lookup[i] = convert(value)
    return lookup[codes]


def promote_to_multi(geoms: np.ndarray) -> np.ndarray:
    """Polygons as one-part MultiPolygons (the stored type); other values unchanged."""
    geoms = np.asarray(geoms, dtype=object)
    single = shapely.get_type_id(geoms) == shapely.GeometryType.POLYGON
    if not single.any():
        return geoms
    out = geoms.copy()
    out[single] = shapely.multipolygons(geoms[single], indices=np.arange(single.sum()))
    return out


@dataclass(frozen=True)
class LayerRows:
    """Rows of a layer table, column by column, ready for a bulk insert.

    ``columns`` maps every stored column (schema order, then ``geom``) to an
    object array of one length. Values are Python scalars or ``None``; dates
    are :class:`datetime.date`; ``geom`` holds shapely MultiPolygons in
    EPSG:4490, which each backend encodes its own way.
    """

    columns: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.columns["geom"])

    def take(self, part: slice) -> LayerRows:
        """The rows in ``part`` (a slice), as a new :class:`LayerRows`."""
        return LayerRows({name: values[part] for name, values in self.columns.items()})

    def tuples(self, **replaced) -> list[tuple]:
        """One tuple per row, in column order; ``replaced`` swaps in whole columns
        (e.g. encoded geometries or ISO dates)."""
        arrays = [replaced.get(name, values) for name, values in self.columns.items()]
        return list(zip(*(a.tolist() if isinstance(a, np.ndarray) else a for a in arrays)))

    def records(self, geoms) -> list[dict]:
        """One dict per row (SQLAlchemy bind parameters), ``geoms`` as ``geom``."""
        names = list(self.columns)
        return [dict(zip(names, row)) for row in self.tuples(geom=geoms)]


class SqlStore(RevisionsMixin, EnterpriseStoreMixin, Store):
    """Shared implementation of :class:`~landinv.store.base.Store`.

    Subclasses set ``backend`` and implement the geometry and locking hooks.
    """

    def __init__(self, engine: sa.Engine, location: str):
        self.engine = engine
        self.location = location
        self.meta = sa.MetaData()
        self.tables = self._define_tables()

    # -- backend hooks ---------------------------------------------------------
    def _geometry_type(self) -> sa.types.TypeEngine:
        """SQL type of the geometry column (binds and returns backend bytes)."""
        raise NotImplementedError

    def _encode_geoms(self, geoms: np.ndarray) -> list:
        """Shapely geometries (EPSG:4490) to bind values for the geometry column."""
        raise NotImplementedError

    def _decode_geoms(self, values: list) -> np.ndarray:
        """Values read from the geometry column back to shapely geometries."""
        raise NotImplementedError

    def _lock_for_write(self, conn: sa.Connection) -> None:
        """Serialise writers: called first inside every write transaction."""

    def _create_schema(self) -> None:
        """Create the tables (and backend metadata) when they do not exist."""
        raise NotImplementedError

    # -- table layout ----------------------------------------------------------
    def _define_tables(self) -> dict[str, sa.Table]:
        tables = {}
        for kind in (PARCELS, BUILDINGS):
            cols = [sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True)]
            cols += [sa.Column(c.name, _SA_TYPES[c.type]()) for c in LAYER_COLUMNS[kind]]
            cols.append(sa.Column("geom", self._geometry_type()))
            key = ID_COLUMN[kind]
            tables[kind] = sa.Table(
                kind,
                self.meta,
                *cols,
                sa.Index(f"ix_{kind}_{key}", key),
                sa.Index(f"ix_{kind}_valid", "valid_from", "valid_to"),
                # One current row per ID: the database itself refuses a duplicate
                # even if two writers slipped past the application checks.
                sa.Index(
                    f"ux_{kind}_current",
                    key,
                    unique=True,
                    sqlite_where=sa.text("valid_to IS NULL"),
                    postgresql_where=sa.text("valid_to IS NULL"),
                ),
            )
        tables["zones"] = sa.Table(
            "zones",
            self.meta,
            sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True),
            *(sa.Column(c, sa.Text) for c in ZONE_COLUMNS),
            sa.Column("geom", self._geometry_type()),
        )
        tables["imports"] = sa.Table(
            "imports",
            self.meta,
            sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("import_id", sa.Text, nullable=False, unique=True),
            sa.Column("kind", sa.Text),
            sa.Column("file_name", sa.Text),
            sa.Column("sha256", sa.Text),
            sa.Column("user_name", sa.Text),
            sa.Column("created_at", sa.Text),
            sa.Column("effective_date", sa.Date),
            sa.Column("source_crs", sa.Text),
            sa.Column("encoding", sa.Text),
            sa.Column("n_features", sa.Integer),
            sa.Column("report_json", sa.Text),
            sa.Column("undone_at", sa.Text),
            sa.Column("undone_by", sa.Text),
            # A file can be live once; an undone import frees its hash.
            sa.Index(
                "ux_imports_live_sha",
                "sha256",
                unique=True,
                sqlite_where=sa.text("undone_at IS NULL"),
                postgresql_where=sa.text("undone_at IS NULL"),
            ),
        )
        tables["changes"] = sa.Table(
            "changes",
            self.meta,
            sa.Column("change_id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("action", sa.Text),
            sa.Column("kind", sa.Text),
            sa.Column("object_id", sa.Text),
            sa.Column("date", sa.Date),
            sa.Column("project", sa.Text),
            sa.Column("user_name", sa.Text),
            sa.Column("created_at", sa.Text),
            sa.Column("import_id", sa.Text),
            sa.Column("note", sa.Text),
        )
        tables["landinv_meta"] = sa.Table(
            "landinv_meta",
            self.meta,
            # An INTEGER primary key: GeoPackage attribute tables must have one.
            sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("key", sa.Text, nullable=False, unique=True),
            sa.Column("value", sa.Text),
        )
        tables.update(define_enterprise_tables(self.meta))
        return tables

    def schema_version(self) -> int:
        """Schema version recorded in the store (0 when it has none)."""
        meta = self.tables["landinv_meta"]
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(meta.c.value).where(meta.c.key == "schema_version")
            ).scalar()
        return int(value) if value else 0

    def get_meta(self, key: str) -> str | None:
        """A value from ``landinv_meta`` (None when unset)."""
        meta = self.tables["landinv_meta"]
        with self.engine.connect() as conn:
            return conn.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar()

    def set_meta(self, key: str, value: str) -> None:
        """Set a ``landinv_meta`` value (one write transaction)."""
        meta = self.tables["landinv_meta"]
        with self._write() as conn:
            conn.execute(meta.delete().where(meta.c.key == key))
            conn.execute(meta.insert(), [{"key": key, "value": value}])

    # -- transactions ------------------------------------------------------------
    @contextmanager
    def _write(self):
        """One write transaction holding the store's write lock; a duplicate caught by
        a unique index (a writer that slipped past the checks) is a conflict."""
        try:
            with self.engine.begin() as conn:
                self._lock_for_write(conn)
                yield conn
        except sa.exc.IntegrityError as exc:
            raise conflict_error(exc) from None

    # -- reads -----------------------------------------------------------------
    @staticmethod
    def _valid_at(table: sa.Table, as_of: dt.date):
        return sa.and_(
            table.c.valid_from <= as_of,
            sa.or_(table.c.valid_to.is_(None), table.c.valid_to > as_of),
        )

    def layer(self, kind, as_of=None, *, geometry=True):
        """See :meth:`Store.layer`."""
        table = self._table(kind)
        cols = [c for c in table.c if c.name != "geom" or geometry]
        stmt = sa.select(*cols).order_by(table.c.fid)
        if as_of is not None:
            stmt = stmt.where(self._valid_at(table, as_of))
        with self.engine.connect() as conn:
            result = conn.execute(stmt)
            df = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        for col in ("valid_from", "valid_to"):
            df[col] = pd.Series([_iso(v) for v in df[col]], index=df.index, dtype=object)
        if kind == BUILDINGS and len(df):
            df["is_standard_factory"] = df["is_standard_factory"].astype(bool)
        if not geometry:
            return df
        geoms = self._decode_geoms(list(df.pop("geom")))
        return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=df.index, crs=STORE_EPSG))

    def zones(self):
        """See :meth:`Store.zones`."""
        table = self.tables["zones"]
        with self.engine.connect() as conn:
            result = conn.execute(sa.select(table).order_by(table.c.fid))
            df = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        geoms = self._decode_geoms(list(df.pop("geom")))
        return gpd.GeoDataFrame(
            df.drop(columns="fid"), geometry=gpd.GeoSeries(geoms, index=df.index, crs=STORE_EPSG)
        )

    def summary(self, as_of):
        """See :meth:`Store.summary` (one GROUP BY in the database)."""
        t = self.tables[PARCELS]
        stmt = (
            sa.select(
                t.c.zone,
                t.c.category,
                t.c.status,
                sa.func.count().label("count"),
                sa.func.coalesce(sa.func.sum(t.c.area_m2), 0.0).label("area_m2"),
            )
            .where(self._valid_at(t, as_of))
            .group_by(t.c.zone, t.c.category, t.c.status)
            .order_by(t.c.zone, t.c.category, t.c.status)
        )
        return self._frame(stmt, ["zone", "category", "status", "count", "area_m2"])

    def factory_totals(self, as_of):
        """See :meth:`Store.factory_totals` (one GROUP BY in the database)."""
        t = self.tables[BUILDINGS]
        stmt = (
            sa.select(
                t.c.zone,
                t.c.is_standard_factory,
                sa.func.count().label("count"),
                sa.func.coalesce(sa.func.sum(t.c.floor_area_m2), 0.0).label("floor_area_m2"),
            )
            .where(self._valid_at(t, as_of))
            .group_by(t.c.zone, t.c.is_standard_factory)
            .order_by(t.c.zone, t.c.is_standard_factory)
        )
        df = self._frame(stmt, ["zone", "is_standard_factory", "count", "floor_area_m2"])
        df["is_standard_factory"] = df["is_standard_factory"].astype(bool)
        return df

    def imports(self):
        """See :meth:`Store.imports`."""
        t = self.tables["imports"]
        stmt = sa.select(*(t.c[c] for c in IMPORT_COLUMNS)).order_by(t.c.fid.desc())
        df = self._frame(stmt, list(IMPORT_COLUMNS))
        df["effective_date"] = pd.Series(
            [_iso(v) for v in df["effective_date"]], index=df.index, dtype=object
        )
        return df

    def changes(self):
        """See :meth:`Store.changes`."""
        t = self.tables["changes"]
        stmt = sa.select(*(t.c[c] for c in CHANGE_COLUMNS)).order_by(t.c.change_id.desc())
        df = self._frame(stmt, list(CHANGE_COLUMNS))
        df["date"] = pd.Series([_iso(v) for v in df["date"]], index=df.index, dtype=object)
        return df

    def find_import(self, sha256):
        """See :meth:`Store.find_import`."""
        t = self.tables["imports"]
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(t.c.import_id).where(t.c.sha256 == sha256, t.c.undone_at.is_(None))
            ).scalar()

    def is_empty(self):
        """See :meth:`Store.is_empty`."""
        with self.engine.connect() as conn:
            for name in (PARCELS, BUILDINGS, "imports"):
                t = self.tables[name]
                if conn.execute(sa.select(sa.func.count()).select_from(t)).scalar():
                    return False
        return True

    def _frame(self, stmt, columns) -> pd.DataFrame:
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).fetchall()
        return pd.DataFrame(rows, columns=columns)

    def _table(self, kind: str) -> sa.Table:
        if kind not in (PARCELS, BUILDINGS):
            raise UsageError("store.unknown_layer", kind=kind)
        return self.tables[kind]

    # -- writes ----------------------------------------------------------------
    def _layer_rows(self, kind: str, gdf: gpd.GeoDataFrame, **override) -> LayerRows:
        """Stored values of layer rows, built column by column.

        Parameters
        ----------
        kind : str
            ``parcels`` or ``buildings``.
        gdf : geopandas.GeoDataFrame
            Rows in the layer schema (missing columns are stored as NULL), any CRS.
        **override
            Column values set on every row (e.g. ``valid_from``, ``import_id``).

        Returns
        -------
        LayerRows
            Areas recomputed from the geometry, dates as :class:`datetime.date`,
            Polygons promoted to MultiPolygons in EPSG:4490.
        """
        names = [c.name for c in LAYER_COLUMNS[kind]]
        frame = gdf.copy()
        if frame.crs is not None and frame.crs.to_epsg() != STORE_EPSG:
            frame = frame.to_crs(STORE_EPSG)
        for name, value in override.items():
            frame[name] = value
        for name in names:
            if name not in frame.columns:
                frame[name] = None
        shapes = promote_to_multi(np.asarray(frame.geometry.values, dtype=object))
        # The store owns areas: always recomputed from the geometry it keeps.
        areas = area_m2(shapes)
        if kind == PARCELS:
            frame["area_m2"] = areas
        else:
            frame["footprint_m2"] = areas
            floors = pd.to_numeric(frame["floors"], errors="coerce")
            given = pd.to_numeric(frame["floor_area_m2"], errors="coerce")
            frame["floor_area_m2"] = given.where(given.notna(), areas * floors)
        columns = {}
        for col in LAYER_COLUMNS[kind]:
            series = frame[col.name]
            values = series.astype(object).where(series.notna(), None).to_numpy()
            convert = _CONVERTERS.get(col.type)
            columns[col.name] = map_distinct(values, convert) if convert else values
        columns["geom"] = shapes
        return LayerRows(columns)

    def _insert_layer(self, conn: sa.Connection, table: sa.Table, rows: LayerRows) -> None:
        """Insert layer rows inside the caller's write transaction.

        This portable version binds one parameter set per row through
        SQLAlchemy; backends override it with their bulk path (executemany of
        plain tuples, COPY). Tests compare the two.
        """
        for start in range(0, len(rows), 5000):
            part = rows.take(slice(start, start + 5000))
            records = part.records(self._encode_geoms(part.columns["geom"]))
            conn.execute(table.insert(), records)

    def commit_import(
        self,
        kind,
        gdf,
        *,
        file_name,
        sha256,
        effective_date,
        user="",
        source_crs="",
        encoding="",
        report=None,
    ):
        """See :meth:`Store.commit_import`. One transaction, checks inside the lock."""
        table = self._table(kind)
        key = ID_COLUMN[kind]
        if len(gdf) == 0:
            raise UsageError("store.no_features")
        ids = [str(v) for v in gdf[key]]
        dupes_in_file = sorted(i for i, n in Counter(ids).items() if n > 1)
        if dupes_in_file:
            raise ConflictError("store.duplicate_ids_in_file", ids=", ".join(dupes_in_file[:10]))
        import_id = new_import_id()
        rows = self._layer_rows(
            kind, gdf, valid_from=effective_date, valid_to=None, import_id=import_id
        )
        with self._write() as conn:
            existing = self._live_import(conn, sha256)
            if existing:
                raise ConflictError("store.duplicate_file", import_id=existing)
            current = self._current_ids(conn, table, key, ids)
            if current:
                raise ConflictError("store.ids_exist", ids=", ".join(sorted(current)[:10]))
            conn.execute(
                self.tables["imports"].insert(),
                [
                    {
                        "import_id": import_id,
                        "kind": kind,
                        "file_name": file_name,
                        "sha256": sha256,
                        "user_name": user,
                        "created_at": utc_now(),
                        "effective_date": effective_date,
                        "source_crs": source_crs,
                        "encoding": encoding,
                        "n_features": len(rows),
                        "report_json": json.dumps(report or {}, ensure_ascii=False, default=str),
                        "undone_at": None,
                        "undone_by": None,
                    }
                ],
            )
            self._insert_layer(conn, table, rows)
            self._log(
                conn,
                "import",
                kind,
                None,
                effective_date,
                user=user,
                import_id=import_id,
                note=file_name,
            )
        return import_id

    def _live_import(self, conn, sha256):
        t = self.tables["imports"]
        return conn.execute(
            sa.select(t.c.import_id).where(t.c.sha256 == sha256, t.c.undone_at.is_(None))
        ).scalar()

    @staticmethod
    def _current_ids(conn, table, key, ids) -> set[str]:
        found: set[str] = set()
        col = table.c[key]
        for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
            chunk = ids[start : start + 900]
            found.update(
                conn.execute(
                    sa.select(col).where(col.in_(chunk), table.c.valid_to.is_(None))
                ).scalars()
            )
        return found

    def _log(
        self,
        conn,
        action,
        kind,
        object_id,
        date,
        *,
        user="",
        project=None,
        import_id=None,
        note=None,
    ):
        conn.execute(
            self.tables["changes"].insert(),
            [
                {
                    "action": action,
                    "kind": kind,
                    "object_id": object_id,
                    "date": date,
                    "project": project,
                    "user_name": user,
                    "created_at": utc_now(),
                    "import_id": import_id,
                    "note": note,
                }
            ],
        )

    def undo_import(self, import_id, *, date, user=""):
        """See :meth:`Store.undo_import`."""
        imports = self.tables["imports"]
        with self._write() as conn:
            rec = conn.execute(
                sa.select(imports.c.kind, imports.c.undone_at).where(
                    imports.c.import_id == import_id
                )
            ).first()
            if rec is None:
                raise UsageError("store.no_import", import_id=import_id)
            if rec.undone_at:
                raise ConflictError("store.already_undone", import_id=import_id, when=rec.undone_at)
            closed = 0
            for kind in (PARCELS, BUILDINGS):
                table = self.tables[kind]
                # Close rows born in this import, and later versions of them
                # (e.g. a supply recorded after the import) which keep the import_id.
                # A row that starts after the undo date is closed at its start:
                # it never becomes valid.
                end = sa.case((table.c.valid_from > date, table.c.valid_from), else_=date)
                closed += conn.execute(
                    table.update()
                    .where(table.c.import_id == import_id, table.c.valid_to.is_(None))
                    .values(valid_to=end)
                ).rowcount
            closed += self._undo_enterprises(conn, import_id, date)
            conn.execute(
                imports.update()
                .where(imports.c.import_id == import_id)
                .values(undone_at=utc_now(), undone_by=user)
            )
            self._log(
                conn,
                "undo",
                rec.kind,
                None,
                date,
                user=user,
                import_id=import_id,
                note=f"{closed} rows closed",
            )
        return closed

    def _revise(
        self, kind, object_id, *, date, user, action, changes, project=None, note=None, check=None
    ) -> None:
        """Close the current row of ``object_id`` at ``date`` and add a changed copy.

        ``check(row)`` may refuse the change; it runs under the write lock so two
        writers cannot both pass it (no lost update)."""
        table = self._table(kind)
        key = ID_COLUMN[kind]
        with self._write() as conn:
            row = (
                conn.execute(
                    sa.select(table).where(table.c[key] == object_id, table.c.valid_to.is_(None))
                )
                .mappings()
                .first()
            )
            if row is None:
                raise UsageError("store.no_current_row", object_id=object_id)
            if check is not None:
                check(row)
            if _date_or_none(row["valid_from"]) > date:
                raise UsageError(
                    "store.date_before_current", date=str(date), start=_iso(row["valid_from"])
                )
            if check is not None:
                check(row)  # checked under the write lock, against the current row
            new = dict(row)
            new.pop("fid")
            new.update(changes, valid_from=date, valid_to=None)
            conn.execute(table.update().where(table.c.fid == row["fid"]).values(valid_to=date))
            conn.execute(table.insert(), [new])
            self._log(
                conn,
                action,
                kind,
                object_id,
                date,
                user=user,
                project=project,
                import_id=row["import_id"],
                note=note,
            )

    def supply_parcel(self, parcel_id, *, date, project, user="", note=None):
        """See :meth:`Store.supply_parcel`."""
        if not project or not str(project).strip():
            raise UsageError("store.project_needed")

        def not_yet_supplied(row):
            if row["status"] == STATUS_SUPPLIED:
                raise ConflictError(
                    "store.already_supplied", parcel_id=parcel_id, project=row["project"]
                )

        self._revise(
            PARCELS,
            parcel_id,
            date=date,
            user=user,
            action="supply",
            changes={"status": STATUS_SUPPLIED, "project": project},
            project=project,
            note=note,
            check=not_yet_supplied,
        )

    def reclassify_parcel(self, parcel_id, *, date, category, user="", note=None):
        """See :meth:`Store.reclassify_parcel`."""

        def is_a_change(row):
            if row["category"] == category:
                raise ConflictError("store.same_category", parcel_id=parcel_id, category=category)

        self._revise(
            PARCELS,
            parcel_id,
            date=date,
            user=user,
            action="reclassify",
            changes={"category": category, "status": STATUS_AVAILABLE},
            note=note,
            check=is_a_change,
        )

    def load_snapshot(self, layers):
        """See :meth:`Store.load_snapshot`."""
        with self._write() as conn:
            # Checked under the write lock: two processes seeding a new store at
            # once must not both load it.
            for name in (PARCELS, BUILDINGS, "imports"):
                if conn.execute(sa.select(sa.func.count()).select_from(self.tables[name])).scalar():
                    raise ConflictError("store.not_empty")
            zones = layers.get("zones")
            if zones is not None and len(zones):
                geoms = self._encode_geoms(np.asarray(zones.geometry.values, dtype=object))
                conn.execute(
                    self.tables["zones"].insert(),
                    [
                        {**{c: r[c] for c in ZONE_COLUMNS}, "geom": g}
                        for r, g in zip(zones[list(ZONE_COLUMNS)].to_dict("records"), geoms)
                    ],
                )
            for kind in (PARCELS, BUILDINGS):
                gdf = layers.get(kind)
                if gdf is not None and len(gdf):
                    self._insert_layer(conn, self.tables[kind], self._layer_rows(kind, gdf))
            for name, columns in (("imports", IMPORT_COLUMNS), ("changes", CHANGE_COLUMNS)):
                df = layers.get(name)
                if df is None or not len(df):
                    continue
                cols = [c for c in columns if c in df.columns and c != "change_id"]
                records = df[cols].astype(object).where(df[cols].notna(), None)
                rows = records.to_dict("records")
                for row in rows:
                    for c in ("effective_date", "date"):
                        if c in row:
                            row[c] = _date_or_none(row[c])
                    if row.get("n_features") is not None:
                        row["n_features"] = int(row["n_features"])
                # Frames come newest first, as imports()/changes() return them:
                # insert oldest first so both logs keep their order.
                conn.execute(self.tables[name].insert(), rows[::-1])
            self._load_enterprise_snapshot(conn, layers)

    def close(self):
        """See :meth:`Store.close`."""
        self.engine.dispose()


def conflict_error(exc: Exception) -> ConflictError:
    """The :class:`ConflictError` for a write a unique index refused."""
    detail = str(getattr(exc, "orig", exc)).splitlines()[0]
    return ConflictError("store.write_conflict", detail=detail)


def check_kind(kind: str) -> str:
    """Return ``kind`` if it names a layer, else raise a bilingual :class:`UsageError`."""
    if kind not in (PARCELS, BUILDINGS):
        raise UsageError("store.unknown_layer", kind=kind)
    return kind


__all__ = [
    "SCHEMA_VERSION",
    "LayerRows",
    "SqlStore",
    "StoreError",
    "check_kind",
    "map_distinct",
    "promote_to_multi",
    "utc_now",
]
