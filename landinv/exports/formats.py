"""The one registry of export formats: code, file ending, MIME type, GDAL driver, label.

The CLI's choices, the downloads page's buttons and the file names all read
this table, so a format is added in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from landinv.domain import parse_date
from landinv.errors import UsageError
from landinv.i18n import tr


@dataclass(frozen=True)
class Format:
    """One export format.

    Attributes
    ----------
    code : str
        What the CLI's ``--format`` takes, e.g. ``"gpkg"``.
    suffix : str
        File ending, with the dot (a zipped shapefile ends ``.shp.zip``).
    mime : str
        MIME type for downloads.
    driver : str or None
        GDAL driver writing it, for layer formats.
    layer : bool
        Whether parcels and buildings can be exported in it.
    table : bool
        Whether report tables (the summary) can be written in it.
    """

    code: str
    suffix: str
    mime: str
    driver: str | None = None
    layer: bool = False
    table: bool = False

    def label(self, lang: str = "zh") -> str:
        """The format's name in ``lang``."""
        return tr(f"fmt.{self.code}", lang)


FORMATS: dict[str, Format] = {
    f.code: f
    for f in (
        Format("gpkg", ".gpkg", "application/geopackage+sqlite3", "GPKG", layer=True),
        Format("shp", ".shp.zip", "application/zip", "ESRI Shapefile", layer=True),
        Format("geojson", ".geojson", "application/geo+json", "GeoJSON", layer=True),
        Format("csv", ".csv", "text/csv", "CSV", layer=True, table=True),
        Format(
            "xlsx",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            table=True,
        ),
        Format("json", ".json", "application/json", table=True),
    )
}

#: Layer formats, with their file endings.
LAYER_FORMATS = {code: f.suffix for code, f in FORMATS.items() if f.layer}
#: Formats the summary can be written in (``table`` is the CLI's plain-text table).
TABLE_FORMATS = tuple(code for code, f in FORMATS.items() if f.table)
#: Every format :func:`export_filename` names.
FILE_ENDINGS = {code: f.suffix for code, f in FORMATS.items()}


def get_format(code: str, *, layer: bool | None = None) -> Format:
    """The format with ``code``; refuses an unknown one (or one not for layers)."""
    known = [c for c, f in FORMATS.items() if layer is None or f.layer == layer]
    if code not in known:
        raise UsageError("err.format", fmt=code, known=", ".join(known))
    return FORMATS[code]


def export_filename(kind: str, as_of, fmt: str) -> str:
    """File name for a download, e.g. ``landinv_parcels_2025-06-30.gpkg``.

    ``fmt`` is a code of :data:`FORMATS`; a zipped shapefile ends ``.shp.zip``.
    """
    suffix = get_format(fmt).suffix
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", str(kind)).strip("-") or "export"
    return f"landinv_{safe}_{parse_date(as_of).isoformat()}{suffix}"
