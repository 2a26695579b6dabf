"""Enterprises and per-mu efficiency: one function per planner action (CLI and app).

Import an enterprise file, evaluate a year, zone figures, low-efficiency
candidates, mark a candidate as revitalisation land, export the evaluation.

Size: one function per planner action of one capability (import, evaluate,
figures, candidates, marking, export); each is short.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from landinv.domain import BUILDINGS, PARCELS, REVITALISED, Config
from landinv.efficiency.checks import EnterpriseBatch, ImportContext, check_table
from landinv.efficiency.evaluate import evaluate
from landinv.efficiency.lowland import candidates as find_candidates
from landinv.efficiency.report import EnterpriseReport
from landinv.efficiency.scheme import Scheme, load_scheme
from landinv.efficiency.table import read_table
from landinv.efficiency.yeardata import YearData, enterprise_frame, year_end
from landinv.efficiency.zones import zone_figures
from landinv.errors import UsageError
from landinv.schema import SAMPLE_ENTERPRISES_PREFIX, SAMPLE_REPORT_KEY, SEED_USER


@dataclass
class ImportOutcome:
    """What :func:`import_enterprises` did: the report and, if stored, the import ID."""

    report: EnterpriseReport
    import_id: str | None = None
    dry_run: bool = False
    batch: EnterpriseBatch | None = None

    @property
    def ok(self) -> bool:
        return self.report.accepted

    def to_dict(self) -> dict:
        return {**self.report.to_dict(), "import_id": self.import_id, "dry_run": self.dry_run}


def import_context(store, year: int) -> ImportContext:
    """What an enterprise file for ``year`` is checked against, read from ``store``."""
    reg = store.enterprises(None)
    current = reg[reg["valid_to"].isna()].set_index("credit_code")
    parcels = store.layer(PARCELS, None, geometry=False)
    buildings = store.layer(BUILDINGS, year_end(year), geometry=False)
    if buildings.empty:
        buildings = store.layer(BUILDINGS, None, geometry=False).drop_duplicates(
            "building_id", keep="last"
        )
    figures = store.enterprise_figures()
    other = figures[(figures["year"] != int(year)) & (figures["value"] > 0)]
    medians = other.groupby("field")["value"].median().to_dict()
    return ImportContext(
        year=int(year),
        register=dict(
            current[["name", "scale", "state", "industry_code"]].to_dict("index").items()
        ),
        parcels=set(parcels["parcel_id"].astype(str)),
        buildings=dict(
            zip(buildings["building_id"].astype(str), buildings["floor_area_m2"].astype(float))
        ),
        medians=medians,
    )


def import_enterprises(
    store,
    path,
    *,
    year: int,
    effective_date: dt.date | None = None,
    dry_run: bool = False,
    user: str = "",
    file_name: str | None = None,
    import_id: str | None = None,
    sample: bool = False,
) -> ImportOutcome:
    """Read, check and (unless ``dry_run`` or refused) store an enterprise file.

    The store changes in one transaction or not at all; the import is logged
    (History) and can be undone like any other. ``effective_date`` (default
    1 January of ``year``) is when register and land-use changes take effect.
    ``sample`` marks the import record as seeded illustrative data
    (:func:`landinv.sample.seed.is_sample_import`).
    """
    path = Path(path)
    if not path.is_file():
        raise UsageError("err.eff.not_found", path=str(path))
    if not 1900 <= int(year) <= 2200:
        raise UsageError("err.eff.year", year=year)
    table = read_table(path)
    data = path.read_bytes()
    report = EnterpriseReport(
        file_name=file_name or path.name,
        format=table.format,
        encoding=table.encoding,
        year=int(year),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    batch = check_table(table, import_context(store, year), report)
    outcome = ImportOutcome(report, dry_run=dry_run, batch=batch)
    if batch is None or dry_run:
        return outcome
    outcome.import_id = store.commit_enterprises(
        batch,
        file_name=report.file_name,
        sha256=report.sha256,
        effective_date=effective_date or dt.date(int(year), 1, 1),
        user=user,
        encoding=report.encoding,
        report={**report.to_dict(), **({SAMPLE_REPORT_KEY: True} if sample else {})},
        import_id=import_id,
    )
    return outcome


def seed_sample_enterprises(store, data_dir: Path | None = None) -> list[str]:
    """Load the illustrative enterprises (``data/enterprises/``) into a freshly seeded store.

    Only a store holding the shipped sample parcels (import ``sample``) that never
    had an enterprise import gets them, so a planner's undo is never reverted
    and real inventories are never touched. Each year is one logged import.
    """
    from landinv.errors import ConflictError
    from landinv.sample.seed import SAMPLE_ENTERPRISES_NOTE
    from landinv.sample.writer import DATA_DIR
    from landinv.schema import SAMPLE_IMPORT_ID

    log = store.imports()
    if SAMPLE_IMPORT_ID not in set(log["import_id"]) or (log["kind"] == "enterprises").any():
        return []
    folder = (data_dir or DATA_DIR) / "enterprises"
    done = []
    for path in sorted(folder.glob("enterprises_*.csv")):
        year = int(path.stem.rsplit("_", 1)[1])
        try:
            out = import_enterprises(
                store,
                path,
                year=year,
                user=SEED_USER,
                file_name=f"data/enterprises/{path.name} ({SAMPLE_ENTERPRISES_NOTE})",
                import_id=f"{SAMPLE_ENTERPRISES_PREFIX}{year}",
                sample=True,
            )
        except ConflictError:
            break  # another process seeded them at the same moment
        if out.import_id:
            done.append(out.import_id)
    return done


def year_data(store, year: int) -> YearData:
    """The store's state at the end of ``year`` (see :class:`YearData`)."""
    day = year_end(year)
    return YearData(
        int(year),
        store.enterprises(day),
        store.enterprise_sites(day),
        store.layer(PARCELS, day, geometry=False),
        store.layer(BUILDINGS, day, geometry=False),
        store.enterprise_figures(int(year)),
    )


@dataclass
class Evaluation:
    """A year's evaluation with everything it was computed from."""

    year: int
    scheme: Scheme
    table: pd.DataFrame
    shares: pd.DataFrame
    data: YearData = field(repr=False)


def evaluate_year(
    store, year: int, *, scheme: Scheme | None = None, config_path=None
) -> Evaluation:
    """Evaluate every enterprise registered at the end of ``year``."""
    scheme = scheme or load_scheme(year, config_path)
    data = year_data(store, year)
    frame, shares = enterprise_frame(data, scheme)
    return Evaluation(int(year), scheme, evaluate(frame, scheme), shares, data)


def indicator_codes(scheme: Scheme, scale: str | None = None) -> list[str]:
    groups = (scheme.above, scheme.below) if scale is None else (scheme.group(scale),)
    return list(dict.fromkeys(i.code for g in groups for i in g.indicators))


def evaluation_records(ev: Evaluation) -> list[dict]:
    """The JSON shape of ``landinv evaluate --json`` (see docs/efficiency.md)."""
    out = []
    for rec in ev.table.to_dict("records"):
        codes = (
            indicator_codes(ev.scheme, rec["scale"]) if rec["scale"] in ("above", "below") else []
        )
        out.append(
            {
                "credit_code": rec["credit_code"],
                "name": rec["name"],
                "scale": rec["scale"],
                "state": rec["state"],
                "zone": _clean(rec.get("zone")),
                "land_mu": _clean(rec["land_mu"]),
                "indicators": {c: _clean(rec.get(f"v_{c}")) for c in codes},
                "scores": {c: _clean(rec.get(f"s_{c}")) for c in codes} if rec["class"] else {},
                "total": _clean(rec["total"]),
                "rank": _clean(rec["rank"]),
                "class": _clean(rec["class"]),
                "not_classed": _clean(rec["reason"]),
            }
        )
    return out


def _clean(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def zones_summary(ev: Evaluation, config: Config) -> pd.DataFrame:
    """Above-scale tax and value added per mu by sub-area vs the target, class counts."""
    return zone_figures(ev.table, ev.shares, ev.data.parcels, ev.scheme, config.zone_codes)


def low_efficiency(
    store, year: int, *, scheme: Scheme | None = None, config_path=None
) -> tuple[pd.DataFrame, Evaluation]:
    """Candidates for revitalisation at the end of ``year``, and that year's evaluation.

    Earlier years (the class-D rule) use their own ``[evaluation.YEAR]``, or, when
    ``scheme`` is given, that same scheme.
    """
    given = scheme

    def scheme_for(y: int) -> Scheme:
        return replace(given, year=y) if given is not None else load_scheme(y, config_path)

    scheme = scheme or load_scheme(year, config_path)
    ev = evaluate_year(store, year, scheme=scheme)
    evaluations = {int(year): ev.table}
    years = max([int(r.value) for r in scheme.rules if r.kind == "class_d_years"] or [1])
    for back in range(1, years):
        y = int(year) - back
        try:
            evaluations[y] = evaluate_year(store, y, scheme=scheme_for(y)).table
        except UsageError:
            break
    history = store.layer(PARCELS, None, geometry=False)
    table = find_candidates(
        int(year), scheme, evaluations, ev.shares, ev.data.parcels, ev.data.buildings, history
    )
    return table, ev


def candidate_records(table: pd.DataFrame, scheme: Scheme, lang: str = "zh") -> list[dict]:
    """The JSON shape of ``landinv candidates --json`` (see docs/efficiency.md)."""
    names = {r.code: r.name(lang) for r in scheme.rules}
    return [
        {
            "parcel_id": r["parcel_id"],
            "name": r["name"],
            "zone": r["zone"],
            "area_mu": float(r["area_mu"]),
            "credit_codes": list(r["credit_codes"]),
            "enterprise_names": list(r["enterprise_names"]),
            "reasons": [names[c] for c in r["rules"]],
            "rules": list(r["rules"]),
            "figures": {
                "tax_per_mu": _clean(r["tax_per_mu"]),
                "zone_tax_per_mu": _clean(r["zone_tax_per_mu"]),
                "plot_ratio": _clean(r["plot_ratio"]),
                "supply_date": r["supply_date"],
                "producing": bool(r["producing"]),
            },
        }
        for r in table.to_dict("records")
    ]


def revitalisation_target(config: Config, year: int) -> float | None:
    """The year's revitalisation target in mu (``[targets.YEAR] revitalised``), if any."""
    return config.annual_targets_mu.get(int(year), {}).get(REVITALISED)


def mark_revitalisation(
    store,
    parcel_id: str,
    *,
    year: int,
    date: dt.date,
    reason: str,
    user: str = "",
    config_path=None,
) -> None:
    """Mark a low-efficiency candidate as revitalisation land (the reclassify, with the reason).

    Refused unless ``parcel_id`` is a candidate of ``year`` and a reason is given.
    """
    if not reason or not reason.strip():
        raise UsageError("err.eff.reason_needed")
    table, _ = low_efficiency(store, year, config_path=config_path)
    row = table[table["parcel_id"] == parcel_id]
    if row.empty:
        raise UsageError("err.eff.not_candidate", parcel_id=parcel_id, year=year)
    rules = ", ".join(row.iloc[0]["rules"])
    store.reclassify_parcel(
        parcel_id,
        date=date,
        category=REVITALISED,
        user=user,
        note=f"{reason.strip()} [low-efficiency {year}: {rules}]",
    )


def evaluation_years(store) -> list[int]:
    """Years with figures in force, newest first."""
    years = store.enterprise_figures()["year"]
    return sorted({int(y) for y in years}, reverse=True)


@dataclass
class YearOverview:
    """Everything the efficiency page shows for a year."""

    evaluation: Evaluation
    zones: pd.DataFrame
    candidates: pd.DataFrame
    parcels: pd.DataFrame
    revitalisation_target: float | None


def year_overview(store, year: int, config: Config, *, config_path=None) -> YearOverview:
    """Evaluation, zone figures, candidates and per-parcel figures of ``year``."""
    from landinv.efficiency.lowland import parcel_figures

    table, ev = low_efficiency(store, year, config_path=config_path)
    return YearOverview(
        ev,
        zones_summary(ev, config),
        table,
        parcel_figures(ev.table, ev.shares, ev.data.parcels),
        revitalisation_target(config, year),
    )


def enterprises_on(store, kind: str, object_id: str, year: int) -> pd.DataFrame:
    """Enterprises using parcel (``kind='parcels'``) or renting in building ``object_id``
    at the end of ``year``, with their figures and class that year."""
    ev = evaluate_year(store, year)
    sites = ev.data.sites
    if kind == PARCELS:
        on_parcel = ev.data.buildings.loc[
            ev.data.buildings["parcel_id"] == object_id, "building_id"
        ]
        links = sites[
            ((sites["kind"] == "parcel") & (sites["object_id"] == object_id))
            | ((sites["kind"] == "building") & sites["object_id"].isin(on_parcel))
        ]
    else:
        links = sites[(sites["kind"] == "building") & (sites["object_id"] == object_id)]
    table = ev.table.set_index("credit_code")
    rows = []
    for link in links.to_dict("records"):
        code = link["credit_code"]
        rec = table.loc[code] if code in table.index else None
        rows.append(
            {
                "credit_code": code,
                "name": None if rec is None else rec["name"],
                "role": link["role"],
                "rented_m2": _clean(link["floor_m2"]),
                "scale": None if rec is None else rec["scale"],
                "state": None if rec is None else rec["state"],
                "land_mu": None if rec is None else _clean(rec["land_mu"]),
                "tax": None if rec is None else _clean(rec["tax"]),
                "tax_per_mu": None if rec is None else _clean(rec.get("v_tax_per_mu")),
                "class": None if rec is None else _clean(rec["class"]),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "credit_code",
            "name",
            "role",
            "rented_m2",
            "scale",
            "state",
            "land_mu",
            "tax",
            "tax_per_mu",
            "class",
        ],
    )
