"""PostGIS backend: the shared inventory of an office on a PostgreSQL server.

Tables, queries and write transactions are those of :class:`SqlStore`, so the
two backends behave the same. This module adds what a server needs:

* a schema of its own (``landinv`` unless the URL says ``?schema=NAME``), so
  the tables never collide with other applications in the same database;
* geometry as ``geometry(MultiPolygon, 4490)`` with a GiST index, moved as WKB;
* a versioned schema step: ``landinv_meta.schema_version`` and
  :func:`upgrade_schema`, run under a lock so two first opens cannot race;
* serialised writers: every write transaction first takes a transaction-level
  advisory lock, so the duplicate and current-ID checks inside it see every
  earlier commit; the unique partial indexes on current IDs and live file
  hashes refuse a duplicate even if a writer bypassed the lock;
* database errors translated into :class:`StoreError` /
  :class:`ConflictError` with catalogued messages (codes ``store.pg_*``), so
  the CLI and the app say the same thing when the server goes away;
* every identifier quoted (``psycopg.sql.Identifier`` or SQLAlchemy's
  quoting), and the schema name checked as a whole (``fullmatch``).

A client killed mid-import leaves an open transaction that the server rolls
back when the connection drops, releasing the lock with it.

Size: everything only a server needs (schema, roles, COPY, server errors) for
one backend; the shared SQL is in :mod:`landinv.store.sql`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import psycopg
import shapely
import sqlalchemy as sa
from psycopg import sql as pgsql
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import make_url
from sqlalchemy.types import UserDefinedType

from landinv import i18n
from landinv.domain import STORE_EPSG
from landinv.errors import StoreError, UsageError
from landinv.schema import LAYER_COLUMNS
from landinv.store import enterprises, sql
from landinv.store.sql import LayerRows, SqlStore, promote_to_multi

#: Schema holding landinv's tables when the URL names none.
DEFAULT_SCHEMA = "landinv"
#: Seconds a writer waits for another writer's transaction before giving up.
LOCK_TIMEOUT_S = 60
#: First key of landinv's advisory locks ('LAND'); the second is the schema's hash.
_LOCK_CLASS = 0x4C414E44
#: Schema names landinv accepts: checked with ``fullmatch`` (``$`` would let a
#: trailing newline through). Identifiers are quoted anyway.
_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_URL_PREFIXES = ("postgresql://", "postgresql+psycopg://", "postgres://")

_SPATIAL_TABLES = ("parcels", "buildings", "zones")


class PostgisGeometry(UserDefinedType):
    """``geometry(MultiPolygon, 4490)``, bound and read as WKB bytes."""

    cache_ok = True

    def get_col_spec(self, **kw):
        return f"geometry(MultiPolygon, {STORE_EPSG})"

    def bind_expression(self, bindvalue):
        return sa.func.ST_GeomFromWKB(bindvalue, sa.literal_column(str(STORE_EPSG)))

    def column_expression(self, colexpr):
        return sa.func.ST_AsBinary(colexpr, type_=self)


def _upgrade_to_3(conn: sa.Connection) -> None:
    """Version 3: ``landinv_meta`` keyed by an integer ``fid`` (as in the GeoPackage)."""
    if conn.execute(
        sa.text(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = 'landinv_meta' AND column_name = 'fid'"
        )
    ).scalar():
        return  # already keyed so (a store whose version was set back by hand)
    conn.execute(sa.text("ALTER TABLE landinv_meta DROP CONSTRAINT landinv_meta_pkey"))
    conn.execute(sa.text("ALTER TABLE landinv_meta ADD COLUMN fid SERIAL PRIMARY KEY"))
    conn.execute(sa.text("ALTER TABLE landinv_meta ALTER COLUMN key SET NOT NULL"))
    conn.execute(
        sa.text("ALTER TABLE landinv_meta ADD CONSTRAINT landinv_meta_key_key UNIQUE (key)")
    )


#: Upgrade steps: ``UPGRADES[n]`` brings a store from version n-1 to n.
#: Version 1 was the first layout; :meth:`PostgisStore._create_schema` creates
#: the current one.
UPGRADES: dict[int, Callable[[sa.Connection], None]] = {
    2: enterprises.create_tables,
    3: _upgrade_to_3,
}


def upgrade_schema(conn: sa.Connection, current: int, target: int | None = None) -> int:
    """Apply the upgrade steps from version ``current`` to ``target``.

    Runs inside the caller's transaction (DDL is transactional in PostgreSQL),
    so a failed step leaves the store at ``current``.

    Returns
    -------
    int
        The version now recorded in ``landinv_meta``.
    """
    target = sql.SCHEMA_VERSION if target is None else target
    for version in range(current + 1, target + 1):
        step = UPGRADES.get(version)
        if step is None:
            raise StoreError("store.no_upgrade_step", old=version - 1, new=version)
        step(conn)
        conn.execute(
            sa.text("UPDATE landinv_meta SET value = :v WHERE key = 'schema_version'"),
            {"v": str(version)},
        )
    return max(current, target)


def parse_url(location: str) -> tuple[sa.URL, str]:
    """Split a store URL into an SQLAlchemy URL (psycopg driver) and the schema.

    Accepts ``postgresql://``, ``postgres://`` and ``postgresql+psycopg://``;
    ``?schema=NAME`` chooses the schema (default :data:`DEFAULT_SCHEMA`).
    """
    if not location.startswith(_URL_PREFIXES):
        raise UsageError("store.pg_not_url", location=location)
    try:
        url = make_url(location.replace("postgres://", "postgresql://", 1))
    except sa.exc.ArgumentError:
        raise UsageError("store.pg_bad_url", location=location) from None
    schema = url.query.get("schema", DEFAULT_SCHEMA)
    if isinstance(schema, tuple):
        schema = schema[-1]
    if not _SCHEMA_NAME.fullmatch(schema):
        raise UsageError("store.pg_bad_schema", schema=repr(schema))
    if not url.database:
        raise UsageError("store.pg_no_database", location=location)
    url = url.difference_update_query(["schema"]).set(drivername="postgresql+psycopg")
    return url, schema


class PostgisStore(SqlStore):
    """Inventory in a PostgreSQL database with PostGIS.

    Parameters
    ----------
    location : str
        ``postgresql://user[:password]@host[:port]/database[?schema=NAME]``.
        The schema (default ``landinv``) and its tables are created on first
        use; see docs/postgis.md for the privileges that takes.
    """

    backend = "postgis"

    def __init__(self, location: str):
        url, schema = parse_url(str(location))
        self.schema = schema
        self.url = url
        engine = sa.create_engine(
            url,
            pool_pre_ping=True,
            pool_size=2,
            max_overflow=4,
            connect_args={"connect_timeout": 10},
        )
        self._where = _server_name(url)
        _translate_errors(engine, self._where)
        shown = url.set(drivername="postgresql")
        if schema != DEFAULT_SCHEMA:
            shown = shown.update_query_dict({"schema": schema})
        super().__init__(engine, shown.render_as_string(hide_password=True))
        try:
            ext_schema = self._prepare_database()
            path = [self.schema] if ext_schema == self.schema else [self.schema, ext_schema]
            self._search_path = path
            _set_search_path(engine, path)
            engine.dispose()  # pooled connections still have the old search_path
            self._create_schema()
        except BaseException:
            engine.dispose()
            raise

    # -- hooks -----------------------------------------------------------------
    def _geometry_type(self):
        return PostgisGeometry()

    def _encode_geoms(self, geoms):
        # The column only takes MultiPolygons (e.g. zone boundaries arrive as Polygons).
        return list(shapely.to_wkb(promote_to_multi(geoms), byte_order=1, flavor="iso"))

    @staticmethod
    def _current_ids(conn, table, key, ids) -> set[str]:
        # One array parameter, not IN lists of 900: right after a big import the
        # table has no statistics yet, and each IN list then cost a sequential
        # scan (2 s per 900 IDs at 100k rows); `= ANY(array)` is hashed.
        col = table.c[key]
        ids_param = sa.bindparam("ids", list(ids), type_=ARRAY(sa.Text))
        return set(
            conn.execute(
                sa.select(col).where(col == sa.any_(ids_param), table.c.valid_to.is_(None))
            ).scalars()
        )

    def _insert_layer(self, conn: sa.Connection, table: sa.Table, rows: LayerRows) -> None:
        """Bulk insert with ``COPY … FROM STDIN`` on the transaction's own connection.

        COPY goes through psycopg (SQLAlchemy cannot send it), on the DBAPI
        connection of ``conn``: it joins the open write transaction, after the
        advisory lock and the duplicate checks, so a refused or killed import
        still rolls back whole. Geometry travels as hex EWKB (SRID 4490), which
        the column parses to the same value ``ST_GeomFromWKB(wkb, 4490)`` gives.
        Only INSERT on the table is needed (no temporary table).
        """
        geoms = shapely.set_srid(promote_to_multi(rows.columns["geom"]), STORE_EPSG)
        ewkb = [
            None if g is None else g.hex()
            for g in shapely.to_wkb(geoms, byte_order=1, flavor="extended", include_srid=True)
        ]
        names = list(rows.columns)
        statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(self.schema, table.name),
            pgsql.SQL(", ").join(pgsql.Identifier(n) for n in names),
        )
        dbapi = conn.connection.dbapi_connection
        try:
            with dbapi.cursor() as cur, cur.copy(statement) as copy:
                for row in rows.tuples(geom=ewkb):
                    copy.write_row(row)
        except psycopg.IntegrityError as exc:
            raise sql.conflict_error(exc) from None
        except psycopg.Error as exc:
            if dbapi.broken:
                conn.invalidate()  # do not hand a dead connection back to the pool
            raise _store_error(exc, self._where, disconnected=dbapi.broken) from None

    def _decode_geoms(self, values):
        return shapely.from_wkb(
            np.array([None if v is None else bytes(v) for v in values], dtype=object)
        )

    def _lock_for_write(self, conn):
        conn.execute(sa.text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_S}s'"))
        conn.execute(
            sa.text("SELECT pg_advisory_xact_lock(:c, hashtext(:s))"),
            {"c": _LOCK_CLASS, "s": self.schema},
        )

    def _create_schema(self):
        with self.engine.begin() as conn:
            self._lock_for_write(conn)
            exists = conn.execute(
                sa.text("SELECT to_regclass(:t) IS NOT NULL"),
                {"t": _qualified(self.schema, "landinv_meta")},
            ).scalar()
            if exists:
                self._check_version(conn)
                return
            self.meta.create_all(conn)
            prep = self.engine.dialect.identifier_preparer
            for name in _SPATIAL_TABLES:
                conn.execute(
                    sa.text(
                        f"CREATE INDEX {prep.quote(f'gix_{name}_geom')} ON {prep.quote(name)} "
                        "USING gist (geom)"
                    )
                )
            _comment_tables(conn, self.tables)
            conn.execute(
                self.tables["landinv_meta"].insert(),
                [{"key": "schema_version", "value": str(sql.SCHEMA_VERSION)}],
            )

    # -- setup -----------------------------------------------------------------
    def _prepare_database(self) -> str:
        """Make sure PostGIS and the schema exist; return PostGIS's schema."""
        with self.engine.begin() as conn:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:c, 0)"), {"c": _LOCK_CLASS})
            ext_schema = self._postgis_schema(conn)
            if ext_schema is None:
                try:
                    with conn.begin_nested():
                        conn.execute(sa.text("CREATE EXTENSION postgis"))
                except StoreError:
                    raise StoreError("store.pg_no_postgis", database=self.url.database) from None
                ext_schema = self._postgis_schema(conn)
            has_schema = conn.execute(
                sa.text("SELECT count(*) FROM pg_namespace WHERE nspname = :s"), {"s": self.schema}
            ).scalar()
            if not has_schema:
                prep = self.engine.dialect.identifier_preparer
                try:
                    with conn.begin_nested():
                        conn.execute(sa.text(f"CREATE SCHEMA {prep.quote(self.schema)}"))
                except StoreError:
                    raise StoreError(
                        "store.pg_no_schema_privilege",
                        database=self.url.database,
                        schema=prep.quote(self.schema),
                        user=prep.quote(self.url.username or "PUBLIC"),
                    ) from None
        return ext_schema

    @staticmethod
    def _postgis_schema(conn) -> str | None:
        # nspname, not regnamespace::text: the latter comes back quoted when needed.
        return conn.execute(
            sa.text(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                "ON n.oid = e.extnamespace WHERE e.extname = 'postgis'"
            )
        ).scalar()

    def _check_version(self, conn) -> None:
        value = conn.execute(
            sa.text("SELECT value FROM landinv_meta WHERE key = 'schema_version'")
        ).scalar()
        version = int(value or 0)
        if version > sql.SCHEMA_VERSION:
            raise StoreError("store.schema_newer", version=version, supported=sql.SCHEMA_VERSION)
        if version < sql.SCHEMA_VERSION:
            upgrade_schema(conn, version)


def _comment_tables(conn, tables) -> None:
    """Bilingual comments, so the tables explain themselves in psql, QGIS or DBeaver."""
    prep = conn.dialect.identifier_preparer
    others = enterprises.descriptions()
    for name in tables:
        code = f"store.table.{name}"
        text = i18n.both(code) if i18n.has(code) else others.get(name)
        if text:
            conn.execute(sa.text(f"COMMENT ON TABLE {prep.quote(name)} IS {_literal(text)}"))
    for kind, cols in LAYER_COLUMNS.items():
        for col in cols:
            conn.execute(
                sa.text(
                    f"COMMENT ON COLUMN {prep.quote(kind)}.{prep.quote(col.name)} IS "
                    f"{_literal(f'{col.zh} / {col.en}')}"
                )
            )


def _literal(text: str) -> str:
    """A string literal for DDL (COMMENT takes no bound parameters); ':' escaped for
    SQLAlchemy's text() so it is not read as a bind parameter."""
    return "'" + text.replace("'", "''").replace(":", "\\:") + "'"


def _qualified(*names: str) -> str:
    """``"schema"."table"`` with each part quoted (for to_regclass)."""
    return ".".join('"' + n.replace('"', '""') + '"' for n in names)


def _set_search_path(engine: sa.Engine, schemas: list[str]) -> None:
    """Every new connection looks up tables in landinv's schema, then PostGIS's."""
    statement = pgsql.SQL("SET search_path TO {}").format(
        pgsql.SQL(", ").join(pgsql.Identifier(s) for s in schemas)
    )

    @sa.event.listens_for(engine, "connect", insert=True)
    def _on_connect(dbapi_conn, _record):
        autocommit = dbapi_conn.autocommit
        dbapi_conn.autocommit = True
        with dbapi_conn.cursor() as cur:
            cur.execute(statement)
        dbapi_conn.autocommit = autocommit


def _server_name(url: sa.URL) -> str:
    """``host:port/database`` for messages (never the password)."""
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def _store_error(
    orig: Exception, where: str, *, disconnected: bool, connecting: bool = False
) -> StoreError:
    """The :class:`StoreError` for a driver error: what failed and what to do.

    Parameters
    ----------
    orig : Exception
        The psycopg error.
    where : str
        ``host:port/database`` (never the password).
    disconnected : bool
        The connection broke (server stopped, backend terminated, network).
    connecting : bool
        The error came while opening a connection.
    """
    detail = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    sqlstate = getattr(orig, "sqlstate", None) or ""
    if sqlstate == "55P03":  # lock_not_available: another writer held on too long
        return StoreError("store.pg_lock_timeout", seconds=LOCK_TIMEOUT_S)
    if connecting or sqlstate == "28P01" or sqlstate.startswith("08001"):
        return StoreError("store.pg_unreachable", where=where, detail=detail)
    if disconnected or sqlstate.startswith(("08", "57P")):
        # 57P01 admin_shutdown (the server stopped or the session was terminated).
        return StoreError("store.pg_connection_lost", where=where, detail=detail)
    if sqlstate == "42501":  # insufficient_privilege
        return StoreError("store.pg_privilege", detail=detail)
    return StoreError("store.pg_failed", where=where, detail=detail)


def _translate_errors(engine: sa.Engine, where: str) -> None:
    """Turn driver errors into bilingual store errors (never a traceback)."""

    @sa.event.listens_for(engine, "handle_error")
    def _on_error(ctx):
        if isinstance(ctx.sqlalchemy_exception, sa.exc.IntegrityError):
            return  # the write transaction turns it into a ConflictError
        if ctx.is_pre_ping:
            # The pool's liveness check found a dead connection (server restarted,
            # backend terminated): let it open a new one instead of failing the
            # request. A server that is really down fails on that connect.
            return
        raise _store_error(
            ctx.original_exception,
            where,
            disconnected=ctx.is_disconnect,
            connecting=ctx.connection is None,
        )


__all__ = ["DEFAULT_SCHEMA", "UPGRADES", "PostgisStore", "parse_url", "upgrade_schema"]
