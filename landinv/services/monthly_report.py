"""The monthly report: gather the month's figures from the store and write the Word file.

The figures come from the functions the dashboard uses; the document is
rendered by :mod:`landinv.report.monthly`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from landinv.analysis import inventory_report
from landinv.domain import PARCELS, Config
from landinv.errors import UsageError
from landinv.i18n import tr
from landinv.report.images import month_bounds, timeline_chart, zone_map
from landinv.report.monthly import MonthlyFigures, build_document
from landinv.services import planning as svc
from landinv.store import planning as plan_store


def monthly_figures(
    store,
    cfg: Config,
    month: dt.date,
    *,
    lang: str = "zh",
    scenario: str = plan_store.DEFAULT_SCENARIO,
    months: int = 12,
    forecast_from: dt.date | None = None,
) -> MonthlyFigures:
    """Compute the month's figures and draw its images."""
    first, last = month_bounds(month)
    report = inventory_report(store, last, cfg, lang=lang)
    events = report.events
    if len(events):
        days = pd.to_datetime(pd.Series(events["date"]).astype(str)).dt.date
        events = events[(days >= first) & (days <= last)].reset_index(drop=True)
    imports = store.imports()
    if len(imports):
        eff = imports["effective_date"].astype(str)
        imports = imports[(eff >= first.isoformat()) & (eff <= last.isoformat())]
    # The forecast is today's outlook (a report on a past month still looks ahead
    # from today); ``forecast_from`` pins it for reproducible documents and tests.
    start = forecast_from or dt.date.today()
    fc = svc.scenario_forecast(store, cfg, scenario=scenario, as_of=start, months=months)
    targets = svc.progress(store, cfg, as_of=last, scenario=scenario, year=last.year)
    parcels = store.layer(PARCELS, last)
    areas = plan_store.target_areas(store, last)
    chart = timeline_chart(report.series, fc.daily, cfg, lang)
    title = tr("report.map_title_at", lang, date=last.isoformat())
    picture = zone_map(store.zones(), parcels, cfg, lang, areas=areas, title=title)
    return MonthlyFigures(
        month=first,
        month_end=last,
        report=report,
        scenario=scenario,
        month_events=events,
        month_imports=imports,
        forecast=fc,
        targets=targets,
        chart_png=chart,
        map_png=picture,
    )


def write_monthly_report(
    store,
    cfg: Config,
    month: dt.date,
    out: str | Path,
    *,
    lang: str = "zh",
    scenario: str = plan_store.DEFAULT_SCENARIO,
    months: int = 12,
    forecast_from: dt.date | None = None,
) -> Path:
    """Write the monthly report for ``month`` to ``out`` (.docx); return the path."""
    out = Path(out)
    if not out.parent.is_dir():
        raise UsageError("err.plan_file_missing", path=str(out.parent))
    figures = monthly_figures(
        store, cfg, month, lang=lang, scenario=scenario, months=months, forecast_from=forecast_from
    )
    doc = build_document(figures, cfg, lang)
    doc.save(out)
    return out


def monthly_report_bytes(
    store,
    cfg: Config,
    month: dt.date,
    *,
    lang: str = "zh",
    scenario: str = plan_store.DEFAULT_SCENARIO,
    months: int = 12,
) -> bytes:
    """The monthly report as .docx bytes (the app's download button)."""
    import io

    figures = monthly_figures(store, cfg, month, lang=lang, scenario=scenario, months=months)
    buf = io.BytesIO()
    build_document(figures, cfg, lang).save(buf)
    return buf.getvalue()
