"""Helpers of the enterprise tests: credit codes, real CSV/XLSX files, store state."""

from __future__ import annotations

import csv
import datetime as dt

from landinv.efficiency.creditcode import make_code

#: Parcels P-1 … P-6 (about 15 mu each, xindu), supplied; buildings B-1, B-2 on P-6.
PARCEL_IDS = [f"P-{i}" for i in range(1, 7)]
SEED_DATE = dt.date(2020, 1, 1)


def code(i: int) -> str:
    """A valid credit code for enterprise number ``i``."""
    return make_code("330822", 5000 + i)


def write_csv(path, rows, *, encoding="utf-8", bom=False):
    """Write ``rows`` (header first) as a CSV the way Excel or a script would."""
    with open(path, "w", encoding="utf-8-sig" if bom else encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def write_xlsx(path, rows, *, title=None, sheet="Sheet1"):
    """Write ``rows`` into a real XLSX (openpyxl), optionally under a title row."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def state(store) -> dict:
    """Everything an enterprise import may touch, to compare before/after a refusal."""

    def rows(df):
        return df.astype(object).where(df.notna(), None).to_dict("records")

    return {
        "register": rows(store.enterprises()),
        "sites": rows(store.enterprise_sites()),
        "figures": rows(store.enterprise_figures()),
        "imports": store.imports()["import_id"].tolist(),
        "changes": len(store.changes()),
    }
