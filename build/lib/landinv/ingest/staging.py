"""Copy an upload into a private temporary folder and find the datasets in it.

GDAL only ever reads the staged copy: it may write next to what it reads (a
restored ``.shx``), and repairs to a DBF header must never touch the planner's
own files or the working tree. The folder lives under the system temp
directory and is removed when the ``with`` block ends, on success or error.
"""

from __future__ import annotations

import hashlib
import os
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
    KNOWN_EXTENSIONS,
    SHAPEFILE_PARTS,
    Limits,
    format_bytes,
)

_TEMP_PREFIX = "landinv-upload-"
_SNIFF = ((b"PK\x03\x04", ".zip"), (b"PK\x05\x06", ".zip"), (b"SQLite format 3\x00", ".gpkg"))
_FORMAT_OF = {".gpkg": "gpkg", ".geojson": "geojson", ".json": "geojson", ".kml": "kml"}


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
    """An upload copied into a temporary folder."""

    root: Path
    file_name: str
    sha256: str
    datasets: list[Dataset]
    ignored: list[str] = field(default_factory=list)
    gbk_names: bool = False


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
        staged = _stage(source, filename, limits, tmp_path, root)
        _normalise_shapefile_names(root)
        staged.datasets = find_datasets(root)
        yield staged


def _stage(source, filename, limits, tmp_path: Path, root: Path) -> Staged:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        _check_size(len(data), limits)
        name = Path(filename).name if filename else "upload" + _sniff_suffix(data)
        if not Path(name).suffix:
            name += _sniff_suffix(data)
        raw = tmp_path / safe_file_name(name)
        raw.write_bytes(data)
        return _stage_file(raw, name, hashlib.sha256(data).hexdigest(), limits, root)
    if isinstance(source, Mapping):
        if len(source) == 1:
            (name, value), = source.items()
            if Path(name).suffix.lower() not in SHAPEFILE_PARTS:
                return _stage(value, filename or Path(name).name, limits, tmp_path, root)
        return _stage_mapping(source, filename, limits, root)
    path = Path(source)
    if not path.exists():
        raise UsageError(f"找不到文件或文件夹：{path}", f"File or folder not found: {path}")
    if path.is_dir():
        return _stage_folder(path, filename, limits, root)
    if path.suffix.lower() in SHAPEFILE_PARTS:
        sidecars = _sidecars(path)
        return _stage_mapping({p.name: p for p in sidecars}, filename or path.name, limits, root)
    _check_size(path.stat().st_size, limits)
    return _stage_file(path, filename or path.name, _sha256_file(path), limits, root)


def _stage_file(path: Path, name: str, digest: str, limits: Limits, root: Path) -> Staged:
    suffix = Path(name).suffix.lower() or path.suffix.lower()
    if suffix in ARCHIVE_EXTENSIONS:
        plan = extract_zip(path, root, limits)
        return Staged(root, name, digest, [], plan.ignored, plan.gbk_names)
    if suffix in DATASET_EXTENSIONS:
        shutil.copyfile(path, root / safe_file_name(Path(name).stem + suffix))
        return Staged(root, name, digest, [])
    if suffix in SHAPEFILE_PARTS:
        raise IngestError(
            f"只收到了 {name} 一个文件。Shapefile 至少需要同名的 .shp、.shx、.dbf（最好还有 .prj、"
            ".cpg）：请把它们一起上传，或打包成 .zip。",
            f"Only {name} arrived. A shapefile needs its .shp, .shx and .dbf (ideally "
            ".prj and .cpg too) with the same name: upload them together or as one .zip.")
    known = "、".join(KNOWN_EXTENSIONS + ARCHIVE_EXTENSIONS)
    raise IngestError(
        f"不支持的文件类型“{suffix or name}”。请上传 .zip（内含 Shapefile）、.shp 一组文件、"
        f".gpkg、.geojson 或 .kml。可识别的扩展名：{known}",
        f"Unsupported file type '{suffix or name}'. Upload a .zip (with a shapefile), the "
        f"set of .shp files, a .gpkg, .geojson or .kml. Known extensions: "
        f"{', '.join(KNOWN_EXTENSIONS + ARCHIVE_EXTENSIONS)}")


def _stage_mapping(files: Mapping, filename, limits: Limits, root: Path) -> Staged:
    """Loose files (name -> bytes or path); only known extensions are kept."""
    _check_size(sum(len(v) if isinstance(v, (bytes, bytearray)) else Path(v).stat().st_size
                    for v in files.values()), limits)
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
        (root / base).write_bytes(data)
    label = filename or _common_stem(files) or "upload"
    return Staged(root, label, digest.hexdigest(), [], ignored)


def _stage_folder(folder: Path, filename, limits: Limits, root: Path) -> Staged:
    files, ignored = [], []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(folder).as_posix()
        (files if path.suffix.lower() in KNOWN_EXTENSIONS else ignored).append((rel, path))
    _check_size(sum(p.stat().st_size for _, p in files), limits)
    digest = hashlib.sha256()
    for rel, path in files:
        digest.update(rel.encode("utf-8") + b"\0" + bytes.fromhex(_sha256_file(path)))
        target = root / safe_relative_path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return Staged(root, filename or folder.name, digest.hexdigest(), [],
                  [rel for rel, _ in ignored])


def _sidecars(path: Path) -> list[Path]:
    """The .shp/.shx/.dbf/.prj/.cpg files sharing ``path``'s stem (any case)."""
    stem = path.stem.lower()
    return sorted(p for p in path.parent.iterdir()
                  if p.is_file() and p.stem.lower() == stem
                  and p.suffix.lower() in SHAPEFILE_PARTS)


def _common_stem(files: Mapping) -> str | None:
    stems = {Path(n).stem for n in files if Path(n).suffix.lower() == ".shp"}
    return f"{stems.pop()}.shp" if len(stems) == 1 else None


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_upload_bytes:
        raise IngestError(
            f"上传文件大小为 {format_bytes(size)}，超过上限 "
            f"{format_bytes(limits.max_upload_bytes)}。请按片区拆分后分批上传。",
            f"The upload is {format_bytes(size)}, more than the limit of "
            f"{format_bytes(limits.max_upload_bytes)}. Split it (e.g. by zone) and upload "
            "the parts one by one.")


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
        raise IngestError(f"文件名不可用：“{name}”。", f"Unusable file name: '{name}'.")
    return base


def _sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _normalise_shapefile_names(root: Path) -> None:
    """Give every sidecar its .shp's exact stem and a lower-case extension.

    GDAL on Linux looks for ``x.shx`` or ``x.SHX`` next to ``x.shp``; a set like
    ``Parcels.SHP`` + ``parcels.dbf`` from a Windows machine would not open.
    """
    for folder in {p.parent for p in root.rglob("*") if p.is_file()}:
        groups: dict[str, list[Path]] = {}
        for p in folder.iterdir():
            if p.is_file() and p.suffix.lower() in SHAPEFILE_PARTS:
                groups.setdefault(p.stem.lower(), []).append(p)
        for members in groups.values():
            shp = next((p for p in members if p.suffix.lower() == ".shp"), None)
            stem = shp.stem if shp else members[0].stem
            for p in members:
                wanted = p.with_name(stem + p.suffix.lower())
                if p.name != wanted.name:
                    os.replace(p, wanted)


def find_datasets(root: Path) -> list[Dataset]:
    """Every shapefile, GeoPackage, GeoJSON and KML under ``root``, sorted by label."""
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        suffix = path.suffix
        label = path.relative_to(root).as_posix()
        if suffix == ".shp":
            parts = {p.suffix: p for p in path.parent.iterdir()
                     if p.stem == path.stem and p.suffix in SHAPEFILE_PARTS}
            found.append(Dataset(path, label, "shapefile", parts))
        elif suffix.lower() in _FORMAT_OF:
            found.append(Dataset(path, label, _FORMAT_OF[suffix.lower()]))
    return found


def orphan_dbfs(root: Path) -> list[str]:
    """Labels of .dbf files with no .shp beside them (attribute tables only)."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.dbf")
                  if not p.with_suffix(".shp").exists())
