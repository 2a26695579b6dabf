"""Reading the tables departments send: XLSX, or CSV in UTF-8 (with or without BOM) or GBK.

Returns the header row and the data rows as plain Python values; nothing here
knows about enterprises beyond recognising the header row (the first of the
first ten rows naming the credit-code column, so a title row above the table
is skipped).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from landinv.errors import UsageError
from landinv.i18n.vocab_enterprises import FIELD_ALIASES, UNITS

#: Rows searched for the header row.
HEADER_SEARCH_ROWS = 10
_UNIT_IN_BRACKETS = re.compile(r"^(.*?)[(\uff08\[\u3010]\s*(.*?)\s*[)\uff09\]\u3011]\s*$")
_UNIT_AFTER_SLASH = re.compile(r"^(.*?)\s*[/\uff0f]\s*([^/\uff0f]+)$")
_ALIAS_TO_FIELD = {
    re.sub(r"\s+", "", a).lower(): f for f, aliases in FIELD_ALIASES.items() for a in aliases
}
_UNIT_KEYS = {re.sub(r"\s+", "", k).lower(): v for k, v in UNITS.items()}


@dataclass(frozen=True)
class RawTable:
    """A table as read: ``header`` strings and ``rows`` (lists of cell values)."""

    header: list[str]
    rows: list[list]
    #: Spreadsheet row number of ``rows[0]`` (1-based; the header is the row before).
    first_row: int
    format: str
    encoding: str


@dataclass(frozen=True)
class HeaderField:
    """A header cell understood: which field, and the unit it was written in."""

    header: str
    field: str | None
    unit: str | None
    #: ``(dimension, factor to the stored unit)`` of ``unit``; None when unknown/absent.
    unit_info: tuple | None


def split_header(text: object) -> tuple[str, str | None]:
    """``"税收(万元)"`` -> ``("税收", "万元")``; ``"tax / yuan"`` -> ``("tax", "yuan")``."""
    s = "" if text is None else str(text).strip()
    m = _UNIT_IN_BRACKETS.match(s)
    if m and m.group(1).strip():
        return m.group(1).strip(), m.group(2).strip() or None
    m = _UNIT_AFTER_SLASH.match(s)
    if m and m.group(1).strip() and _key(m.group(2)) in _UNIT_KEYS:
        return m.group(1).strip(), m.group(2).strip()
    return s, None


def _key(text: str) -> str:
    return re.sub(r"\s+", "", str(text)).lower()


def parse_header(text: object) -> HeaderField:
    """Recognise one header cell (field and unit)."""
    name, unit = split_header(text)
    field = _ALIAS_TO_FIELD.get(_key(name))
    info = _UNIT_KEYS.get(_key(unit)) if unit else None
    return HeaderField(str(text or "").strip(), field, unit, info)


def read_table(path: Path) -> RawTable:
    """Read an XLSX or CSV file into a :class:`RawTable`.

    Raises
    ------
    UsageError
        When the file is neither XLSX nor CSV, or cannot be opened.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        header_rows = _xlsx_rows(path)
        fmt, encoding = "xlsx", ""
    elif suffix in (".csv", ".txt"):
        data = path.read_bytes()
        text, encoding = decode_csv(data)
        header_rows = _csv_rows(text)
        fmt = "csv"
    elif suffix == ".xls":
        raise UsageError("err.eff.xls", path=path.name)
    else:
        raise UsageError("err.eff.format", path=path.name)
    idx = _header_index(header_rows)
    header = [
        "" if v is None else str(v).strip() for v in (header_rows[idx] if header_rows else [])
    ]
    rows = [list(r) + [None] * (len(header) - len(r)) for r in header_rows[idx + 1 :]]
    return RawTable(header, rows, idx + 2, fmt, encoding)


def decode_csv(data: bytes) -> tuple[str, str]:
    """Text and encoding name of CSV bytes: UTF-8 with BOM, UTF-8, else GB18030 (GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK/GB18030"
    except UnicodeDecodeError:
        raise UsageError("err.eff.encoding") from None


def _csv_rows(text: str) -> list[list]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(path: Path) -> list[list]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise UsageError("err.eff.xlsx_corrupt", path=path.name) from None
    try:
        # The first sheet that has a credit-code header, else the first sheet.
        chosen = None
        for sheet in book.worksheets:
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            if chosen is None:
                chosen = rows
            if _has_code_header(rows):
                chosen = rows
                break
        return chosen or []
    finally:
        book.close()


def _has_code_header(rows: list[list]) -> bool:
    return any(parse_header(v).field == "credit_code" for r in rows[:HEADER_SEARCH_ROWS] for v in r)


def _header_index(rows: list[list]) -> int:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any(parse_header(v).field == "credit_code" for v in row):
            return i
    return 0
