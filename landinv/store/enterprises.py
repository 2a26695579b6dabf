"""Enterprises in the store: the register, who uses which land, and yearly figures.

Three tables, shared by both backends (plain attribute tables, no geometry):

``enterprises``
    The register, versioned like parcels: one row per version of an
    enterprise (``valid_from`` inclusive, ``valid_to`` exclusive, NULL while
    current), never deleted. ``closed_by`` names the import that closed a row,
    so undoing that import can bring the earlier version back.
``enterprise_sites``
    Usage links, versioned the same way: an enterprise uses a parcel
    (``kind='parcel'``, ``role='user'``) or rents floor space in a building
    (``kind='building'``, ``role='tenant'``, ``floor_m2``).
``enterprise_figures``
    Yearly figures in long form (``credit_code, year, field, value``), one row
    per value an import brought. The value in force is the one of the newest
    live (not undone) import, so undoing an import brings the earlier value back
    without touching any row.

:class:`EnterpriseStoreMixin` adds the reads and the one-transaction import to
:class:`~landinv.store.sql.SqlStore`; the hooks in ``sql.py`` are the table
definitions, the undo and the schema step.

Size: three tables that change together in one transaction (register, usage links, figures)
with their reads, import and undo.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import sqlalchemy as sa

from landinv import i18n
from landinv.errors import ConflictError, UsageError

#: Import ``kind`` of enterprise files in the import log.
KIND = "enterprises"
REGISTER_COLUMNS = ("credit_code", "name", "industry_code", "scale", "state")
SITE_COLUMNS = ("credit_code", "kind", "object_id", "role", "floor_m2")
FIGURE_COLUMNS = ("credit_code", "year", "field", "value")
_VERSION = ("valid_from", "valid_to", "import_id", "closed_by")
#: The tables this module adds (also the order of a snapshot).
TABLES = ("enterprises", "enterprise_sites", "enterprise_figures")


def descriptions() -> dict[str, str]:
    """Bilingual descriptions of the tables (GeoPackage contents, PostGIS comments)."""
    from landinv.i18n import both

    return {name: both(f"eff.table.{name}") for name in TABLES}


def define_tables(meta: sa.MetaData) -> dict[str, sa.Table]:
    """The enterprise tables on ``meta`` (called by ``SqlStore._define_tables``)."""

    def versioned(name, *cols, key, index_key):
        return sa.Table(
            name,
            meta,
            sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True),
            *cols,
            sa.Column("valid_from", sa.Date),
            sa.Column("valid_to", sa.Date),
            sa.Column("import_id", sa.Text),
            sa.Column("closed_by", sa.Text),
            sa.Index(f"ix_{name}_key", *key),
            sa.Index(f"ix_{name}_valid", "valid_from", "valid_to"),
            sa.Index(
                f"ux_{name}_current",
                *index_key,
                unique=True,
                sqlite_where=sa.text("valid_to IS NULL"),
                postgresql_where=sa.text("valid_to IS NULL"),
            ),
        )

    return {
        "enterprises": versioned(
            "enterprises",
            *(sa.Column(c, sa.Text) for c in REGISTER_COLUMNS),
            key=("credit_code",),
            index_key=("credit_code",),
        ),
        "enterprise_sites": versioned(
            "enterprise_sites",
            sa.Column("credit_code", sa.Text),
            sa.Column("kind", sa.Text),
            sa.Column("object_id", sa.Text),
            sa.Column("role", sa.Text),
            sa.Column("floor_m2", sa.Double),
            key=("credit_code",),
            index_key=("credit_code", "kind", "object_id"),
        ),
        "enterprise_figures": sa.Table(
            "enterprise_figures",
            meta,
            sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("credit_code", sa.Text),
            sa.Column("year", sa.Integer),
            sa.Column("field", sa.Text),
            sa.Column("value", sa.Double),
            sa.Column("import_id", sa.Text),
            sa.Index("ix_enterprise_figures_year", "year", "credit_code"),
        ),
    }


def create_tables(conn: sa.Connection) -> None:
    """Schema step: add the enterprise tables to a store made before they existed."""
    meta = sa.MetaData()
    define_tables(meta)
    meta.create_all(conn, checkfirst=True)


def _iso(value) -> str | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10] or None


def _none(value):
    if value is None:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


class EnterpriseStoreMixin:
    """Enterprise reads and writes for :class:`~landinv.store.sql.SqlStore`."""

    # -- reads ------------------------------------------------------------------
    def _versioned_frame(self, name: str, columns, as_of: dt.date | None) -> pd.DataFrame:
        t = self.tables[name]
        stmt = sa.select(*(t.c[c] for c in (*columns, *_VERSION))).order_by(t.c.fid)
        if as_of is not None:
            stmt = stmt.where(self._valid_at(t, as_of))
        df = self._frame(stmt, [*columns, *_VERSION])
        for col in ("valid_from", "valid_to"):
            df[col] = pd.Series([_iso(v) for v in df[col]], index=df.index, dtype=object)
        return df

    def enterprises(self, as_of: dt.date | None = None) -> pd.DataFrame:
        """The register valid at ``as_of`` (every version when None).

        Columns ``credit_code, name, industry_code, scale, state, valid_from,
        valid_to, import_id, closed_by``.
        """
        return self._versioned_frame("enterprises", REGISTER_COLUMNS, as_of)

    def enterprise_sites(self, as_of: dt.date | None = None) -> pd.DataFrame:
        """Usage links valid at ``as_of``: ``credit_code, kind, object_id, role, floor_m2`` …"""
        df = self._versioned_frame("enterprise_sites", SITE_COLUMNS, as_of)
        df["floor_m2"] = pd.to_numeric(df["floor_m2"], errors="coerce")
        return df

    def enterprise_figures(self, years=None) -> pd.DataFrame:
        """Figures in force (newest live import wins) for ``years`` (all when None).

        Returns ``credit_code, year, field, value, import_id``.
        """
        f, imp = self.tables["enterprise_figures"], self.tables["imports"]
        stmt = (
            sa.select(f.c.credit_code, f.c.year, f.c.field, f.c.value, f.c.import_id)
            .select_from(f.join(imp, imp.c.import_id == f.c.import_id))
            .where(imp.c.undone_at.is_(None))
            .order_by(imp.c.fid, f.c.fid)
        )
        if years is not None:
            stmt = stmt.where(f.c.year.in_([int(y) for y in np.atleast_1d(years)]))
        df = self._frame(stmt, ["credit_code", "year", "field", "value", "import_id"])
        df = df.drop_duplicates(["credit_code", "year", "field"], keep="last")
        df["value"] = pd.to_numeric(df["value"], errors="coerce")
        df["year"] = df["year"].astype(int)
        return df.reset_index(drop=True)

    # -- writes -------------------------------------------------------------------
    def commit_enterprises(
        self,
        batch,
        *,
        file_name: str,
        sha256: str,
        effective_date: dt.date,
        user: str = "",
        encoding: str = "",
        report: dict | None = None,
        import_id: str | None = None,
    ) -> str:
        """Store a checked enterprise file in one transaction; return the import ID.

        Register rows whose stated attributes differ from the current version
        are closed at ``effective_date`` and a new version added; the usage
        links the file states for an enterprise replace its current ones of
        that kind; figures are added. Refused (store unchanged) when the same
        file is live already or a register row would start before its current one.
        """
        from landinv.store.sql import new_import_id, utc_now

        import_id = import_id or new_import_id()
        with self._write() as conn:
            existing = self._live_import(conn, sha256)
            if existing:
                raise ConflictError("err.eff.already_imported", import_id=existing)
            changed = self._write_register(conn, batch.register, effective_date, import_id)
            links = self._write_sites(conn, batch, effective_date, import_id)
            figures = batch.figures
            if len(figures):
                rows = [
                    {
                        "credit_code": c,
                        "year": int(y),
                        "field": f,
                        "value": float(v),
                        "import_id": import_id,
                    }
                    for c, y, f, v in figures[list(FIGURE_COLUMNS)].itertuples(index=False)
                ]
                conn.execute(self.tables["enterprise_figures"].insert(), rows)
            conn.execute(
                self.tables["imports"].insert(),
                [
                    {
                        "import_id": import_id,
                        "kind": KIND,
                        "file_name": file_name,
                        "sha256": sha256,
                        "user_name": user,
                        "created_at": utc_now(),
                        "effective_date": effective_date,
                        "source_crs": "",
                        "encoding": encoding,
                        "n_features": len(batch.register),
                        "report_json": json.dumps(report or {}, ensure_ascii=False, default=str),
                        "undone_at": None,
                        "undone_by": None,
                    }
                ],
            )
            self._log(
                conn,
                "import",
                KIND,
                None,
                effective_date,
                user=user,
                import_id=import_id,
                # Both languages: the change log shows stored notes as they are.
                note=i18n.both(
                    "eff.log.import_note",
                    file=file_name,
                    changed=changed,
                    links=links,
                    figures=len(figures),
                    year=batch.year,
                ),
            )
        return import_id

    def _current(self, conn, table, codes) -> list[dict]:
        found = []
        codes = sorted(set(codes))
        for start in range(0, len(codes), 900):  # SQLite's bound-parameter limit
            chunk = codes[start : start + 900]
            found += [
                dict(r)
                for r in conn.execute(
                    sa.select(table).where(
                        table.c.credit_code.in_(chunk), table.c.valid_to.is_(None)
                    )
                ).mappings()
            ]
        return found

    def _close(self, conn, table, fids, date, import_id) -> None:
        fids = list(fids)
        for start in range(0, len(fids), 900):
            conn.execute(
                table.update()
                .where(table.c.fid.in_(fids[start : start + 900]))
                .values(valid_to=date, closed_by=import_id)
            )

    def _check_start(self, rows, date) -> None:
        for row in rows:
            start = row["valid_from"]
            start = dt.date.fromisoformat(str(start)[:10]) if start is not None else None
            if start is not None and start > date:
                raise UsageError(
                    "err.eff.before_current",
                    credit_code=row["credit_code"],
                    date=date.isoformat(),
                    start=start.isoformat(),
                )

    def _write_register(self, conn, register: pd.DataFrame, date, import_id) -> int:
        table = self.tables["enterprises"]
        current = {
            r["credit_code"]: r
            for r in self._current(conn, table, register["credit_code"].tolist())
        }
        closes, inserts = [], []
        for rec in register.to_dict("records"):
            code = rec["credit_code"]
            old = current.get(code)
            stated = {k: _none(rec.get(k)) for k in REGISTER_COLUMNS[1:]}
            if old is None:
                if stated["name"] is None:
                    raise ConflictError("err.eff.unknown_enterprise", credit_code=code)
                new = {"credit_code": code, **stated}
            else:
                new = {
                    "credit_code": code,
                    **{
                        k: stated[k] if stated[k] is not None else old[k]
                        for k in REGISTER_COLUMNS[1:]
                    },
                }
                if all(new[k] == old[k] for k in REGISTER_COLUMNS[1:]):
                    continue
                self._check_start([old], date)
                closes.append(old["fid"])
            inserts.append(
                {
                    **new,
                    "valid_from": date,
                    "valid_to": None,
                    "import_id": import_id,
                    "closed_by": None,
                }
            )
        self._close(conn, table, closes, date, import_id)
        if inserts:
            conn.execute(table.insert(), inserts)
        return len(inserts)

    def _write_sites(self, conn, batch, date, import_id) -> int:
        table = self.tables["enterprise_sites"]
        scope = set(batch.site_scope)
        if not scope:
            return 0
        current = [
            r
            for r in self._current(conn, table, [c for c, _ in scope])
            if (r["credit_code"], r["kind"]) in scope
        ]
        wanted = {}
        for rec in batch.sites.to_dict("records"):
            floor = _none(rec["floor_m2"])
            wanted[(rec["credit_code"], rec["kind"], rec["object_id"])] = (
                rec["role"],
                None if floor is None else float(floor),
            )
        closes, kept = [], set()
        for row in current:
            key = (row["credit_code"], row["kind"], row["object_id"])
            floor = row["floor_m2"]
            if key in wanted and wanted[key] == (row["role"], floor):
                kept.add(key)
            else:
                closes.append(row)
        self._check_start(closes, date)
        self._close(conn, table, [r["fid"] for r in closes], date, import_id)
        inserts = [
            {
                "credit_code": k[0],
                "kind": k[1],
                "object_id": k[2],
                "role": v[0],
                "floor_m2": v[1],
                "valid_from": date,
                "valid_to": None,
                "import_id": import_id,
                "closed_by": None,
            }
            for k, v in wanted.items()
            if k not in kept
        ]
        if inserts:
            conn.execute(table.insert(), inserts)
        return len(inserts) + len(closes)

    def _undo_enterprises(self, conn, import_id: str, date: dt.date) -> int:
        """Undo hook: close the rows ``import_id`` added and bring back what it closed.

        Figures need nothing: an undone import's figures are no longer in force.
        A reopened version is a new row starting at the undo date (history is
        only ever appended).
        """
        closed = 0
        for name, key in (
            ("enterprises", ("credit_code",)),
            ("enterprise_sites", ("credit_code", "kind", "object_id")),
        ):
            table = self.tables[name]
            end = sa.case((table.c.valid_from > date, table.c.valid_from), else_=date)
            closed += conn.execute(
                table.update()
                .where(table.c.import_id == import_id, table.c.valid_to.is_(None))
                .values(valid_to=end, closed_by=import_id)
            ).rowcount
            earlier = [
                dict(r)
                for r in conn.execute(
                    sa.select(table).where(
                        table.c.closed_by == import_id, table.c.import_id != import_id
                    )
                ).mappings()
            ]
            live_keys = {
                tuple(r[k] for k in key)
                for r in self._current(conn, table, [r["credit_code"] for r in earlier])
            }
            inserts = []
            for row in earlier:
                if tuple(row[k] for k in key) in live_keys:
                    continue
                # Undone before it took effect: the earlier version simply goes on.
                start = dt.date.fromisoformat(str(row["valid_to"])[:10])
                row.pop("fid")
                row.update(valid_from=max(start, date), valid_to=None, closed_by=None)
                inserts.append(row)
                live_keys.add(tuple(row[k] for k in key))
            if inserts:
                conn.execute(table.insert(), inserts)
        return closed

    def _load_enterprise_snapshot(self, conn, layers: dict) -> None:
        """Snapshot hook: insert the enterprise tables of ``layers`` as they are."""
        for name in TABLES:
            df = layers.get(name)
            if df is None or not len(df):
                continue
            table = self.tables[name]
            cols = [c.name for c in table.columns if c.name != "fid" and c.name in df.columns]
            records = df[cols].astype(object).where(df[cols].notna(), None).to_dict("records")
            for row in records:
                for c in ("valid_from", "valid_to"):
                    if row.get(c) is not None:
                        row[c] = dt.date.fromisoformat(str(row[c])[:10])
                if row.get("year") is not None:
                    row["year"] = int(row["year"])
            conn.execute(table.insert(), records)

    def enterprise_snapshot(self) -> dict[str, pd.DataFrame]:
        """Every row of the enterprise tables (for backups)."""
        figures_table = self.tables["enterprise_figures"]
        figures = self._frame(
            sa.select(*(figures_table.c[c] for c in (*FIGURE_COLUMNS, "import_id"))).order_by(
                figures_table.c.fid
            ),
            [*FIGURE_COLUMNS, "import_id"],
        )
        return {
            "enterprises": self.enterprises(),
            "enterprise_sites": self.enterprise_sites(),
            "enterprise_figures": figures,
        }
