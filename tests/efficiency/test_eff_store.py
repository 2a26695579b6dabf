"""The enterprise tables in both backends: schema step, backup round trip, one transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
import sqlalchemy as sa

from landinv.services import efficiency as svc
from landinv.store import backup
from landinv.store.sql import SCHEMA_VERSION
from tests.support.enterprises import code, state, write_csv

ROWS = [
    ["统一社会信用代码", "企业名称", "规模", "地块编号", "税收(万元)"],
    [code(1), "甲", "规上", "P-1", 100],
    [code(2), "乙", "规下", "P-2", 8],
]


def _downgrade(store) -> None:
    """Make the store look like one written before the enterprise tables existed."""
    with store.engine.begin() as conn:
        for name in ("enterprise_figures", "enterprise_sites", "enterprises"):
            conn.execute(sa.text(f"DROP TABLE {name}"))
        conn.execute(sa.text("UPDATE landinv_meta SET value = '1' WHERE key = 'schema_version'"))
        if store.backend == "gpkg":
            conn.execute(sa.text("DELETE FROM gpkg_contents WHERE table_name LIKE 'enterprise%'"))


def test_an_older_store_gets_the_enterprise_tables(eff_store, store_factory, tmp_path):
    _downgrade(eff_store)
    eff_store.close()
    store = store_factory()
    assert store.schema_version() == SCHEMA_VERSION >= 2
    out = svc.import_enterprises(store, write_csv(tmp_path / "e.csv", ROWS), year=2025)
    assert out.ok and len(store.enterprises()) == 2
    if store.backend == "gpkg":
        with sqlite3.connect(store.path) as conn:
            kinds = dict(conn.execute("SELECT table_name, data_type FROM gpkg_contents"))
        assert kinds["enterprises"] == "attributes"


def test_backup_and_restore_carry_the_enterprises(eff_store, tmp_path, open_any_store):
    svc.import_enterprises(eff_store, write_csv(tmp_path / "e.csv", ROWS), year=2025)
    svc.import_enterprises(eff_store, write_csv(tmp_path / "f.csv", ROWS[:2]), year=2024)
    before = state(eff_store)
    path = tmp_path / "backup.gpkg"
    backup.backup(eff_store, path)
    target = open_any_store("gpkg", str(tmp_path / "restored.gpkg"))
    backup.restore(path, target)
    assert state(target) == before
    ev = svc.evaluate_year(target, 2025).table
    assert len(ev) == 2


def test_a_write_that_fails_midway_leaves_nothing(eff_store, tmp_path, monkeypatch):
    before = state(eff_store)
    out = svc.import_enterprises(
        eff_store, write_csv(tmp_path / "e.csv", ROWS), year=2025, dry_run=True
    )

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(type(eff_store), "_write_sites", broken)
    with pytest.raises(RuntimeError):
        eff_store.commit_enterprises(
            out.batch, file_name="e.csv", sha256="e" * 64, effective_date=dt.date(2025, 1, 1)
        )
    assert state(eff_store) == before
