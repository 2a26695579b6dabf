"""Column schema of the inventory layers, shared by ingest, stores and exports.

One place names every stored column, its type and its Chinese and English
header, so an upload, a GeoPackage, a PostGIS table and an XLSX export all
agree. Geometry is always MultiPolygon in EPSG:4490 in a column ``geometry``
(in a GeoDataFrame) / ``geom`` (in a database).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from landinv.domain import BUILDINGS, PARCELS
from landinv.i18n import tr


@dataclass(frozen=True)
class Column:
    """A stored attribute: name, logical type, and the catalogue code of its header."""

    name: str
    type: str  # 'text' | 'float' | 'int' | 'bool' | 'date'
    code: str

    @property
    def zh(self) -> str:
        """Chinese header."""
        return tr(self.code, "zh")

    @property
    def en(self) -> str:
        """English header."""
        return tr(self.code, "en")


#: Versioning and provenance columns on every layer. Dates are ISO
#: ``YYYY-MM-DD``; ``valid_to`` is exclusive and NULL while the row is current.
VERSION_COLUMNS = (
    Column("valid_from", "date", "schema.ver.valid_from"),
    Column("valid_to", "date", "schema.ver.valid_to"),
    Column("import_id", "text", "schema.ver.import_id"),
)

PARCEL_COLUMNS = (
    Column("parcel_id", "text", "schema.parcel.parcel_id"),
    Column("name", "text", "schema.parcel.name"),
    Column("zone", "text", "schema.parcel.zone"),
    Column("category", "text", "schema.parcel.category"),
    Column("status", "text", "schema.parcel.status"),
    Column("project", "text", "schema.parcel.project"),
    Column("land_use_code", "text", "schema.parcel.land_use_code"),
    Column("declared_area_m2", "float", "schema.parcel.declared_area_m2"),
    Column("area_m2", "float", "schema.parcel.area_m2"),
) + VERSION_COLUMNS

BUILDING_COLUMNS = (
    Column("building_id", "text", "schema.building.building_id"),
    Column("parcel_id", "text", "schema.building.parcel_id"),
    Column("name", "text", "schema.building.name"),
    Column("zone", "text", "schema.building.zone"),
    Column("is_standard_factory", "bool", "schema.building.is_standard_factory"),
    Column("floors", "int", "schema.building.floors"),
    Column("footprint_m2", "float", "schema.building.footprint_m2"),
    Column("floor_area_m2", "float", "schema.building.floor_area_m2"),
) + VERSION_COLUMNS

#: Import ID of the rows that came from the shipped sample data.
SAMPLE_IMPORT_ID = "sample"
#: Who the seeded imports are recorded as (``user_name`` of their import rows).
SEED_USER = "landinv"
#: Import IDs of the seeded sample enterprise files (``sample-enterprises-2024`` ...).
SAMPLE_ENTERPRISES_PREFIX = "sample-enterprises-"
#: The marker of a seeded import: this key is true in its import record's
#: report (``report_json``), which backups and restores carry with the record.
SAMPLE_REPORT_KEY = "sample"
_LEGACY_SAMPLE_ID = re.compile(
    rf"{re.escape(SAMPLE_IMPORT_ID)}|{re.escape(SAMPLE_ENTERPRISES_PREFIX)}\d{{4}}"
)


def is_sample_import(import_id, user_name, report_json) -> bool:
    """True for an import that seeding made (sample parcels, buildings, enterprises).

    The marker is ``"sample": true`` in the import's report. Stores seeded
    before the marker existed are recognised by the exact IDs the seeding gave
    (``sample``, ``sample-enterprises-YYYY``) together with its user.
    """
    text = report_json if isinstance(report_json, str) else ""
    if f'"{SAMPLE_REPORT_KEY}"' in text:  # cheap test first: reports can be large
        try:
            report = json.loads(text)
        except ValueError:
            report = None
        if isinstance(report, dict) and report.get(SAMPLE_REPORT_KEY) is True:
            return True
    return str(user_name) == SEED_USER and bool(_LEGACY_SAMPLE_ID.fullmatch(str(import_id)))


def sample_import_mask(imports) -> list[bool]:
    """For each row of an import log (``Store.imports()``): was it seeded?

    See :func:`is_sample_import`.
    """
    return [
        is_sample_import(i, u, r)
        for i, u, r in zip(imports["import_id"], imports["user_name"], imports["report_json"])
    ]


#: Key column of each layer.
ID_COLUMN = {PARCELS: "parcel_id", BUILDINGS: "building_id"}

LAYER_COLUMNS = {PARCELS: PARCEL_COLUMNS, BUILDINGS: BUILDING_COLUMNS}

#: Derived (never stored) export columns.
DERIVED_COLUMNS = (
    Column("area_mu", "float", "schema.parcel.area_mu"),
    Column("area_ha", "float", "schema.parcel.area_ha"),
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
