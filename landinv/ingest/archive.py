"""Zip uploads: refuse unsafe archives from the central directory, extract the rest.

Every check here reads only the zip's central directory (names, declared sizes,
flags), so a zip bomb or a path-traversal member is refused before a single
byte is decompressed. Extraction then copies only members with a known
extension into a staging folder, counting bytes as it goes in case the
directory lied about sizes.

Member names: zips made on a Chinese Windows store names in GBK without the
UTF-8 flag; Python then decodes them as CP437, which turns 地块.shp into
box-drawing characters. :func:`member_name` re-decodes such names.
"""

from __future__ import annotations

import re
import stat
import threading
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from landinv.errors import IngestError
from landinv.ingest.limits import (
    ARCHIVE_EXTENSIONS,
    KNOWN_EXTENSIONS,
    Limits,
    format_bytes,
    in_filegdb,
)

_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_COPY_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ZipPlan:
    """What a zip holds: members to extract and names to list as ignored."""

    extract: list[tuple[zipfile.ZipInfo, str]]
    ignored: list[str]
    gbk_names: bool


def member_name(info: zipfile.ZipInfo) -> tuple[str, bool]:
    """The member's real name and whether it had to be decoded as GBK/GB18030.

    Names flagged UTF-8 are taken as they are; others are tried as UTF-8 (some
    tools omit the flag), then GB18030, then left as CP437.
    """
    if info.flag_bits & _UTF8_FLAG:
        return info.filename, False
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:  # zipfile already decoded it another way
        return info.filename, False
    if raw.isascii():
        return info.filename, False
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec), codec == "gb18030"
        except UnicodeDecodeError:
            continue
    return info.filename, False


def safe_relative_path(name: str) -> str:
    """Normalise a member name to a relative POSIX path, or raise if unsafe.

    Raises
    ------
    IngestError
        For absolute paths, drive letters and ``..`` components.
    """
    text = name.replace("\\", "/")
    if text.startswith("/") or _DRIVE.match(text):
        raise IngestError("ingest_read.zip_absolute_path", name=name)
    parts = [p for p in PurePosixPath(text).parts if p not in ("", ".")]
    if ".." in parts:
        raise IngestError("ingest_read.zip_dotdot", name=name)
    return "/".join(parts)


def plan_zip(zf: zipfile.ZipFile, limits: Limits) -> ZipPlan:
    """Check the central directory against ``limits``; list members to extract.

    Raises
    ------
    IngestError
        Too many members, too large when expanded, a suspicious compression
        ratio, an encrypted member, a link, or an unsafe name.
    """
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        raise IngestError(
            "ingest_read.zip_too_many_members", n=len(infos), limit=limits.max_zip_members
        )
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_uncompressed_bytes:
        raise IngestError(
            "ingest_read.zip_too_large",
            size=format_bytes(declared),
            limit=format_bytes(limits.max_uncompressed_bytes),
        )
    extract, ignored, gbk = [], [], False
    for info in infos:
        name, was_gbk = member_name(info)
        gbk = gbk or was_gbk
        rel = safe_relative_path(name)
        _check_member(info, name, limits)
        if info.is_dir() or not rel:
            continue
        path = PurePosixPath(rel)
        if path.parts[0] == "__MACOSX" or path.name.startswith("._"):
            continue  # macOS resource forks: never data
        suffix = path.suffix.lower()
        if suffix in KNOWN_EXTENSIONS or in_filegdb(rel):
            extract.append((info, rel))
        else:
            ignored.append(rel + (" (zip)" if suffix in ARCHIVE_EXTENSIONS else ""))
    return ZipPlan(extract, ignored, gbk)


def _check_member(info: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        raise IngestError("ingest_read.zip_symlink", name=name)
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise IngestError("ingest_read.zip_encrypted", name=name)
    if info.file_size <= limits.ratio_exempt_bytes:
        return
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > limits.max_compression_ratio:
        raise IngestError(
            "ingest_read.zip_ratio",
            name=name,
            ratio=f"{ratio:,.0f}",
            limit=f"{limits.max_compression_ratio:,.0f}",
        )


def extract_zip(path: Path, dest: Path, limits: Limits, namer=None) -> ZipPlan:
    """Check ``path`` (see :func:`plan_zip`) and extract its data members into ``dest``.

    Members are written under ``namer``'s internal names (see
    :class:`landinv.ingest.staging.Namer`), or their own when it is None.
    Returns the plan (what was extracted and what was ignored). A large
    archive is extracted by two threads, each with its own handle on the zip
    (zlib and file writes release the GIL): a shapefile's ``.shp`` and ``.dbf``
    inflate at the same time (docs/benchmarks.md).

    Raises
    ------
    IngestError
        For an unsafe or corrupt archive; ``dest`` may then hold partial files,
        which the caller's temporary folder removes.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError("ingest_read.zip_unreadable", detail=scrub(exc)) from None
    with zf:
        plan = plan_zip(zf, limits)
        jobs = []
        for info, rel in plan.extract:
            inner = namer.internal(rel) if namer is not None else rel
            if inner is None:
                plan.ignored.append(rel)
                continue
            target = dest / inner
            target.parent.mkdir(parents=True, exist_ok=True)
            jobs.append((info, rel, target))
        budget = _Budget(limits.max_uncompressed_bytes)
        groups = _split_jobs(jobs)
        if len(groups) < 2:
            for info, rel, target in jobs:
                _copy_member(zf, info, rel, target, budget)
            return plan
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        for done in [pool.submit(_extract_group, path, group, budget) for group in groups]:
            done.result()  # re-raises the first IngestError of a group
    return plan


#: Archives expanding to less than this are extracted in one thread.
_PARALLEL_BYTES = 8 * 1024 * 1024


def _split_jobs(jobs: list) -> list[list]:
    """Two groups of members of about equal expanded size (largest first), or one."""
    total = sum(info.file_size for info, _, _ in jobs)
    if len(jobs) < 2 or total < _PARALLEL_BYTES:
        return [jobs] if jobs else []
    groups: list[list] = [[], []]
    sizes = [0, 0]
    for job in sorted(jobs, key=lambda j: -j[0].file_size):
        k = sizes.index(min(sizes))
        groups[k].append(job)
        sizes[k] += job[0].file_size
    return [g for g in groups if g]


def _extract_group(path: Path, group: list, budget: _Budget) -> None:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError("ingest_read.zip_unreadable", detail=scrub(exc)) from None
    with zf:
        for info, rel, target in group:
            _copy_member(zf, info, rel, target, budget)


class _Budget:
    """Bytes written so far by every extracting thread, against the limit.

    The central directory's sizes were checked already; this guards against a
    directory that lies about them.
    """

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0
        self._lock = threading.Lock()

    def take(self, n: int) -> None:
        with self._lock:
            self.used += n
            if self.used > self.limit:
                raise IngestError("ingest_read.zip_expands_too_much")


def _copy_member(zf, info, rel, target: Path, budget: _Budget) -> None:
    try:
        with zf.open(info) as src, open(target, "wb") as out:
            while chunk := src.read(_COPY_CHUNK):
                budget.take(len(chunk))
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise IngestError("ingest_read.zip_member_corrupt", name=rel, detail=scrub(exc)) from None


_TEMP_PATH = re.compile(r"\S*landinv-upload-[^\s/'\"]*/?\S*")


def scrub(exc: BaseException | str) -> str:
    """An error text without the server's temporary paths (they mean nothing to a planner)."""
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return _TEMP_PATH.sub("…", text)
