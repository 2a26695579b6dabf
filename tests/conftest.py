"""Fixtures shared by every test module.

Stores: ``store_backend`` is parametrised over 'gpkg' and 'postgis', so a test
that asks for ``store`` (or ``store_factory`` / ``store_location``) runs once
on each backend, each time on a fresh, empty store. The GeoPackage lives in
``tmp_path``; each PostGIS store is a new database cloned from a PostGIS
template on the server named by ``LANDINV_TEST_PG_URL`` (``scripts/test.sh``
starts a throwaway cluster and sets it). Without that server the PostGIS
variants are skipped with the reason shown, except with ``CI=true``, where a
missing server fails them: CI must prove both backends.
"""

from __future__ import annotations

import itertools
import os
import sys

import pytest

#: Shared fixtures that live in tests/support (the GeoPackage validator, and
#: Streamlit's component scan done once per session for every AppTest, and the
#: `browser` fixture: one Chromium per test module).
pytest_plugins = ["tests.support.gpkg_validator", "tests.support.apptest", "tests.support.browser"]

PG_URL_ENV = "LANDINV_TEST_PG_URL"
BACKENDS = ("gpkg", "postgis")


def in_ci() -> bool:
    """True when running under CI (``CI=true``), where nothing may skip for lack of a server."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _missing_server(reason: str):
    if in_ci():
        pytest.fail(f"{reason} (CI=true: the PostGIS tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


class PgServer:
    """A PostgreSQL server on which tests get throwaway databases.

    One template database with PostGIS is made per test session; every store
    is ``CREATE DATABASE ... TEMPLATE`` of it (a file copy, much faster than
    creating the extension again) and dropped after its test.
    """

    def __init__(self, url: str):
        import psycopg
        from sqlalchemy.engine import make_url

        self._psycopg = psycopg
        self.url = make_url(url).set(drivername="postgresql")
        self._names = (f"landinv_t{os.getpid()}_{i}" for i in itertools.count())
        self.template = f"landinv_tpl{os.getpid()}"
        self.admin = psycopg.connect(
            self._dsn(self.url.database or "postgres"), autocommit=True, connect_timeout=5
        )
        self._drop(self.template)
        self.admin.execute(f'CREATE DATABASE "{self.template}"')
        with psycopg.connect(self._dsn(self.template), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")

    def _dsn(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def _drop(self, name: str) -> None:
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def new_database(self) -> tuple[str, str]:
        """Create an empty PostGIS database; return ``(name, url)``."""
        name = next(self._names)
        self.admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return name, self._dsn(name)

    def drop_database(self, name: str) -> None:
        """Drop a database made by :meth:`new_database`, ending its sessions."""
        self._drop(name)

    def close(self) -> None:
        self._drop(self.template)
        self.admin.close()


@pytest.fixture(autouse=True)
def _no_idle_ingest_threads():
    """Leave the process as single-threaded as a fresh ``landinv`` command.

    The first in-process upload check starts ``landinv.ingest.parallel``'s
    thread pool, which lives until the process exits. The upload worker forks
    only while the caller has one thread, so without this every later worker
    (whatever test module it was in) paid for a fresh interpreter instead: which
    start method a test exercised depended on which tests ran before it, and the
    fast tier spent about 30 s starting interpreters. The subprocess start (the
    app's) is tested on purpose where it matters (``LANDINV_WORKER_START``).
    """
    yield
    parallel = sys.modules.get("landinv.ingest.parallel")
    if parallel is not None and parallel._POOL is not None:
        parallel._POOL.shutdown(wait=True)
        parallel._POOL = None


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server for PostGIS tests (skips, or fails in CI, without one)."""
    url = os.environ.get(PG_URL_ENV, "").strip()
    if not url:
        _missing_server(
            f"{PG_URL_ENV} is not set: run scripts/test.sh, which starts a "
            "throwaway PostGIS cluster, or point it at a PostgreSQL server"
        )
    try:
        server = PgServer(url)
    except Exception as exc:  # any connection or privilege problem: say which
        _missing_server(f"cannot use the PostgreSQL server in {PG_URL_ENV}: {exc}")
    yield server
    server.close()


@pytest.fixture
def pg_url(pg_server):
    """URL of a fresh, empty PostGIS database, dropped after the test."""
    name, url = pg_server.new_database()
    yield url
    pg_server.drop_database(name)


@pytest.fixture(
    params=[
        "gpkg",
        pytest.param("postgis", marks=pytest.mark.postgis),
    ]
)
def store_backend(request) -> str:
    """Backend name; tests using it run once per backend."""
    return request.param


@pytest.fixture
def store_location(store_backend, tmp_path, request) -> str:
    """Location of a fresh, empty store: a .gpkg path or a postgresql:// URL."""
    if store_backend == "gpkg":
        return str(tmp_path / "inventory.gpkg")
    return request.getfixturevalue("pg_url")


def open_backend(backend: str, location: str):
    """Open (creating if needed) an empty store of ``backend`` at ``location``."""
    if backend == "gpkg":
        from landinv.store.gpkg import GpkgStore

        return GpkgStore(location)
    from landinv.store.postgis import PostgisStore

    return PostgisStore(location)


@pytest.fixture
def store_factory(store_backend, store_location):
    """Call to open a store on the test's fresh location (again and again:
    each call is a new connection to the same inventory). All are closed after
    the test."""
    opened = []

    def open_store(location: str | None = None):
        store = open_backend(store_backend, location or store_location)
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()


@pytest.fixture
def open_any_store():
    """Call with ``(backend, location)`` to open a store of any backend, e.g. the
    target of a cross-backend restore. All are closed after the test."""
    opened = []

    def open_(backend: str, location: str):
        store = open_backend(backend, location)
        opened.append(store)
        return store

    yield open_
    for store in opened:
        store.close()


@pytest.fixture
def store(store_factory):
    """A fresh, empty store on the parametrised backend."""
    return store_factory()


# -- small inventories built by the tests ------------------------------------

#: South-west corner of the test parcels: inside Changshan County.
ORIGIN = (118.50, 28.90)
#: Degrees per parcel step (about 120 m east-west, 110 m north-south).
STEP = (0.00125, 0.001)


def build_parcels(
    ids, *, zone="xindu", category="ready", status="available", row=0, name_prefix="测试地块"
):
    """Square parcels of about 100 m × 100 m (15 mu), one per ID, side by side
    on grid row ``row``, as a GeoDataFrame in the store schema (EPSG:4490)."""
    import geopandas as gpd
    import shapely

    lon0, lat0 = ORIGIN
    geoms = []
    for i in range(len(ids)):
        x = lon0 + (i % 200) * STEP[0]
        y = lat0 + (row * 50 + i // 200) * STEP[1]
        geoms.append(shapely.MultiPolygon([shapely.box(x, y, x + 0.001, y + 0.0009)]))
    return gpd.GeoDataFrame(
        {
            "parcel_id": list(ids),
            "name": [f"{name_prefix}{i}" for i in ids],
            "zone": zone,
            "category": category,
            "status": status,
            "project": None,
            "land_use_code": "M1",
            "declared_area_m2": None,
        },
        geometry=geoms,
        crs=4490,
    )


def build_buildings(ids, *, parcel_id="P-1", zone="xindu", floors=4, standard=True, row=0):
    """Standard factory buildings of about 60 m × 40 m on grid row ``row``."""
    import geopandas as gpd
    import shapely

    lon0, lat0 = ORIGIN
    geoms = []
    for i in range(len(ids)):
        x = lon0 + (i % 200) * STEP[0]
        y = lat0 + (row * 50 + i // 200) * STEP[1]
        geoms.append(shapely.MultiPolygon([shapely.box(x, y, x + 0.0006, y + 0.00036)]))
    return gpd.GeoDataFrame(
        {
            "building_id": list(ids),
            "parcel_id": parcel_id,
            "name": [f"标准厂房{i}" for i in ids],
            "zone": zone,
            "is_standard_factory": standard,
            "floors": floors,
            "floor_area_m2": None,
        },
        geometry=geoms,
        crs=4490,
    )


@pytest.fixture
def make_parcels():
    """:func:`build_parcels`, for tests that build their own inventory."""
    return build_parcels


@pytest.fixture
def make_buildings():
    """:func:`build_buildings`, for tests that build their own inventory."""
    return build_buildings
