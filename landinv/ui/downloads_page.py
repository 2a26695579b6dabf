"""Downloads: the summary for reports and the layers currently shown.

The page only chooses what to write; every file is made by
:mod:`landinv.exports` (the same writers as the CLI) into memory and named by
:func:`landinv.exports.export_filename` with the as-of date. Files are made
when their button is clicked (deferred), so opening the page or changing a
filter stays fast however large the inventory is.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from landinv import exports
from landinv.analysis import InventoryReport, check_payload, zone_category_table
from landinv.domain import BUILDINGS, PARCELS, STATUS_AVAILABLE
from landinv.ui.context import AppContext
from landinv.ui.data import load_layer, load_report
from landinv.ui.formatting import fmt_area

MIME = {code: fmt.mime for code, fmt in exports.FORMATS.items()}

#: Layer formats offered, in button order (all of the registry's layer formats).
LAYER_FORMATS = tuple(exports.LAYER_FORMATS)


@dataclass(frozen=True)
class DownloadItem:
    """One file the page offers: its button label, name, type and maker."""

    key: str
    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes]


def _bytes_of(write: Callable[[io.BytesIO], None]) -> bytes:
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()


def summary_items(ctx: AppContext, report: InventoryReport) -> list[DownloadItem]:
    """The summary workbook, the summary table as CSV and the floors check."""
    lang = ctx.lang

    def floors_json() -> bytes:
        text = json.dumps(check_payload(report), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")

    return [
        DownloadItem(
            "summary_xlsx",
            ctx.t("down.summary_xlsx"),
            exports.export_filename("summary", ctx.as_of, "xlsx"),
            MIME["xlsx"],
            lambda: _bytes_of(lambda b: exports.summary_xlsx(report, b, lang=lang)),
        ),
        DownloadItem(
            "summary_csv",
            ctx.t("down.summary_csv"),
            exports.export_filename("summary", ctx.as_of, "csv"),
            MIME["csv"],
            lambda: _bytes_of(
                lambda b: exports.summary_csv(
                    report,
                    zone_category_table(
                        report.summary, ctx.config, lang=lang, status=STATUS_AVAILABLE
                    ),
                    b,
                    lang=lang,
                )
            ),
        ),
        DownloadItem(
            "floors_json",
            ctx.t("down.floors_json"),
            exports.export_filename("floors", ctx.as_of, "json"),
            MIME["json"],
            floors_json,
        ),
    ]


def layer_items(ctx: AppContext, kind: str, frame) -> list[DownloadItem]:
    """The filtered layer ``frame`` in every offered format."""
    lang, config = ctx.lang, ctx.config

    def maker(fmt: str) -> Callable[[], bytes]:
        return lambda: _bytes_of(
            lambda b: exports.export_layer(frame, fmt, b, lang=lang, config=config)
        )

    return [
        DownloadItem(
            f"{kind}_{fmt}",
            ctx.t(f"down.fmt_{fmt}"),
            exports.export_filename(kind, ctx.as_of, fmt),
            MIME[fmt],
            maker(fmt),
        )
        for fmt in LAYER_FORMATS
    ]


def filtered_layer(ctx: AppContext, kind: str):
    """Rows of layer ``kind`` at the as-of date that pass the sidebar filters."""
    return ctx.apply_filters(load_layer(ctx, kind), kind)


def render(ctx: AppContext) -> None:
    """Draw the downloads page."""
    st.title(ctx.t("down.title"))
    st.caption(ctx.t("dash.as_of", date=ctx.as_of.isoformat()))
    report = load_report(ctx)

    st.subheader(ctx.t("down.summary"))
    st.dataframe(_floors_table(ctx, report), hide_index=True, width="stretch")
    _buttons(summary_items(ctx, report))
    st.caption(ctx.t("down.summary_note"))

    st.subheader(ctx.t("down.layers"))
    if ctx.filters_active:
        st.info(ctx.t("down.filtered"))
    for kind in (PARCELS, BUILDINGS):
        frame = filtered_layer(ctx, kind)
        with st.container(border=True, key=f"layer_{kind}"):
            st.markdown(f"**{ctx.t(f'down.{kind}')}** · " + ctx.t("down.rows", n=f"{len(frame):,}"))
            if len(frame) == 0:
                st.caption(ctx.t("down.nothing"))
                continue
            _buttons(layer_items(ctx, kind, frame))
    st.caption(ctx.t("down.layer_note"))
    # The page a planner opens for "a file": say where the other files are made.
    st.info(
        ctx.t("down.elsewhere", efficiency=ctx.t("nav.efficiency"), plan=ctx.t("nav.plan")),
        icon=":material/info:",
    )


def _buttons(items: list[DownloadItem]) -> None:
    """One row of download buttons. Files are made only when a button is pressed
    (deferred): a rerun of the page writes nothing, at any inventory size."""
    for column, item in zip(st.columns(len(items)), items):
        column.download_button(
            item.label,
            item.make,
            file_name=item.file_name,
            mime=item.mime,
            key=f"dl_{item.key}",
            icon=":material/download:",
            help=item.file_name,
            on_click="ignore",
            width="stretch",
        )


def _floors_table(ctx: AppContext, report: InventoryReport) -> pd.DataFrame:
    rows = []
    for check in report.checks:
        rows.append(
            {
                ctx.t("down.floor"): check.label(ctx.lang),
                ctx.t("down.value"): fmt_area(check.value, check.unit, ctx.lang),
                ctx.t("down.floor_value"): fmt_area(check.floor, check.unit, ctx.lang),
                ctx.t("down.margin"): ("+" if check.margin >= 0 else "-")
                + fmt_area(abs(check.margin), check.unit, ctx.lang),
                ctx.t("down.holds"): ctx.t("dash.holds") if check.holds else ctx.t("dash.breached"),
            }
        )
    return pd.DataFrame(rows)
