"""Planned events and target areas in the inventory store (GeoPackage and PostGIS).

Two tables beside the inventory, created on first use by :func:`plan_tables`:

``plan_events``
    One row per version of a planned event. An event keeps its ``event_id``;
    a change or a drop adds a new version and stamps the previous one with
    ``superseded_at`` (record time), so nothing is ever deleted and the table
    answers "what did the plan say at time T". ``state`` is ``planned``,
    ``dropped`` or ``done``; a ``done`` version carries the ``change_id`` of
    the recorded supply that fulfilled it.
``target_areas``
    Named areas a target is set for (e.g. the special eco-industry platform),
    versioned by business date like the layers (``valid_from``/``valid_to``).

Every write is one transaction under the store's write lock; checks that
depend on what is stored run inside it. Tables share the store's engine and
(for PostGIS) its schema through the connection's search path.

Size: the two plan tables, their reads, writes (each one transaction), the plan-aware supply
and the backup hooks share the table handles and the write lock; splitting reads from writes is
the next step when it grows.
"""

from __future__ import annotations

import datetime as dt
import uuid

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

from landinv.domain import DEFAULT_SCENARIO, PARCELS, READY, STATUS_SUPPLIED, STORE_EPSG
from landinv.errors import ConflictError, UsageError
from landinv.geometry import area_m2
from landinv.store import gpkg_format
from landinv.store.sql import _date_or_none, _iso, promote_to_multi, utc_now

#: Event kinds: a supply, a parcel becoming ready (category change), new land
#: becoming ready (a planned parcel with an outline), a standard factory
#: building completed (+) or demolished (-).
KINDS = ("supply", "ready", "new", "building")
STATE_PLANNED, STATE_DROPPED, STATE_DONE = "planned", "dropped", "done"

EVENT_COLUMNS = (
    "event_id",
    "version",
    "scenario",
    "kind",
    "object_id",
    "date",
    "project",
    "category",
    "zone",
    "area_m2",
    "floor_area_m2",
    "note",
    "state",
    "change_id",
    "source",
    "user_name",
    "created_at",
    "superseded_at",
)
AREA_COLUMNS = ("code", "name_zh", "name_en", "valid_from", "valid_to", "user_name", "created_at")

#: Overlap (m²) between a planned new parcel and stock that is tolerated
#: (shared edges digitised twice differ by slivers).
OVERLAP_TOLERANCE_M2 = 1.0


def plan_tables(store) -> dict[str, sa.Table]:
    """The planning tables of ``store``, created (one transaction) when missing.

    Cached on the store object, so the existence check runs once per open store.
    """
    cached = getattr(store, "_plan_tables", None)
    if cached is not None:
        return cached
    meta = sa.MetaData()
    geom = store._geometry_type()
    tables = {
        "plan_events": sa.Table(
            "plan_events",
            meta,
            sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("event_id", sa.Text, nullable=False),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("scenario", sa.Text, nullable=False),
            sa.Column("kind", sa.Text, nullable=False),
            sa.Column("object_id", sa.Text),
            sa.Column("date", sa.Date, nullable=False),
            sa.Column("project", sa.Text),
            sa.Column("category", sa.Text),
            sa.Column("zone", sa.Text),
            sa.Column("area_m2", sa.Double),
            sa.Column("floor_area_m2", sa.Double),
            sa.Column("note", sa.Text),
            sa.Column("state", sa.Text, nullable=False),
            sa.Column("change_id", sa.Integer),
            sa.Column("source", sa.Text),
            sa.Column("user_name", sa.Text),
            sa.Column("created_at", sa.Text),
            sa.Column("superseded_at", sa.Text),
            sa.Column("geom", geom),
            sa.Index("ix_plan_events_scenario", "scenario", "superseded_at"),
            # One current version per event, enforced by the database too.
            sa.Index(
                "ux_plan_events_current",
                "event_id",
                unique=True,
                sqlite_where=sa.text("superseded_at IS NULL"),
                postgresql_where=sa.text("superseded_at IS NULL"),
            ),
        ),
        "target_areas": sa.Table(
            "target_areas",
            meta,
            sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("code", sa.Text, nullable=False),
            sa.Column("name_zh", sa.Text),
            sa.Column("name_en", sa.Text),
            sa.Column("valid_from", sa.Date, nullable=False),
            sa.Column("valid_to", sa.Date),
            sa.Column("user_name", sa.Text),
            sa.Column("created_at", sa.Text),
            sa.Column("geom", geom),
        ),
    }
    with store._write() as conn:
        missing = [t for name, t in tables.items() if not sa.inspect(conn).has_table(name)]
        if missing:
            meta.create_all(conn, tables=missing)
            if store.backend == "gpkg":
                _register_gpkg(conn, [t.name for t in missing])
        if store.backend == "gpkg":
            # Every geometry table of the GeoPackage has its R-tree (also tables
            # made before the index existed); a no-op once it is there.
            for name in tables:
                gpkg_format.ensure_rtree(conn, name, "geom", "fid")
    store._plan_tables = tables
    return tables


def _register_gpkg(conn, names) -> None:
    """List new spatial tables in the GeoPackage metadata so GDAL and QGIS open them."""
    desc = {
        "plan_events": "planned events, every version",
        "target_areas": "target areas (platforms), every version",
    }
    for name in names:
        conn.exec_driver_sql(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)"
            " VALUES (?, 'features', ?, ?, ?)",
            (name, name, desc[name], STORE_EPSG),
        )
        conn.exec_driver_sql(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)",
            (name, STORE_EPSG),
        )


def new_event_id() -> str:
    """A short unique event ID such as ``PE-3fa1c2d4``."""
    return f"PE-{uuid.uuid4().hex[:8]}"


# -- reads ---------------------------------------------------------------------


def plan_events(
    store, *, scenario: str | None = None, history: bool = False, geometry: bool = False
) -> pd.DataFrame | gpd.GeoDataFrame:
    """Planned events, current versions only unless ``history``.

    Parameters
    ----------
    store : landinv.store.Store
    scenario : str, optional
        Only this scenario (default all).
    history : bool
        Every version (changed, dropped, done), oldest first.
    geometry : bool
        Return a GeoDataFrame with the outlines of planned new parcels.

    Returns
    -------
    DataFrame
        :data:`EVENT_COLUMNS`; ``date`` as ISO text.
    """
    t = plan_tables(store)["plan_events"]
    cols = [t.c[c] for c in EVENT_COLUMNS] + ([t.c.geom] if geometry else [])
    stmt = sa.select(*cols).order_by(t.c.date, t.c.fid)
    if scenario is not None:
        stmt = stmt.where(t.c.scenario == scenario)
    if not history:
        stmt = stmt.where(t.c.superseded_at.is_(None))
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).fetchall()
    df = pd.DataFrame(rows, columns=list(EVENT_COLUMNS) + (["geom"] if geometry else []))
    df["date"] = pd.Series([_iso(v) for v in df["date"]], index=df.index, dtype=object)
    if not geometry:
        return df
    geoms = store._decode_geoms(list(df.pop("geom")))
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=df.index, crs=STORE_EPSG))


def plan_version(store) -> str:
    """A token that changes with every write to the plan (for caches)."""
    t = plan_tables(store)["plan_events"]
    with store.engine.connect() as conn:
        n, latest = conn.execute(sa.select(sa.func.count(), sa.func.max(t.c.created_at))).one()
    return f"{n}:{latest or ''}"


def scenarios(store) -> list[str]:
    """Names of scenarios with a current event, the default first."""
    t = plan_tables(store)["plan_events"]
    with store.engine.connect() as conn:
        names = set(conn.execute(sa.select(t.c.scenario).distinct()).scalars())
    return [DEFAULT_SCENARIO] + sorted(names - {DEFAULT_SCENARIO})


def target_areas(store, as_of: dt.date | None = None) -> gpd.GeoDataFrame:
    """Target areas valid at ``as_of`` (every version when None)."""
    t = plan_tables(store)["target_areas"]
    stmt = sa.select(*(t.c[c] for c in AREA_COLUMNS), t.c.geom).order_by(t.c.fid)
    if as_of is not None:
        stmt = stmt.where(
            t.c.valid_from <= as_of, sa.or_(t.c.valid_to.is_(None), t.c.valid_to > as_of)
        )
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).fetchall()
    df = pd.DataFrame(rows, columns=[*AREA_COLUMNS, "geom"])
    for col in ("valid_from", "valid_to"):
        df[col] = pd.Series([_iso(v) for v in df[col]], index=df.index, dtype=object)
    geoms = store._decode_geoms(list(df.pop("geom")))
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=df.index, crs=STORE_EPSG))


# -- writes --------------------------------------------------------------------


def check_events(store, events: list[dict], *, today: dt.date | None = None) -> None:
    """Run every check :func:`add_events` runs, storing nothing (a dry run)."""
    add_events(store, events, today=today, dry_run=True)


def add_events(
    store,
    events: list[dict],
    *,
    user: str = "",
    today: dt.date | None = None,
    source: str | None = None,
    dry_run: bool = False,
) -> list[str]:
    """Add planned events, all or none; return their IDs.

    Each event is a dict with ``kind``, ``date`` and what the kind needs:
    ``object_id`` (the parcel for supply/ready, the new parcel's ID for new,
    optionally a building ID), ``project``, ``category`` (ready/new, default
    ``ready``), ``zone`` (new/building), ``floor_area_m2`` (building, signed),
    ``geometry`` (new: a shapely polygon in EPSG:4490), ``scenario``, ``note``.

    Raises
    ------
    UsageError
        A date before ``today`` (refused, not recorded as overdue), an unknown
        kind, a missing parcel or outline.
    ConflictError
        A parcel already supplied, the same parcel planned twice for the same
        kind in one scenario (in the store or in ``events``), a new parcel
        overlapping stock or an existing parcel ID.
    """
    today = today or dt.date.today()
    tables = plan_tables(store)
    t = tables["plan_events"]
    parcels = store.tables[PARCELS]
    rows, seen = [], set()
    for ev in events:
        rows.append(_event_row(ev, today=today, user=user, source=source))
    with store._write() as conn:
        for row in rows:
            key = (row["scenario"], row["kind"], row["object_id"])
            if row["kind"] != "building" and (key in seen or _planned(conn, t, *key)):
                raise ConflictError(
                    "err.plan_twice", parcel=row["object_id"], scenario=row["scenario"]
                )
            seen.add(key)
            current = None
            if row["object_id"]:
                current = (
                    conn.execute(
                        sa.select(parcels).where(
                            parcels.c.parcel_id == row["object_id"], parcels.c.valid_to.is_(None)
                        )
                    )
                    .mappings()
                    .first()
                )
            _check_against_stock(conn, store, row, current, seen)
        if dry_run:
            return []
        ids = []
        for row in rows:
            row["event_id"] = new_event_id()
            ids.append(row["event_id"])
        _insert(conn, store, t, rows)
    return ids


def _event_row(ev: dict, *, today: dt.date, user: str, source: str | None) -> dict:
    kind = str(ev.get("kind") or "").strip()
    if kind not in KINDS:
        raise UsageError("err.plan_kind", kind=kind, kinds=", ".join(KINDS))
    date = _date_or_none(ev.get("date"))
    if date is None:
        raise UsageError("err.plan_no_date")
    if date < today:
        raise UsageError("err.plan_past_date", date=date.isoformat(), today=today.isoformat())
    object_id = str(ev.get("object_id") or "").strip() or None
    if kind in ("supply", "ready", "new") and not object_id:
        raise UsageError("err.plan_no_parcel", kind=kind)
    if kind == "supply" and not str(ev.get("project") or "").strip():
        raise UsageError("err.plan_no_project", parcel=object_id)
    geom = ev.get("geometry")
    area = None
    if kind == "new":
        if geom is None or shapely.is_empty(geom) or not shapely.is_valid(geom):
            raise UsageError("err.plan_no_outline", parcel=object_id)
        geom = promote_to_multi(np.array([geom], dtype=object))[0]
        area = float(area_m2(np.array([geom], dtype=object))[0])
    floor_area = None
    if kind == "building":
        floor_area = float(ev.get("floor_area_m2") or 0.0)
        if floor_area == 0.0 or not np.isfinite(floor_area):
            raise UsageError("err.plan_no_floor_area")
    category = ev.get("category") or (READY if kind in ("ready", "new") else None)
    return {
        "version": 1,
        "scenario": str(ev.get("scenario") or DEFAULT_SCENARIO).strip(),
        "kind": kind,
        "object_id": object_id,
        "date": date,
        "project": (str(ev["project"]).strip() if ev.get("project") else None),
        "category": category,
        "zone": ev.get("zone") or None,
        "area_m2": area,
        "floor_area_m2": floor_area,
        "note": ev.get("note") or None,
        "state": STATE_PLANNED,
        "change_id": None,
        "source": source,
        "user_name": user,
        "created_at": utc_now(),
        "superseded_at": None,
        "geom": geom,
    }


def _planned(conn, t, scenario, kind, object_id) -> bool:
    return (
        conn.execute(
            sa.select(sa.func.count())
            .select_from(t)
            .where(
                t.c.scenario == scenario,
                t.c.kind == kind,
                t.c.object_id == object_id,
                t.c.state == STATE_PLANNED,
                t.c.superseded_at.is_(None),
            )
        ).scalar()
        > 0
    )


def _check_against_stock(conn, store, row, current, seen) -> None:
    kind, pid = row["kind"], row["object_id"]
    if kind in ("supply", "ready"):
        planned_new = (row["scenario"], "new", pid) in seen or _planned(
            conn, plan_tables(store)["plan_events"], row["scenario"], "new", pid
        )
        if current is None and not planned_new:
            raise UsageError("err.plan_unknown_parcel", parcel=pid)
        if current is not None and current["status"] == STATUS_SUPPLIED:
            raise ConflictError(
                "err.plan_already_supplied", parcel=pid, project=current["project"] or ""
            )
        if current is not None and kind == "ready" and current["category"] == row["category"]:
            raise ConflictError("err.plan_already_category", parcel=pid, category=row["category"])
        if current is not None and not row["zone"]:
            row["zone"] = current["zone"]
    elif kind == "new":
        if current is not None:
            raise ConflictError("err.plan_new_exists", parcel=pid)
        overlaps = _overlapping(conn, store, row["geom"])
        if overlaps:
            raise ConflictError("err.plan_new_overlaps", parcel=pid, others=", ".join(overlaps[:5]))
        if not row["zone"]:
            row["zone"] = _zone_of(store, row["geom"])


def _overlapping(conn, store, geom) -> list[str]:
    """Current parcels overlapping ``geom`` by more than the tolerance."""
    t = store.tables[PARCELS]
    minx, miny, maxx, maxy = geom.bounds
    rows = conn.execute(sa.select(t.c.parcel_id, t.c.geom).where(t.c.valid_to.is_(None))).fetchall()
    if not rows:
        return []
    shapes = store._decode_geoms([r[1] for r in rows])
    near = shapely.intersects(shapes, shapely.box(minx, miny, maxx, maxy))
    hits = []
    for pid, shape in zip(np.array([r[0] for r in rows], dtype=object)[near], shapes[near]):
        inter = shapely.intersection(shape, geom)
        if (
            not inter.is_empty
            and area_m2(np.array([inter], dtype=object))[0] > OVERLAP_TOLERANCE_M2
        ):
            hits.append(str(pid))
    return sorted(hits)


def _zone_of(store, geom) -> str | None:
    zones = store.zones()
    if not len(zones):
        return None
    point = geom.representative_point()
    inside = zones[zones.geometry.contains(point)]
    return str(inside.iloc[0]["code"]) if len(inside) else None


def _insert(conn, store, t, rows: list[dict]) -> None:
    geoms = (
        store._encode_geoms(np.array([r.get("geom") for r in rows], dtype=object))
        if any(r.get("geom") is not None for r in rows)
        else [None] * len(rows)
    )
    records = []
    for row, g in zip(rows, geoms):
        rec = {c: row.get(c) for c in EVENT_COLUMNS}
        rec["geom"] = g
        records.append(rec)
    conn.execute(t.insert(), records)


def revise_event(
    store,
    event_id: str,
    *,
    user: str = "",
    today: dt.date | None = None,
    drop: bool = False,
    note: str | None = None,
    **changes,
) -> None:
    """Change (``date``, ``project``, ``note``...) or drop a planned event: a new version.

    Raises
    ------
    UsageError
        No current event with this ID, or a new date in the past.
    ConflictError
        The event is already done or dropped.
    """
    today = today or dt.date.today()
    t = plan_tables(store)["plan_events"]
    if "date" in changes:
        date = _date_or_none(changes["date"])
        if date is None or date < today:
            raise UsageError(
                "err.plan_past_date", date=str(changes["date"]), today=today.isoformat()
            )
        changes["date"] = date
    with store._write() as conn:
        row = (
            conn.execute(sa.select(t).where(t.c.event_id == event_id, t.c.superseded_at.is_(None)))
            .mappings()
            .first()
        )
        if row is None:
            raise UsageError("err.plan_unknown_event", event=event_id)
        if row["state"] != STATE_PLANNED:
            raise ConflictError("err.plan_event_closed", event=event_id, state=row["state"])
        new = dict(row)
        new.pop("fid")
        new.update({k: v for k, v in changes.items() if k in EVENT_COLUMNS})
        new.update(
            version=row["version"] + 1,
            user_name=user,
            created_at=utc_now(),
            superseded_at=None,
            state=STATE_DROPPED if drop else STATE_PLANNED,
        )
        if note is not None:
            new["note"] = note
        conn.execute(t.update().where(t.c.fid == row["fid"]).values(superseded_at=utc_now()))
        conn.execute(t.insert(), [new])


def copy_scenario(store, source: str, target: str, *, user: str = "") -> int:
    """Copy the planned events of ``source`` into a new what-if scenario ``target``."""
    t = plan_tables(store)["plan_events"]
    if not target or target == source:
        raise UsageError("err.plan_scenario_name", name=target)
    with store._write() as conn:
        if conn.execute(
            sa.select(sa.func.count()).select_from(t).where(t.c.scenario == target)
        ).scalar():
            raise ConflictError("err.plan_scenario_exists", name=target)
        rows = (
            conn.execute(
                sa.select(t).where(
                    t.c.scenario == source, t.c.superseded_at.is_(None), t.c.state == STATE_PLANNED
                )
            )
            .mappings()
            .all()
        )
        copies = []
        for row in rows:
            new = dict(row)
            new.pop("fid")
            new.update(
                event_id=new_event_id(),
                version=1,
                scenario=target,
                user_name=user,
                created_at=utc_now(),
                source=f"copy:{row['event_id']}",
            )
            copies.append(new)
        if copies:
            conn.execute(t.insert(), copies)
    return len(copies)


def supply_fulfilling_plan(
    store, parcel_id: str, *, date: dt.date, project: str, user: str = "", note: str | None = None
) -> dict:
    """Record a supply and close the planned supplies of the parcel, in one transaction.

    The parcel's current row is closed at ``date`` and a supplied copy added
    (as :meth:`Store.supply_parcel` does); the change log row carries ``note``
    (e.g. the breach acknowledgement) and names the planned events it
    fulfilled; each of those gets a ``done`` version pointing at the change.

    Returns
    -------
    dict
        ``change_id`` and ``fulfilled`` (event IDs, every scenario).
    """
    if not project or not str(project).strip():
        raise UsageError("err.plan_no_project", parcel=parcel_id)
    t = plan_tables(store)["plan_events"]
    parcels = store.tables[PARCELS]
    with store._write() as conn:
        row = (
            conn.execute(
                sa.select(parcels).where(
                    parcels.c.parcel_id == parcel_id, parcels.c.valid_to.is_(None)
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            raise UsageError("err.plan_unknown_parcel", parcel=parcel_id)
        if row["status"] == STATUS_SUPPLIED:
            raise ConflictError(
                "err.plan_already_supplied", parcel=parcel_id, project=row["project"] or ""
            )
        if _date_or_none(row["valid_from"]) > date:
            raise UsageError(
                "err.plan_supply_before_row", date=date.isoformat(), start=_iso(row["valid_from"])
            )
        planned = (
            conn.execute(
                sa.select(t).where(
                    t.c.kind == "supply",
                    t.c.object_id == parcel_id,
                    t.c.state == STATE_PLANNED,
                    t.c.superseded_at.is_(None),
                )
            )
            .mappings()
            .all()
        )
        fulfilled = [p["event_id"] for p in planned]
        text = (
            "; ".join(
                x for x in [note, ("plan: " + ", ".join(fulfilled)) if fulfilled else None] if x
            )
            or None
        )
        new = dict(row)
        new.pop("fid")
        new.update(status=STATUS_SUPPLIED, project=project, valid_from=date, valid_to=None)
        conn.execute(parcels.update().where(parcels.c.fid == row["fid"]).values(valid_to=date))
        conn.execute(parcels.insert(), [new])
        changes = store.tables["changes"]
        change_id = conn.execute(
            changes.insert().values(
                action="supply",
                kind=PARCELS,
                object_id=parcel_id,
                date=date,
                project=project,
                user_name=user,
                created_at=utc_now(),
                import_id=row["import_id"],
                note=text,
            )
        ).inserted_primary_key[0]
        now = utc_now()
        for p in planned:
            done = dict(p)
            done.pop("fid")
            done.update(
                version=p["version"] + 1,
                state=STATE_DONE,
                change_id=int(change_id),
                user_name=user,
                created_at=now,
                superseded_at=None,
            )
            conn.execute(t.update().where(t.c.fid == p["fid"]).values(superseded_at=now))
            conn.execute(t.insert(), [done])
    return {"change_id": int(change_id), "fulfilled": fulfilled}


def set_target_area(
    store,
    code: str,
    geometry,
    *,
    name_zh: str = "",
    name_en: str = "",
    date: dt.date,
    user: str = "",
) -> None:
    """Add or redraw the target area ``code`` from ``date`` (the old outline is closed)."""
    if not code or not str(code).strip():
        raise UsageError("err.plan_area_code")
    if geometry is None or shapely.is_empty(geometry):
        raise UsageError("err.plan_area_empty", area=code)
    t = plan_tables(store)["target_areas"]
    geom = promote_to_multi(np.array([shapely.make_valid(geometry)], dtype=object))
    if shapely.get_type_id(geom[0]) != shapely.GeometryType.MULTIPOLYGON:
        raise UsageError("err.plan_area_empty", area=code)
    with store._write() as conn:
        current = conn.execute(
            sa.select(t.c.fid, t.c.valid_from).where(t.c.code == code, t.c.valid_to.is_(None))
        ).first()
        if current is not None:
            if _date_or_none(current.valid_from) > date:
                raise UsageError(
                    "err.plan_supply_before_row",
                    date=date.isoformat(),
                    start=_iso(current.valid_from),
                )
            conn.execute(t.update().where(t.c.fid == current.fid).values(valid_to=date))
        conn.execute(
            t.insert(),
            [
                {
                    "code": code,
                    "name_zh": name_zh or code,
                    "name_en": name_en or code,
                    "valid_from": date,
                    "valid_to": None,
                    "user_name": user,
                    "created_at": utc_now(),
                    "geom": store._encode_geoms(geom)[0],
                }
            ],
        )


# -- backup and restore ------------------------------------------------------------

#: Layers a backup holds for the plan (optional: older backups have none).
PLAN_LAYERS = ("plan_events", "target_areas")


def plan_snapshot(store) -> dict[str, gpd.GeoDataFrame]:
    """Every version of the plan and the target areas, for :func:`landinv.store.backup.backup`.

    Empty when the store has never held a plan (its tables are not created by a backup).
    """
    if getattr(store, "_plan_tables", None) is None:
        with store.engine.connect() as conn:
            if not sa.inspect(conn).has_table("plan_events"):
                return {}
    events = plan_events(store, history=True, geometry=True)
    return {"plan_events": events, "target_areas": target_areas(store, None)}


def load_plan_snapshot(store, frames: dict) -> dict[str, int]:
    """Insert backed-up plan layers into ``store`` (one transaction); return the row counts.

    Refused when the store already holds planned events or target areas.
    """
    if not any(frames.get(name) is not None and len(frames[name]) for name in PLAN_LAYERS):
        return {}
    tables = plan_tables(store)
    counts = {}
    with store._write() as conn:
        for name in PLAN_LAYERS:
            if conn.execute(sa.select(sa.func.count()).select_from(tables[name])).scalar():
                raise ConflictError("err.plan_restore_not_empty")
        for name, columns, dates in (
            ("plan_events", EVENT_COLUMNS, ("date",)),
            ("target_areas", AREA_COLUMNS, ("valid_from", "valid_to")),
        ):
            frame = frames.get(name)
            counts[name] = 0 if frame is None else len(frame)
            if frame is None or not len(frame):
                continue
            geoms = store._encode_geoms(np.asarray(frame.geometry.values, dtype=object))
            records = []
            for row, g in zip(frame[list(columns)].astype(object).to_dict("records"), geoms):
                rec = {
                    k: (None if v is None or (isinstance(v, float) and v != v) else v)
                    for k, v in row.items()
                }
                for k in dates:
                    rec[k] = _date_or_none(rec[k])
                for k in ("version", "change_id"):
                    if rec.get(k) is not None:
                        rec[k] = int(rec[k])
                rec["geom"] = g
                records.append(rec)
            conn.execute(tables[name].insert(), records)
    return counts
