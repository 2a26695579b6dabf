"""Stores the AppTest modules share: the sample seeded once per session, a private copy per test.

The seeded file is never opened by a test; each test gets its own copy (a
file copy, milliseconds) selected with ``$LANDINV_STORE``, so a test that
writes changes nothing another test sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

from tests.support.app import build_sample_store, copy_store


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """The sample data seeded into a GeoPackage once per session (read only: copy it)."""
    return build_sample_store(tmp_path_factory.mktemp("app-sample"))


@pytest.fixture
def store_path(sample_store, tmp_path, monkeypatch) -> Path:
    """A private copy of the sample store, selected with $LANDINV_STORE (default config)."""
    path = copy_store(sample_store, tmp_path / "store")
    monkeypatch.setenv("LANDINV_STORE", str(path))
    monkeypatch.delenv("LANDINV_CONFIG", raising=False)
    st.cache_data.clear()
    return path
