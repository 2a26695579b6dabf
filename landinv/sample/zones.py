"""Where the three sub-areas are and how their road grids look (plain tables)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cut:
    """A river or road crossing a zone diagonally; lots are cut along it."""

    name: str
    points: tuple[tuple[float, float], ...]  # local grid metres (u east-ish, v north-ish)
    width_m: float
    meander_m: float = 0.0  # a river swings this far either side of its line


@dataclass(frozen=True)
class ZoneLayout:
    """Where a zone is and how its road grid looks."""

    code: str
    abbr: str
    lon: float
    lat: float
    rotation_deg: float  # grid rotation, counter-clockwise from east
    block_lengths: tuple[float, ...]  # west to east, metres (jittered by the rng)
    block_depths: tuple[float, ...]  # south to north, metres
    ns_roads: tuple[str, ...]  # north-south roads, west to east (len(block_lengths) + 1)
    ew_roads: tuple[str, ...]  # east-west roads, south to north (len(block_depths) + 1)
    main_roads: tuple[str, ...]  # names of 40 m roads; others are 24 m
    cuts: tuple[Cut, ...] = ()
    #: Corner of the boundary left out (hill), as (du, dv) metres back from the NE corner.
    ne_corner_cut: tuple[float, float] | None = None
    products: tuple[tuple[str, str], ...] = ()  # (product, unit) of older factories


LAYOUTS = (
    ZoneLayout(
        "xindu",
        "XD",
        118.522,
        28.908,
        9.0,
        (470, 500, 450, 490),
        (260, 280, 250),
        ("工业大道", "枫松路", "振兴路", "天马路", "文峰路"),
        ("紫港路", "新都大道", "桐林路", "芳园路"),
        ("工业大道", "新都大道", "文峰路"),
        cuts=(
            Cut(
                "常山港支流",
                ((60, -600), (420, -380), (700, -300), (930, -120), (1200, 40)),
                80.0,
                meander_m=28.0,
            ),
        ),
        products=(
            ("汽车零部件", "万件"),
            ("电子元器件", "万只"),
            ("精密五金件", "吨"),
            ("纺织面料", "万米"),
            ("家具板材", "万张"),
            ("食品包装材料", "吨"),
            ("微特电机", "万台"),
            ("工业阀门", "万套"),
        ),
    ),
    ZoneLayout(
        "huibu",
        "HB",
        118.432,
        28.968,
        -6.0,
        (460, 430, 480),
        (250, 270, 240),
        ("一号路", "二号路", "三号路", "四号路"),
        ("纬一路", "科盛路", "辉埠大道", "纬四路"),
        ("二号路", "辉埠大道"),
        cuts=(Cut("疏港公路", ((-900, 520), (-300, 160), (300, -200), (900, -560)), 36.0),),
        products=(
            ("纳米碳酸钙", "吨"),
            ("活性氧化钙", "吨"),
            ("氟硅新材料", "吨"),
            ("涂料助剂", "吨"),
            ("环保建材", "万立方米"),
            ("特种纸", "吨"),
        ),
    ),
    ZoneLayout(
        "jinchuan",
        "JC",
        118.590,
        28.884,
        4.0,
        (450, 480, 460),
        (260, 250, 270),
        ("金川大道", "竹亭路", "胡柚路", "青石路"),
        ("芳村路", "油茶路", "金源路", "球川路"),
        ("金川大道", "油茶路"),
        ne_corner_cut=(520.0, 380.0),
        products=(
            ("智能家居", "万套"),
            ("光电材料", "吨"),
            ("医疗器械", "万件"),
            ("塑料制品", "吨"),
            ("胡柚饮品", "吨"),
            ("油茶精深加工产品", "吨"),
            ("服装", "万件"),
        ),
    ),
)

MAIN_ROAD_M = 40.0
MINOR_ROAD_M = 24.0
#: Margin between the outer roads and the zone boundary.
ZONE_MARGIN_M = 30.0
