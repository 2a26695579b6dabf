"""What the PostGIS backend adds: its own schema, spatial column and index,
versioned schema, privileges, locks, and errors in plain words."""

import datetime as dt
import json
import socket

import psycopg
import pytest
import sqlalchemy as sa

from landinv import cli
from landinv.errors import ConflictError, StoreError, UsageError
from landinv.store import open_store, postgis, sql
from landinv.store.postgis import PostgisStore, parse_url

pytestmark = pytest.mark.postgis
D = dt.date


def _one(url, query, *params):
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchone()


def test_tables_live_in_their_own_schema_with_a_spatial_index(pg_url):
    PostgisStore(pg_url).close()

    tables = {
        r[0]
        for r in psycopg.connect(pg_url).execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'landinv'"
        )
    }
    assert tables == {
        "parcels",
        "buildings",
        "zones",
        "imports",
        "changes",
        "landinv_meta",
        "enterprises",
        "enterprise_sites",
        "enterprise_figures",
    }
    for table in ("parcels", "buildings", "zones"):
        kind, srid = _one(
            pg_url,
            "SELECT type, srid FROM geometry_columns "
            "WHERE f_table_schema = 'landinv' AND f_table_name = %s",
            table,
        )
        assert (kind, srid) == ("MULTIPOLYGON", 4490)
        method = _one(
            pg_url,
            "SELECT am.amname FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam "
            "WHERE i.indrelid = %s::regclass AND c.relname = %s",
            f"landinv.{table}",
            f"gix_{table}_geom",
        )
        assert method == ("gist",)
    comment = _one(pg_url, "SELECT obj_description('landinv.parcels'::regclass)")[0]
    assert "地块" in comment and "Land parcels" in comment
    assert _one(pg_url, "SELECT value FROM landinv.landinv_meta WHERE key = 'schema_version'") == (
        str(sql.SCHEMA_VERSION),
    )


def test_one_current_row_per_id_is_enforced_by_the_database(pg_url, make_parcels):
    with PostgisStore(pg_url) as store:
        store.commit_import(
            "parcels",
            make_parcels(["XD-001"]),
            file_name="a.gpkg",
            sha256="a" * 64,
            effective_date=D(2025, 1, 1),
        )
        # A writer that skipped the application's checks still cannot add a
        # second current row: the unique partial index refuses it.
        rows = store._layer_rows(
            "parcels", make_parcels(["XD-001"]), valid_from=D(2025, 2, 1), import_id="rogue"
        )
        # Both insert paths: the COPY bulk path and the portable per-row INSERT.
        for insert in (PostgisStore._insert_layer, sql.SqlStore._insert_layer):
            with pytest.raises(ConflictError), store._write() as conn:
                insert(store, conn, store.tables["parcels"], rows)
        assert len(store.layer("parcels", None)) == 1


def test_geometry_is_stored_exactly(pg_url, make_parcels):
    gdf = make_parcels(["XD-001", "XD-002"])
    with PostgisStore(pg_url) as store:
        store.commit_import(
            "parcels", gdf, file_name="a.gpkg", sha256="a" * 64, effective_date=D(2025, 1, 1)
        )
        back = store.layer("parcels", D(2025, 1, 1)).sort_values("parcel_id")
    assert list(back.geometry.to_wkb()) == list(gdf.geometry.to_wkb())
    assert _one(pg_url, "SELECT ST_SRID(geom) FROM landinv.parcels LIMIT 1") == (4490,)


def test_summary_is_one_grouped_query(pg_url, make_parcels):
    with PostgisStore(pg_url) as store:
        store.commit_import(
            "parcels",
            make_parcels(["XD-001", "XD-002"]),
            file_name="a.gpkg",
            sha256="a" * 64,
            effective_date=D(2025, 1, 1),
        )
        statements = []
        sa.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        summary = store.summary(D(2025, 6, 1))
    assert len(summary) == 1 and summary.iloc[0]["count"] == 2
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1 and "GROUP BY" in selects[0] and "valid_from" in selects[0]


def test_a_schema_in_the_url_keeps_two_inventories_apart(pg_url, make_parcels):
    with PostgisStore(pg_url + "?schema=office_b") as b, PostgisStore(pg_url) as a:
        a.commit_import(
            "parcels",
            make_parcels(["XD-001"]),
            file_name="a.gpkg",
            sha256="a" * 64,
            effective_date=D(2025, 1, 1),
        )
        assert b.is_empty()
        # the same file may be imported into the other inventory
        b.commit_import(
            "parcels",
            make_parcels(["XD-001"]),
            file_name="a.gpkg",
            sha256="a" * 64,
            effective_date=D(2025, 1, 1),
        )
        assert "schema=office_b" in b.location
    assert _one(pg_url, "SELECT count(*) FROM office_b.parcels") == (1,)


def test_open_store_selects_postgis_from_the_url_or_environment(pg_url, monkeypatch):
    with open_store(pg_url) as store:
        assert isinstance(store, PostgisStore) and store.backend == "postgis"
    monkeypatch.setenv("LANDINV_STORE", pg_url.replace("postgresql://", "postgres://"))
    with open_store() as store:
        assert isinstance(store, PostgisStore)


def test_url_forms_and_bad_urls():
    url, schema = parse_url("postgres://u:secret@db.example:5433/inv?schema=zone_a")
    assert (url.drivername, url.host, url.port, url.database, schema) == (
        "postgresql+psycopg",
        "db.example",
        5433,
        "inv",
        "zone_a",
    )
    assert parse_url("postgresql+psycopg://u@h/inv")[1] == "landinv"
    with pytest.raises(UsageError, match="Schema name"):
        parse_url("postgresql://u@h/inv?schema=Bad-Name")
    with pytest.raises(UsageError, match="names no database"):
        parse_url("postgresql://u@h")
    with pytest.raises(UsageError, match="Not a PostgreSQL URL"):
        parse_url("mysql://u@h/inv")


def test_an_unreachable_server_is_a_clear_error_without_the_password():
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as info:
        PostgisStore(f"postgresql://planner:s3cret@127.0.0.1:{port}/inventory")
    assert "Cannot connect to PostgreSQL" in info.value.en
    assert "无法连接" in info.value.zh
    assert "s3cret" not in str(info.value)


@pytest.fixture
def limited_role(pg_server):
    """A database and a login role with CONNECT only, like an office's planner."""
    name, url = pg_server.new_database()
    role = f"planner_{name}"
    pg_server.admin.execute(f"CREATE ROLE {role} LOGIN")
    pg_server.admin.execute(f'REVOKE CREATE ON DATABASE "{name}" FROM PUBLIC')
    yield (
        role,
        url,
        sa.engine.make_url(url).set(username=role).render_as_string(hide_password=False),
    )
    pg_server.drop_database(name)
    pg_server.admin.execute(f"DROP ROLE {role}")


def test_a_user_without_create_privilege_is_told_what_to_ask_for(limited_role):
    _, _, planner_url = limited_role
    with pytest.raises(StoreError) as info:
        PostgisStore(planner_url)
    assert "CREATE SCHEMA landinv AUTHORIZATION" in info.value.en


def test_a_pre_created_schema_is_enough(limited_role, make_parcels):
    role, admin_url, planner_url = limited_role
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA landinv AUTHORIZATION {role}")

    with PostgisStore(planner_url) as store:
        store.commit_import(
            "parcels",
            make_parcels(["XD-001"]),
            file_name="a.gpkg",
            sha256="a" * 64,
            effective_date=D(2025, 1, 1),
        )
        assert len(store.layer("parcels", D(2025, 1, 1))) == 1


def test_a_database_without_postgis_is_explained(pg_server, limited_role):
    _, admin_url, planner_url = limited_role
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("DROP EXTENSION postgis")
    with pytest.raises(StoreError) as info:
        PostgisStore(planner_url)
    assert "CREATE EXTENSION postgis" in info.value.en


def test_a_superuser_creates_postgis_itself(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP EXTENSION postgis")
    PostgisStore(pg_url).close()
    assert _one(pg_url, "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") == (1,)


def test_a_newer_schema_is_refused(pg_url):
    PostgisStore(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE landinv.landinv_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer than this landinv"):
        PostgisStore(pg_url)


def test_an_older_schema_is_upgraded_step_by_step(pg_url, monkeypatch):
    PostgisStore(pg_url).close()
    version = sql.SCHEMA_VERSION
    monkeypatch.setattr(sql, "SCHEMA_VERSION", version + 1)
    monkeypatch.setitem(
        postgis.UPGRADES,
        version + 1,
        lambda conn: conn.execute(sa.text("ALTER TABLE parcels ADD COLUMN note text")),
    )

    with PostgisStore(pg_url) as store:
        assert store.schema_version() == version + 1
    assert _one(
        pg_url,
        "SELECT count(*) FROM information_schema.columns WHERE "
        "table_schema = 'landinv' AND table_name = 'parcels' "
        "AND column_name = 'note'",
    ) == (1,)


def test_a_missing_upgrade_step_leaves_the_store_untouched(pg_url, monkeypatch):
    PostgisStore(pg_url).close()
    version = sql.SCHEMA_VERSION
    monkeypatch.setattr(sql, "SCHEMA_VERSION", version + 2)
    monkeypatch.setitem(
        postgis.UPGRADES,
        version + 1,
        lambda conn: conn.execute(sa.text("ALTER TABLE parcels ADD COLUMN note text")),
    )

    with pytest.raises(StoreError, match="No upgrade step"):
        PostgisStore(pg_url)
    assert _one(pg_url, "SELECT value FROM landinv.landinv_meta") == (str(version),)
    assert _one(
        pg_url,
        "SELECT count(*) FROM information_schema.columns WHERE "
        "table_name = 'parcels' AND column_name = 'note'",
    ) == (0,)


def test_a_writer_blocked_too_long_gives_up_cleanly(pg_url, make_parcels, monkeypatch):
    store = PostgisStore(pg_url)
    monkeypatch.setattr(postgis, "LOCK_TIMEOUT_S", 1)
    with psycopg.connect(pg_url) as other:  # another writer holding the lock
        other.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext('landinv'))", (postgis._LOCK_CLASS,)
        )
        with pytest.raises(StoreError, match="Another user"):
            store.commit_import(
                "parcels",
                make_parcels(["XD-001"]),
                file_name="a.gpkg",
                sha256="a" * 64,
                effective_date=D(2025, 1, 1),
            )
    # once the other writer is gone the same import goes through
    store.commit_import(
        "parcels",
        make_parcels(["XD-001"]),
        file_name="a.gpkg",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
    )
    assert len(store.imports()) == 1
    store.close()


def test_cli_moves_a_geopackage_inventory_to_postgis(pg_url, tmp_path, capsys):
    gpkg = str(tmp_path / "inventory.gpkg")
    snapshot = str(tmp_path / "snapshot.gpkg")
    assert cli.main(["check", "--json", "--store", gpkg]) in (0, 1)  # seeds from data/
    before = json.loads(capsys.readouterr().out)

    assert cli.main(["backup", "--out", snapshot, "--store", gpkg]) == 0
    assert cli.main(["restore", snapshot, "--store", pg_url]) == 0
    capsys.readouterr()
    assert cli.main(["check", "--json", "--store", pg_url]) in (0, 1)
    after = json.loads(capsys.readouterr().out)

    assert after["ready_land_mu"] == pytest.approx(before["ready_land_mu"], rel=1e-9)
    assert after["factory_floor_area_m2"] == pytest.approx(
        before["factory_floor_area_m2"], rel=1e-9
    )
    assert after["ok"] == before["ok"]
    assert cli.main(["restore", snapshot, "--store", pg_url]) == 2  # not empty any more
    assert "not empty" in capsys.readouterr().err


def test_a_read_only_role_can_browse_but_not_write(limited_role, make_parcels):
    role, admin_url, planner_url = limited_role
    with PostgisStore(admin_url) as admin:
        admin.commit_import(
            "parcels",
            make_parcels(["XD-001"]),
            file_name="a.gpkg",
            sha256="a" * 64,
            effective_date=D(2025, 1, 1),
        )
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"GRANT USAGE ON SCHEMA landinv TO {role}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA landinv TO {role}")

    with PostgisStore(planner_url) as viewer:
        assert viewer.summary(D(2025, 6, 1))["count"].sum() == 1
        with pytest.raises(StoreError) as info:
            viewer.supply_parcel("XD-001", date=D(2025, 6, 1), project="项目甲")
    assert "lacks a privilege" in info.value.en
    with PostgisStore(admin_url) as admin:
        assert list(admin.changes()["action"]) == ["import"]


def test_a_version_1_store_is_upgraded_to_an_integer_keyed_meta_table(pg_url):
    PostgisStore(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:  # the version-1 layout
        conn.execute("DROP TABLE landinv.landinv_meta")
        conn.execute("CREATE TABLE landinv.landinv_meta (key text PRIMARY KEY, value text)")
        conn.execute(
            "INSERT INTO landinv.landinv_meta VALUES ('schema_version', '1'), "
            "('sample_data', 'declined')"
        )
    with PostgisStore(pg_url) as store:
        assert store.schema_version() == sql.SCHEMA_VERSION == 3
        assert store.get_meta("sample_data") == "declined"
        store.set_meta("sample_data", "x")
        assert store.get_meta("sample_data") == "x"
    assert _one(
        pg_url,
        "SELECT data_type FROM information_schema.columns WHERE "
        "table_schema = 'landinv' AND table_name = 'landinv_meta' "
        "AND column_name = 'fid'",
    ) == ("integer",)


@pytest.mark.parametrize("schema", ["landinv%0A", "landinv%0a", 'a"b', "a%22b", "zone_a;drop"])
def test_a_schema_name_is_checked_whole(schema):
    # `$` in a regular expression matches before a trailing newline: fullmatch does not.
    with pytest.raises(UsageError, match="Schema name") as info:
        parse_url(f"postgresql://u@h/inv?schema={schema}")
    assert "模式名" in info.value.zh


def test_every_identifier_is_quoted(pg_url, make_parcels, tmp_path, monkeypatch):
    # Names landinv refuses are still quoted wherever they are used: with the check
    # relaxed, a schema name holding a quote, a space and capitals works end to end.
    import re

    from landinv.store.backup import backup

    monkeypatch.setattr(postgis, "_SCHEMA_NAME", re.compile(r".+"))
    odd = 'Zone "A" x'
    from urllib.parse import quote

    url = f"{pg_url}?schema={quote(odd)}"
    with PostgisStore(url) as store:
        assert store.schema == odd
        store.commit_import(
            "parcels",
            make_parcels(["XD-1", "XD-2"]),
            file_name="a.gpkg",
            sha256="a" * 64,
            effective_date=D(2025, 1, 1),
        )
        store.supply_parcel("XD-1", date=D(2025, 2, 1), project="P")
        assert len(store.layer("parcels", None)) == 3
        assert store.summary(D(2025, 3, 1))["count"].sum() == 2
        backup(store, tmp_path / "b.gpkg")
        n_tables = len(store.tables)
    assert _one(
        pg_url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s", odd
    ) == (n_tables,)
    with PostgisStore(url) as again:  # reopened: found, not created twice
        assert len(again.layer("parcels", D(2025, 3, 1))) == 2
