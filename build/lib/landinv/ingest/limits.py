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

#: Extensions read from an upload; everything else is listed as ignored.
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
DATASET_EXTENSIONS = (".gpkg", ".geojson", ".json", ".kml")
ARCHIVE_EXTENSIONS = (".zip",)
KNOWN_EXTENSIONS = SHAPEFILE_PARTS + DATASET_EXTENSIONS


@dataclass(frozen=True)
class Limits:
    """The limits one read obeys; defaults are the module constants."""

    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_zip_members: int = MAX_ZIP_MEMBERS
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_compression_ratio: float = MAX_COMPRESSION_RATIO
    ratio_exempt_bytes: int = RATIO_EXEMPT_BYTES


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
    if "max_upload_mb" in upload:
        changes["max_upload_bytes"] = int(upload["max_upload_mb"] * _MB)
    if "max_zip_members" in upload:
        changes["max_zip_members"] = int(upload["max_zip_members"])
    if "max_uncompressed_mb" in upload:
        changes["max_uncompressed_bytes"] = int(upload["max_uncompressed_mb"] * _MB)
    if "max_compression_ratio" in upload:
        changes["max_compression_ratio"] = float(upload["max_compression_ratio"])
    return replace(LIMITS, **changes)


def format_bytes(n: int) -> str:
    """Human-readable size (``12.3 MB``) for messages."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
