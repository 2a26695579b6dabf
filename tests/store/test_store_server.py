"""The PostGIS test server the store tests run against: fresh, isolated, spatial."""

import psycopg
import pytest

pytestmark = pytest.mark.postgis


def test_each_test_gets_an_empty_postgis_database(pg_url, pg_server):
    with psycopg.connect(pg_url) as conn:
        version = conn.execute("SELECT postgis_lib_version()").fetchone()[0]
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_name NOT IN ('spatial_ref_sys', 'geography_columns', "
            "'geometry_columns')"
        ).fetchone()[0]
        conn.execute("CREATE TABLE scratch (id int)")
    assert version.startswith("3.")
    assert tables == 0
    assert pg_url != pg_server.url.render_as_string(hide_password=False)
