"""Laying out parcels: road grids of blocks, rows cut into lots, lon/lat, names.

Each zone is a grid of blocks in a local Lambert azimuthal equal-area frame on
GRS80 (planar areas there are ellipsoidal areas), split into rows; a lot is
cut from a row as a strip whose width is solved so that its area equals the
story's figure. What is left is filled with older supplied plots.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyproj
import shapely
from shapely import affinity
from shapely.geometry import LineString, MultiPolygon, Polygon, box

from landinv.domain import ELLIPSOID, READY, STATUS_SUPPLIED, mu_to_m2
from landinv.errors import UsageError
from landinv.sample.story import (
    LAND_USE_INDUSTRIAL,
    LAND_USE_STORAGE,
    Lot,
    Version,
    old_date,
)
from landinv.sample.zones import MAIN_ROAD_M, MINOR_ROAD_M, ZONE_MARGIN_M, Cut, ZoneLayout

#: Decimal places of written coordinates (1e-7 degree is about 1 cm).
COORD_DECIMALS = 7

#: Lots smaller than this are not cut (left as green space between lots).
MIN_LOT_MU = 5.0
#: Lots at least this large take the full depth of a block, smaller ones half of it.
FULL_DEPTH_MU = 35.0
#: No lot narrower than this (metres along its road); narrower leftovers stay green.
MIN_WIDTH_M = 40.0


@dataclass
class Row:
    """A strip of a block that lots are cut from, west to east."""

    shape: Polygon
    col: int
    block_row: int
    side: str  # 'full', 'south' or 'north'
    regular: bool = False  # a whole rectangular block, which may be split in two
    cursor: float = 0.0
    lots: list[Lot] = field(default_factory=list)

    def __post_init__(self):
        self.cursor = self.shape.bounds[0]

    def strip(self, u0: float, u1: float):
        """The part of the row between u0 and u1."""
        _, vmin, _, vmax = self.shape.bounds
        return self.shape.intersection(box(u0, vmin - 1.0, u1, vmax + 1.0))

    @property
    def remaining_m2(self) -> float:
        return self.strip(self.cursor, self.shape.bounds[2]).area

    @property
    def width_left(self) -> float:
        return self.shape.bounds[2] - self.cursor

    def solve(self, target_m2: float) -> float:
        """East edge of a strip of ``target_m2`` starting at the cursor."""
        u0, u1 = self.cursor, self.shape.bounds[2]
        lo, hi = u0, u1
        for _ in range(60):  # bisection: strip area grows monotonically with its width
            mid = (lo + hi) / 2
            if self.strip(u0, mid).area < target_m2:
                lo = mid
            else:
                hi = mid
        return hi

    def cut(self, target_m2: float):
        """Cut a strip of ``target_m2`` off the west end of what is left."""
        u0, u1 = self.cursor, self.solve(target_m2)
        self.cursor = u1
        return self.strip(u0, u1)

    def cut_rest(self):
        """Cut everything left in the row."""
        u0, self.cursor = self.cursor, self.shape.bounds[2]
        return self.strip(u0, self.cursor)


@dataclass
class Grid:
    """A zone's blocks and roads in local metres, and its projection."""

    layout: ZoneLayout
    col_edges: list[tuple[float, float]]  # (u_start, u_end) of each block column
    row_edges: list[tuple[float, float]]  # (v_start, v_end) of each block row
    boundary: Polygon
    rows: list[Row]
    proj: pyproj.Proj


# -- grid -------------------------------------------------------------------------------


def _road_width(name: str, layout: ZoneLayout) -> float:
    return MAIN_ROAD_M if name in layout.main_roads else MINOR_ROAD_M


def _edges(sizes, roads, layout, rng) -> list[tuple[float, float]]:
    """Block extents along one axis, roads between them, centred on zero."""
    jittered = [s + float(rng.integers(-20, 21)) for s in sizes]
    edges, pos = [], 0.0
    for size, road in zip(jittered, roads):
        pos += _road_width(road, layout)
        edges.append((pos, pos + size))
        pos += size
    pos += _road_width(roads[-1], layout)
    return [(a - pos / 2, b - pos / 2) for a, b in edges]


def _cut_shape(cut: Cut, rng) -> Polygon:
    """A cut's corridor; a river meanders a little around its line."""
    line = LineString(cut.points)
    if cut.meander_m:
        line = line.segmentize(40.0)
        coords = np.asarray(line.coords)
        phase = np.linspace(0, 4 * np.pi, len(coords)) + rng.uniform(0, np.pi)
        wiggle = cut.meander_m * np.sin(phase)
        direction = np.gradient(coords, axis=0)
        normal = np.column_stack([-direction[:, 1], direction[:, 0]])
        normal /= np.linalg.norm(normal, axis=1)[:, None]
        line = LineString(coords + normal * wiggle[:, None])
    return line.buffer(cut.width_m / 2, cap_style="flat", join_style="mitre")


def _halves(row: Row) -> list[Row]:
    """A regular block split into a south and a north row of half its depth."""
    u0, v0, u1, v1 = row.shape.bounds
    mid = (v0 + v1) / 2
    return [
        Row(box(u0, v0, u1, mid), row.col, row.block_row, "south"),
        Row(box(u0, mid, u1, v1), row.col, row.block_row, "north"),
    ]


def build_grid(layout: ZoneLayout, rng: np.random.Generator) -> Grid:
    """Lay out a zone's blocks, cut by its river or road, split into rows."""
    cols = _edges(layout.block_lengths, layout.ns_roads, layout, rng)
    rows = _edges(layout.block_depths, layout.ew_roads, layout, rng)
    umin, umax = cols[0][0], cols[-1][1]
    vmin, vmax = rows[0][0], rows[-1][1]
    outer_u = _road_width(layout.ns_roads[0], layout) + ZONE_MARGIN_M
    outer_v = _road_width(layout.ew_roads[0], layout) + ZONE_MARGIN_M
    boundary = box(umin - outer_u, vmin - outer_v, umax + outer_u, vmax + outer_v)
    buildable = box(umin, vmin, umax, vmax)
    if layout.ne_corner_cut:
        du, dv = layout.ne_corner_cut
        _bu0, _bv0, bu1, bv1 = boundary.bounds
        hill = Polygon([(bu1 - du, bv1 + 1), (bu1 + 1, bv1 + 1), (bu1 + 1, bv1 - dv)])
        boundary = boundary.difference(hill)
        buildable = buildable.intersection(boundary.buffer(-ZONE_MARGIN_M, join_style="mitre"))
    corridors = [_cut_shape(c, rng) for c in layout.cuts]
    row_list: list[Row] = []
    for j, (v0, v1) in enumerate(rows):
        for i, (u0, u1) in enumerate(cols):
            block = box(u0, v0, u1, v1)
            piece = block.intersection(buildable)
            for corridor in corridors:
                piece = piece.difference(corridor)
            parts = [
                p
                for p in getattr(piece, "geoms", [piece])
                if p.geom_type == "Polygon" and p.area >= mu_to_m2(8.0)
            ]
            regular = len(parts) == 1 and abs(parts[0].area - block.area) < 1.0
            if regular and rng.random() < 0.5:
                row_list.extend(_halves(Row(parts[0], i, j, "full", regular=True)))
                continue
            row_list.extend(Row(p, i, j, "full", regular=regular) for p in parts)
    proj = pyproj.Proj(proj="laea", lat_0=layout.lat, lon_0=layout.lon, ellps=ELLIPSOID, units="m")
    return Grid(layout, cols, rows, boundary, row_list, proj)


# -- packing lots into rows ---------------------------------------------------------------


def _filler_project(layout: ZoneLayout, rng) -> tuple[str, str]:
    """Project name and land-use code of an older, already supplied plot."""
    if rng.random() < 0.08:
        return "仓储物流中心项目", LAND_USE_STORAGE
    product, unit = layout.products[int(rng.integers(len(layout.products)))]
    qty = int(rng.choice([500, 800, 1000, 2000, 3000, 5000, 10000, 20000, 50000]))
    if unit.startswith("万"):
        qty = int(rng.choice([10, 20, 30, 50, 80, 100, 200, 300, 500]))
    return f"年产{qty}{unit}{product}项目", LAND_USE_INDUSTRIAL


def pack_zone(grid: Grid, lots: list[Lot], rng: np.random.Generator) -> list[Lot]:
    """Cut each lot from a row (first fit, largest first), then fill what is left.

    Returns the lots placed, fillers (older supplied plots) included.
    """
    order = [grid.rows[i] for i in rng.permutation(len(grid.rows))]
    # Enough half-depth rows for the small lots, with room to spare for a loose fit.
    small_m2 = sum(mu_to_m2(lot.mu) for lot in lots if lot.mu < FULL_DEPTH_MU)
    for row in [r for r in order if r.regular and r.side == "full"]:
        if sum(r.shape.area for r in order if r.side != "full") >= 1.5 * small_m2:
            break
        at = order.index(row)
        order[at : at + 1] = _halves(row)
    for lot in sorted(lots, key=lambda lot: (-lot.mu, lot.key)):
        row = _find_row(order, lot)
        if row is None and lot.mu < FULL_DEPTH_MU:
            # Small lots left over: split a still empty block into two half rows.
            empty = next((r for r in order if r.regular and r.side == "full" and not r.lots), None)
            if empty is not None:
                at = order.index(empty)
                order[at : at + 1] = _halves(empty)
                row = _find_row(order, lot)
        if row is None:
            raise UsageError(
                "sample.err_lot_does_not_fit", zone=grid.layout.code, lot=lot.key, mu=lot.mu
            )
        lot.shape, lot.row = row.cut(mu_to_m2(lot.mu)), row
        row.lots.append(lot)
    grid.rows = order
    fillers = []
    for row in grid.rows:
        fillers.extend(_fill_row(grid, row, rng, len(fillers)))
    return lots + fillers


def _find_row(order: list[Row], lot: Lot) -> Row | None:
    """First row with room for ``lot``, rows of the depth it prefers first."""
    full = lot.mu >= FULL_DEPTH_MU
    for row in sorted(order, key=lambda r: (r.side == "full") != full):  # stable sort
        if row.side != "full" and lot.mu > 90.0:
            continue  # would be a long thin strip along half a block
        if row.side == "full" and lot.mu < 20.0:
            continue  # would be narrower than MIN_WIDTH_M across a whole block
        if row.remaining_m2 >= mu_to_m2(lot.mu):
            return row
    return None


def _fill_row(grid: Grid, row: Row, rng, start: int) -> list[Lot]:
    """Cover the rest of a row with older supplied plots, none narrower than MIN_WIDTH_M."""
    low, high = (25.0, 90.0) if row.side == "full" else (10.0, 45.0)
    made: list[Lot] = []
    while True:
        remaining = row.remaining_m2
        if row.width_left < MIN_WIDTH_M or remaining < mu_to_m2(MIN_LOT_MU):
            # Too narrow for a plot: widen the last filler, else leave a green strip.
            if made and remaining > 1.0:
                made[-1].shape = shapely.union(made[-1].shape, row.cut_rest()).normalize()
            break
        target = mu_to_m2(float(rng.uniform(low, high)))
        tail_width = row.shape.bounds[2] - row.solve(target)
        if tail_width < MIN_WIDTH_M or remaining - target < mu_to_m2(MIN_LOT_MU):
            target = remaining if remaining <= mu_to_m2(high + 20.0) else remaining / 2
        project, code = _filler_project(grid.layout, rng)
        lot = Lot(
            f"filler-{grid.layout.code}-{start + len(made)}",
            grid.layout.code,
            None,
            [Version(old_date(rng, 2006, 2022), READY, STATUS_SUPPLIED, project, code)],
        )
        lot.shape = row.cut_rest() if target >= remaining else row.cut(target)
        lot.row = row
        row.lots.append(lot)
        made.append(lot)
    return made


def share_vertices(lots: list[Lot]) -> None:
    """Give neighbours in a block the same vertices along their common edges.

    A lot in the south half of a block meets its northern neighbours at
    T-junctions; rounding the coordinates would then open hair-thin overlaps.
    Inserting each neighbour's corners into the edges they lie on (GEOS snap,
    which adds vertices but moves none here) keeps shared edges identical.
    """
    blocks: dict[tuple, list[Lot]] = {}
    for lot in lots:
        blocks.setdefault((lot.zone, lot.row.col, lot.row.block_row), []).append(lot)
    for group in blocks.values():
        corners = [shapely.get_coordinates(lot.shape) for lot in group]
        for n, lot in enumerate(group):
            others = [c for k, c in enumerate(corners) if k != n]
            if others:
                points = shapely.multipoints(np.vstack(others))
                lot.shape = shapely.snap(lot.shape, points, tolerance=1e-3)


# -- to lon/lat -----------------------------------------------------------------


def _round_coords(xy: np.ndarray) -> np.ndarray:
    # Via text, so the doubles are exactly what a reader parses back from the file.
    return np.array([float(f"{v:.{COORD_DECIMALS}f}") for v in xy.ravel()]).reshape(xy.shape)


def to_lonlat(grid: Grid, shape) -> MultiPolygon:
    """Local grid metres -> CGCS2000 lon/lat MultiPolygon rounded to 1e-7 degree."""
    turned = affinity.rotate(shape, grid.layout.rotation_deg, origin=(0, 0))

    def project(xy):
        lon, lat = grid.proj(xy[:, 0], xy[:, 1], inverse=True)
        return _round_coords(np.column_stack([lon, lat]))

    geom = shapely.transform(turned, project)
    geom = shapely.set_precision(geom, 10.0**-COORD_DECIMALS)
    geom = shapely.transform(geom, _round_coords)
    if not geom.is_valid or geom.is_empty:
        raise UsageError("sample.err_invalid_geometry")
    if geom.geom_type == "Polygon":
        geom = MultiPolygon([geom])
    return geom


# -- naming -----------------------------------------------------------------------


def name_lot(grid: Grid, lot: Lot, zone_name: str, serial_in_block: int) -> str:
    """Register-style name: sub-area, the road it faces, block code, number."""
    layout, row = grid.layout, lot.row
    block = f"{chr(ord('A') + row.col)}{row.block_row + 1}"
    if row.side == "south":
        road, side = layout.ew_roads[row.block_row], "北侧"
    elif row.side == "north":
        road, side = layout.ew_roads[row.block_row + 1], "南侧"
    else:
        u0, u1 = grid.col_edges[row.col]
        west = lot.shape.centroid.x < (u0 + u1) / 2
        road = layout.ns_roads[row.col] if west else layout.ns_roads[row.col + 1]
        side = "东侧" if west else "西侧"
    return f"{zone_name}{road}{side}{block}-{serial_in_block}地块"
