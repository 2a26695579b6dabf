"""GeoPackage backend: one SQLite file that GDAL, QGIS and ArcGIS open directly.

Why SQL rather than pyogrio for writes: an import must close rows, add rows and
log itself in ONE transaction, so a refused or killed import leaves the file as
it was. pyogrio writes one layer per call, so the store writes through SQLite
itself and encodes geometries as GeoPackage binary (a short header plus
ISO WKB, spec section 2.1.3). The file carries the GeoPackage metadata tables
(application_id 'GPKG', gpkg_spatial_ref_sys with EPSG:4490,
gpkg_contents, gpkg_geometry_columns), so GDAL reads every layer (tests check).

Concurrency: writers take SQLite's RESERVED lock up front (``BEGIN IMMEDIATE``)
and wait up to :data:`BUSY_TIMEOUT_S`; a killed writer leaves a hot rollback
journal which SQLite rolls back on the next open.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import pyproj
import shapely
import sqlalchemy as sa
from sqlalchemy.types import UserDefinedType

from landinv.domain import STORE_EPSG
from landinv.errors import StoreError
from landinv.store import enterprises
from landinv.store.sql import SCHEMA_VERSION, LayerRows, SqlStore, map_distinct

#: Seconds a writer waits for another writer before giving up.
BUSY_TIMEOUT_S = 60.0

_GPKG_APPLICATION_ID = 0x47504B47  # 'GPKG'
_GPKG_USER_VERSION = 10400         # GeoPackage 1.4
# Envelope byte length by the header's envelope indicator (flags bits 1-3).
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}

_SPATIAL_TABLES = {"parcels": "MULTIPOLYGON", "buildings": "MULTIPOLYGON",
                   "zones": "MULTIPOLYGON"}
_DESCRIPTIONS = {
    "parcels": "地块（全部版本）/ Land parcels, every version",
    "buildings": "标准厂房等建筑（全部版本）/ Buildings, every version",
    "zones": "片区边界 / Sub-area boundaries",
    "imports": "导入记录 / Import log",
    "changes": "变更记录 / Change log",
    "landinv_meta": "landinv 元数据 / landinv metadata",
    **enterprises.descriptions(),
}


class GpkgGeometry(UserDefinedType):
    """Geometry column declared as MULTIPOLYGON, holding GeoPackage binary blobs."""

    cache_ok = True

    def get_col_spec(self, **kw):
        return "MULTIPOLYGON"


def encode_gpkg(geoms: np.ndarray, srs_id: int = STORE_EPSG) -> list[bytes | None]:
    """Encode shapely geometries as GeoPackage binary with an XY envelope.

    The 40-byte headers (magic, flags, SRS id, envelope) of all geometries are
    packed at once in a numpy record array; only the join with each WKB is per
    row. Empty geometries get the empty flag and no envelope; ``None`` stays ``None``.
    """
    geoms = np.asarray(geoms, dtype=object)
    wkb = shapely.to_wkb(geoms, byte_order=1, flavor="iso").tolist()
    bounds = shapely.bounds(geoms)
    heads = np.empty(len(geoms), dtype=[("magic", "S4"), ("srs_id", "<i4"), ("env", "<f8", (4,))])
    heads["magic"] = b"GP\x00\x03"  # version 0, flags: little-endian, XY envelope
    heads["srs_id"] = srs_id
    heads["env"] = bounds[:, [0, 2, 1, 3]]  # minx, maxx, miny, maxy
    raw = heads.tobytes()
    size = heads.dtype.itemsize
    out = [None if blob is None else raw[size * i:size * (i + 1)] + blob
           for i, blob in enumerate(wkb)]
    for i in np.flatnonzero(np.isnan(bounds[:, 0])):
        if wkb[i] is not None:  # empty geometry: flag bit 4, no envelope
            out[i] = b"GP\x00" + bytes([0x11]) + struct.pack("<i", srs_id) + wkb[i]
    return out


def decode_gpkg(blobs) -> np.ndarray:
    """Decode GeoPackage binary blobs (any envelope kind) to shapely geometries."""
    wkb = []
    for blob in blobs:
        if blob is None:
            wkb.append(None)
            continue
        blob = bytes(blob)
        if blob[:2] != b"GP":
            raise StoreError("GeoPackage 几何数据损坏。", "Corrupt GeoPackage geometry blob.")
        wkb.append(blob[8 + _ENVELOPE_BYTES[(blob[3] >> 1) & 0x07]:])
    return shapely.from_wkb(np.array(wkb, dtype=object))


def _connect(path: str):
    def connect():
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        # Transactions are driven explicitly (BEGIN IMMEDIATE below), not by pysqlite.
        conn.isolation_level = None
        return conn
    return connect


class GpkgStore(SqlStore):
    """Inventory in a GeoPackage file (the embedded default backend).

    Parameters
    ----------
    path : path-like
        ``.gpkg`` file; created (with its tables) when missing. Its folder must exist.
    """

    backend = "gpkg"

    def __init__(self, path):
        path = Path(path)
        if path.suffix.lower() != ".gpkg":
            raise StoreError(f"库文件应以 .gpkg 结尾：{path}",
                             f"A GeoPackage store path must end in .gpkg: {path}")
        if not path.parent.is_dir():
            raise StoreError(
                f"库文件所在文件夹不存在：{path.parent}。请先创建文件夹，或换一个路径。",
                f"The folder of the store does not exist: {path.parent}. "
                "Create it first or choose another path.")
        if path.exists() and not _is_sqlite(path):
            raise StoreError(f"{path} 不是 GeoPackage 文件。", f"{path} is not a GeoPackage file.")
        engine = sa.create_engine("sqlite://", creator=_connect(str(path)),
                                  poolclass=sa.pool.NullPool)

        @sa.event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN")

        super().__init__(engine, str(path))
        self.path = path
        self._create_schema()

    # -- fast reads ----------------------------------------------------------------
    def layer(self, kind, as_of=None, *, geometry=True):
        """See :meth:`Store.layer`. Read through GDAL (Arrow), 5x faster than
        row-by-row SQL for 100k parcels; falls back to SQL if GDAL cannot read
        (e.g. the file is locked by a writer at that instant)."""
        self._table(kind)
        where = None
        if as_of is not None:
            day = as_of.isoformat()  # a date object: no user text reaches the SQL
            where = f"valid_from <= '{day}' AND (valid_to IS NULL OR valid_to > '{day}')"
        try:
            df = pyogrio.read_dataframe(self.path, layer=kind, where=where,
                                        read_geometry=geometry, fid_as_index=True,
                                        use_arrow=True)
        except pyogrio.errors.DataSourceError:
            return super().layer(kind, as_of, geometry=geometry)
        df = df.reset_index()
        for col in ("valid_from", "valid_to"):
            df[col] = pd.Series([None if v is None or v != v else v.isoformat()[:10]
                                 for v in df[col]], index=df.index, dtype=object)
        if kind == "buildings" and len(df):
            df["is_standard_factory"] = df["is_standard_factory"].astype(bool)
        if geometry:
            df = df.set_crs(STORE_EPSG, allow_override=True)
        return df

    # -- hooks -----------------------------------------------------------------
    def _geometry_type(self):
        return GpkgGeometry()

    def _encode_geoms(self, geoms):
        return encode_gpkg(geoms)

    def _decode_geoms(self, values):
        return decode_gpkg(values)

    def _insert_layer(self, conn: sa.Connection, table: sa.Table, rows: LayerRows) -> None:
        """Bulk insert: one ``executemany`` of plain tuples.

        The values are those SQLAlchemy would bind for SQLite (dates as ISO
        text, flags as 0/1, geometry as GeoPackage binary), so the stored rows
        are identical to the portable path, without a dict and type processing
        per row.
        """
        replaced = {"geom": encode_gpkg(rows.columns["geom"])}
        for col in table.columns:
            if col.name not in rows.columns:
                continue
            if isinstance(col.type, sa.Date):
                replaced[col.name] = map_distinct(rows.columns[col.name], _iso_date)
            elif isinstance(col.type, sa.Boolean):
                replaced[col.name] = map_distinct(rows.columns[col.name], int)
        names = list(rows.columns)
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' * len(names))})", rows.tuples(**replaced))

    def _lock_for_write(self, conn):
        # Upgrade the deferred transaction to a write lock at once, so two
        # writers queue here instead of failing later with SQLITE_BUSY. The
        # dummy write is the portable way to take RESERVED inside an open BEGIN.
        conn.exec_driver_sql("UPDATE landinv_meta SET value = value WHERE key = 'schema_version'")

    def _create_schema(self):
        with self.engine.begin() as conn:
            if conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'landinv_meta'").scalar():
                self._check_version(conn)
                return
        # A new file: create it in a transaction whose FIRST statement writes, so
        # a second process opening it at the same moment waits for the write lock
        # (busy timeout) and then finds the tables, instead of failing with
        # "database is locked" when it upgrades from a read lock.
        with self.engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {_GPKG_APPLICATION_ID}")
            if conn.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'landinv_meta'").scalar():
                self._check_version(conn)
                return
            conn.exec_driver_sql(f"PRAGMA user_version = {_GPKG_USER_VERSION}")
            _create_gpkg_core(conn)
            self.meta.create_all(conn)
            for name, desc in _DESCRIPTIONS.items():
                spatial = name in _SPATIAL_TABLES
                conn.exec_driver_sql(
                    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description,"
                    " srs_id) VALUES (?, ?, ?, ?, ?)",
                    (name, "features" if spatial else "attributes", name, desc,
                     STORE_EPSG if spatial else None))
                if spatial:
                    conn.exec_driver_sql(
                        "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
                        (name, _SPATIAL_TABLES[name], STORE_EPSG))
            conn.execute(self.tables["landinv_meta"].insert(), [
                {"key": "schema_version", "value": str(SCHEMA_VERSION)}])

    def _check_version(self, conn):
        version = conn.exec_driver_sql(
            "SELECT value FROM landinv_meta WHERE key = 'schema_version'").scalar()
        if int(version or 0) > SCHEMA_VERSION:
            raise StoreError(
                f"库的结构版本 {version} 比本程序（{SCHEMA_VERSION}）新，请升级 landinv。",
                f"The store's schema version {version} is newer than this landinv "
                f"({SCHEMA_VERSION}); upgrade landinv.")
        if int(version or 0) < SCHEMA_VERSION:
            self._upgrade(conn, int(version or 0))

    def _upgrade(self, conn, version: int) -> None:
        """Bring a file written by an older landinv to this layout (additive steps)."""
        self._lock_for_write(conn)
        if version < 2:
            enterprises.create_tables(conn)
            for name, desc in enterprises.descriptions().items():
                conn.exec_driver_sql(
                    "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier,"
                    " description) VALUES (?, 'attributes', ?, ?)", (name, name, desc))
        conn.exec_driver_sql("UPDATE landinv_meta SET value = ? WHERE key = 'schema_version'",
                             (str(SCHEMA_VERSION),))


def _iso_date(day) -> str:
    """A date as SQLAlchemy stores it in SQLite (``YYYY-MM-DD``)."""
    return day.isoformat()


def _is_sqlite(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(16)
    return head == b"SQLite format 3\x00" or head == b""


def _create_gpkg_core(conn) -> None:
    """The GeoPackage core tables and the SRS rows the spec requires, plus 4490."""
    conn.exec_driver_sql("""
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
          description TEXT)""")
    conn.exec_driver_sql("""
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
          identifier TEXT UNIQUE, description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
          srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id))""")
    conn.exec_driver_sql("""
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL, column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
          z TINYINT NOT NULL, m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""")
    srs = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic"),
        ("WGS 84 geodetic", 4326, "EPSG", 4326, pyproj.CRS.from_epsg(4326).to_wkt("WKT1_GDAL"),
         "longitude/latitude on WGS 84"),
        ("China Geodetic Coordinate System 2000", STORE_EPSG, "EPSG", STORE_EPSG,
         pyproj.CRS.from_epsg(STORE_EPSG).to_wkt("WKT1_GDAL"), "CGCS2000 geographic"),
    ]
    for row in srs:
        conn.exec_driver_sql("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", row)
