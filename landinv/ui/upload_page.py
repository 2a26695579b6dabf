"""Upload: check a planner's file, show what it will change, then commit it.

The page is a thin layer over :func:`landinv.services.imports.check_upload` (which
never writes the store) and :func:`~landinv.services.imports.commit_upload` (one
transaction), the same calls ``landinv import`` makes. Nothing is
stored until the planner presses Confirm; the same file twice is refused by
its content hash, both in the report and again inside the commit.

Size: one page whose steps (options, report, preview, confirm) share the
checked upload in the session; split, they would pass that state around.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from landinv.domain import BUILDINGS, PARCELS, STORE_EPSG
from landinv.errors import UsageError
from landinv.i18n import tr
from landinv.ingest import IngestOptions, IngestResult
from landinv.ingest.fields import MAPPABLE, field_options, split_names
from landinv.ingest.report import group_issues
from landinv.schema import header
from landinv.services import imports
from landinv.ui.auth_gate import require_editor
from landinv.ui.context import AppContext
from landinv.ui.data import clear_caches, load_layer
from landinv.ui.feedback import show_error
from landinv.ui.formatting import fmt_area, md_escape

#: File endings the uploader accepts (the ingest pipeline decides the rest).
UPLOAD_TYPES = [
    "zip",
    "shp",
    "shx",
    "dbf",
    "prj",
    "cpg",
    "qix",
    "sbn",
    "sbx",
    "gpkg",
    "geojson",
    "json",
    "kml",
]

#: session_state keys.
KEY_NONCE = "upload_nonce"  # bumped after a commit to empty the file box
KEY_RESULT = "upload_result"  # (fingerprint, IngestResult) of the last check
KEY_FLASH = "upload_flash"
KEY_KIND = "upload_kind"
KEY_DATE = "upload_date"

#: Kinds of problem listed per report section (each kind is one line).
GROUPS_SHOWN = 100
#: Rows of the accepted features listed under the report.
PREVIEW_ROWS = 200
PREVIEW_MAP_HEIGHT = 420
#: Stored features this far (degrees, ~1 km) around the new ones are drawn under them.
PREVIEW_PAD_DEG = 0.01


def render(ctx: AppContext) -> None:
    """Draw the upload page."""
    st.title(ctx.t("up.title"))
    flash = st.session_state.pop(KEY_FLASH, None)
    if flash:
        st.success(flash)
    if not require_editor(ctx):
        return

    top = st.columns([1, 1, 2])
    kind = top[0].radio(
        ctx.t("up.kind"),
        [PARCELS, BUILDINGS],
        key=ctx.choice_key(KEY_KIND),
        format_func=lambda k: ctx.t(f"up.kind_{k}"),
        horizontal=True,
    )
    effective = top[1].date_input(
        ctx.t("up.effective"), value=dt.date.today(), key=KEY_DATE, help=ctx.t("up.effective_help")
    )
    nonce = st.session_state.setdefault(KEY_NONCE, 0)
    files = top[2].file_uploader(
        ctx.t("up.files"),
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key=f"upload_files_{nonce}",
        help=ctx.t("up.files_help"),
    )
    if not files:
        st.info(ctx.t("up.start"))
        return

    sources = {f.name: f.getvalue() for f in files}
    options = _options_form(ctx, kind, effective)
    if options is None:
        return
    result = check_upload(ctx, sources, options)
    if result is None:
        return
    _render_report(ctx, result)
    _render_choices(ctx, result)
    if len(result.gdf):
        _render_preview(ctx, kind, result)
    _render_commit(ctx, kind, effective, result)


# -- reading ------------------------------------------------------------------------


def _fingerprint(sources: dict[str, bytes], options: IngestOptions) -> str:
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(sources[name]).digest())
    digest.update(
        repr(
            (
                options.kind,
                options.layer,
                options.encoding,
                options.crs,
                options.zone,
                options.category,
                sorted((options.field_map or {}).items()),
                options.ignore_fields,
                options.number_ids,
                options.allow_outside,
                options.effective_date,
            )
        ).encode("utf-8")
    )
    return digest.hexdigest()


def check_upload(
    ctx: AppContext, sources: dict[str, bytes], options: IngestOptions
) -> IngestResult | None:
    """Run the ingest pipeline once per file set and options (kept across reruns).

    A single upload goes in as bytes with its name; several files (a loose
    shapefile: .shp, .shx, .dbf, .prj, .cpg) as a mapping of name to bytes.
    Returns None (after showing the message) when the options themselves are
    wrong.
    """
    key = _fingerprint(sources, options)
    cached = st.session_state.get(KEY_RESULT)
    if cached and cached[0] == key:
        return cached[1]
    if len(sources) == 1:
        name, data = next(iter(sources.items()))
        source, filename = data, name
    else:
        source, filename = dict(sources), None
    with st.status(ctx.t("up.reading"), expanded=False) as status:
        try:
            # In a worker process with a time limit (services.imports): one upload
            # cannot hold the server for other planners.
            result = imports.check_upload(
                ctx.store, ctx.config, source, filename=filename, options=options
            )
        except Exception as exc:  # noqa: BLE001 - bad options: say so, keep the page
            status.update(label=ctx.t("up.read_failed"), state="error")
            show_error(exc, ctx.lang)
            return None
        done = ctx.t("up.read_done", n=result.report.n_read)
        status.update(label=done, state="complete" if result.ok else "error")
    st.session_state[KEY_RESULT] = (key, result)
    return result


def field_label(kind: str, column: str, lang: str) -> str:
    """A planner's name for a target column of the field mapping: the
    catalogue's ``up.field.<kind>.<column>``, else the column's display
    header; never the internal name."""
    from landinv.i18n import has

    code = f"up.field.{kind}.{column}"
    if has(code):
        return tr(code, lang)
    return header(column, lang)


def _options_form(ctx: AppContext, kind: str, effective: dt.date) -> IngestOptions | None:
    """Choices the planner makes (or was asked to make) about how to read the file.

    The field mapping goes through :func:`~landinv.ingest.fields.field_options`,
    the same validation as the CLI's ``--field``/``--ignore-field``; None (after
    showing the message) when it is wrong.
    """
    choices = {}
    cached = st.session_state.get(KEY_RESULT)
    if cached:
        choices = cached[1].choices
    with st.expander(ctx.t("up.options"), expanded=bool(choices)):
        cols = st.columns(3)
        layer = cols[0].text_input(
            ctx.t("up.layer"), key="upload_opt_layer", help=ctx.t("up.layer_help")
        )
        encoding = cols[1].selectbox(
            ctx.t("up.encoding"),
            ["", "UTF-8", "GB18030", "GBK", "Big5"],
            key=ctx.choice_key("upload_opt_encoding"),
            format_func=lambda v: v or ctx.t("up.auto"),
        )
        crs = cols[2].text_input(ctx.t("up.crs"), key="upload_opt_crs", help=ctx.t("up.crs_help"))
        cols = st.columns(3)
        zone = cols[0].selectbox(
            ctx.t("up.zone_whole_file"),
            ["", *ctx.config.zone_codes],
            key=ctx.choice_key("upload_opt_zone"),
            format_func=lambda c: ctx.zone_label(c) if c else ctx.t("up.auto"),
        )
        category = cols[1].selectbox(
            ctx.t("up.category_whole_file"),
            ["", *ctx.config.category_codes],
            key=ctx.choice_key("upload_opt_category"),
            disabled=kind != PARCELS,
            format_func=lambda c: ctx.category_label(c) if c else ctx.t("up.auto"),
        )
        allow_outside = cols[2].checkbox(ctx.t("up.allow_outside"), key="upload_opt_outside")
        st.caption(ctx.t("up.field_map_help"))
        pairs = []
        map_cols = st.columns(4)
        for i, column in enumerate(MAPPABLE[kind]):
            label = field_label(kind, column, ctx.lang)
            source = map_cols[i % 4].text_input(
                label, key=f"upload_map_{kind}_{column}", help=ctx.t("up.field_help", field=label)
            )
            pairs.append((column, source))
        cols = st.columns(2)
        ignore = cols[0].text_input(
            ctx.t("up.ignore_fields"),
            key=f"upload_ignore_{kind}",
            help=ctx.t("up.ignore_fields_help"),
        )
        number_ids = cols[1].text_input(
            ctx.t("up.number_ids"), key=f"upload_number_{kind}", help=ctx.t("up.number_ids_help")
        )
    try:
        mapping, ignored = field_options(kind, pairs, split_names(ignore))
    except UsageError as exc:
        show_error(exc, ctx.lang)
        return None
    return IngestOptions(
        kind=kind,
        layer=layer.strip() or None,
        encoding=encoding or None,
        crs=crs.strip() or None,
        zone=zone or None,
        category=(category or None) if kind == PARCELS else None,
        field_map=mapping or None,
        ignore_fields=ignored,
        number_ids=number_ids.strip() or None,
        allow_outside=allow_outside,
        effective_date=effective,
    )


# -- the report -------------------------------------------------------------------


def _render_report(ctx: AppContext, result: IngestResult) -> None:
    report = result.report
    st.subheader(ctx.t("up.report"))
    if result.ok:
        st.success(ctx.t("up.ok", n=report.n_accepted))
    elif result.choices:
        st.warning(ctx.t("up.choose"))
    else:
        st.error(ctx.t("up.refused", n=len(report.must_fix)))
    what = [
        (ctx.t("up.r_file"), report.file_name or "–"),
        (
            ctx.t("up.r_format"),
            (report.format or "–") + (f" · {report.layer}" if report.layer else ""),
        ),
        (ctx.t("up.r_encoding"), report.encoding or "–"),
        (ctx.t("up.r_crs"), (report.source_crs + " → EPSG:4490") if report.source_crs else "–"),
    ]
    st.table(
        pd.DataFrame(what, columns=[ctx.t("up.r_item"), ctx.t("up.r_value")]).set_index(
            ctx.t("up.r_item")
        )
    )
    counts = st.columns(5)
    counts[0].metric(ctx.t("up.n_read"), report.n_read)
    counts[1].metric(ctx.t("up.n_accepted"), report.n_accepted)
    counts[2].metric(ctx.t("up.n_fixed"), len(report.fixed))
    counts[3].metric(ctx.t("up.n_must_fix"), len(report.must_fix))
    counts[4].metric(ctx.t("up.n_warnings"), len(report.warnings))

    sections = [
        ("up.must_fix", report.must_fix, st.error),
        ("up.fixed", report.fixed, st.info),
        ("up.warnings", report.warnings, st.warning),
        ("up.notes", report.notes, st.caption),
    ]
    for key, issues, _box in sections:
        if not issues:
            continue
        # One line per kind of problem, as in the text report (feature ranges, examples).
        groups = group_issues(issues)
        expanded = key == "up.must_fix" or (key == "up.notes" and len(groups) <= 10)
        with st.expander(f"{ctx.t(key)} ({len(issues)})", expanded=expanded):
            for group in groups[:GROUPS_SHOWN]:
                first, *rest = group.lines(ctx.lang)
                st.markdown(
                    "- "
                    + _md(first)
                    + "".join("\n    - " + _md(line.strip().lstrip("·-").strip()) for line in rest)
                )
            if len(groups) > GROUPS_SHOWN:
                st.caption(ctx.t("up.more", n=len(groups) - GROUPS_SHOWN))
    _render_floor_preview(ctx, report.floor_preview)
    st.download_button(
        ctx.t("up.report_download"),
        report.to_text(ctx.lang).encode("utf-8"),
        file_name=f"{report.file_name or 'upload'}.report.txt",
        mime="text/plain",
        key="upload_report_txt",
        on_click="ignore",
        icon=":material/description:",
    )


def _render_floor_preview(ctx: AppContext, preview: dict | None) -> None:
    if not preview:
        return
    st.markdown(f"**{ctx.t('up.floor_preview', date=preview.get('as_of', ''))}**")
    cols = st.columns(2)
    items = (
        ("ready_land_mu", "mu", "dash.ready_axis"),
        ("factory_floor_m2", "m2", "dash.factory_axis"),
    )
    for column, (key, unit, label) in zip(cols, items):
        item = preview.get(key)
        if not item:
            continue
        added = float(item.get("added", item["after"] - item["before"]))
        column.metric(
            ctx.t(label),
            fmt_area(item["after"], unit, ctx.lang),
            delta=f"{'+' if added >= 0 else '-'}{fmt_area(abs(added), unit, ctx.lang)}",
            delta_color="normal" if added else "off",
            delta_arrow="auto" if added else "off",
            help=ctx.t(
                "up.floor_help",
                before=fmt_area(item["before"], unit, ctx.lang),
                floor=fmt_area(item["floor"], unit, ctx.lang),
            ),
        )
        if not item.get("holds_after", True):
            column.error(ctx.t("up.floor_below"))


def _render_choices(ctx: AppContext, result: IngestResult) -> None:
    """Buttons for what the pipeline could not decide alone (layer, encoding, CRS),
    and for overriding what it decided itself (a CRS picked from the zones)."""
    targets = {
        "layer": "upload_opt_layer",
        "encoding": "upload_opt_encoding",
        "crs": "upload_opt_crs",
    }
    for what, options in result.report.alternatives.items():
        with st.expander(ctx.t(f"up.override_{what}")):
            for i, option in enumerate(options):
                text = option["en"] if ctx.lang == "en" else option["zh"]
                st.button(
                    text,
                    key=f"override_{what}_{i}",
                    on_click=_apply_choice,
                    args=(targets.get(what), option["value"]),
                )
    if not result.choices:
        return
    st.subheader(ctx.t("up.choices"))
    for what, options in result.choices.items():
        st.markdown(f"**{ctx.t(f'up.choose_{what}')}**")
        for i, option in enumerate(options):
            text = option["en"] if ctx.lang == "en" else option["zh"]
            st.button(
                md_escape(text),
                key=f"choice_{what}_{i}",
                on_click=_apply_choice,
                args=(targets.get(what), option["value"]),
            )


def _md(text: str) -> str:
    """Plain report text shown as Markdown: nothing from file contents becomes
    markup (see :func:`landinv.ui.formatting.md_escape`)."""
    return md_escape(text)


def _apply_choice(widget_key: str | None, value) -> None:
    if widget_key is None:
        return
    if widget_key == "upload_opt_encoding":
        known = ["", "UTF-8", "GB18030", "GBK", "Big5"]
        value = str(value) if str(value) in known else "GB18030"
    st.session_state[widget_key] = str(value)


# -- preview -----------------------------------------------------------------------


def _render_preview(ctx: AppContext, kind: str, result: IngestResult) -> None:
    st.subheader(ctx.t("up.preview"))
    st.caption(ctx.t("up.preview_note"))
    try:
        _preview_map(ctx, kind, result.gdf)
    except Exception as exc:  # noqa: BLE001 - the map is a convenience; the table remains
        show_error(exc, ctx.lang)
    table = preview_table(ctx, kind, result.gdf.head(PREVIEW_ROWS))
    st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 300))


def preview_table(ctx: AppContext, kind: str, gdf) -> pd.DataFrame:
    """The accepted features as a planner reads them: labels, not codes; areas in mu."""
    from landinv.domain import m2_to_mu

    frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    if "zone" in frame:
        frame["zone"] = frame["zone"].map(ctx.zone_label)
    if kind == PARCELS:
        frame["category"] = frame["category"].map(ctx.category_label)
        frame["status"] = frame["status"].map(ctx.status_label)
        frame["area_mu"] = m2_to_mu(frame["area_m2"].astype(float))
        columns = [
            "parcel_id",
            "name",
            "zone",
            "category",
            "status",
            "area_mu",
            "area_m2",
            "declared_area_m2",
            "land_use_code",
            "project",
        ]
    else:
        columns = [
            "building_id",
            "parcel_id",
            "name",
            "zone",
            "is_standard_factory",
            "floors",
            "footprint_m2",
            "floor_area_m2",
        ]
    frame = frame[[c for c in columns if c in frame.columns]]
    return (
        frame.astype(object).where(frame.notna(), "").rename(columns=lambda c: header(c, ctx.lang))
    )


def _preview_map(ctx: AppContext, kind: str, new) -> None:
    """New features outlined over the stored parcels, buildings and zones."""
    from streamlit_folium import st_folium

    from landinv import map as mapview
    from landinv.ui.assets import leaflet_assets

    # Only the stored features around the new ones: the preview stays light at
    # county scale, and the map opens zoomed to the new features anyway.
    xmin, ymin, xmax, ymax = new.to_crs(STORE_EPSG).total_bounds
    pad = max(xmax - xmin, ymax - ymin, PREVIEW_PAD_DEG)
    window = (slice(xmin - pad, xmax + pad), slice(ymin - pad, ymax + pad))
    parcels = load_layer(ctx, PARCELS).cx[window]
    buildings = load_layer(ctx, BUILDINGS).cx[window]
    m = mapview.build_map(
        parcels,
        buildings,
        ctx.store.zones(),
        ctx.config,
        lang=ctx.lang,
        basemap="none",
        highlight=new,
        assets=leaflet_assets(),
    )
    # returned_objects=[]: the preview is for looking; panning never reruns the page.
    st_folium(
        m,
        key="upload_preview_map",
        height=PREVIEW_MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
    )


# -- commit ------------------------------------------------------------------------


def _render_commit(ctx: AppContext, kind: str, effective: dt.date, result: IngestResult) -> None:
    st.divider()
    duplicate = ctx.store.find_import(result.sha256) if result.sha256 else None
    if duplicate:
        st.error(ctx.md("up.duplicate", import_id=duplicate))
    ready = result.ok and not duplicate
    st.caption(ctx.t("up.nothing_stored"))
    n = len(result.gdf)
    if not st.button(
        ctx.t("up.confirm", n=n) if n else ctx.t("up.confirm_none"),
        type="primary",
        disabled=not ready,
        key="upload_confirm",
        icon=":material/task_alt:",
    ):
        return
    try:
        import_id = imports.commit_upload(
            ctx.store, kind, result, effective_date=effective, user=ctx.user
        )
    except Exception as exc:  # noqa: BLE001 - refused writes leave the store unchanged
        show_error(exc, ctx.lang)
        return
    clear_caches()
    st.session_state.pop(KEY_RESULT, None)
    st.session_state[KEY_NONCE] = st.session_state.get(KEY_NONCE, 0) + 1
    st.session_state[KEY_FLASH] = ctx.md(
        "up.committed", n=len(result.gdf), import_id=import_id, date=effective.isoformat()
    )
    st.rerun()
