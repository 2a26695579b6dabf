"""Column schema of the inventory layers, shared by ingest, stores and exports.

One place names every stored column, its type and its Chinese and English
header, so an upload, a GeoPackage, a PostGIS table and an XLSX export all
agree. Geometry is always MultiPolygon in EPSG:4490 in a column ``geometry``
(in a GeoDataFrame) / ``geom`` (in a database).
"""

from __future__ import annotations

from dataclasses import dataclass

from landinv.domain import BUILDINGS, PARCELS


@dataclass(frozen=True)
class Column:
    """A stored attribute: name, logical type, bilingual header."""

    name: str
    type: str  # 'text' | 'float' | 'int' | 'bool' | 'date'
    zh: str
    en: str


#: Versioning and provenance columns on every layer. Dates are ISO
#: ``YYYY-MM-DD``; ``valid_to`` is exclusive and NULL while the row is current.
VERSION_COLUMNS = (
    Column("valid_from", "date", "生效日期", "Valid from"),
    Column("valid_to", "date", "失效日期", "Valid to"),
    Column("import_id", "text", "导入批次", "Import ID"),
)

PARCEL_COLUMNS = (
    Column("parcel_id", "text", "地块编号", "Parcel ID"),
    Column("name", "text", "地块名称", "Name"),
    Column("zone", "text", "片区", "Zone"),
    Column("category", "text", "类型", "Category"),
    Column("status", "text", "状态", "Status"),
    Column("project", "text", "供应项目", "Project"),
    Column("land_use_code", "text", "用地代码", "Land-use code"),
    Column("declared_area_m2", "float", "申报面积(平方米)", "Declared area (m²)"),
    Column("area_m2", "float", "面积(平方米)", "Area (m²)"),
) + VERSION_COLUMNS

BUILDING_COLUMNS = (
    Column("building_id", "text", "厂房编号", "Building ID"),
    Column("parcel_id", "text", "所在地块", "Parcel ID"),
    Column("name", "text", "厂房名称", "Name"),
    Column("zone", "text", "片区", "Zone"),
    Column("is_standard_factory", "bool", "是否标准厂房", "Standard factory"),
    Column("floors", "int", "层数", "Floors"),
    Column("footprint_m2", "float", "占地面积(平方米)", "Footprint (m²)"),
    Column("floor_area_m2", "float", "建筑面积(平方米)", "Floor area (m²)"),
) + VERSION_COLUMNS

#: Key column of each layer.
#: Import ID of the rows that came from the shipped sample data.
SAMPLE_IMPORT_ID = "sample"

ID_COLUMN = {PARCELS: "parcel_id", BUILDINGS: "building_id"}

LAYER_COLUMNS = {PARCELS: PARCEL_COLUMNS, BUILDINGS: BUILDING_COLUMNS}

#: Derived (never stored) export columns.
DERIVED_COLUMNS = (
    Column("area_mu", "float", "面积(亩)", "Area (mu)"),
    Column("area_ha", "float", "面积(公顷)", "Area (ha)"),
)


def column_names(kind: str) -> list[str]:
    """Attribute column names of layer ``kind`` in stored order."""
    return [c.name for c in LAYER_COLUMNS[kind]]


def header(name: str, lang: str = "zh") -> str:
    """Display header of a column in ``lang``; the name itself if unknown."""
    for cols in (PARCEL_COLUMNS, BUILDING_COLUMNS, DERIVED_COLUMNS):
        for c in cols:
            if c.name == name:
                return c.zh if lang == "zh" else c.en
    return name


def bilingual_header(name: str) -> str:
    """``中文 / English`` header for exports read by both audiences."""
    zh, en = header(name, "zh"), header(name, "en")
    return zh if zh == en else f"{zh} / {en}"
