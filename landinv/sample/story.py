"""The 2025 story of the sample, as plain tables, and the lots it needs.

Each table is one kind of event (supplies to projects, land revitalised, land
newly developed, standard-factory parks); changing the story means editing a
table, not code. :func:`build_lots` turns the tables into the parcels to place,
each with its versions in time order; :mod:`landinv.sample.layout` places them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from shapely.geometry import MultiPolygon, Polygon

from landinv.domain import NEW, READY, REVITALISED, STATUS_AVAILABLE, STATUS_SUPPLIED

if TYPE_CHECKING:
    from landinv.sample.layout import Row

#: Land-use codes of GB/T 21010-2017 (第三次全国国土调查 classification).
LAND_USE_INDUSTRIAL = "0601"  # 工业用地
LAND_USE_STORAGE = "0508"  # 物流仓储用地

#: First day of the reported year: the starting stock is counted here.
YEAR_START = "2025-01-01"
#: Ready industrial land (available) at the end of the story, in mu.
READY_END_MU = 2045.0

#: The bearing plant of the report's "land acquired, construction starts at once" (拿地即开工).
BEARING_PROJECT = (
    "年产2000万套精密轴承项目（拿地即开工 / bearing plant: building began the day"
    " the land was granted）"
)

# -- the 2025 story -----------------------------------------------------------
# Each table is one kind of event. Dates are ISO strings; sizes in mu.

#: Ready land supplied (granted) to projects: (date, zone, mu, project).
SUPPLIES = (
    ("2025-02-26", "huibu", 36.0, "年产2万吨高端电子化学品项目"),
    ("2025-03-18", "xindu", 62.0, BEARING_PROJECT),
    ("2025-04-16", "jinchuan", 95.0, "新能源汽车零部件产业园项目（一期）"),
    ("2025-04-16", "jinchuan", 75.0, "新能源汽车零部件产业园项目（二期）"),
    ("2025-05-08", "xindu", 28.0, "智能输配电设备制造项目"),
    ("2025-08-05", "huibu", 45.0, "年产5万吨功能性新材料项目"),
    ("2025-08-26", "jinchuan", 60.0, "高端装备精密铸件项目"),
    ("2025-10-09", "xindu", 40.0, "胡柚精深加工智能工厂项目"),
    ("2025-11-26", "huibu", 55.0, "年产1万吨锂电池正极材料前驱体项目"),
    ("2025-12-05", "xindu", 85.0, "数控机床及核心功能部件项目"),
    ("2025-12-16", "jinchuan", 34.0, "新型环保建材项目"),
)

#: Low-efficiency plots taken back and revitalised:
#: (date revitalised, zone, mu, date it turns ready or None, former occupant).
REVITALISATIONS = (
    ("2025-01-20", "xindu", 55.0, "2025-06-09", "原针织厂（停产）"),
    ("2025-01-20", "xindu", 40.0, "2025-06-09", "原木制品厂（低效）"),
    ("2025-03-05", "huibu", 80.0, "2025-06-09", "原钙粉加工厂（停产）"),
    ("2025-05-20", "jinchuan", 60.0, "2025-09-15", "原砖瓦厂（关停）"),
    ("2025-05-20", "xindu", 50.0, "2025-09-15", "原五金加工厂（低效）"),
    ("2025-08-12", "huibu", 70.0, None, "原石灰窑厂（关停）"),
    ("2025-10-28", "xindu", 30.0, None, "原塑料制品厂（低效）"),
    ("2025-10-28", "jinchuan", 25.0, None, "原竹木加工厂（停产）"),
)

#: Newly developed land: (date added, zone, mu, date it turns ready or None).
NEW_LAND = (
    ("2025-02-10", "jinchuan", 70.0, "2025-07-20"),
    ("2025-02-10", "jinchuan", 50.0, "2025-07-20"),
    ("2025-04-28", "huibu", 60.0, "2025-10-20"),
    ("2025-04-28", "huibu", 45.0, "2025-10-20"),
    ("2025-07-01", "jinchuan", 55.0, None),
    ("2025-07-01", "xindu", 40.0, None),
    ("2025-09-25", "huibu", 45.0, None),
    ("2025-11-18", "jinchuan", 35.0, None),
)

#: Share of the never-supplied ready stock placed in each zone.
STOCK_SHARE = {"xindu": 0.4, "huibu": 0.3, "jinchuan": 0.3}


@dataclass(frozen=True)
class FactoryGroup:
    """Identical standard-factory buildings completed together on one park parcel."""

    count: int
    length_m: float
    width_m: float
    floors: int
    completed: str
    standard: bool = True
    #: Floor area from the permit instead of footprint × floors (e.g. set-back top floor).
    floor_area_m2: float | None = None
    #: Date the buildings leave the public standard-factory stock (sold to a tenant).
    transferred: str | None = None


@dataclass(frozen=True)
class Park:
    """A parcel supplied for factory buildings, with the buildings on it."""

    key: str
    zone: str
    mu: float
    supplied: str
    project: str
    building_name: str  # "{n}" is the building number
    groups: tuple[FactoryGroup, ...]


#: Standard-factory parks (supplied before 2025) and the bearing plant's own workshop.
PARKS = (
    Park(
        "xd-park-1",
        "xindu",
        70.0,
        "2018-05-10",
        "新都小微企业园一期标准厂房项目",
        "新都小微企业园一期{n}#厂房",
        (
            FactoryGroup(6, 54, 24, 3, "2019-12-20"),
            FactoryGroup(2, 54, 24, 4, "2019-12-20", transferred="2025-12-01"),
        ),
    ),
    Park(
        "xd-park-2",
        "xindu",
        30.0,
        "2021-04-12",
        "新都小微企业园二期标准厂房项目",
        "新都小微企业园二期{n}#厂房",
        (
            FactoryGroup(2, 42, 20, 5, "2022-10-30"),
            FactoryGroup(2, 42, 20, 5, "2022-10-30", floor_area_m2=3960.0),
        ),
    ),
    Park(
        "hb-park-1",
        "huibu",
        65.0,
        "2020-08-18",
        "辉埠新材料产业园标准厂房项目",
        "辉埠新材料产业园{n}#厂房",
        (FactoryGroup(5, 60, 30, 3, "2021-12-28"), FactoryGroup(1, 40, 22, 2, "2025-11-20")),
    ),
    Park(
        "jc-park-1",
        "jinchuan",
        45.0,
        "2022-03-15",
        "金川智造小微园一期标准厂房项目",
        "金川智造小微园一期{n}#厂房",
        (FactoryGroup(6, 48, 22, 4, "2023-11-30"),),
    ),
    Park(
        "jc-park-2",
        "jinchuan",
        25.0,
        "2024-03-22",
        "金川智造小微园二期标准厂房项目",
        "金川智造小微园二期{n}#厂房",
        (FactoryGroup(3, 45, 22, 3, "2025-06-28"),),
    ),
)

#: The bearing plant's workshop, completed on its parcel (not a standard factory).
BEARING_WORKSHOP = FactoryGroup(1, 110, 48, 2, "2025-12-08", standard=False)
BEARING_WORKSHOP_NAME = "精密轴承项目1#联合厂房"


# -- the lots ---------------------------------------------------------------------------


@dataclass
class Version:
    """The attributes a parcel has from ``valid_from`` until its next version."""

    valid_from: str
    category: str
    status: str
    project: str | None = None
    land_use_code: str = LAND_USE_INDUSTRIAL


@dataclass
class Lot:
    """One parcel to place: its zone, size, and versions in time order."""

    key: str
    zone: str
    mu: float | None  # None: a filler whose size is chosen while filling
    versions: list[Version]
    shape: Polygon | MultiPolygon | None = None  # local grid metres
    row: Row | None = None


def old_date(rng, first_year: int, last_year: int) -> str:
    """A random date in [first_year, last_year] (registrations before the story)."""
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 20).toordinal()
    return dt.date.fromordinal(int(rng.integers(start, end + 1))).isoformat()


def _stock_sizes(total_mu: float, rng) -> list[float]:
    """Split ``total_mu`` into lot sizes of about 8–120 mu that add up exactly."""
    sizes, remaining = [], total_mu
    while remaining > 128.0:
        size = float(np.clip(rng.lognormal(np.log(32.0), 0.6), 8.0, 120.0))
        size = min(round(size, 1), remaining - 8.0)
        sizes.append(size)
        remaining -= size
    sizes.extend([remaining / 2] * 2 if remaining > 120.0 else [remaining])
    return sizes


def build_lots(rng: np.random.Generator) -> list[Lot]:
    """Every parcel of the story (fillers are added while packing)."""
    lots: list[Lot] = []
    for n, (date, zone, mu, project) in enumerate(SUPPLIES):
        lots.append(
            Lot(
                f"supply-{n}",
                zone,
                mu,
                [
                    Version(old_date(rng, 2020, 2023), READY, STATUS_AVAILABLE),
                    Version(date, READY, STATUS_SUPPLIED, project),
                ],
            )
        )
    for n, (date, zone, mu, ready_on, former) in enumerate(REVITALISATIONS):
        versions = [
            Version(old_date(rng, 2004, 2013), READY, STATUS_SUPPLIED, former),
            Version(date, REVITALISED, STATUS_AVAILABLE),
        ]
        if ready_on:
            versions.append(Version(ready_on, READY, STATUS_AVAILABLE))
        lots.append(Lot(f"revitalised-{n}", zone, mu, versions))
    for n, (date, zone, mu, ready_on) in enumerate(NEW_LAND):
        versions = [Version(date, NEW, STATUS_AVAILABLE)]
        if ready_on:
            versions.append(Version(ready_on, READY, STATUS_AVAILABLE))
        lots.append(Lot(f"new-{n}", zone, mu, versions))
    for park in PARKS:
        lots.append(
            Lot(
                park.key,
                park.zone,
                park.mu,
                [Version(park.supplied, READY, STATUS_SUPPLIED, park.project)],
            )
        )
    turned_ready = sum(r[2] for r in REVITALISATIONS if r[3]) + sum(r[2] for r in NEW_LAND if r[3])
    stock_mu = READY_END_MU - turned_ready
    zones = list(STOCK_SHARE)
    weights = np.array([STOCK_SHARE[z] for z in zones])
    for n, mu in enumerate(_stock_sizes(stock_mu, rng)):
        zone = zones[int(rng.choice(len(zones), p=weights / weights.sum()))]
        lots.append(
            Lot(
                f"stock-{n}",
                zone,
                mu,
                [Version(old_date(rng, 2018, 2023), READY, STATUS_AVAILABLE)],
            )
        )
    return lots
