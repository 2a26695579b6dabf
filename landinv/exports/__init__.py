"""Writing reports and layers to files planners open: CSV, XLSX, GPKG, GeoJSON, shapefile.

- :mod:`.formats`  the one registry of formats (code, ending, MIME type, driver, label)
- :mod:`.files`    safe delivery: buffer, or atomic write that never replaces the store
- :mod:`.labels`   bilingual headers and code-to-label lookups
- :mod:`.tables`   CSV of any table (formula-safe) and the XLSX workbook of a report
- :mod:`.summary_csv` the summary CSV, a display file (rounded) for reports
- :mod:`.layers`   parcels and buildings through GDAL

Every writer takes a ``target`` that is a path or a binary buffer (the app
serves downloads from memory).
"""

from __future__ import annotations

from landinv.exports.files import check_target, deliver
from landinv.exports.formats import (
    FILE_ENDINGS,
    FORMATS,
    LAYER_FORMATS,
    TABLE_FORMATS,
    Format,
    export_filename,
    get_format,
)
from landinv.exports.labels import column_header
from landinv.exports.layers import (
    SHAPEFILE_NAMES,
    export_layer,
    layer_frame,
    shapefile_field_names,
)
from landinv.exports.summary_csv import summary_csv
from landinv.exports.tables import SHEETS, neutralise_formulas, summary_xlsx, write_csv

__all__ = [
    "FILE_ENDINGS",
    "FORMATS",
    "LAYER_FORMATS",
    "SHAPEFILE_NAMES",
    "SHEETS",
    "TABLE_FORMATS",
    "Format",
    "check_target",
    "column_header",
    "deliver",
    "export_filename",
    "export_layer",
    "get_format",
    "layer_frame",
    "neutralise_formulas",
    "shapefile_field_names",
    "summary_csv",
    "summary_xlsx",
    "write_csv",
]
