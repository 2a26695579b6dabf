"""The evaluation for public notice (公示) and the candidates list, as XLSX and CSV.

The public-notice workbook has one sheet per scale (above-scale, below-scale)
plus the enterprises not classed with the reason, Chinese headers by default,
values rounded for reading (2 decimals for values and scores).
"""

from __future__ import annotations

import io

import pandas as pd

from landinv.exports.files import deliver
from landinv.exports.tables import neutralise_formulas
from landinv.i18n import tr

SCALES = ("above", "below")


def _label(code: str, lang: str) -> str:
    return tr(f"eff.col.{code}", lang)


def evaluation_sheet(table: pd.DataFrame, codes: list[str], lang: str = "zh") -> pd.DataFrame:
    """A readable evaluation table: headers in ``lang``, a value and a score per indicator."""
    cols = {
        "rank": _label("rank", lang),
        "class": _label("class", lang),
        "credit_code": _label("credit_code", lang),
        "name": _label("name", lang),
        "zone": _label("zone", lang),
        "land_mu": _label("land_mu", lang),
    }
    out = pd.DataFrame({label: table[name].to_numpy() for name, label in cols.items()})
    for code in codes:
        unit = tr(f"eff.unit.{code}", lang)
        out[f"{tr(f'eff.ind.{code}', lang)} ({unit})"] = table[f"v_{code}"].round(4).to_numpy()
        out[f"{tr(f'eff.ind.{code}', lang)} {_label('score', lang)}"] = (
            table[f"s_{code}"].round(2).to_numpy()
        )
    out[_label("total", lang)] = table["total"].round(2).to_numpy()
    out[_label("land_mu", lang)] = table["land_mu"].round(2).to_numpy()  # rounded for reading
    return out


def unclassed_sheet(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Enterprises not classed, with the reason in ``lang``."""
    return pd.DataFrame(
        {
            _label("credit_code", lang): table["credit_code"].to_numpy(),
            _label("name", lang): table["name"].to_numpy(),
            _label("scale", lang): [
                tr(f"eff.scale.{s}", lang) if s in SCALES else "" for s in table["scale"]
            ],
            _label("land_mu", lang): table["land_mu"].round(2).to_numpy(),
            _label("reason", lang): [tr(f"eff.reason.{r}", lang) for r in table["reason"]],
        }
    )


def evaluation_xlsx(
    table: pd.DataFrame,
    codes_by_scale: dict,
    target,
    *,
    year: int,
    lang: str = "zh",
    force: bool = True,
    protect=(),
) -> None:
    """Write the public-notice workbook: one sheet per scale and one for the unclassed."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for scale in SCALES:
            part = table[(table["scale"] == scale) & table["class"].notna()]
            sheet = evaluation_sheet(part, codes_by_scale[scale], lang)
            name = tr(f"eff.sheet.{scale}", lang, year=year)[:31]
            neutralise_formulas(sheet).to_excel(writer, sheet_name=name, index=False, startrow=1)
            ws = writer.sheets[name]
            ws.cell(
                row=1,
                column=1,
                value=tr("eff.sheet.title", lang, year=year, scale=tr(f"eff.scale.{scale}", lang)),
            )
            for i, column in enumerate(sheet.columns, start=1):
                width = max(10, min(40, 2 * len(str(column))))
                ws.column_dimensions[ws.cell(row=2, column=i).column_letter].width = width
        rest = table[table["class"].isna()]
        name = tr("eff.sheet.unclassed", lang)[:31]
        neutralise_formulas(unclassed_sheet(rest, lang)).to_excel(
            writer, sheet_name=name, index=False
        )
    deliver(buffer.getvalue(), target, force=force, protect=protect)


def evaluation_csv(
    table: pd.DataFrame,
    codes: list[str],
    target,
    *,
    lang: str = "zh",
    force: bool = True,
    protect=(),
) -> None:
    """Every enterprise in one CSV (UTF-8 with BOM), scale and reason as columns."""
    sheet = evaluation_sheet(table, codes, lang)
    sheet.insert(
        4,
        _label("scale", lang),
        [tr(f"eff.scale.{s}", lang) if s in SCALES else "" for s in table["scale"]],
    )
    sheet[_label("reason", lang)] = [
        tr(f"eff.reason.{r}", lang) if isinstance(r, str) else "" for r in table["reason"]
    ]
    text = neutralise_formulas(sheet).to_csv(index=False, lineterminator="\r\n")
    deliver(text.encode("utf-8-sig"), target, force=force, protect=protect)


def candidates_frame(records: list[dict], lang: str = "zh") -> pd.DataFrame:
    """The candidates list (``candidate_records`` shape) as a readable table."""
    return pd.DataFrame(
        {
            _label("parcel_id", lang): [r["parcel_id"] for r in records],
            _label("parcel_name", lang): [r["name"] for r in records],
            _label("zone", lang): [r["zone"] for r in records],
            _label("area_mu", lang): [round(r["area_mu"], 2) for r in records],
            _label("enterprises", lang): ["; ".join(r["enterprise_names"]) for r in records],
            _label("credit_code", lang): ["; ".join(r["credit_codes"]) for r in records],
            _label("reasons", lang): ["; ".join(r["reasons"]) for r in records],
            _label("tax_per_mu", lang): [
                None if r["figures"]["tax_per_mu"] is None else round(r["figures"]["tax_per_mu"], 2)
                for r in records
            ],
            _label("plot_ratio", lang): [
                None if r["figures"]["plot_ratio"] is None else round(r["figures"]["plot_ratio"], 2)
                for r in records
            ],
        }
    )


def candidates_file(
    records: list[dict],
    target,
    *,
    fmt: str,
    year: int,
    lang: str = "zh",
    force: bool = True,
    protect=(),
) -> None:
    """The candidates list as CSV (UTF-8 with BOM) or XLSX (one sheet)."""
    frame = neutralise_formulas(candidates_frame(records, lang))
    if fmt == "csv":
        text = frame.to_csv(index=False, lineterminator="\r\n")
        deliver(text.encode("utf-8-sig"), target, force=force, protect=protect)
        return
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(
            writer, sheet_name=tr("eff.sheet.candidates", lang, year=year)[:31], index=False
        )
    deliver(buffer.getvalue(), target, force=force, protect=protect)


def enterprises_file(
    table: pd.DataFrame,
    target,
    *,
    fmt: str,
    year: int,
    lang: str = "zh",
    force: bool = True,
    protect=(),
) -> None:
    """The register with land and the year's figures (one row per enterprise)."""
    figures = (
        "tax",
        "revenue",
        "value_added",
        "energy_tce",
        "electricity_kwh",
        "emissions_t",
        "employees",
        "rd",
    )
    frame = pd.DataFrame(
        {
            _label("credit_code", lang): table["credit_code"].to_numpy(),
            _label("name", lang): table["name"].to_numpy(),
            _label("industry", lang): table["industry_code"].to_numpy(),
            _label("scale", lang): [
                tr(f"eff.scale.{s}", lang) if s in SCALES else "" for s in table["scale"]
            ],
            _label("state", lang): [
                tr(f"eff.state.{s}", lang) if isinstance(s, str) else "" for s in table["state"]
            ],
            _label("zone", lang): table["zone"].to_numpy(),
            _label("land_mu", lang): table["land_mu"].to_numpy(),
            **{tr(f"eff.fig.{f}", lang): table[f].to_numpy() for f in figures},
        }
    )
    frame = neutralise_formulas(frame)
    if fmt == "csv":
        text = frame.to_csv(index=False, lineterminator="\r\n")
        deliver(text.encode("utf-8-sig"), target, force=force, protect=protect)
        return
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(
            writer, sheet_name=tr("eff.sheet.enterprises", lang, year=year)[:31], index=False
        )
    deliver(buffer.getvalue(), target, force=force, protect=protect)
