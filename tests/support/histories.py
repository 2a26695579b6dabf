"""A hand-made 2025 history of parcels and buildings, as a store returns it.

Supplies, reclassifications, an undone import and area corrections, with a
brute-force day-by-day oracle, shared by the analysis and export tests.
"""

from __future__ import annotations

import datetime as dt
import math

import geopandas as gpd
import pandas as pd
import shapely

from landinv.domain import M2_PER_MU, Config, mu_to_m2
from landinv.schema import column_names

CFG = Config()
YEAR_START, YEAR_END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


# -- a hand-built history ------------------------------------------------------


def parcel(
    pid,
    name,
    zone,
    category,
    status,
    mu,
    valid_from,
    valid_to=None,
    *,
    project=None,
    import_id="imp-1",
):
    return {
        "parcel_id": pid,
        "name": name,
        "zone": zone,
        "category": category,
        "status": status,
        "project": project,
        "land_use_code": "M1",
        "declared_area_m2": None,
        "area_m2": mu_to_m2(mu),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "import_id": import_id,
    }


def building(bid, name, zone, standard, floor_area, valid_from, valid_to=None):
    return {
        "building_id": bid,
        "parcel_id": None,
        "name": name,
        "zone": zone,
        "is_standard_factory": standard,
        "floors": 3,
        "footprint_m2": floor_area / 3,
        "floor_area_m2": floor_area,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "import_id": "imp-1",
    }


def parcel_history() -> pd.DataFrame:
    """Ready land: 2559.75 mu on 1 Jan 2025; below 2000 mu 15 Mar-9 Jun,
    1 Sep-14 Oct and 1-19 Nov; exactly 2000 mu (on paper) 20 Jun-31 Aug."""
    rows = [
        # supplied to the bearing plant on the day construction started
        parcel("R1", "新都A-01", "xindu", "ready", "available", 1234.5, "2024-11-01", "2025-03-15"),
        parcel(
            "R1", "新都A-01", "xindu", "ready", "supplied", 1234.5, "2025-03-15", project="辰通轴承"
        ),
        parcel("R2", "新都A-02", "xindu", "ready", "available", 765.5, "2024-11-01"),
        parcel("R3", "辉埠B-01", "huibu", "ready", "available", 300.25, "2024-11-01"),
        # revitalised in 2025, ready from April
        parcel(
            "V1", "辉埠B-07", "huibu", "revitalised", "available", 200.4, "2025-02-01", "2025-04-01"
        ),
        parcel("V1", "辉埠B-07", "huibu", "ready", "available", 200.4, "2025-04-01"),
        parcel(
            "V2",
            "金川C-03",
            "jinchuan",
            "revitalised",
            "available",
            209.6,
            "2025-06-01",
            import_id="imp-2",
        ),
        parcel("V0", "金川C-09", "jinchuan", "revitalised", "available", 55.0, "2024-10-01"),
        # newly developed in 2025, ready from 20 May
        parcel("N1", "金川C-01", "jinchuan", "new", "available", 400.0, "2025-03-01", "2025-05-20"),
        parcel("N1", "金川C-01", "jinchuan", "ready", "available", 400.0, "2025-05-20"),
        parcel("N2", "新都A-11", "xindu", "ready", "available", 74.35, "2025-06-10"),
        # an import undone after 19 days, and one undone before it took effect
        parcel(
            "U1",
            "新都A-20",
            "xindu",
            "ready",
            "available",
            50.0,
            "2025-06-01",
            "2025-06-20",
            import_id="imp-undone",
        ),
        parcel(
            "U2",
            "新都A-21",
            "xindu",
            "ready",
            "available",
            99.0,
            "2025-08-01",
            "2025-08-01",
            import_id="imp-undone",
        ),
        # supplied, then the grant fell through and it came back
        parcel("S1", "新都A-05", "xindu", "ready", "available", 100.0, "2024-01-01", "2025-09-01"),
        parcel(
            "S1",
            "新都A-05",
            "xindu",
            "ready",
            "supplied",
            100.0,
            "2025-09-01",
            "2025-10-15",
            project="某新材料项目",
        ),
        parcel("S1", "新都A-05", "xindu", "ready", "available", 100.0, "2025-10-15"),
        # taken out of ready land
        parcel("C1", "辉埠B-03", "huibu", "ready", "available", 80.0, "2024-05-01", "2025-11-01"),
        parcel("C1", "辉埠B-03", "huibu", "new", "available", 80.0, "2025-11-01"),
        # re-surveyed: area corrected
        parcel(
            "A1", "金川C-02", "jinchuan", "ready", "available", 79.5, "2024-05-01", "2025-11-20"
        ),
        parcel("A1", "金川C-02", "jinchuan", "ready", "available", 160.0, "2025-11-20"),
        # never ready land: no effect on the stock
        parcel(
            "X1", "金川C-08", "jinchuan", "new", "supplied", 33.0, "2025-02-02", project="某项目"
        ),
    ]
    df = pd.DataFrame(rows, columns=column_names("parcels"))
    df.insert(0, "fid", range(1, len(df) + 1))
    return df


def building_history() -> pd.DataFrame:
    """Standard factory space: 102,000 m² on 1 Jan; below the floor 30 Apr-30 Jun."""
    rows = [
        building("F1", "新都标准厂房1号", "xindu", True, 60000.0, "2024-01-01"),
        building("F2", "辉埠标准厂房1号", "huibu", True, 30000.0, "2024-06-01", "2025-04-30"),
        building("F3", "金川厂房3号", "jinchuan", False, 15000.0, "2025-01-10", "2025-03-01"),
        building("F3", "金川厂房3号", "jinchuan", True, 15000.0, "2025-03-01"),
        building("F4", "新都标准厂房2号", "xindu", True, 25000.5, "2025-07-01"),
        building("F5", "新都标准厂房3号", "xindu", True, 12000.0, "2024-01-01", "2025-08-15"),
        building("F5", "新都标准厂房3号", "xindu", True, 12500.0, "2025-08-15"),
    ]
    df = pd.DataFrame(rows, columns=column_names("buildings"))
    df.insert(0, "fid", range(1, len(df) + 1))
    return df


def valid_on(df: pd.DataFrame, day: dt.date) -> pd.Series:
    iso = day.isoformat()
    return (df["valid_from"] <= iso) & (df["valid_to"].isna() | (df["valid_to"] > iso))


def brute_force(parcels: pd.DataFrame, buildings: pd.DataFrame, day: dt.date):
    """Both stocks on ``day`` by filtering the rows valid that day."""
    p = parcels[
        valid_on(parcels, day)
        & (parcels["category"] == "ready")
        & (parcels["status"] == "available")
    ]
    b = buildings[valid_on(buildings, day) & buildings["is_standard_factory"].astype(bool)]
    return math.fsum(p["area_m2"]) / M2_PER_MU, math.fsum(b["floor_area_m2"])


def summary_of(parcels: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """What Store.summary returns for ``day``."""
    valid = parcels[valid_on(parcels, day)]
    return valid.groupby(["zone", "category", "status"], as_index=False).agg(
        count=("parcel_id", "size"), area_m2=("area_m2", "sum")
    )


def totals_of(buildings: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """What Store.factory_totals returns for ``day``."""
    valid = buildings[valid_on(buildings, day)]
    return valid.groupby(["zone", "is_standard_factory"], as_index=False).agg(
        count=("building_id", "size"), floor_area_m2=("floor_area_m2", "sum")
    )


def as_layer(df: pd.DataFrame, area_column: str) -> gpd.GeoDataFrame:
    geoms = [
        square(118.45 + 0.01 * (i % 10), 28.9 + 0.01 * (i // 10), m2 / M2_PER_MU)
        for i, m2 in enumerate(df[area_column])
    ]
    return gpd.GeoDataFrame(df.drop(columns="fid"), geometry=geoms, crs=4490)


def square(lon: float, lat: float, mu: float) -> shapely.MultiPolygon:
    """A square of about ``mu`` mu at (lon, lat)."""
    side = math.sqrt(mu_to_m2(mu))
    dlat = side / 111_320.0
    dlon = side / (111_320.0 * math.cos(math.radians(lat)))
    return shapely.MultiPolygon([shapely.box(lon, lat, lon + dlon, lat + dlat)])
