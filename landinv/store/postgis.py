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
* database errors translated into bilingual :class:`StoreError` /
  :class:`ConflictError` messages.

A client killed mid-import leaves an open transaction that the server rolls
back when the connection drops, releasing the lock with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager

import numpy as np
import psycopg
import shapely
import sqlalchemy as sa
from psycopg import sql as pgsql
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import make_url
from sqlalchemy.types import UserDefinedType

from landinv.domain import STORE_EPSG
from landinv.errors import ConflictError, StoreError, UsageError
from landinv.schema import LAYER_COLUMNS
from landinv.store import enterprises, sql
from landinv.store.sql import LayerRows, SqlStore, promote_to_multi

#: Schema holding landinv's tables when the URL names none.
DEFAULT_SCHEMA = "landinv"
#: Seconds a writer waits for another writer's transaction before giving up.
LOCK_TIMEOUT_S = 60
#: First key of landinv's advisory locks ('LAND'); the second is the schema's hash.
_LOCK_CLASS = 0x4C414E44
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_URL_PREFIXES = ("postgresql://", "postgresql+psycopg://", "postgres://")

_TABLE_COMMENTS = {
    "parcels": "地块（全部版本）/ Land parcels, every version",
    "buildings": "标准厂房等建筑（全部版本）/ Buildings, every version",
    "zones": "片区边界 / Sub-area boundaries",
    "imports": "导入记录 / Import log",
    "changes": "变更记录 / Change log",
    "landinv_meta": "landinv 元数据（schema_version）/ landinv metadata (schema_version)",
    **enterprises.descriptions(),
}
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


#: Upgrade steps: ``UPGRADES[n]`` brings a store from version n-1 to n.
#: Version 1 is the layout :meth:`PostgisStore._create_schema` creates.
UPGRADES: dict[int, Callable[[sa.Connection], None]] = {2: enterprises.create_tables}


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
            raise StoreError(
                f"缺少从结构版本 {version - 1} 升级到 {version} 的步骤，请安装完整的 landinv。",
                f"No upgrade step from schema version {version - 1} to {version}; "
                "install a complete landinv release.")
        step(conn)
        conn.execute(sa.text("UPDATE landinv_meta SET value = :v WHERE key = 'schema_version'"),
                     {"v": str(version)})
    return max(current, target)


def parse_url(location: str) -> tuple[sa.URL, str]:
    """Split a store URL into an SQLAlchemy URL (psycopg driver) and the schema.

    Accepts ``postgresql://``, ``postgres://`` and ``postgresql+psycopg://``;
    ``?schema=NAME`` chooses the schema (default :data:`DEFAULT_SCHEMA`).
    """
    if not location.startswith(_URL_PREFIXES):
        raise UsageError(
            f"不是 PostgreSQL 地址：{location}。格式：postgresql://用户@主机:端口/数据库",
            f"Not a PostgreSQL URL: {location}. Use postgresql://user@host:port/database")
    try:
        url = make_url(location.replace("postgres://", "postgresql://", 1))
    except sa.exc.ArgumentError:
        raise UsageError(f"PostgreSQL 地址格式不对：{location}",
                         f"Malformed PostgreSQL URL: {location}") from None
    schema = url.query.get("schema", DEFAULT_SCHEMA)
    if isinstance(schema, tuple):
        schema = schema[-1]
    if not _SCHEMA_NAME.match(schema):
        raise UsageError(
            f"模式名 “{schema}” 不可用：只能用小写字母、数字和下划线，且不以数字开头。",
            f"Schema name '{schema}' is not usable: use lower-case letters, digits and "
            "underscores, not starting with a digit.")
    if not url.database:
        raise UsageError(f"地址里缺少数据库名：{location}",
                         f"The URL names no database: {location}")
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
        engine = sa.create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4,
                                  connect_args={"connect_timeout": 10})
        self._where = _server_name(url)
        _translate_errors(engine, self._where)
        shown = url.set(drivername="postgresql")
        if schema != DEFAULT_SCHEMA:
            shown = shown.update_query_dict({"schema": schema})
        super().__init__(engine, shown.render_as_string(hide_password=True))
        try:
            ext_schema = self._prepare_database()
            path = self.schema if ext_schema == self.schema else f"{self.schema}, {ext_schema}"
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
        return set(conn.execute(sa.select(col).where(
            col == sa.any_(ids_param), table.c.valid_to.is_(None))).scalars())

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
        ewkb = [None if g is None else g.hex() for g in
                shapely.to_wkb(geoms, byte_order=1, flavor="extended", include_srid=True)]
        names = list(rows.columns)
        statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(self.schema, table.name),
            pgsql.SQL(", ").join(pgsql.Identifier(n) for n in names))
        dbapi = conn.connection.dbapi_connection
        try:
            with dbapi.cursor() as cur, cur.copy(statement) as copy:
                for row in rows.tuples(geom=ewkb):
                    copy.write_row(row)
        except psycopg.IntegrityError as exc:
            raise _conflict(exc) from None
        except psycopg.Error as exc:
            if dbapi.broken:
                conn.invalidate()  # do not hand a dead connection back to the pool
            raise _store_error(exc, self._where, disconnected=dbapi.broken) from None

    def _decode_geoms(self, values):
        return shapely.from_wkb(np.array([None if v is None else bytes(v) for v in values],
                                         dtype=object))

    def _lock_for_write(self, conn):
        conn.execute(sa.text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_S}s'"))
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:c, hashtext(:s))"),
                     {"c": _LOCK_CLASS, "s": self.schema})

    def _create_schema(self):
        with self.engine.begin() as conn:
            self._lock_for_write(conn)
            exists = conn.execute(sa.text(
                "SELECT to_regclass(:t) IS NOT NULL"), {"t": f"{self.schema}.landinv_meta"}
            ).scalar()
            if exists:
                self._check_version(conn)
                return
            self.meta.create_all(conn)
            for name in _SPATIAL_TABLES:
                conn.execute(sa.text(
                    f"CREATE INDEX gix_{name}_geom ON {name} USING gist (geom)"))
            _comment_tables(conn)
            conn.execute(self.tables["landinv_meta"].insert(), [
                {"key": "schema_version", "value": str(sql.SCHEMA_VERSION)}])

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
                    raise StoreError(
                        f"数据库 {self.url.database} 没有安装 PostGIS 扩展，当前用户也无权安装。"
                        "请数据库管理员执行：CREATE EXTENSION postgis;",
                        f"Database {self.url.database} has no PostGIS extension and this "
                        "user may not create it. Ask the database administrator to run: "
                        "CREATE EXTENSION postgis;") from None
                ext_schema = self._postgis_schema(conn)
            has_schema = conn.execute(sa.text(
                "SELECT count(*) FROM pg_namespace WHERE nspname = :s"),
                {"s": self.schema}).scalar()
            if not has_schema:
                try:
                    with conn.begin_nested():
                        conn.execute(sa.text(f"CREATE SCHEMA {self.schema}"))
                except StoreError:
                    raise StoreError(
                        f"无权在数据库 {self.url.database} 中创建模式 {self.schema}。请管理员执行："
                        f"CREATE SCHEMA {self.schema} AUTHORIZATION {self.url.username};",
                        f"No privilege to create schema {self.schema} in database "
                        f"{self.url.database}. Ask the administrator to run: CREATE SCHEMA "
                        f"{self.schema} AUTHORIZATION {self.url.username};") from None
        return ext_schema

    @staticmethod
    def _postgis_schema(conn) -> str | None:
        return conn.execute(sa.text(
            "SELECT extnamespace::regnamespace::text FROM pg_extension "
            "WHERE extname = 'postgis'")).scalar()

    def _check_version(self, conn) -> None:
        value = conn.execute(sa.text(
            "SELECT value FROM landinv_meta WHERE key = 'schema_version'")).scalar()
        version = int(value or 0)
        if version > sql.SCHEMA_VERSION:
            raise StoreError(
                f"库的结构版本 {version} 比本程序（{sql.SCHEMA_VERSION}）新，请升级 landinv。",
                f"The store's schema version {version} is newer than this landinv "
                f"({sql.SCHEMA_VERSION}); upgrade landinv.")
        if version < sql.SCHEMA_VERSION:
            upgrade_schema(conn, version)

    @contextmanager
    def _write(self):
        """A write transaction; a duplicate caught by a unique index is a conflict."""
        try:
            with super()._write() as conn:
                yield conn
        except sa.exc.IntegrityError as exc:
            raise _conflict(exc) from None


def _comment_tables(conn) -> None:
    """Bilingual comments, so the tables explain themselves in psql, QGIS or DBeaver."""
    for name, text in _TABLE_COMMENTS.items():
        conn.execute(sa.text(f"COMMENT ON TABLE {name} IS {_quote(text)}"))
    for kind, cols in LAYER_COLUMNS.items():
        for col in cols:
            conn.execute(sa.text(
                f"COMMENT ON COLUMN {kind}.{col.name} IS {_quote(f'{col.zh} / {col.en}')}"))


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _set_search_path(engine: sa.Engine, path: str) -> None:
    """Every new connection looks up tables in landinv's schema, then PostGIS's."""

    @sa.event.listens_for(engine, "connect", insert=True)
    def _on_connect(dbapi_conn, _record):
        autocommit = dbapi_conn.autocommit
        dbapi_conn.autocommit = True
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET search_path TO {path}")
        dbapi_conn.autocommit = autocommit


def _conflict(exc: Exception) -> ConflictError:
    detail = str(getattr(exc, "orig", exc)).splitlines()[0]
    return ConflictError(
        f"写入被拒绝：与库中已有的数据冲突（{detail}）。请刷新后重试。",
        f"The write was refused: it conflicts with what is stored ({detail}). "
        "Reload and try again.")


def _server_name(url: sa.URL) -> str:
    """``host:port/database`` for messages (never the password)."""
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def _store_error(orig: Exception, where: str, *, disconnected: bool) -> StoreError:
    """A bilingual :class:`StoreError` for a driver error (what failed, what to do)."""
    detail = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    sqlstate = getattr(orig, "sqlstate", None) or ""
    if sqlstate == "55P03":  # lock_not_available: another writer held on too long
        return StoreError(
            f"另一位用户正在写入，等待超过 {LOCK_TIMEOUT_S} 秒。请稍后重试。",
            f"Another user has been writing for over {LOCK_TIMEOUT_S} s. Try again later.")
    if disconnected or sqlstate.startswith("08") or sqlstate == "28P01":
        return StoreError(
            f"无法连接 PostgreSQL（{where}）：{detail}。"
            "请检查服务器是否运行、地址、用户名和密码。",
            f"Cannot connect to PostgreSQL at {where}: {detail}. Check that the server "
            "is running and the URL, user name and password are right.")
    if sqlstate == "42501":  # insufficient_privilege
        return StoreError(
            f"数据库用户权限不足（{detail}）。所需权限见 docs/postgis.md。",
            f"The database user lacks a privilege ({detail}). See docs/postgis.md for "
            "the privileges landinv needs.")
    return StoreError(f"PostgreSQL 库读写失败：{detail}",
                      f"The PostgreSQL store could not be read or written: {detail}")


def _translate_errors(engine: sa.Engine, where: str) -> None:
    """Turn driver errors into bilingual store errors (never a traceback)."""

    @sa.event.listens_for(engine, "handle_error")
    def _on_error(ctx):
        if isinstance(ctx.sqlalchemy_exception, sa.exc.IntegrityError):
            return None  # the write transaction turns it into a ConflictError
        raise _store_error(ctx.original_exception, where,
                           disconnected=ctx.is_disconnect or ctx.connection is None)


__all__ = ["PostgisStore", "UPGRADES", "upgrade_schema", "parse_url", "DEFAULT_SCHEMA"]
