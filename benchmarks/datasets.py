"""Inputs of the workloads: sizes, the run context, and cached synthetic data.

Generated files and GeoPackage stores are kept in ``benchmarks/out/data``
under names that carry their size, seed, the store's schema version and a
hash of the generator's source, so a second run reuses them and a changed
generator or schema builds them again. Stores are filled only through the
public store API (``load_snapshot`` for the first chunk, with history, then
``commit_import`` chunk by chunk), exactly as the app would fill them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from benchmarks import synth
from benchmarks.measure import ROOT

OUT_DIR = ROOT / "benchmarks" / "out"
#: Parcels per generated chunk: bounds the memory of building a 1M store.
CHUNK = 100_000
#: Share of the first chunk's parcels given an earlier, closed version.
HISTORY_SHARE = 0.1
#: Business dates of the synthetic history; summaries are taken as of AS_OF.
BASE_DATE = dt.date(2023, 1, 1)
CHANGE_DATE = dt.date(2024, 6, 30)
AS_OF = dt.date(2025, 6, 30)


@dataclass(frozen=True)
class Sizes:
    """Parcel counts of every workload (see :data:`PRESETS`)."""

    ingest: int
    area: int
    map: int
    paint: tuple[int, ...]
    rerun: int
    app_memory: int
    summary: int
    #: The naive summary loads every geometry: measured at this size when smaller.
    summary_naive: int
    #: Page loads per map of at most 20,000 parcels (median kept; larger: one).
    paint_repeats: int = 5


PRESETS = {
    "full": Sizes(
        ingest=100_000,
        area=100_000,
        map=100_000,
        paint=(10_000, 100_000),
        rerun=10_000,
        app_memory=100_000,
        summary=1_000_000,
        summary_naive=1_000_000,
    ),
    "quick": Sizes(
        ingest=10_000,
        area=10_000,
        map=10_000,
        paint=(10_000,),
        rerun=10_000,
        app_memory=10_000,
        summary=100_000,
        summary_naive=100_000,
        paint_repeats=3,
    ),
    "smoke": Sizes(
        ingest=200,
        area=200,
        map=200,
        paint=(200,),
        rerun=200,
        app_memory=200,
        summary=200,
        summary_naive=200,
        paint_repeats=1,
    ),
}


@dataclass
class Context:
    """What every workload's ``run(ctx)`` gets."""

    sizes: Sizes
    out: Path = OUT_DIR
    seed: int = 20250630
    pg_url: str | None = None
    pg_note: str = "not measured: no PostgreSQL server"
    fresh: bool = False
    log: Callable[[str], None] = field(default=print)
    #: Results one workload leaves for another in the same run (e.g. map pages).
    memo: dict = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        path = self.out / "data"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def work_dir(self, name: str) -> Path:
        path = self.out / name
        path.mkdir(parents=True, exist_ok=True)
        return path


def _source_tag() -> str:
    """Short hash of the generator and the store layout (part of cache names)."""
    from landinv.store.sql import SCHEMA_VERSION

    digest = hashlib.sha256(Path(synth.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return f"v{SCHEMA_VERSION}-{digest.hexdigest()[:8]}"


def _cached(ctx: Context, name: str, build: Callable[[Path], None]) -> Path:
    """Path of a cached artefact, building it first (atomically) when missing."""
    path = ctx.data_dir / name
    rebuilt = ctx.memo.setdefault("rebuilt", set())  # --fresh rebuilds once per run
    if path.exists() and (not ctx.fresh or path in rebuilt):
        return path
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    build(path)
    rebuilt.add(path)
    ctx.log(f"  built {path.name} in {time.perf_counter() - t0:.1f} s")
    # The same artefact made by an older generator or schema is stale now.
    for old in ctx.data_dir.glob(name.replace(_source_tag(), "*")):
        if old != path:
            old.unlink()
    return path


# -- upload files ----------------------------------------------------------------


def upload_zip(ctx: Context, n: int, *, overlap_share: float = 0.0) -> Path:
    """A surveyor's zipped GBK shapefile (Gauss-Kruger EPSG:4528, no .cpg) of
    ``n`` parcels that interleave with :func:`gpkg_store`'s (none overlapping,
    or ``overlap_share`` of them moved onto stored parcels)."""

    def build(path: Path) -> None:
        parcels = synth.make_parcels(
            n, seed=ctx.seed + 1, cells="odd", overlap_share=overlap_share, id_prefix="UP"
        )
        synth.write_zipped_shapefile(synth.to_survey_fields(parcels), path)

    tag = f"-overlap{overlap_share:g}" if overlap_share else ""
    return _cached(ctx, f"upload-{n}{tag}-s{ctx.seed}-{_source_tag()}.zip", build)


# -- stores ------------------------------------------------------------------------


def chunk_layers(n: int, seed: int, k: int, *, cells: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parcels and buildings of chunk ``k`` of an ``n``-parcel inventory, with
    ``valid_from`` / ``valid_to`` / ``import_id`` (chunk 0 carries history)."""
    start = k * CHUNK
    size = min(CHUNK, n - start)
    parcels = synth.make_parcels(size, seed=seed + 100 + k, cells=cells, start=start, total=n)
    buildings = synth.make_buildings(parcels, seed=seed + 100 + k)
    import_id = f"bench-{k}"
    parcels["valid_from"] = BASE_DATE.isoformat()
    parcels["valid_to"] = None
    parcels["import_id"] = import_id
    buildings["valid_from"] = BASE_DATE.isoformat()
    buildings["valid_to"] = None
    buildings["import_id"] = import_id
    if k == 0:
        # An earlier version of some parcels: available until CHANGE_DATE,
        # then the current row takes over (supplied or reclassified).
        changed = parcels.sample(frac=HISTORY_SHARE, random_state=seed).index
        old = parcels.loc[changed].copy()
        old["valid_to"] = CHANGE_DATE.isoformat()
        old["status"] = "available"
        old["project"] = None
        parcels.loc[changed, "valid_from"] = CHANGE_DATE.isoformat()
        parcels = pd.concat([old, parcels], ignore_index=True)
    return parcels, buildings


def fill_store(store, n: int, seed: int, *, cells: str = "even", log=print) -> None:
    """Fill an empty store with an ``n``-parcel inventory, chunk by chunk."""
    chunks = (n + CHUNK - 1) // CHUNK
    for k in range(chunks):
        parcels, buildings = chunk_layers(n, seed, k, cells=cells)
        if k == 0:
            store.load_snapshot(
                {
                    "parcels": parcels,
                    "buildings": buildings,
                    "imports": _import_log(k, len(parcels) + len(buildings)),
                }
            )
            continue
        for kind, frame in (("parcels", parcels), ("buildings", buildings)):
            store.commit_import(
                kind,
                frame,
                file_name=f"synthetic chunk {k} ({kind})",
                sha256=hashlib.sha256(f"{seed}-{n}-{k}-{kind}".encode()).hexdigest(),
                effective_date=BASE_DATE,
                user="benchmark",
            )
        if chunks > 2:
            log(f"    chunk {k + 1}/{chunks}")


def _import_log(k: int, n: int) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "import_id": f"bench-{k}",
                "kind": "parcels+buildings",
                "file_name": "synthetic benchmark inventory",
                "sha256": f"bench-{k}",
                "user_name": "benchmark",
                "created_at": "2025-01-01T00:00:00.000000Z",
                "effective_date": BASE_DATE.isoformat(),
                "source_crs": "EPSG:4490",
                "encoding": "UTF-8",
                "n_features": n,
                "report_json": "{}",
                "undone_at": None,
                "undone_by": None,
            }
        ]
    )


def gpkg_store(ctx: Context, n: int, *, cells: str = "even") -> Path:
    """A GeoPackage store holding an ``n``-parcel inventory (cached)."""
    from landinv.store.gpkg import GpkgStore

    def build(path: Path) -> None:
        tmp = path.with_name(path.stem + "-building.gpkg")
        tmp.unlink(missing_ok=True)
        store = GpkgStore(tmp)
        try:
            fill_store(store, n, ctx.seed, cells=cells, log=ctx.log)
        finally:
            store.close()
        os.replace(tmp, path)

    return _cached(ctx, f"store-{n}-{cells}-s{ctx.seed}-{_source_tag()}.gpkg", build)


#: Tables copied from a GeoPackage store into a PostGIS one, geometry last.
_COPIED = ("parcels", "buildings", "imports", "changes")


def postgis_store(ctx: Context, url: str, n: int, *, cells: str = "all") -> str:
    """A PostGIS store (at ``url``) holding the same rows as :func:`gpkg_store`.

    The store creates its own schema; the rows are then copied from the
    GeoPackage store with ``COPY`` (geometry as hex EWKB), which keeps the
    ten-minute budget; the rows, areas and dates are those the API wrote into
    the GeoPackage. (``commit_import`` itself now uses COPY too, 3-5 s per
    100,000 parcels; see the ``writes`` workload.)
    """
    import sqlite3

    import psycopg
    import shapely

    from landinv.store.gpkg import decode_gpkg
    from landinv.store.postgis import PostgisStore, parse_url

    source = gpkg_store(ctx, n, cells=cells)
    store = PostgisStore(url)
    schema = store.schema
    store.close()
    pg_url = parse_url(url)[0].set(drivername="postgresql", query={})
    t0 = time.perf_counter()
    src = sqlite3.connect(source)
    with psycopg.connect(pg_url.render_as_string(hide_password=False)) as conn:
        conn.execute(f"SET search_path TO {schema}, public")
        for table in _COPIED:
            cols = [
                r[1]
                for r in src.execute(f"PRAGMA table_info({table})")
                if r[1] not in ("fid", "change_id")
            ]
            geom = "geom" in cols
            cur = src.execute(f"SELECT {', '.join(cols)} FROM {table}")
            with conn.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                while batch := cur.fetchmany(50_000):
                    if geom:
                        g = len(cols) - 1 - cols[::-1].index("geom")
                        shapes = shapely.set_srid(decode_gpkg([r[g] for r in batch]), 4490)
                        hexes = shapely.to_wkb(shapes, hex=True, include_srid=True)
                        batch = [(*r[:g], h, *r[g + 1 :]) for r, h in zip(batch, hexes)]
                    for row in batch:
                        copy.write_row(row)
        conn.execute("ANALYZE")
    src.close()
    ctx.log(f"  copied the {n}-parcel store into PostGIS in {time.perf_counter() - t0:.1f} s")
    return url
