"""Decide how a shapefile's DBF text is encoded, and mend what GDAL cannot read.

Order of evidence: the caller's choice, then the ``.cpg`` file, then the DBF
header's language driver ID (byte 29), then the bytes themselves. Every
declared encoding is checked against the bytes first: a ``.cpg`` that says
UTF-8 on a GBK file would otherwise put mojibake in front of a planner.

Detection tells UTF-8 from GB18030/GBK by decoding every non-ASCII text value
(and field name) strictly. UTF-8 multi-byte sequences almost never occur by
chance in GBK text, so "all valid UTF-8" means UTF-8. Almost any byte pair
decodes as GB18030, so a GB18030 reading is only trusted when the characters
fall in the common GB2312 set (what real Chinese place names and land-use
terms use); otherwise the caller is asked to choose, shown samples of each.

Writers truncate DBF field names (10 bytes) and values (field width) by bytes,
which can split a multi-byte character; GDAL, for example, turns 地块编号 in
UTF-8 (12 bytes) into 地块编 plus one stray byte. pyogrio cannot decode such a
name at all, so :func:`mend_truncated` trims the split character in the staged
copy, and the report says so.

Size: one decision read top to bottom: parsing the DBF, judging codecs, the
order of evidence and mending split characters share the DBF structures; split,
the order of evidence would be spread over modules.
"""

from __future__ import annotations

import codecs
import collections
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from landinv.errors import IngestError, UsageError
from landinv.i18n import tr

#: DBF language driver IDs (byte 29) that name a code page. 0x00 and 0x57
#: ("ANSI": the writer's Windows code page, which is GBK on a Chinese PC but
#: Latin-1 to GDAL) say nothing useful and lead to detection.
LDID_CODECS = {
    0x01: "cp437",
    0x02: "cp850",
    0x03: "cp1252",
    0x58: "cp1252",
    0x59: "cp1252",
    0x13: "cp932",
    0x7B: "cp932",
    0x4D: "gb18030",
    0x7A: "gb18030",
    0x4E: "cp949",
    0x79: "cp949",
    0x4F: "cp950",
    0x78: "cp950",
    0x26: "cp866",
    0x64: "cp852",
    0xC8: "cp1250",
    0xC9: "cp1251",
    0xCB: "cp1253",
    0xCA: "cp1254",
    0xCC: "cp1257",
    0x7C: "cp874",
}
#: .cpg spellings that mean "the writer's system code page": no information.
_CPG_UNSPECIFIED = {"", "system", "ansi", "oem", "0"}
#: .cpg spellings mapped to Python codecs (after upper-casing).
_CPG_ALIASES = {
    "UTF8": "utf-8",
    "UTF-8": "utf-8",
    "65001": "utf-8",
    "GBK": "gb18030",
    "CP936": "gb18030",
    "936": "gb18030",
    "GB2312": "gb18030",
    "GB18030": "gb18030",
    "54936": "gb18030",
    "ANSI 936": "gb18030",
    "20936": "gb18030",
    "BIG5": "cp950",
    "950": "cp950",
    "CP950": "cp950",
    "88591": "latin-1",
    "8859-1": "latin-1",
    "ISO-8859-1": "latin-1",
    "ISO88591": "latin-1",
    "LATIN1": "latin-1",
    "1252": "cp1252",
    "ANSI 1252": "cp1252",
    "CP1252": "cp1252",
}
#: Name shown for the codec actually used.
_DISPLAY = {"utf-8": "UTF-8", "gb18030": "GB18030", "cp950": "Big5", "iso8859-1": "ISO-8859-1"}
#: Share of decoded CJK characters that must lie in GB2312 to trust GB18030.
GB2312_SHARE = 0.9
#: Text values sampled for detection (all of them in ordinary files).
MAX_SAMPLES = 50_000
#: Share of values a detected codec may fail on (a corrupt value or two in a
#: large GBK file); those values are blanked and their features rejected.
BAD_SHARE = 0.01
#: Share a caller's explicit encoding may fail on before we ask again.
OVERRIDE_BAD_SHARE = 0.1
#: Encodings offered when the bytes do not decide: what Chinese files use.
CANDIDATE_CODECS = ("gb18030", "utf-8", "cp950")


@dataclass(frozen=True)
class DbfField:
    name_raw: bytes
    type: str
    offset: int  # within a record (byte 0 is the deletion flag)
    length: int
    descriptor_pos: int  # absolute file position of the 11-byte name


@dataclass(frozen=True)
class DbfHeader:
    n_records: int
    header_length: int
    record_length: int
    ldid: int
    fields: tuple[DbfField, ...]


@dataclass
class TextValue:
    """A non-ASCII text value (or field name) and where it sits in the file."""

    raw: bytes
    pos: int
    record: int | None  # 0-based feature index; None for a field name
    field_raw: bytes  # the field's name as stored


@dataclass
class EncodingDecision:
    """The codec to read with, and why."""

    codec: str | None  # Python codec; None when the caller must choose
    source: str  # 'override' | 'cpg' | 'ldid' | 'detected' | 'ascii' | 'choose'
    zh: str
    en: str
    choices: list[dict] = field(default_factory=list)

    @property
    def display(self) -> str:
        return display_name(self.codec) if self.codec else ""


def display_name(codec: str) -> str:
    """Conventional name of a codec (``GB18030``, ``UTF-8``, ``Big5``)."""
    name = codecs.lookup(codec).name
    return _DISPLAY.get(name, name.upper())


def normalise_codec(name: str) -> str:
    """Python codec for a user-given encoding name.

    Raises
    ------
    UsageError
        When Python knows no such encoding.
    """
    text = str(name).strip()
    alias = _CPG_ALIASES.get(text.upper())
    if alias:
        return alias
    try:
        return codecs.lookup(text).name
    except LookupError:
        raise UsageError("ingest_read.unknown_encoding", name=name) from None


# -- reading the DBF -----------------------------------------------------------


def read_dbf_header(path: Path) -> DbfHeader:
    """Parse a DBF header (record count, lengths, LDID, field descriptors).

    Raises
    ------
    IngestError
        When the file is too short or its header is inconsistent.
    """
    with open(path, "rb") as fh:
        head = fh.read(32)
        if len(head) < 32:
            raise _corrupt_dbf(path)
        n_records, header_length, record_length = struct.unpack("<IHH", head[4:12])
        descriptors = fh.read(max(header_length - 32, 0))
    fields, offset = [], 1
    for start in range(0, len(descriptors) - 31, 32):
        desc = descriptors[start : start + 32]
        if desc[0] == 0x0D:
            break
        length = desc[16]
        if desc[11:12] == b"C":
            length += desc[17] * 256  # FoxPro-style long character fields
        fields.append(
            DbfField(desc[:11].split(b"\0", 1)[0], chr(desc[11]), offset, length, 32 + start)
        )
        offset += length
    if not fields or offset > record_length + 1 or header_length < 33:
        raise _corrupt_dbf(path)
    return DbfHeader(n_records, header_length, record_length, head[29], tuple(fields))


def _corrupt_dbf(path: Path) -> IngestError:
    return IngestError("ingest_read.dbf_corrupt", name=path.name)


def collect_text(path: Path, header: DbfHeader) -> list[TextValue]:
    """Every non-ASCII field name and character value, up to :data:`MAX_SAMPLES`."""
    out = [
        TextValue(f.name_raw, f.descriptor_pos, None, f.name_raw)
        for f in header.fields
        if not f.name_raw.isascii()
    ]
    data = np.fromfile(path, dtype=np.uint8, offset=header.header_length)
    n = min(header.n_records, len(data) // max(header.record_length, 1))
    if n == 0:
        return out
    records = data[: n * header.record_length].reshape(n, header.record_length)
    # GDAL skips records flagged deleted ('*'), so number features without them.
    deleted = records[:, 0] == ord("*")
    feature_of_row = np.arange(n) - np.cumsum(deleted)
    for f in header.fields:
        if f.type not in "CM" or f.offset + f.length > header.record_length:
            continue
        block = records[:, f.offset : f.offset + f.length]
        rows = np.flatnonzero((block >= 0x80).any(axis=1) & ~deleted)[: MAX_SAMPLES - len(out)]
        # One copy of the selected rows, sliced per value: indexing the numpy
        # block row by row was most of the time spent here.
        chunk, width = block[rows].tobytes(), f.length
        start = header.header_length + f.offset
        out.extend(
            TextValue(
                chunk[k * width : (k + 1) * width].rstrip(b" \0"),
                start + row * header.record_length,
                feature,
                f.name_raw,
            )
            for k, (row, feature) in enumerate(zip(rows.tolist(), feature_of_row[rows].tolist()))
        )
        if len(out) >= MAX_SAMPLES:
            break
    return out


# -- judging a codec ------------------------------------------------------------


@dataclass
class Fit:
    """How well a codec reads the collected values."""

    n: int = 0
    bad: list[TextValue] = field(default_factory=list)
    #: Values ending in a split character, with the number of bytes to keep.
    cut: list[tuple[TextValue, int]] = field(default_factory=list)
    decoded: list[str] = field(default_factory=list)

    def fits(self, tolerance: float = BAD_SHARE) -> bool:
        """True when at most ``tolerance`` of the values fail to decode."""
        return len(self.bad) <= tolerance * self.n


#: Codecs whose strict decode of a whole value succeeds exactly when their
#: incremental decoder reads it with nothing left pending, giving the same
#: text: for these :func:`judge` decodes in one call and only builds an
#: incremental decoder for values that fail (stateful codecs such as UTF-7
#: always take the incremental path).
_PLAIN_CODECS = {
    "utf-8",
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "cp950",
    "cp932",
    "cp949",
    "shift_jis",
    "euc_jp",
    "euc_kr",
}


def judge(values: list[TextValue], codec: str, *, give_up: float | None = None) -> Fit:
    """Decode each value strictly; a split character at the very end is allowed.

    With ``give_up`` (a share), stop as soon as more than that share of the
    values have failed: the fit is then known not to pass ``fits(give_up)``
    and its lists are incomplete.
    """
    fit = Fit(n=len(values))
    make = codecs.getincrementaldecoder(codec)
    whole = codecs.lookup(codec).name in _PLAIN_CODECS or _single_byte(codec)
    limit = None if give_up is None else give_up * fit.n
    for value in values:
        if whole:
            try:
                fit.decoded.append(value.raw.decode(codec))
                continue
            except UnicodeDecodeError:
                pass
        dec = make(errors="strict")
        try:
            text = dec.decode(value.raw, final=False)
        except UnicodeDecodeError:
            fit.bad.append(value)
            if limit is not None and len(fit.bad) > limit:
                break
            continue
        pending = len(dec.getstate()[0])
        if pending:
            fit.cut.append((value, len(value.raw) - pending))
        fit.decoded.append(text)
    return fit


def _gb2312_share(texts: list[str]) -> float:
    """Share of CJK characters that are in GB2312 (common simplified Chinese)."""
    # Counted per distinct character: a file repeats a few hundred characters.
    counts = collections.Counter("".join(texts))
    total = common = 0
    for ch, count in counts.items():
        if ord(ch) < 0x80:
            continue
        total += count
        try:
            ch.encode("gb2312")
            common += count
        except UnicodeEncodeError:
            pass
    return common / total if total else 0.0


def detect(values: list[TextValue]) -> EncodingDecision:
    """Choose between UTF-8 and GB18030 from the bytes, or ask."""
    return _detect(values)[0]


def _detect(values: list[TextValue]) -> tuple[EncodingDecision, Fit | None]:
    """:func:`detect`, plus the fit of the chosen codec when it was fully judged."""
    if not values:
        return EncodingDecision("utf-8", "ascii", *_both("ingest_read.encoding_ascii")), None
    # GBK text fails UTF-8 on nearly every value: stop once it cannot fit.
    utf8 = judge(values, "utf-8", give_up=BAD_SHARE)
    if utf8.fits():
        return EncodingDecision("utf-8", "detected", *_both("ingest_read.encoding_utf8")), utf8
    gb = judge(values, "gb18030")
    if gb.fits() and _gb2312_share(gb.decoded) >= GB2312_SHARE:
        return EncodingDecision("gb18030", "detected", *_both("ingest_read.encoding_gbk")), gb
    return EncodingDecision(
        None, "choose", *_both("ingest_read.encoding_unclear"), choices=candidate_choices(values)
    ), None


def candidate_choices(values: list[TextValue]) -> list[dict]:
    """Encodings that decode the values, each with a few sample strings."""
    out = []
    for codec in CANDIDATE_CODECS:
        fit = judge(values, codec)
        if not fit.fits():
            continue
        samples = [t for t in fit.decoded if t.strip()][:5]
        name = display_name(codec)
        zh, en = _both("ingest_read.encoding_choice", name=name, samples=" / ".join(samples))
        out.append({"value": name, "samples": samples, "zh": zh, "en": en})
    return out


def _clearly_chinese(values: list[TextValue]) -> str | None:
    """UTF-8 or GB18030 when the bytes read as Chinese under it, else None."""
    decision = detect(values)
    return decision.codec if decision.source == "detected" else None


# -- the decision ----------------------------------------------------------------


def read_cpg(path: Path | None) -> tuple[str | None, str]:
    """Codec named by a ``.cpg`` file (or None) and the file's text."""
    if path is None or not path.exists():
        return None, ""
    text = path.read_bytes()[:64].decode("ascii", "replace").strip().strip("\0")
    if text.lower() in _CPG_UNSPECIFIED:
        return None, text
    alias = _CPG_ALIASES.get(text.upper())
    if alias:
        return alias, text
    for guess in (text, "cp" + text):
        try:
            return codecs.lookup(guess).name, text
        except LookupError:
            continue
    return None, text


def decide_encoding(
    dbf: Path, cpg: Path | None, override: str | None
) -> tuple[EncodingDecision, Fit, list[TextValue]]:
    """Decide the codec of ``dbf``; return the decision, its fit and the values.

    The fit's ``bad`` values (bytes the chosen codec cannot decode) and ``cut``
    ones (a split last character) are for :func:`mend_truncated` and the report.
    """
    header = read_dbf_header(dbf)
    values = collect_text(dbf, header)
    if override:
        codec = normalise_codec(override)
        fit = judge(values, codec)
        name = display_name(codec)
        if not fit.fits(OVERRIDE_BAD_SHARE):
            return (
                EncodingDecision(
                    None,
                    "choose",
                    *_both("ingest_read.encoding_override_misfit", name=name, n=len(fit.bad)),
                    choices=candidate_choices(values),
                ),
                fit,
                values,
            )
        return (
            EncodingDecision(codec, "override", *_both("ingest_read.encoding_override", name=name)),
            fit,
            values,
        )
    declared, origin = _declared(cpg, header)
    if declared:
        fit = judge(values, declared)
        name = display_name(declared)
        chinese = _clearly_chinese(values) if _single_byte(declared) else None
        code, params = origin[1], {**origin[2], "name": name}
        if fit.fits() and not (chinese and chinese != declared):
            return EncodingDecision(declared, origin[0], *_both(code, **params)), fit, values
        decision = detect(values)
        if decision.codec:
            found = display_name(decision.codec)
            said, overruled = (
                _both(code, **params),
                _both("ingest_read.encoding_overruled", name=name, found=found),
            )
            decision.zh, decision.en = said[0] + overruled[0], said[1] + " " + overruled[1]
        return decision, judge(values, decision.codec) if decision.codec else Fit(), values
    decision, fit = _detect(values)
    if fit is None:
        fit = judge(values, decision.codec) if decision.codec else Fit()
    return decision, fit, values


def _declared(cpg: Path | None, header: DbfHeader) -> tuple[str | None, tuple]:
    codec, text = read_cpg(cpg)
    if codec:
        return codec, ("cpg", "ingest_read.encoding_cpg", {"text": text})
    ldid = LDID_CODECS.get(header.ldid)
    if ldid:
        return ldid, ("ldid", "ingest_read.encoding_ldid", {"ldid": f"0x{header.ldid:02X}"})
    return None, ()


def _both(code: str, **params) -> tuple[str, str]:
    """A catalogue message in Chinese and English (the report keeps both)."""
    return tr(code, "zh", **params), tr(code, "en", **params)


def _single_byte(codec: str) -> bool:
    return codecs.lookup(codec).name in {
        "latin-1",
        "iso8859-1",
        "cp1252",
        "cp437",
        "cp850",
        "cp852",
        "cp866",
        "cp1250",
        "cp1251",
        "cp1253",
        "cp1254",
        "cp1257",
        "cp874",
    }


def mend_truncated(dbf: Path, fit: Fit) -> int:
    """Blank split trailing characters and undecodable values in the staged DBF.

    Field names get NUL padding, values get spaces, exactly as a writer pads
    short text, so GDAL and pyogrio can read every other value. Returns the
    number of places changed.
    """
    spots = fit.cut + [(value, 0) for value in fit.bad]
    if not spots:
        return 0
    with open(dbf, "r+b") as fh:
        for value, keep in spots:
            fh.seek(value.pos + keep)
            fh.write((b"\0" if value.record is None else b" ") * (len(value.raw) - keep))
    return len(spots)


__all__ = [
    "LDID_CODECS",
    "EncodingDecision",
    "decide_encoding",
    "display_name",
    "mend_truncated",
    "normalise_codec",
    "read_dbf_header",
]
