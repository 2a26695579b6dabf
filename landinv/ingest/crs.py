"""Decide an upload's coordinate reference system, or list candidates to choose from.

Declared CRSs (a ``.prj``, a GeoPackage's SRS) are classified by datum family
rather than trusted to an EPSG lookup: ESRI-style and home-made WKT for
CGCS2000 (``D_2000``, ``CGCS_2000``, ``D_China_2000``) often match nothing in
EPSG with confidence, and PROJ's best low-confidence guess for a GRS80 datum
called "D_2000" is ETRS89 or NAD83, which would be silently wrong. A
recognised family (CGCS2000, Xian 1980, Beijing 1954, WGS 84) is rebuilt as the
EPSG CRS with the same projection parameters; anything else must match EPSG
with high confidence or the caller is asked.

Without a declared CRS the coordinates decide: degrees are CGCS2000
longitude/latitude; an easting of 25-45 million (3-degree zones) or 13-23
million (6-degree zones) carries the Gauss-Kruger zone number; a plain
easting (100 000-900 000 m) fits every central meridian, so candidates are
ranked by how many features each puts inside the development zone.

Size: one decision (which CRS) with its evidence — declared, inferred from coordinates, ranked
against the zones; the helpers share the candidate list and splitting them would pass it
around.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np
import pyproj
import shapely
from pyproj.database import query_crs_info
from pyproj.enums import PJType

from landinv import i18n
from landinv.domain import STORE_EPSG
from landinv.errors import UsageError
from landinv.ingest.report import pair, render_params, submsg

#: Geographic CRS of each datum family landinv recognises.
FAMILY_EPSG = {"cgcs2000": 4490, "xian1980": 4610, "beijing1954": 4214, "wgs84": 4326}
#: Name prefix of each family's Gauss-Kruger CRSs in the EPSG database.
_FAMILY_PREFIX = {
    "cgcs2000": "CGCS2000 / ",
    "xian1980": "Xian 1980 / ",
    "beijing1954": "Beijing 1954 / ",
}
#: (semi-major axis, inverse flattening) of each family's ellipsoid.
_ELLIPSOIDS = {
    "cgcs2000": (6378137.0, 298.257222101),
    "wgs84": (6378137.0, 298.257223563),
    "xian1980": (6378140.0, 298.257),
    "beijing1954": (6378245.0, 298.3),
}
#: Families whose conversion to CGCS2000 PROJ can only do "ballpark" (no shift grid);
#: the report warns about positions (``ingest.crs_accuracy.<family>``).
ACCURACY_FAMILIES = ("xian1980", "beijing1954")
#: Ellipsoids on which a datum without an EPSG code converts to CGCS2000 within a
#: metre or so (GRS80, WGS 84); on any other, positions may move by far more.
_NEAR_CGCS2000 = ((6378137.0, 298.257222101), (6378137.0, 298.257223563))
#: Authority matches below this confidence are never accepted.
MIN_EPSG_CONFIDENCE = 90
#: Representative points used to rank candidate CRSs.
MAX_RANK_POINTS = 500

_CHINA = (73.0, 3.0, 136.0, 54.0)  # lon/lat box for plausibility
_SPACE = re.compile(r"[^a-z0-9]")


@dataclass
class CrsDecision:
    """The CRS to read with (or candidates), and why.

    ``message`` and ``params`` are the report's note (catalogue code and its
    values); ``accuracy`` the code and values of a warning about positions,
    when the conversion to CGCS2000 has no datum shift. ``alternatives`` are
    the candidates not taken when the CRS was picked from the zones.
    """

    crs: pyproj.CRS | None
    label: str
    method: str  # 'override' | 'declared' | 'as_defined' | 'inferred' | 'choose' | 'unknown'
    message: str
    params: dict = field(default_factory=dict)
    family: str | None = None
    choices: list[dict] = field(default_factory=list)
    alternatives: list[dict] = field(default_factory=list)
    accuracy: tuple[str, dict] | None = None

    def __post_init__(self):
        if self.accuracy is None and self.family in ACCURACY_FAMILIES:
            self.accuracy = (f"ingest.crs_accuracy.{self.family}", {})

    def text(self, lang: str) -> str:
        """The decision in ``lang``."""
        return i18n.tr(self.message, lang, **render_params(self.params, lang))

    @property
    def zh(self) -> str:
        return self.text("zh")

    @property
    def en(self) -> str:
        return self.text("en")


# -- families and Gauss-Kruger tables -------------------------------------------


def _norm(text: str | None) -> str:
    return _SPACE.sub("", (text or "").lower())


def datum_family(crs: pyproj.CRS) -> str | None:
    """'cgcs2000', 'xian1980', 'beijing1954', 'wgs84' or None, from names and ellipsoid."""
    geod = crs.geodetic_crs
    if geod is None or geod.datum is None:
        return None
    names = (
        _norm(geod.datum.name)
        + "|"
        + _norm(geod.name)
        + "|"
        + _norm(geod.ellipsoid.name if geod.ellipsoid else "")
    )
    ell = geod.ellipsoid
    axis = (ell.semi_major_metre, ell.inverse_flattening) if ell else (0.0, 0.0)

    def same_ellipsoid(family: str) -> bool:
        a, rf = _ELLIPSOIDS[family]
        return abs(axis[0] - a) < 0.5 and abs(axis[1] - rf) < 1e-3

    if "newbeijing" in names:
        return None
    if re.search(
        r"cgcs|china2000|chinageodeticcoordinatesystem2000|(^|\|)d?2000(\||$)", names
    ) and same_ellipsoid("cgcs2000"):
        return "cgcs2000"
    if re.search(r"xian|xi?an1980|(^|\|)d?1980(\||$)", names) and same_ellipsoid("xian1980"):
        return "xian1980"
    if re.search(r"beijing|bj54|(^|\|)d?1954(\||$)", names) and same_ellipsoid("beijing1954"):
        return "beijing1954"
    if re.search(r"wgs84|wgs1984|worldgeodeticsystem1984", names) and same_ellipsoid("wgs84"):
        return "wgs84"
    return None


@functools.cache
def gauss_kruger_table(family: str) -> dict[tuple[float, float], int]:
    """``{(central meridian, false easting): EPSG}`` of a family's Gauss-Kruger CRSs.

    Built from the EPSG database (about 10 ms); the 3-degree CRS wins where a
    6-degree one has the same parameters (CM 117E is in both series).
    """
    prefix = _FAMILY_PREFIX.get(family)
    if prefix is None:
        return {}
    infos = [
        i
        for i in query_crs_info(auth_name="EPSG", pj_types=[PJType.PROJECTED_CRS])
        if i.name.startswith(prefix) and "Gauss-Kruger" in i.name and not i.deprecated
    ]
    infos.sort(key=lambda i: "3-degree" in i.name)
    table = {}
    for info in infos:
        params = _tm_params(pyproj.CRS.from_epsg(info.code))
        if params:
            table[(params["lon_0"], params["x_0"])] = int(info.code)
    return table


#: CGCS2000 3-degree Gauss-Kruger CRSs without a zone prefix, CM 75E to 135E.
CGCS2000_3DEG_PLAIN = range(4534, 4555)


def cgcs2000_zone_code(zone: int, lon_0: float) -> int:
    """The EPSG code of CGCS2000 Gauss-Kruger zone ``zone`` (easting prefixed by it).

    EPSG numbers them in order (6-degree zones 13-23: 4491-4501; 3-degree zones
    25-45: 4513-4533); the code is checked against its parameters and the
    EPSG table (:func:`gauss_kruger_table`, 0.25 s to build) is only consulted
    if that check fails.
    """
    return gauss_kruger_code("cgcs2000", lon_0, zone * 1_000_000 + 500_000.0)


def gauss_kruger_code(family: str, lon_0: float, x_0: float) -> int | None:
    """EPSG code of a family's Gauss-Kruger CRS with this central meridian and false
    easting, or None.

    CGCS2000's codes follow from the parameters (zone prefix, or a 3-degree
    CM without one) and are checked against the CRS; anything else is looked
    up in :func:`gauss_kruger_table` (built once, 0.25 s).
    """
    if family == "cgcs2000":
        zone = int(x_0 // 1_000_000)
        guess = None
        if x_0 == zone * 1_000_000 + 500_000.0 and (13 <= zone <= 23 or 25 <= zone <= 45):
            guess = 4491 + zone - 13 if zone < 25 else 4513 + zone - 25
        elif x_0 == 500_000.0 and lon_0 % 3 == 0 and 75 <= lon_0 <= 135:
            guess = CGCS2000_3DEG_PLAIN[int(lon_0 - 75) // 3]
        if guess is not None:
            params = _tm_params(pyproj.CRS.from_epsg(guess)) or {}
            if (params.get("lon_0"), params.get("x_0")) == (lon_0, x_0):
                return guess
    return gauss_kruger_table(family).get((lon_0, x_0))


def _tm_params(crs: pyproj.CRS) -> dict | None:
    """Transverse Mercator parameters in the Gauss-Kruger convention, else None."""
    op = crs.coordinate_operation
    if op is None or "transverse mercator" not in op.method_name.lower():
        return None
    values = {p.name.lower(): p.value for p in op.params}
    params = {
        "lon_0": values.get("longitude of natural origin"),
        "lat_0": values.get("latitude of natural origin", 0.0),
        "k": values.get("scale factor at natural origin", 1.0),
        "x_0": values.get("false easting", 0.0),
        "y_0": values.get("false northing", 0.0),
    }
    if params["lon_0"] is None:
        return None
    unit = crs.axis_info[0].unit_conversion_factor if crs.axis_info else 1.0
    if abs(unit - 1.0) > 1e-9:
        return None
    return {k: round(float(v), 6) for k, v in params.items()}


def family_label(family: str | None, lang: str) -> str:
    """The datum family's name in ``lang`` ('' when unknown)."""
    code = f"ingest.family.{family}"
    return i18n.tr(code, lang) if family and i18n.has(code) else ""


def canonical_crs(crs: pyproj.CRS, family: str) -> tuple[pyproj.CRS, str]:
    """The EPSG CRS equal to ``crs`` within a recognised family, or an explicit
    Transverse Mercator on the family's EPSG datum (a local central meridian)."""
    base = pyproj.CRS.from_epsg(FAMILY_EPSG[family])
    if crs.is_geographic:
        return base, f"EPSG:{FAMILY_EPSG[family]}"
    params = _tm_params(crs)
    if params is None:
        raise ValueError("not a Transverse Mercator CRS")
    if params["lat_0"] == 0 and params["k"] == 1 and params["y_0"] == 0:
        code = gauss_kruger_code(family, params["lon_0"], params["x_0"])
        if code:
            return pyproj.CRS.from_epsg(code), f"EPSG:{code}"
    conversion = pyproj.crs.coordinate_operation.TransverseMercatorConversion(
        latitude_natural_origin=params["lat_0"],
        longitude_natural_origin=params["lon_0"],
        false_easting=params["x_0"],
        false_northing=params["y_0"],
        scale_factor_natural_origin=params["k"],
    )
    name = f"{family_label(family, 'en')} / TM CM {params['lon_0']:g}E"
    return pyproj.crs.ProjectedCRS(conversion, name=name, geodetic_crs=base), name


# -- the decision -----------------------------------------------------------------


def parse_crs(value) -> pyproj.CRS:
    """A caller's CRS (EPSG int, ``'EPSG:4549'``, ``'4549'``, WKT or PROJ string).

    Raises
    ------
    UsageError
        When pyproj cannot understand it.
    """
    text = str(value).strip()
    if text.isdigit():
        text = f"EPSG:{text}"
    try:
        return pyproj.CRS.from_user_input(text)
    except pyproj.exceptions.CRSError:
        raise UsageError("err.ingest_crs_unknown", value=str(value)) from None


def crs_label(crs: pyproj.CRS) -> str:
    """``EPSG:n`` when the CRS is exactly an EPSG one, else its name."""
    code = crs.to_epsg(min_confidence=100)
    return f"EPSG:{code}" if code else crs.name


def decide_crs(declared, bounds, points: np.ndarray, zones, override=None) -> CrsDecision:
    """Choose the source CRS of a layer.

    Parameters
    ----------
    declared : str, pyproj.CRS or None
        What the file says (``.prj`` WKT, GDAL's CRS of the layer).
    bounds : tuple of 4 floats or None
        Total bounds of the layer's geometries in source coordinates.
    points : ndarray of shapely geometries
        The features (or representative points of them), used to rank
        candidates; points on surface are taken of a sample only.
    zones : GeoDataFrame or None
        Zone boundaries (EPSG:4490) for ranking; None when unknown.
    override : optional
        The caller's CRS; wins over everything.
    """
    if override is not None:
        crs = parse_crs(override)
        family = datum_family(crs)
        label = crs_label(crs)
        if family and not crs.to_epsg(min_confidence=100):
            crs, label = _canonical_or_self(crs, family)
        return CrsDecision(crs, label, "override", "ingest.crs_override", {"label": label}, family)
    kind = _magnitude(bounds)
    if declared:
        decision = _from_declared(declared, kind, bounds)
        if decision is not None:
            return decision
    return _from_coordinates(bounds, kind, points, zones, declared_unusable=bool(declared))


def _canonical_or_self(crs: pyproj.CRS, family: str) -> tuple[pyproj.CRS, str]:
    try:
        return canonical_crs(crs, family)
    except ValueError:
        return crs, crs_label(crs)


def _from_declared(declared, kind: str, bounds=None) -> CrsDecision | None:
    try:
        crs = declared if isinstance(declared, pyproj.CRS) else pyproj.CRS.from_user_input(declared)
    except pyproj.exceptions.CRSError:
        return None
    if crs.is_geographic and kind not in ("degrees", "empty"):
        return None  # says degrees but holds metres: the coordinates decide
    if crs.is_projected and kind == "degrees":
        return None
    family = datum_family(crs)
    if family:
        try:
            canon, label = canonical_crs(crs, family)
        except ValueError:
            canon, label = None, ""
        if canon is not None:
            return CrsDecision(
                canon,
                label,
                "declared",
                "ingest.crs_declared_family",
                {"name": crs.name, "family": submsg(f"ingest.family.{family}"), "label": label},
                family,
            )
    code = crs.to_epsg(min_confidence=MIN_EPSG_CONFIDENCE)
    if code:
        exact = pyproj.CRS.from_epsg(code)
        return CrsDecision(
            exact,
            f"EPSG:{code}",
            "declared",
            "ingest.crs_declared_epsg",
            {"epsg": code, "name": exact.name},
            datum_family(exact),
        )
    return as_defined(crs, family, bounds)


def as_defined(crs: pyproj.CRS, family: str | None, bounds=None) -> CrsDecision | None:
    """A complete projected CRS without an EPSG code, used as it is defined (through PROJ).

    ArcGIS writes whole-country projections such as ``China_Lambert_Conformal_Conic``
    on Beijing 1954 with no authority code; PROJ can use them exactly. A
    recognised datum family keeps its EPSG datum (so the conversion to CGCS2000
    is the one used for that family's EPSG CRSs). Returns None when PROJ cannot
    turn the layer's coordinates into longitude and latitude (the caller is then
    asked), and for geographic CRSs (their coordinates decide instead).
    """
    if not crs.is_projected or crs.coordinate_operation is None:
        return None
    geod = crs.geodetic_crs
    if geod is None or geod.ellipsoid is None:
        return None
    used = crs
    if family:
        try:
            used = pyproj.crs.ProjectedCRS(
                crs.coordinate_operation,
                name=crs.name,
                geodetic_crs=pyproj.CRS.from_epsg(FAMILY_EPSG[family]),
            )
        except pyproj.exceptions.CRSError:
            used = crs
    if not _projects(used, bounds):
        return None
    ell = geod.ellipsoid
    params = {
        "name": crs.name,
        "method": crs.coordinate_operation.method_name,
        "datum": geod.datum.name if geod.datum else geod.name,
        "ellipsoid": ell.name,
    }
    accuracy = None
    if family is None and not any(
        abs(ell.semi_major_metre - a) < 0.5 and abs(ell.inverse_flattening - rf) < 1e-3
        for a, rf in _NEAR_CGCS2000
    ):
        accuracy = ("ingest.crs_accuracy.other", {"datum": params["datum"], "ellipsoid": ell.name})
    return CrsDecision(
        used, crs.name, "as_defined", "ingest.crs_as_defined", params, family, accuracy=accuracy
    )


def _projects(crs: pyproj.CRS, bounds) -> bool:
    """Whether PROJ turns the layer's corners (or the CRS's origin) into finite lon/lat."""
    try:
        to_geo = pyproj.Transformer.from_crs(crs, STORE_EPSG, always_xy=True)
        if bounds is not None and np.all(np.isfinite(bounds)):
            xs, ys = [bounds[0], bounds[2]], [bounds[1], bounds[3]]
        else:
            xs, ys = [0.0], [0.0]
        lon, lat = to_geo.transform(xs, ys, errcheck=True)
    except (pyproj.exceptions.ProjError, pyproj.exceptions.CRSError):
        return False
    return bool(
        np.all(np.isfinite(lon))
        and np.all(np.isfinite(lat))
        and np.all(np.abs(np.asarray(lat)) <= 90)
    )


def _magnitude(bounds) -> str:
    """'degrees', 'gk_zone', 'gk_plain', 'empty' or 'unknown' from the total bounds."""
    if bounds is None or not np.all(np.isfinite(bounds)):
        return "empty"
    xmin, ymin, xmax, ymax = bounds
    if -180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90:
        return "degrees"
    if not (0 < ymin <= ymax < 10_000_000):
        return "unknown"
    zone_min, zone_max = int(xmin // 1_000_000), int(xmax // 1_000_000)
    if zone_min == zone_max and (13 <= zone_min <= 23 or 25 <= zone_min <= 45):
        return "gk_zone"
    if 100_000 <= xmin <= xmax <= 900_000:
        return "gk_plain"
    return "unknown"


#: A candidate central meridian is taken without asking when it puts at least
#: this share of the features inside the zones and every other candidate at
#: most :data:`CLEAR_OTHERS_SHARE` (neighbouring meridians put a Changshan file
#: about 280 km away: 0 %, so the evidence is overwhelming).
CLEAR_BEST_SHARE = 0.9
CLEAR_OTHERS_SHARE = 0.05


def _from_coordinates(bounds, kind, points, zones, declared_unusable) -> CrsDecision:
    why = submsg("ingest.crs_why_unusable" if declared_unusable else "ingest.crs_why_none")
    if kind == "degrees":
        return CrsDecision(
            pyproj.CRS.from_epsg(STORE_EPSG),
            f"EPSG:{STORE_EPSG}",
            "inferred",
            "ingest.crs_degrees",
            {"why": why},
            "cgcs2000",
        )
    if kind == "gk_zone":
        zone = int(bounds[0] // 1_000_000)
        lon_0 = zone * 3.0 if zone >= 25 else zone * 6.0 - 3.0
        code = cgcs2000_zone_code(zone, lon_0)
        width = submsg("ingest.gk_3deg" if zone >= 25 else "ingest.gk_6deg")
        return CrsDecision(
            pyproj.CRS.from_epsg(code),
            f"EPSG:{code}",
            "inferred",
            "ingest.crs_gk_zone",
            {"why": why, "zone": zone, "width": width, "cm": f"{lon_0:g}", "epsg": code},
            "cgcs2000",
        )
    if kind == "gk_plain":
        choices = rank_central_meridians(points, zones)
        best = clear_winner(choices)
        if best is not None:
            others = [c for c in choices if c is not best]
            return CrsDecision(
                pyproj.CRS.from_epsg(best["epsg"]),
                best["value"],
                "inferred",
                "ingest.crs_picked_by_zones",
                {
                    "why": why,
                    "epsg": best["epsg"],
                    "cm": f"{best['central_meridian']:g}",
                    "share": f"{best['inside_share']:.0%}",
                    "others": _describe_others(others),
                },
                "cgcs2000",
                alternatives=others,
            )
        return CrsDecision(None, "", "choose", "ingest.crs_gk_plain", {"why": why}, choices=choices)
    where = (
        {}
        if kind == "empty"
        else {"where": submsg("ingest.crs_where", x=f"{bounds[0]:,.0f}", y=f"{bounds[1]:,.0f}")}
    )
    return CrsDecision(
        None, "", "unknown", "ingest.crs_unknown", {"why": why, "where": "", **where}
    )


def clear_winner(choices: list[dict]) -> dict | None:
    """The candidate that alone puts (nearly) every feature inside the zones, else None.

    ``choices`` are :func:`rank_central_meridians` results, best first; without
    zone boundaries (``inside_share`` None) nothing is ever clear.
    """
    if not choices or choices[0].get("inside_share") is None:
        return None
    best, others = choices[0], choices[1:]
    if best["inside_share"] < CLEAR_BEST_SHARE:
        return None
    if any(c["inside_share"] > CLEAR_OTHERS_SHARE for c in others):
        return None
    return best


def _describe_others(others: list[dict]) -> dict:
    """'EPSG:4548 0 %, 284 km away; …' in both languages, as a message parameter."""

    def text(lang: str) -> str:
        return (
            i18n.tr("ingest.list_sep", lang).join(
                i18n.tr(
                    "ingest.crs_other",
                    lang,
                    epsg=c["epsg"],
                    share=f"{c['inside_share']:.0%}",
                    km=f"{c['distance_km']:,.0f}",
                )
                for c in others
            )
            or "-"
        )

    return pair(text("zh"), text("en"))


def rank_central_meridians(points: np.ndarray, zones) -> list[dict]:
    """CGCS2000 3-degree Gauss-Kruger CMs (no zone prefix), best first.

    Each candidate says where it would put the features: the share inside the
    zone boundaries and the distance to them. Candidates that put the data
    outside China are dropped; without zones all plausible ones are listed.
    """
    codes = list(CGCS2000_3DEG_PLAIN)
    pts = np.asarray(points, dtype=object)
    if len(pts) > MAX_RANK_POINTS:
        pts = pts[np.linspace(0, len(pts) - 1, MAX_RANK_POINTS).astype(int)]
    # Of the sample only: a point on surface of every feature was 0.1 s at 100k
    # (and a point is its own point on surface).
    xy = shapely.get_coordinates(shapely.point_on_surface(pts))
    union = None
    if zones is not None and len(zones):
        union = shapely.union_all(np.asarray(zones.geometry.values, dtype=object))
    out = []
    for code in codes:
        crs = pyproj.CRS.from_epsg(code)
        to_geo = pyproj.Transformer.from_crs(crs, STORE_EPSG, always_xy=True)
        lon, lat = to_geo.transform(xy[:, 0], xy[:, 1])
        if not len(lon) or not np.all(np.isfinite(lon)):
            continue
        cx, cy = float(np.mean(lon)), float(np.mean(lat))
        if not (_CHINA[0] <= cx <= _CHINA[2] and _CHINA[1] <= cy <= _CHINA[3]):
            continue
        cm = _tm_params(crs)["lon_0"]
        item = {
            "value": f"EPSG:{code}",
            "epsg": code,
            "central_meridian": cm,
            "name": crs.name,
            "inside_share": None,
            "distance_km": None,
            "center": [round(cx, 5), round(cy, 5)],
        }
        if union is not None:
            geo_pts = shapely.points(lon, lat)
            inside = float(np.mean(shapely.intersects(union, geo_pts)))
            dist_km = _distance_km(union, shapely.Point(cx, cy))
            item.update(inside_share=round(inside, 4), distance_km=round(dist_km, 1))
            for lang in ("zh", "en"):
                away = (
                    i18n.tr("ingest.crs_candidate_away", lang, km=f"{dist_km:,.0f}")
                    if inside == 0
                    else ""
                )
                item[lang] = i18n.tr(
                    "ingest.crs_candidate",
                    lang,
                    epsg=code,
                    cm=f"{cm:g}",
                    share=f"{inside:.0%}",
                    away=away,
                )
        else:
            for lang in ("zh", "en"):
                item[lang] = i18n.tr(
                    "ingest.crs_candidate_nozones",
                    lang,
                    epsg=code,
                    cm=f"{cm:g}",
                    x=f"{cx:.3f}",
                    y=f"{cy:.3f}",
                )
        out.append(item)
    if union is not None:
        out.sort(key=lambda c: (-c["inside_share"], c["distance_km"]))
        relevant = [c for c in out if c["inside_share"] > 0]
        out = relevant + [c for c in out if c["inside_share"] == 0][: max(2, 3 - len(relevant))]
    return out


def _distance_km(area, point) -> float:
    """Geodesic distance in km from ``point`` to the nearest point of ``area``."""
    line = shapely.shortest_line(point, area)
    (x0, y0), (x1, y1) = shapely.get_coordinates(line)
    return float(pyproj.Geod(ellps="GRS80").inv(x0, y0, x1, y1)[2]) / 1000.0
