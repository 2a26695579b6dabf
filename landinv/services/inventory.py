"""Opening the inventory and reading what it says at a date."""

from __future__ import annotations

import os

import pandas as pd

from landinv import analysis
from landinv.domain import Config, parse_date
from landinv.store import Store, open_store, resolve_location


def open_inventory(location: str | os.PathLike | None = None, *, seed: bool = True) -> Store:
    """Open the store at ``location`` (default ``$LANDINV_STORE``, else ``var/landinv.gpkg``).

    Parameters
    ----------
    location : str or path, optional
        A ``.gpkg`` path or a ``postgresql://`` URL.
    seed : bool, default True
        Fill a new, empty store with the illustrative sample data (unless
        ``$LANDINV_SAMPLE_DATA=0``); a restore target is opened without.

    Returns
    -------
    Store
        Use it as a context manager, or call ``close()``.
    """
    if not seed:
        return open_store(location)
    from landinv.sample.seed import seed_new_store  # the generator's modules only when seeding
    from landinv.services.efficiency import seed_sample_enterprises

    store = open_store(location)
    try:
        # The sample enterprises go in right after the sample parcels, when the store is new.
        if seed_new_store(store):
            seed_sample_enterprises(store)
    except BaseException:
        store.close()
        raise
    return store


def store_path(store: Store) -> str | None:
    """The store's file when it is a GeoPackage (an export must never replace it)."""
    location = str(getattr(store, "location", "") or resolve_location())
    return None if "://" in location else location


def resolve_zone(config: Config, value) -> str | None:
    """Zone code for what a planner typed (code or name); None for nothing typed.

    Raises the catalogued "unknown zone" error for anything else.
    """
    if not value:
        return None
    code = config.match_zone(value)
    if code is None:
        config.zone(str(value))  # raises the bilingual "unknown zone" message
    return code


def resolve_category(config: Config, value) -> str | None:
    """Category code for what a planner typed (code or name); None for nothing typed."""
    if not value:
        return None
    code = config.match_category(value)
    if code is None:
        config.category(str(value))  # raises the bilingual "unknown category" message
    return code


def inventory_report(
    store: Store, config: Config, as_of=None, *, lang: str = "zh"
) -> analysis.InventoryReport:
    """Everything shown about the inventory at ``as_of`` (default today)."""
    return analysis.inventory_report(store, parse_date(as_of), config, lang=lang)


def summary_table(
    report: analysis.InventoryReport,
    config: Config,
    *,
    zone: str | None = None,
    status: str | None = "available",
    lang: str = "zh",
) -> pd.DataFrame:
    """The zone × category table of a report, for one zone or all, by status.

    ``status`` None (or ``"all"``) counts every parcel valid at the date; the
    default counts land in stock, as the floors do.
    """
    summary = report.summary
    if zone is not None:
        summary = summary[summary["zone"] == zone]
    status = None if status in (None, "all") else status
    return analysis.zone_category_table(summary, config, lang=lang, status=status)
