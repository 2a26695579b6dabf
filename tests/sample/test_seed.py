"""Seeding a new store with the shipped sample data (landinv.sample.seed), on both backends.

The store itself never seeds: :func:`landinv.store.open_store` opens an empty
store empty; :func:`landinv.sample.seed.open_seeded`, which the app and the CLI
use, fills a new one from data/ once.
"""

from __future__ import annotations

import pyogrio

from landinv.sample import DATA_DIR
from landinv.sample.seed import SAMPLE_ENV, open_seeded
from landinv.schema import SAMPLE_IMPORT_ID
from landinv.store import open_store


def _shipped_rows(layer: str) -> int:
    return sum(pyogrio.read_info(f)["features"] for f in (DATA_DIR / layer).glob("*.geojson"))


def test_open_store_leaves_a_new_store_empty(store_location):
    with open_store(store_location) as store:
        assert store.is_empty()


def test_open_seeded_fills_a_new_store_once(store_location, monkeypatch):
    monkeypatch.delenv(SAMPLE_ENV, raising=False)
    with open_seeded(store_location) as store:
        assert len(store.layer("parcels", None, geometry=False)) == _shipped_rows("parcels")
        assert len(store.layer("buildings", None, geometry=False)) == _shipped_rows("buildings")
        assert list(store.imports()["import_id"]) == [SAMPLE_IMPORT_ID]
    with open_seeded(store_location) as store:  # not empty any more: nothing added
        assert list(store.imports()["import_id"]) == [SAMPLE_IMPORT_ID]
        assert list(store.changes()["action"]) == ["seed"]


def test_declining_sample_data_is_remembered(store_location, monkeypatch):
    monkeypatch.setenv(SAMPLE_ENV, "0")
    with open_seeded(store_location) as store:
        assert store.is_empty()
    monkeypatch.delenv(SAMPLE_ENV)
    with open_seeded(store_location) as store:
        assert store.is_empty()


def test_a_folder_without_parcels_seeds_nothing(store_location, tmp_path, monkeypatch):
    monkeypatch.delenv(SAMPLE_ENV, raising=False)
    with open_seeded(store_location, data_dir=tmp_path) as store:
        assert store.is_empty()
