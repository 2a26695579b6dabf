"""What makes the store file a GeoPackage: geometry blobs, core tables, the R-tree index.

Kept apart from :mod:`landinv.store.gpkg` (the store's transactions) because
it is the GeoPackage 1.4 specification written down once:

* geometry as GeoPackage binary (spec 2.1.3): ``GP``, version, flags, SRS id,
  an XY envelope, then ISO WKB;
* the core tables (``gpkg_spatial_ref_sys``, ``gpkg_contents``,
  ``gpkg_geometry_columns``) and ``gpkg_extensions``;
* the R-tree spatial index (extension ``gpkg_rtree_index``, spec annex F.3):
  a virtual ``rtree_<table>_<column>`` table kept right by triggers that call
  the SQL functions ``ST_IsEmpty``, ``ST_MinX``, ``ST_MaxX``, ``ST_MinY``,
  ``ST_MaxY``. GDAL and SpatiaLite provide those functions in their own SQLite
  connections; :func:`register_functions` provides them in Python's.

A connection WITHOUT the functions (the ``sqlite3`` shell, another program's
Python) can read every table, the R-tree included: triggers only run on
writes. Writing a geometry table from such a connection fails with
"no such function: ST_IsEmpty", which is why every landinv connection
registers them (:func:`connect`).
"""

from __future__ import annotations

import sqlite3
import struct

import numpy as np
import pyproj
import shapely

from landinv.domain import STORE_EPSG
from landinv.errors import StoreError

#: ``PRAGMA application_id`` of a GeoPackage ('GPKG').
APPLICATION_ID = 0x47504B47
#: ``PRAGMA user_version`` of GeoPackage 1.4.
USER_VERSION = 10400
# Envelope byte length by the header's envelope indicator (flags bits 1-3).
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_EMPTY_FLAG = 0x10


# -- geometry blobs -------------------------------------------------------------------
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
    out = [
        None if blob is None else raw[size * i : size * (i + 1)] + blob
        for i, blob in enumerate(wkb)
    ]
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
            raise StoreError("store.corrupt_geometry")
        wkb.append(blob[8 + _ENVELOPE_BYTES[(blob[3] >> 1) & 0x07] :])
    return shapely.from_wkb(np.array(wkb, dtype=object))


def _envelope(blob) -> tuple[float, float, float, float] | None:
    """``(minx, maxx, miny, maxy)`` of a GeoPackage blob; None when NULL, empty or not one."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & _EMPTY_FLAG:
        return None
    order = "<" if flags & 0x01 else ">"
    indicator = (flags >> 1) & 0x07
    if indicator:
        return struct.unpack_from(order + "4d", blob, 8)
    # No envelope stored (allowed by the spec): compute it from the WKB.
    geom = shapely.from_wkb(bytes(blob[8:]))
    if geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return minx, maxx, miny, maxy


def st_is_empty(blob) -> int | None:
    """SQL ``ST_IsEmpty(geom)``: 1 for an empty geometry, 0 otherwise, NULL for NULL."""
    if blob is None:
        return None
    if len(blob) >= 4 and blob[:2] == b"GP" and blob[3] & _EMPTY_FLAG:
        return 1
    return 0 if _envelope(blob) is not None else 1


def _bound(index: int):
    def fn(blob):
        env = _envelope(blob)
        return None if env is None else env[index]

    return fn


def register_functions(conn: sqlite3.Connection) -> None:
    """Give a Python sqlite3 connection the ``ST_*`` functions the R-tree triggers call."""
    conn.create_function("ST_IsEmpty", 1, st_is_empty, deterministic=True)
    for index, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        conn.create_function(name, 1, _bound(index), deterministic=True)


def connect(path: str, *, create: bool = False, timeout: float = 5.0) -> sqlite3.Connection:
    """A sqlite3 connection to a GeoPackage that may write its geometry tables.

    Parameters
    ----------
    path : str
        The ``.gpkg`` file.
    create : bool, default False
        Create the file when missing. Without it a missing file is an error
        (``sqlite3.OperationalError``) rather than a new empty database.
    timeout : float
        Seconds to wait for another writer's lock.
    """
    from urllib.parse import quote

    mode = "rwc" if create else "rw"
    conn = sqlite3.connect(
        f"file:{quote(str(path))}?mode={mode}", uri=True, timeout=timeout, check_same_thread=False
    )
    register_functions(conn)
    return conn


# -- core tables ----------------------------------------------------------------------
def create_core(conn) -> None:
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
        (
            "WGS 84 geodetic",
            4326,
            "EPSG",
            4326,
            pyproj.CRS.from_epsg(4326).to_wkt("WKT1_GDAL"),
            "longitude/latitude on WGS 84",
        ),
        (
            "China Geodetic Coordinate System 2000",
            STORE_EPSG,
            "EPSG",
            STORE_EPSG,
            pyproj.CRS.from_epsg(STORE_EPSG).to_wkt("WKT1_GDAL"),
            "CGCS2000 geographic",
        ),
    ]
    for row in srs:
        conn.exec_driver_sql("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", row)


def create_extensions_table(conn) -> None:
    """``gpkg_extensions`` (spec 2.3.2.1.1), when the file has none yet."""
    conn.exec_driver_sql("""
        CREATE TABLE IF NOT EXISTS gpkg_extensions (
          table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
          definition TEXT NOT NULL, scope TEXT NOT NULL,
          CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))""")


# -- R-tree spatial index ---------------------------------------------------------------
def rtree_name(table: str, column: str = "geom") -> str:
    """Name of the R-tree of ``table.column`` as the spec fixes it."""
    return f"rtree_{table}_{column}"


def _rtree_ddl(t: str, c: str, i: str) -> list[str]:
    """The R-tree table and its triggers for table ``t``, geometry ``c``, key ``i``.

    These are GeoPackage 1.4's triggers (insert, update2, update4, update5,
    update6, update7, delete), which GDAL writes since 3.8. The 1.3 set
    (update1-update4) broke on an UPDATE that set a non-empty geometry on a row
    whose geometry was NULL; 1.4 replaced update1 and update3.
    """
    r = rtree_name(t, c)
    values = f"NEW.{i}, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c})"
    new_full = f"(NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))"
    new_void = f"(NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))"
    old_full = f"(OLD.{c} NOTNULL AND NOT ST_IsEmpty(OLD.{c}))"
    old_void = f"(OLD.{c} ISNULL OR ST_IsEmpty(OLD.{c}))"
    return [
        f"CREATE VIRTUAL TABLE {r} USING rtree(id, minx, maxx, miny, maxy)",
        f"CREATE TRIGGER {r}_insert AFTER INSERT ON {t} WHEN {new_full} "
        f"BEGIN INSERT OR REPLACE INTO {r} VALUES ({values}); END",
        f"CREATE TRIGGER {r}_update6 AFTER UPDATE OF {c} ON {t} "
        f"WHEN OLD.{i} = NEW.{i} AND {new_full} AND {old_full} "
        f"BEGIN UPDATE {r} SET minx = ST_MinX(NEW.{c}), maxx = ST_MaxX(NEW.{c}), "
        f"miny = ST_MinY(NEW.{c}), maxy = ST_MaxY(NEW.{c}) WHERE id = NEW.{i}; END",
        f"CREATE TRIGGER {r}_update7 AFTER UPDATE OF {c} ON {t} "
        f"WHEN OLD.{i} = NEW.{i} AND {new_full} AND {old_void} "
        f"BEGIN INSERT INTO {r} VALUES ({values}); END",
        f"CREATE TRIGGER {r}_update2 AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND {new_full} "
        f"BEGIN DELETE FROM {r} WHERE id = OLD.{i}; "
        f"INSERT OR REPLACE INTO {r} VALUES ({values}); END",
        f"CREATE TRIGGER {r}_update4 AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND {new_void} "
        f"BEGIN DELETE FROM {r} WHERE id IN (OLD.{i}, NEW.{i}); END",
        f"CREATE TRIGGER {r}_update5 AFTER UPDATE OF {c} ON {t} "
        f"WHEN OLD.{i} = NEW.{i} AND {new_void} "
        f"BEGIN DELETE FROM {r} WHERE id = OLD.{i}; END",
        f"CREATE TRIGGER {r}_delete AFTER DELETE ON {t} WHEN OLD.{c} NOT NULL "
        f"BEGIN DELETE FROM {r} WHERE id = OLD.{i}; END",
    ]


def insert_trigger(table: str, column: str = "geom", key: str = "fid") -> str:
    """The DDL of the R-tree's insert trigger (dropped and re-created around bulk inserts)."""
    return _rtree_ddl(table, column, key)[1]


def index_rows(conn, table: str, fids: np.ndarray, geoms: np.ndarray, column: str = "geom") -> None:
    """Add R-tree entries for rows just inserted with the insert trigger suspended.

    The envelopes are those the trigger would have stored (the geometries'
    bounds), computed in one vectorised call instead of four SQL function calls
    per row. Empty and missing geometries get no entry, as with the trigger.
    """
    bounds = shapely.bounds(np.asarray(geoms, dtype=object))
    keep = ~np.isnan(bounds[:, 0])
    rows = np.column_stack([np.asarray(fids, dtype=float)[keep], bounds[keep][:, [0, 2, 1, 3]]])
    conn.exec_driver_sql(
        f"INSERT INTO {rtree_name(table, column)} VALUES (?, ?, ?, ?, ?)",
        [(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows.tolist()],
    )


def ensure_rtree(conn, table: str, column: str = "geom", key: str = "fid") -> bool:
    """Give ``table`` its R-tree, triggers and ``gpkg_extensions`` row if it has none.

    Fills the index from the rows already there. Runs in the caller's
    transaction; the connection must have :func:`register_functions`.

    Returns
    -------
    bool
        True when the index was created now.
    """
    name = rtree_name(table, column)
    if conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = ?", (name,)).scalar():
        return False
    create_extensions_table(conn)
    for statement in _rtree_ddl(table, column, key):
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(
        f"INSERT INTO {name} SELECT {key}, ST_MinX({column}), ST_MaxX({column}), "
        f"ST_MinY({column}), ST_MaxY({column}) FROM {table} "
        f"WHERE {column} NOTNULL AND NOT ST_IsEmpty({column})"
    )
    conn.exec_driver_sql(
        "INSERT OR REPLACE INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index', "
        "'http://www.geopackage.org/spec/#extension_rtree', 'write-only')",
        (table, column),
    )
    return True


__all__ = [
    "APPLICATION_ID",
    "USER_VERSION",
    "connect",
    "create_core",
    "decode_gpkg",
    "encode_gpkg",
    "ensure_rtree",
    "register_functions",
    "rtree_name",
    "st_is_empty",
]
