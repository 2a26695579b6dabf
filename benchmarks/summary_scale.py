"""Workload 6: summary and floor check of a 1,000,000-parcel store.

Ours: ``store.summary(as_of)`` and ``store.factory_totals(as_of)`` (one GROUP BY
each in the database) and :func:`landinv.reports.floor_checks`. Naive: load
every row of both layers, geometry included, into GeoPandas and aggregate
there. Both run in a fresh child process so the peak memory is theirs alone,
and both must agree on the two floor figures.
"""

from __future__ import annotations

import datetime as dt
import math
import time

from benchmarks import datasets
from benchmarks.measure import ChildFailed, Row, limit_row, run_child

TITLE = "6. Summary and floor check at scale"
#: Goal per backend, seconds.
LIMIT_S = 30.0


def _open(backend: str, location: str):
    if backend == "gpkg":
        from landinv.store.gpkg import GpkgStore

        return GpkgStore(location)
    from landinv.store.postgis import PostgisStore

    return PostgisStore(location)


def child_ours(backend: str, location: str, as_of: str) -> dict:
    """Child process: summary + factory totals + floor checks through the store."""
    from landinv.analysis import floor_checks
    from landinv.domain import load_config

    config = load_config()
    store = _open(backend, location)
    t0 = time.perf_counter()
    day = dt.date.fromisoformat(as_of)
    summary = store.summary(day)
    totals = store.factory_totals(day)
    checks = floor_checks(summary, totals, config)
    seconds = time.perf_counter() - t0
    store.close()
    return {
        "seconds": seconds,
        "parcels": int(summary["count"].sum()),
        "ready_mu": checks[0].value,
        "factory_m2": checks[1].value,
    }


def child_naive(backend: str, location: str, as_of: str) -> dict:
    """Child process: every row with geometry into GeoPandas, aggregated there."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    import sqlalchemy as sa

    from landinv.analysis import floor_checks
    from landinv.domain import load_config

    config = load_config()
    t0 = time.perf_counter()
    if backend == "gpkg":
        parcels = pyogrio.read_dataframe(location, layer="parcels")
        buildings = pyogrio.read_dataframe(location, layer="buildings")
    else:
        from landinv.store.postgis import parse_url

        url, schema = parse_url(location)
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            parcels = gpd.read_postgis(f"SELECT * FROM {schema}.parcels", conn, geom_col="geom")
            buildings = gpd.read_postgis(f"SELECT * FROM {schema}.buildings", conn, geom_col="geom")
        engine.dispose()
    loaded = time.perf_counter() - t0

    def valid(frame):
        start = pd.to_datetime(frame["valid_from"])
        end = pd.to_datetime(frame["valid_to"])
        day = pd.Timestamp(as_of)
        return frame[(start <= day) & (end.isna() | (end > day))]

    p = valid(parcels)
    summary = p.groupby(["zone", "category", "status"], as_index=False).agg(
        count=("parcel_id", "size"), area_m2=("area_m2", "sum")
    )
    b = valid(buildings)
    b = b.assign(is_standard_factory=b["is_standard_factory"].astype(bool))
    totals = b.groupby(["zone", "is_standard_factory"], as_index=False).agg(
        count=("building_id", "size"), floor_area_m2=("floor_area_m2", "sum")
    )
    checks = floor_checks(summary, totals, config)
    return {
        "seconds": time.perf_counter() - t0,
        "load_seconds": loaded,
        "parcels": int(summary["count"].sum()),
        "rows_loaded": len(parcels) + len(buildings),
        "ready_mu": checks[0].value,
        "factory_m2": checks[1].value,
    }


def _agree(a: dict, b: dict) -> bool:
    return (
        a["parcels"] == b["parcels"]
        and math.isclose(a["ready_mu"], b["ready_mu"], rel_tol=1e-9)
        and math.isclose(a["factory_m2"], b["factory_m2"], rel_tol=1e-9)
    )


def _measure(
    ctx, backend: str, location: str, naive_location: str, n: int, naive_n: int
) -> list[Row]:
    name = "GeoPackage" if backend == "gpkg" else "PostGIS"
    as_of = datasets.AS_OF.isoformat()
    ours = run_child(
        "benchmarks.summary_scale:child_ours", backend=backend, location=location, as_of=as_of
    )
    note = f"{ours['parcels']:,} parcels valid on {as_of}"
    naive = None
    try:
        naive = run_child(
            "benchmarks.summary_scale:child_naive",
            backend=backend,
            location=naive_location,
            as_of=as_of,
        )
    except ChildFailed as exc:
        note += f"; naive failed: {str(exc)[-200:]}"
    if naive is not None:
        if naive_n == n:
            note += (
                "; same floors as naive" if _agree(ours, naive) else "; FLOORS DIFFER FROM NAIVE"
            )
        else:
            note += f"; naive measured at {naive_n:,} parcels (full size would exceed the budget)"
    rows = [
        limit_row(
            "6 summary",
            f"{name}: summary + floor check, {n:,} parcels",
            ours["seconds"],
            naive=None if naive_n != n or naive is None else naive["seconds"],
            limit=LIMIT_S,
            unit="s",
            note=note,
        ),
        Row(
            "6 summary",
            f"{name}: peak memory of that process",
            ours["maxrss_mb"],
            None if naive_n != n or naive is None else naive["maxrss_mb"],
            "MiB",
            note="reported, no goal (includes Python and library imports)",
        ),
    ]
    if naive is not None and naive_n != n:
        rows.append(
            Row(
                "6 summary",
                f"{name}: naive at {naive_n:,} parcels",
                None,
                naive["seconds"],
                "s",
                note=f"peak {naive['maxrss_mb']:.0f} MiB; load {naive['load_seconds']:.1f} s",
            )
        )
    return rows


def run(ctx: datasets.Context) -> list[Row]:
    """Measure both backends (PostGIS only when a server is available)."""
    n, naive_n = ctx.sizes.summary, min(ctx.sizes.summary_naive, ctx.sizes.summary)
    gpkg = str(datasets.gpkg_store(ctx, n, cells="all"))
    naive_gpkg = gpkg if naive_n == n else str(datasets.gpkg_store(ctx, naive_n, cells="all"))
    rows = _measure(ctx, "gpkg", gpkg, naive_gpkg, n, naive_n)
    if ctx.pg_url is None:
        rows.append(
            Row(
                "6 summary",
                f"PostGIS: summary + floor check, {n:,} parcels",
                None,
                goal=f"< {LIMIT_S:g} s",
                note=ctx.pg_note,
            )
        )
        return rows
    url = datasets.postgis_store(ctx, ctx.pg_url, n, cells="all")
    naive_url = (
        url
        if naive_n == n
        else datasets.postgis_store(
            ctx, _with_schema(ctx.pg_url, "landinv_naive"), naive_n, cells="all"
        )
    )
    rows += _measure(ctx, "postgis", url, naive_url, n, naive_n)
    return rows


def _with_schema(url: str, schema: str) -> str:
    """The store URL of another schema in the same database."""
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"
