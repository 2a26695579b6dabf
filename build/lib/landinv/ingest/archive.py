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
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from landinv.errors import IngestError
from landinv.ingest.limits import ARCHIVE_EXTENSIONS, KNOWN_EXTENSIONS, Limits, format_bytes

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
        raise IngestError(
            f"压缩包里有绝对路径的文件“{name}”，为安全起见拒绝。请只打包数据文件（相对路径）后重新上传。",
            f"The zip has a member with an absolute path ('{name}'), refused for safety. "
            "Zip the data files with relative paths and upload again.")
    parts = [p for p in PurePosixPath(text).parts if p not in ("", ".")]
    if ".." in parts:
        raise IngestError(
            f"压缩包里的文件名“{name}”含有“..”（会写到目标文件夹之外），为安全起见拒绝。"
            "请重新打包后上传。",
            f"The zip member '{name}' contains '..' (it would be written outside the "
            "target folder) and is refused for safety. Re-create the zip and upload again.")
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
            f"压缩包里有 {len(infos)} 个文件，超过上限 {limits.max_zip_members}。"
            "请只打包要导入的图层。",
            f"The zip lists {len(infos)} members, more than the limit of "
            f"{limits.max_zip_members}. Zip only the layer you want to import.")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_uncompressed_bytes:
        raise IngestError(
            f"压缩包解压后共 {format_bytes(declared)}，超过上限 "
            f"{format_bytes(limits.max_uncompressed_bytes)}，疑似“压缩炸弹”，拒绝解压。"
            "请只打包要导入的图层。",
            f"The zip would expand to {format_bytes(declared)}, more than the limit of "
            f"{format_bytes(limits.max_uncompressed_bytes)}; it looks like a zip bomb and "
            "was not expanded. Zip only the layer you want to import.")
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
        if suffix in KNOWN_EXTENSIONS:
            extract.append((info, rel))
        else:
            ignored.append(rel + (" (嵌套压缩包 / nested zip)" if suffix in ARCHIVE_EXTENSIONS
                                  else ""))
    return ZipPlan(extract, ignored, gbk)


def _check_member(info: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        raise IngestError(
            f"压缩包里的“{name}”是符号链接，为安全起见拒绝。请打包真实文件后重新上传。",
            f"The zip member '{name}' is a symbolic link and is refused for safety. "
            "Zip the real files and upload again.")
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise IngestError(
            f"压缩包里的“{name}”有密码保护，无法读取。请去掉密码后重新打包上传。",
            f"The zip member '{name}' is password-protected and cannot be read. "
            "Re-create the zip without a password.")
    if info.file_size <= limits.ratio_exempt_bytes:
        return
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > limits.max_compression_ratio:
        raise IngestError(
            f"压缩包里的“{name}”压缩比为 {ratio:,.0f}:1（上限 "
            f"{limits.max_compression_ratio:,.0f}:1），疑似“压缩炸弹”，拒绝解压。",
            f"The zip member '{name}' has a compression ratio of {ratio:,.0f}:1 (limit "
            f"{limits.max_compression_ratio:,.0f}:1); it looks like a zip bomb and was not "
            "expanded.")


def extract_zip(path: Path, dest: Path, limits: Limits) -> ZipPlan:
    """Check ``path`` (see :func:`plan_zip`) and extract its data members into ``dest``.

    Returns the plan (what was extracted and what was ignored).

    Raises
    ------
    IngestError
        For an unsafe or corrupt archive; ``dest`` may then hold partial files,
        which the caller's temporary folder removes.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError(
            f"无法打开压缩包（{exc}）。请确认文件是完整的 .zip 后重新上传。",
            f"The zip cannot be opened ({exc}). Check it is a complete .zip file and "
            "upload again.") from None
    with zf:
        plan = plan_zip(zf, limits)
        written = 0
        for info, rel in plan.extract:
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            written = _copy_member(zf, info, rel, target, written, limits)
    return plan


def _copy_member(zf, info, rel, target: Path, written: int, limits: Limits) -> int:
    try:
        with zf.open(info) as src, open(target, "wb") as out:
            while chunk := src.read(_COPY_CHUNK):
                written += len(chunk)
                if written > limits.max_uncompressed_bytes:
                    raise IngestError(
                        "压缩包实际解压大小超过上限，已停止解压并拒绝。",
                        "The zip expands beyond the size limit; extraction stopped and the "
                        "upload was refused.")
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise IngestError(
            f"压缩包中的“{rel}”已损坏（{exc}）。请重新打包后上传。",
            f"The zip member '{rel}' is corrupt ({exc}). Re-create the zip and upload "
            "again.") from None
    return written
