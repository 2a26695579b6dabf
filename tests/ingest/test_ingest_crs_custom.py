"""Complete projected CRSs without an EPSG code are used as defined (issue 12 item 1).

Files are written by GDAL with ArcGIS-style ``.prj`` files: a whole-country Lambert
conformal conic on Beijing 1954 (Krasovsky), the same on a datum landinv does not know,
and a projection PROJ cannot run. Named outcomes: ``accepted`` with areas equal to the
geodesic truth, or ``refused:crs_unknown``.
"""

from __future__ import annotations

import numpy as np
import pyproj
import shapely

from landinv.ingest import IngestOptions, read_upload
from tests.support.ingest_corpus import new_parcels, write_shapefile

CHINA_LCC_BEIJING54 = (
    'PROJCS["China_Lambert_Conformal_Conic",GEOGCS["GCS_Beijing_1954",'
    'DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
    'PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",0.0],'
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],'
    'PARAMETER["Standard_Parallel_1",30.0],PARAMETER["Standard_Parallel_2",62.0],'
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
)
LCC_LOCAL_CLARKE = (
    CHINA_LCC_BEIJING54.replace("GCS_Beijing_1954", "GCS_Local_Survey")
    .replace("D_Beijing_1954", "D_Local_Survey")
    .replace('"Krasovsky_1940",6378245.0,298.3', '"Clarke_1866",6378206.4,294.9786982')
)
UNRUNNABLE = CHINA_LCC_BEIJING54.replace("Lambert_Conformal_Conic", "Fancy_Unknown_Projection")


def _geodesic_m2(gdf) -> np.ndarray:
    """Area on the GRS80 ellipsoid of the parcels as drawn (CGCS2000 lon/lat)."""
    geod = pyproj.Geod(ellps="GRS80")
    return np.array([abs(geod.geometry_area_perimeter(g)[0]) for g in gdf.geometry])


def _write(tmp_path, wkt):
    parcels = new_parcels()
    shp = write_shapefile(parcels.to_crs(pyproj.CRS.from_wkt(wkt)), tmp_path)
    return parcels, shp


def test_china_lambert_on_beijing_1954_is_used_as_defined(tmp_path):
    parcels, shp = _write(tmp_path, CHINA_LCC_BEIJING54)
    assert "China_Lambert_Conformal_Conic" in shp.with_suffix(".prj").read_text()
    result = read_upload(shp, options=IngestOptions(zone="xindu"))
    assert result.ok, result.report.to_text("en")
    assert result.report.source_crs == "China_Lambert_Conformal_Conic"
    note = next(n for n in result.report.notes if n.code == "crs").en
    assert "matches no EPSG code" in note and "used as defined" in note
    assert "Beijing 1954" in note and "Krassowsky 1940" in note
    warning = next(w for w in result.report.warnings if w.code == "datum_accuracy")
    assert "Beijing 1954" in warning.en and "hundred metres" in warning.en
    # Areas: the geodesic truth of the parcels as drawn, to far better than 1e-3.
    truth = _geodesic_m2(parcels)
    assert np.allclose(result.gdf["area_m2"].to_numpy(float), truth, rtol=1e-6)
    # Places: the same conversion there and back, so the parcels land where drawn.
    back = np.asarray(result.gdf.geometry.values)
    assert shapely.hausdorff_distance(back, np.asarray(parcels.geometry.values)).max() < 1e-7


def test_unknown_datum_on_another_ellipsoid_is_used_with_a_position_warning(tmp_path):
    parcels, shp = _write(tmp_path, LCC_LOCAL_CLARKE)
    result = read_upload(shp, options=IngestOptions(zone="xindu"))
    assert result.ok, result.report.to_text("en")
    warning = next(w for w in result.report.warnings if w.code == "datum_accuracy")
    assert "Local_Survey" in warning.en and "Clarke" in warning.en
    assert np.allclose(result.gdf["area_m2"].to_numpy(float), _geodesic_m2(parcels), rtol=1e-6)


def test_a_definition_proj_cannot_run_is_refused(tmp_path):
    _parcels, shp = _write(tmp_path, CHINA_LCC_BEIJING54)
    shp.with_suffix(".prj").write_text(UNRUNNABLE)
    result = read_upload(shp, options=IngestOptions(zone="xindu"))
    assert [i.code for i in result.report.must_fix] == ["crs_unknown"]
    assert "nor used as defined by PROJ" in result.report.must_fix[0].en
