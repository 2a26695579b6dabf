"""Reverse acts and edits of a stored parcel: correct a supply, take land back, edit.

Kept apart from :mod:`landinv.store.sql` (which it extends as a mixin of
:class:`~landinv.store.sql.SqlStore`) so the write paths of issue 13 read in
one place. Each method is one write transaction under the store's write lock,
logged in ``changes`` with who (``user_name``), when (``created_at``) and why
(``note``); nothing is deleted.

How a *correction* differs from a *take-back* (see docs/changes.md):

* ``correct_supply`` says the supply never happened. The supplied version is
  kept but closed on the day it started (``valid_from == valid_to``), so no
  as-of query ever sees it, and a copy of the version before the supply starts
  on that same day: every stock, event and as-of view reads as if the parcel had
  never left stock. The supply's log row stays; a ``correct_supply`` row names
  the supply it corrects.
* ``take_back_parcel`` says the supply happened and the land came back later
  (收回): a new version, available again from the take-back date, so the stock
  dips between the two dates and the timeline shows a ``returned`` event.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import sqlalchemy as sa

from landinv.domain import PARCELS, STATUS_AVAILABLE, STATUS_SUPPLIED, STORE_EPSG
from landinv.errors import ConflictError, UsageError

#: Parcel attributes an edit may change (besides the outline).
EDITABLE_FIELDS = ("name", "land_use_code", "project", "zone")

#: Change-log actions written here.
ACTION_CORRECT = "correct_supply"
ACTION_TAKE_BACK = "take_back"
ACTION_EDIT = "edit"


def _day(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _need_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise UsageError("err.chg_reason_required")
    return text


class RevisionsMixin:
    """Corrections, take-backs and edits for :class:`~landinv.store.sql.SqlStore`."""

    def _current_parcel(self, conn, parcel_id: str):
        table = self.tables[PARCELS]
        row = (
            conn.execute(
                sa.select(table).where(table.c.parcel_id == parcel_id, table.c.valid_to.is_(None))
            )
            .mappings()
            .first()
        )
        if row is None:
            raise UsageError("err.chg_no_parcel", parcel=parcel_id)
        return row

    def _log_change(self, conn, action, parcel_id, date, *, user, project, import_id, note) -> int:
        from landinv.store.sql import utc_now

        result = conn.execute(
            self.tables["changes"]
            .insert()
            .values(
                action=action,
                kind=PARCELS,
                object_id=parcel_id,
                date=date,
                project=project,
                user_name=user,
                created_at=utc_now(),
                import_id=import_id,
                note=note,
            )
        )
        return int(result.inserted_primary_key[0])

    def correct_supply(self, parcel_id: str, *, user: str = "", reason: str) -> dict:
        """Undo a supply recorded by mistake, as if it had never happened.

        Parameters
        ----------
        parcel_id : str
            A parcel whose current version is the supply to correct.
        user : str
            Who corrects it (written to the change log).
        reason : str
            Why (required; written to the change log's ``note``).

        Returns
        -------
        dict
            ``date`` (the supply date, from which the parcel is back in stock),
            ``project`` (of the corrected supply), ``change_id`` (of the
            correction).

        Raises
        ------
        ConflictError
            The parcel is not supplied now, or its supply was not recorded as a
            change (it came supplied in an import: undo that import instead).
        """
        reason = _need_reason(reason)
        table = self.tables[PARCELS]
        with self._write() as conn:
            row = self._current_parcel(conn, parcel_id)
            if row["status"] != STATUS_SUPPLIED:
                raise ConflictError("err.chg_not_supplied", parcel=parcel_id)
            date = _day(row["valid_from"])
            before = (
                conn.execute(
                    sa.select(table)
                    .where(
                        table.c.parcel_id == parcel_id,
                        table.c.valid_to == date,
                        table.c.valid_from < date,
                    )
                    .order_by(table.c.fid.desc())
                )
                .mappings()
                .first()
            )
            if before is None or before["status"] == STATUS_SUPPLIED:
                raise ConflictError("err.chg_supply_not_recorded", parcel=parcel_id)
            # The supplied version never takes effect: closed on its first day.
            conn.execute(table.update().where(table.c.fid == row["fid"]).values(valid_to=date))
            restored = dict(before)
            restored.pop("fid")
            restored.update(valid_from=date, valid_to=None)
            conn.execute(table.insert(), [restored])
            change_id = self._log_change(
                conn,
                ACTION_CORRECT,
                parcel_id,
                date,
                user=user,
                project=row["project"],
                import_id=row["import_id"],
                note=reason,
            )
        return {"date": date, "project": row["project"], "change_id": change_id}

    def take_back_parcel(
        self, parcel_id: str, *, date: dt.date, user: str = "", reason: str
    ) -> dict:
        """Record that a supplied parcel came back into stock (收回) on ``date``.

        Returns
        -------
        dict
            ``project`` (the project it was supplied to) and ``change_id``.

        Raises
        ------
        ConflictError
            The parcel is not supplied now.
        UsageError
            ``date`` is before the supply, or no reason is given.
        """
        reason = _need_reason(reason)
        table = self.tables[PARCELS]
        with self._write() as conn:
            row = self._current_parcel(conn, parcel_id)
            if row["status"] != STATUS_SUPPLIED:
                raise ConflictError("err.chg_not_supplied", parcel=parcel_id)
            start = _day(row["valid_from"])
            if date <= start:
                raise UsageError(
                    "err.chg_take_back_date",
                    parcel=parcel_id,
                    date=date.isoformat(),
                    start=start.isoformat(),
                )
            new = dict(row)
            new.pop("fid")
            new.update(status=STATUS_AVAILABLE, project=None, valid_from=date, valid_to=None)
            conn.execute(table.update().where(table.c.fid == row["fid"]).values(valid_to=date))
            conn.execute(table.insert(), [new])
            change_id = self._log_change(
                conn,
                ACTION_TAKE_BACK,
                parcel_id,
                date,
                user=user,
                project=row["project"],
                import_id=row["import_id"],
                note=reason,
            )
        return {"project": row["project"], "change_id": change_id}

    def edit_parcel(
        self,
        parcel_id: str,
        *,
        date: dt.date,
        user: str = "",
        reason: str,
        fields: dict | None = None,
        geometry=None,
    ) -> dict:
        """Correct a parcel's attributes and/or outline as a new version from ``date``.

        Parameters
        ----------
        fields : dict, optional
            New values of :data:`EDITABLE_FIELDS` (others refused).
        geometry : shapely geometry, optional
            A new outline in EPSG:4490, already checked by the caller (valid,
            inside the zones, overlapping no other parcel); the store recomputes
            its area.

        Returns
        -------
        dict
            ``changed`` (names of the columns that changed) and ``change_id``.

        Raises
        ------
        UsageError
            Nothing would change, an unknown field, no reason, or ``date``
            before the current version.
        """
        reason = _need_reason(reason)
        fields = dict(fields or {})
        unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
        if unknown:
            raise UsageError("err.chg_edit_field", fields=", ".join(unknown))
        table = self.tables[PARCELS]
        new_geom = None
        if geometry is not None:
            frame = gpd.GeoDataFrame(
                {"parcel_id": [parcel_id]}, geometry=[geometry], crs=STORE_EPSG
            )
            rows = self._layer_rows(PARCELS, frame)
            new_geom = (
                self._encode_geoms(rows.columns["geom"])[0],
                float(rows.columns["area_m2"][0]),
            )
        with self._write() as conn:
            row = self._current_parcel(conn, parcel_id)
            # Blank text clears a field; an unchanged value is not a change.
            changed = {
                k: (str(v).strip() or None) if v is not None else None for k, v in fields.items()
            }
            changed = {k: v for k, v in changed.items() if v != (row[k] or None)}
            if new_geom is not None:
                changed["geom"], changed["area_m2"] = new_geom
            if not changed:
                raise UsageError("err.chg_edit_nothing", parcel=parcel_id)
            start = _day(row["valid_from"])
            if date < start:
                raise UsageError(
                    "err.chg_edit_date",
                    parcel=parcel_id,
                    date=date.isoformat(),
                    start=start.isoformat(),
                )
            new = dict(row)
            new.pop("fid")
            new.update(changed, valid_from=date, valid_to=None)
            conn.execute(table.update().where(table.c.fid == row["fid"]).values(valid_to=date))
            conn.execute(table.insert(), [new])
            names = sorted(k for k in changed if k != "geom")
            if "geom" in changed:
                names = ["geometry", *[n for n in names if n != "area_m2"], "area_m2"]
            change_id = self._log_change(
                conn,
                ACTION_EDIT,
                parcel_id,
                date,
                user=user,
                project=new.get("project"),
                import_id=row["import_id"],
                note=reason,
            )
        return {"changed": names, "change_id": change_id}
