"""Copy an upload into a private temporary folder and find the datasets in it.

GDAL only ever reads the staged copy: it may write next to what it reads (a
restored ``.shx``), and repairs to a DBF header must never touch the planner's
own files or the working tree. The folder lives under the system temp
directory and is removed when the ``with`` block ends, on success or error.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from landinv.errors import IngestError, UsageError
from landinv.ingest.archive import extract_zip, safe_relative_path
from landinv.ingest.limits import (
    ARCHIVE_EXTENSIONS,
    DATASET_EXTENSIONS,
    FILEGDB_SUFFIX,
    KNOWN_EXTENSIONS,
    SHAPEFILE_PARTS,
    Limits,
    format_bytes,
    in_filegdb,
)

_TEMP_PREFIX = "landinv-upload-"
_SNIFF = ((b"PK\x03\x04", ".zip"), (b"PK\x05\x06", ".zip"), (b"SQLite format 3\x00", ".gpkg"))
_FORMAT_OF = {
    ".gpkg": "gpkg",
    ".geojson": "geojson",
    ".json": "geojson",
    ".kml": "kml",
    ".dxf": "dxf",
}
#: Names GDAL's OpenFileGDB driver looks for inside a .gdb folder (a00000001.gdbtable,
#: gdb, timestamps ...); anything else there is not staged.
_GDB_MEMBER = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?$")


@dataclass
class Dataset:
    """One readable dataset in the staged upload.

    ``label`` is its path relative to the upload (``sub/parcels.shp``); for a
    shapefile ``parts`` maps each sidecar extension to its staged file.
    """

    path: Path
    label: str
    format: str
    parts: dict[str, Path] = field(default_factory=dict)


@dataclass
class Staged:
    """An upload copied into a temporary folder.

    Files are staged under safe internal names (``d1/f0.shp``); ``names`` maps
    each internal relative path back to the planner's own, which is what the
    report and the layer labels show.
    """

    root: Path
    file_name: str
    sha256: str
    datasets: list[Dataset]
    ignored: list[str] = field(default_factory=list)
    gbk_names: bool = False
    names: dict[str, str] = field(default_factory=dict)
    #: Paths that are both a file and a folder in the upload (possible in a zip only).
    clashes: list[str] = field(default_factory=list)


class Namer:
    """Safe internal names for an upload's files, remembering the originals.

    GDAL gives ``!`` and some other characters a meaning in paths, names can
    exceed the file system's 255-byte component limit, and a zip may hold both
    ``x.geojson`` and ``x.geojson/y.geojson``. Every folder therefore becomes
    ``d<n>`` and every file stem ``f<n>`` (sidecars of one shapefile share
    theirs, whatever the case of their names), with the extension lower-cased.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {"": ""}
        self._stems: dict[tuple[str, str], str] = {}
        self.original: dict[str, str] = {}

    def internal(self, rel: str) -> str:
        """The internal relative path for the original relative path ``rel``.

        Raises
        ------
        IngestError
            When two members map to the same file (same name up to case).
        """
        path = PurePosixPath(rel)
        folder = "" if str(path.parent) == "." else path.parent.as_posix()
        if in_filegdb(rel):
            return self._gdb_member(rel, path, folder)
        inner = self._folders.setdefault(folder, f"d{len(self._folders)}")
        key = (folder, path.stem.casefold())
        stem = self._stems.setdefault(key, f"f{len(self._stems)}")
        name = stem + path.suffix.lower()
        target = f"{inner}/{name}" if inner else name
        if target in self.original:
            raise IngestError(
                "ingest_read.duplicate_member", first=self.original[target], second=rel
            )
        self.original[target] = rel
        return target

    def _gdb_member(self, rel: str, path: PurePosixPath, folder: str) -> str | None:
        # GDAL finds a geodatabase's tables by their own names: keep them, rename the folder.
        if not folder.lower().endswith(FILEGDB_SUFFIX) or not _GDB_MEMBER.match(path.name):
            return None  # a sub-folder or an odd name: not part of a geodatabase
        inner = self._folders.setdefault(folder, f"d{len(self._folders)}{FILEGDB_SUFFIX}")
        self.original.setdefault(inner, folder)
        target = f"{inner}/{path.name}"
        if target in self.original:
            raise IngestError(
                "ingest_read.duplicate_member", first=self.original[target], second=rel
            )
        self.original[target] = rel
        return target

    def clashes(self) -> list[str]:
        """Original paths used both as a file and as a folder."""
        files = {v for k, v in self.original.items() if not k.endswith(FILEGDB_SUFFIX)}
        return sorted(f for f in self._folders if f in files)


@contextmanager
def stage_upload(source, filename: str | None, limits: Limits) -> Iterator[Staged]:
    """Stage ``source`` in a temporary folder for the duration of the block.

    Parameters
    ----------
    source : path-like, bytes or mapping of file name to bytes
        A file (zip, .shp, .gpkg, .geojson, .kml), a folder, raw bytes (then
        ``filename`` or the bytes' signature says the type), or several loose
        files as ``{name: bytes}`` (e.g. .shp/.shx/.dbf uploaded together).
    filename : str, optional
        Name shown in the report; required to type bare bytes that are not a
        zip or GeoPackage.
    limits : Limits

    Raises
    ------
    UsageError
        When a path does not exist.
    IngestError
        When the upload is too large, unsafe or of an unknown type.
    """
    with tempfile.TemporaryDirectory(prefix=_TEMP_PREFIX, ignore_cleanup_errors=True) as tmp:
        tmp_path = Path(tmp)
        root = tmp_path / "data"
        root.mkdir()
        namer = Namer()
        staged = _stage(source, filename, limits, tmp_path, root, namer)
        staged.names = dict(namer.original)
        staged.clashes = namer.clashes()
        staged.datasets = find_datasets(root, staged.names)
        yield staged


def _stage(source, filename, limits, tmp_path: Path, root: Path, namer: Namer) -> Staged:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        _check_size(len(data), limits)
        name = Path(filename).name if filename else "upload" + _sniff_suffix(data)
        if Path(name).suffix.lower() not in _READABLE:
            name += _sniff_suffix(data)
        # Internal name: the planner's name may hold '!', or be too long for the disk.
        raw = tmp_path / ("upload" + _suffix_of(name))
        raw.write_bytes(data)
        return _stage_file(raw, name, hashlib.sha256(data).hexdigest(), limits, root, namer)
    if isinstance(source, Mapping):
        if len(source) == 1:
            ((name, value),) = source.items()
            if Path(name).suffix.lower() not in SHAPEFILE_PARTS:
                return _stage(value, filename or Path(name).name, limits, tmp_path, root, namer)
        return _stage_mapping(source, filename, limits, root, namer)
    path = Path(source)
    if not path.exists():
        raise UsageError("ingest_read.path_not_found", path=str(path))
    if path.is_dir():
        return _stage_folder(path, filename, limits, root, namer)
    if path.suffix.lower() in SHAPEFILE_PARTS:
        sidecars = _sidecars(path)
        return _stage_mapping(
            {p.name: p for p in sidecars}, filename or path.name, limits, root, namer
        )
    _check_size(path.stat().st_size, limits)
    return _stage_file(path, filename or path.name, _sha256_file(path), limits, root, namer)


_READABLE = KNOWN_EXTENSIONS + ARCHIVE_EXTENSIONS


def _suffix_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix in _READABLE else ""


def _stage_file(
    path: Path, name: str, digest: str, limits: Limits, root: Path, namer: Namer
) -> Staged:
    suffix = _suffix_of(name) or path.suffix.lower()
    if suffix in ARCHIVE_EXTENSIONS:
        plan = extract_zip(path, root, limits, namer)
        return Staged(root, name, digest, [], plan.ignored, plan.gbk_names)
    if suffix in DATASET_EXTENSIONS:
        shutil.copyfile(path, root / namer.internal(Path(name).name))
        return Staged(root, name, digest, [])
    if suffix in SHAPEFILE_PARTS:
        raise IngestError("ingest_read.lonely_shapefile_part", name=name)
    raise IngestError(
        "ingest_read.unsupported_type",
        what=Path(name).suffix[:20] or name[:80],
        known=", ".join(KNOWN_EXTENSIONS + ARCHIVE_EXTENSIONS),
    )


def _stage_mapping(files: Mapping, filename, limits: Limits, root: Path, namer: Namer) -> Staged:
    """Loose files (name -> bytes or path); only known extensions are kept."""
    _check_size(
        sum(
            len(v) if isinstance(v, (bytes, bytearray)) else Path(v).stat().st_size
            for v in files.values()
        ),
        limits,
    )
    digest = hashlib.sha256()
    ignored = []
    for name in sorted(files):
        base = safe_file_name(Path(name).name)
        value = files[name]
        data = bytes(value) if isinstance(value, (bytes, bytearray)) else Path(value).read_bytes()
        digest.update(base.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
        if Path(base).suffix.lower() not in KNOWN_EXTENSIONS:
            ignored.append(base)
            continue
        (root / namer.internal(base)).write_bytes(data)
    label = filename or _common_stem(files) or "upload"
    return Staged(root, label, digest.hexdigest(), [], ignored)


def _stage_folder(folder: Path, filename, limits: Limits, root: Path, namer: Namer) -> Staged:
    files, ignored = [], []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(folder).as_posix()
        data = path.suffix.lower() in KNOWN_EXTENSIONS or in_filegdb(rel)
        (files if data else ignored).append((rel, path))
    _check_size(sum(p.stat().st_size for _, p in files), limits)
    digest = hashlib.sha256()
    for rel, path in files:
        digest.update(rel.encode("utf-8") + b"\0" + bytes.fromhex(_sha256_file(path)))
        inner = namer.internal(safe_relative_path(rel))
        if inner is None:
            continue
        target = root / inner
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return Staged(
        root, filename or folder.name, digest.hexdigest(), [], [rel for rel, _ in ignored]
    )


def _sidecars(path: Path) -> list[Path]:
    """The .shp/.shx/.dbf/.prj/.cpg files sharing ``path``'s stem (any case)."""
    stem = path.stem.lower()
    return sorted(
        p
        for p in path.parent.iterdir()
        if p.is_file() and p.stem.lower() == stem and p.suffix.lower() in SHAPEFILE_PARTS
    )


def _common_stem(files: Mapping) -> str | None:
    stems = {Path(n).stem for n in files if Path(n).suffix.lower() == ".shp"}
    return f"{stems.pop()}.shp" if len(stems) == 1 else None


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_upload_bytes:
        raise IngestError(
            "ingest_read.upload_too_large",
            size=format_bytes(size),
            limit=format_bytes(limits.max_upload_bytes),
        )


def _sniff_suffix(data: bytes) -> str:
    for magic, suffix in _SNIFF:
        if data.startswith(magic):
            return suffix
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return ".geojson"
    if head.startswith(b"<") and b"kml" in data[:2048].lower():
        return ".kml"
    return ""


def safe_file_name(name: str) -> str:
    """A single path component that cannot escape its folder."""
    base = PurePosixPath(name.replace("\\", "/")).name
    if base in ("", ".", ".."):
        raise IngestError("ingest_read.unusable_name", name=name)
    return base


def _sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def find_datasets(root: Path, names: Mapping[str, str] | None = None) -> list[Dataset]:
    """Every shapefile, GeoPackage, GeoJSON and KML under ``root``, sorted by label.

    ``names`` maps internal relative paths to the planner's (see :class:`Namer`).
    """
    names = names or {}
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_dir() and path.name.lower().endswith(FILEGDB_SUFFIX):
            found.append(Dataset(path, names.get(rel, rel), "filegdb"))
            continue
        if not path.is_file() or in_filegdb(rel):
            continue
        suffix = path.suffix
        rel = path.relative_to(root).as_posix()
        label = names.get(rel, rel)
        if suffix == ".shp":
            parts = {
                p.suffix: p
                for p in path.parent.iterdir()
                if p.stem == path.stem and p.suffix in SHAPEFILE_PARTS
            }
            found.append(Dataset(path, label, "shapefile", parts))
        elif suffix.lower() in _FORMAT_OF:
            found.append(Dataset(path, label, _FORMAT_OF[suffix.lower()]))
    return sorted(found, key=lambda d: d.label)


def orphan_dbfs(root: Path, names: Mapping[str, str] | None = None) -> list[str]:
    """Labels of .dbf files with no .shp beside them (attribute tables only)."""
    names = names or {}
    rels = (
        p.relative_to(root).as_posix()
        for p in root.rglob("*.dbf")
        if not p.with_suffix(".shp").exists()
    )
    return sorted(names.get(rel, rel) for rel in rels)
