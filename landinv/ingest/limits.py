"""Safety limits on uploads, as named constants a deployment can change.

Every limit is checked before any byte is expanded or handed to GDAL: the
upload size from the file system (or ``len`` of the bytes), the zip limits from
the archive's central directory. Change them per call with
``IngestOptions(limits=dataclasses.replace(LIMITS, max_upload_bytes=...))``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

#: Largest upload accepted, in bytes (50 MB).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
#: Most members a zip may list (files and folders).
MAX_ZIP_MEMBERS = 2000
#: Largest total uncompressed size of the members we would extract (200 MB).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: Largest uncompressed/compressed ratio of any member. Shapefiles and
#: GeoPackages compress 2-20x; zip bombs reach 1000x and more.
MAX_COMPRESSION_RATIO = 100.0
#: Members below this size are exempt from the ratio check: a near-empty .cpg
#: or .prj can legitimately compress "badly" either way.
RATIO_EXEMPT_BYTES = 64 * 1024

#: Most vertices in one feature. A cadastral parcel has tens to hundreds; a
#: 160,000-vertex star held GEOS's validity check for minutes (issue 14).
MAX_VERTICES_PER_FEATURE = 10_000
#: Most vertices in one upload (100,000 ordinary parcels hold about a million).
MAX_VERTICES_PER_UPLOAD = 5_000_000
#: Seconds an upload check may run in the worker before it is stopped.
CHECK_TIMEOUT_S = 120.0

#: Extensions read from an upload; everything else is listed as ignored.
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
DATASET_EXTENSIONS = (".gpkg", ".geojson", ".json", ".kml", ".dxf")
#: Zips, and KMZ (a zip holding doc.kml), are expanded under the zip limits.
ARCHIVE_EXTENSIONS = (".zip", ".kmz")
KNOWN_EXTENSIONS = SHAPEFILE_PARTS + DATASET_EXTENSIONS
#: Suffix of an Esri File Geodatabase folder; every file inside it is data.
FILEGDB_SUFFIX = ".gdb"


def in_filegdb(rel: str) -> bool:
    """True for a path inside a ``*.gdb`` folder (FileGDB parts have many suffixes)."""
    return any(part.lower().endswith(FILEGDB_SUFFIX) for part in rel.split("/")[:-1])


@dataclass(frozen=True)
class Limits:
    """The limits one read obeys; defaults are the module constants."""

    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_zip_members: int = MAX_ZIP_MEMBERS
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_compression_ratio: float = MAX_COMPRESSION_RATIO
    ratio_exempt_bytes: int = RATIO_EXEMPT_BYTES
    max_vertices_per_feature: int = MAX_VERTICES_PER_FEATURE
    max_vertices_per_upload: int = MAX_VERTICES_PER_UPLOAD
    check_timeout_s: float = CHECK_TIMEOUT_S


#: Limits used when the caller gives none.
LIMITS = Limits()

_MB = 1024 * 1024


def limits_from_config(upload: dict) -> Limits:
    """Limits with the ``[upload]`` settings of ``landinv.toml`` applied.

    ``upload`` is :attr:`landinv.domain.Config.upload` (sizes in MB); keys it
    leaves out keep the defaults above.
    """
    if not upload:
        return LIMITS
    changes = {}
    for key, value in upload.items():
        field_name, scale, kind = CONFIG_KEYS[key]
        changes[field_name] = kind(value * scale)
    return replace(LIMITS, **changes)


#: ``[upload]`` keys of landinv.toml: (Limits field, factor, type). The values
#: must be positive numbers; landinv.domain checks them when loading the file.
CONFIG_KEYS = {
    "max_upload_mb": ("max_upload_bytes", _MB, int),
    "max_zip_members": ("max_zip_members", 1, int),
    "max_uncompressed_mb": ("max_uncompressed_bytes", _MB, int),
    "max_compression_ratio": ("max_compression_ratio", 1, float),
    "max_vertices_per_feature": ("max_vertices_per_feature", 1, int),
    "max_vertices_per_upload": ("max_vertices_per_upload", 1, int),
    "check_timeout_s": ("check_timeout_s", 1, float),
}


def format_bytes(n: int) -> str:
    """Human-readable size (``12.3 MB``) for messages."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
