"""Fixtures of the enterprise tests."""

from __future__ import annotations

import pytest

from tests.support.enterprises import PARCEL_IDS, SEED_DATE


@pytest.fixture
def eff_store(store, make_parcels, make_buildings):
    """A store with six supplied parcels and two standard factories (on P-6)."""
    parcels = make_parcels(PARCEL_IDS, status="supplied")
    parcels["project"] = "test project"
    store.commit_import(
        "parcels", parcels, file_name="p.gpkg", sha256="p" * 64, effective_date=SEED_DATE
    )
    store.commit_import(
        "buildings",
        make_buildings(["B-1", "B-2"], parcel_id="P-6"),
        file_name="b.gpkg",
        sha256="b" * 64,
        effective_date=SEED_DATE,
    )
    return store
