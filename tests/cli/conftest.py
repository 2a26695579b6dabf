"""Stores the CLI tests share: the sample seeded once per module, a private copy per test."""

from __future__ import annotations

import shutil

import pytest

from landinv.sample.seed import open_seeded


@pytest.fixture(scope="module")
def sample_store_path(tmp_path_factory):
    """A GeoPackage store seeded from data/ once per module."""
    path = tmp_path_factory.mktemp("cli") / "seed.gpkg"
    open_seeded(path).close()
    return path


@pytest.fixture
def store_path(sample_store_path, tmp_path):
    """A private copy of the seeded store, so writes stay inside one test."""
    path = tmp_path / "inv.gpkg"
    shutil.copy(sample_store_path, path)
    return str(path)
