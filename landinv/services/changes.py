"""Recorded changes to stored parcels: undo an import, supply a parcel, change its category.

Each is one transaction of the store, logged with who and when; nothing is
deleted (rows are closed and new versions added).
"""

from __future__ import annotations

from landinv.domain import Config, parse_date
from landinv.errors import UsageError
from landinv.services.inventory import resolve_category
from landinv.store import Store


def undo_import(store: Store, import_id: str, *, date=None, user: str = "") -> int:
    """Close the rows import ``import_id`` added, from ``date`` (default today).

    Returns
    -------
    int
        Rows closed.
    """
    return store.undo_import(import_id, date=parse_date(date), user=user)


def supply_parcel(store: Store, parcel_id: str, *, project: str, date=None,
                  user: str = "") -> None:
    """Record that ``parcel_id`` was supplied to ``project`` on ``date`` (default today).

    Planned supplies of the parcel leave the plan in the same transaction and the
    change log says which (:func:`landinv.store.planning.supply_fulfilling_plan`).
    The floor guard (effect on both floors, explicit acknowledgement of a breach)
    is :func:`landinv.services.planning.record_supply`.
    """
    from landinv.store.planning import supply_fulfilling_plan

    project = (project or "").strip()
    if not project:
        raise UsageError("err.supply_needs_project")
    supply_fulfilling_plan(store, parcel_id, date=parse_date(date), project=project, user=user)


def reclassify_parcel(store: Store, config: Config, parcel_id: str, *, category: str,
                      date=None, user: str = "", note: str | None = None) -> str:
    """Record a category change (e.g. revitalised land now ready); return the new code."""
    code = resolve_category(config, category)
    if code is None:
        raise UsageError("err.category_required")
    store.reclassify_parcel(parcel_id, date=parse_date(date), category=code, user=user,
                            note=(note or "").strip() or None)
    return code
