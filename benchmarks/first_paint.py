"""Workload 4: first paint in headless Chromium, landinv's map vs naive folium.

Both pages are served from one local ``http.server`` on 127.0.0.1 with the
same Leaflet (the npm-installed copy in ``landinv/ui/static/vendor``): the
naive page's CDN Leaflet links are pointed at it and folium's other CDN
assets (jQuery, Bootstrap, icon fonts), which the map does not need, are
removed; every non-loopback request is aborted anyway. Neither page has a
basemap. See :mod:`benchmarks.browser` for what "drawn" means.
"""

from __future__ import annotations

import os
import re
import statistics

from benchmarks import map_payload
from benchmarks.browser import chromium, serve, time_first_paint, trace_load
from benchmarks.measure import Row, ratio_row

TITLE = "4. First paint in Chromium"
MAX_RATIO = 1 / 4
#: Pages up to this size load ``ctx.sizes.paint_repeats`` times (median
#: kept); larger ones once (a naive 100k page takes most of a minute).
REPEAT_UP_TO = 20_000

_CDN_LEAFLET = re.compile(r"https://cdn\.jsdelivr\.net/npm/leaflet@[\d.]+/dist/")
_EXTERNAL_TAG = re.compile(
    r'<script src="https?://[^"]*"></script>\s*|<link rel="stylesheet" href="https?://[^"]*"/>\s*'
)


def localise_naive(html: str) -> str:
    """The naive page with Leaflet from ``vendor/leaflet/`` and no other CDN asset."""
    html = _CDN_LEAFLET.sub("vendor/leaflet/", html)
    return _EXTERNAL_TAG.sub("", html)


def _vendor_dir():
    from landinv.ui.assets import VENDOR_DIR

    if not (VENDOR_DIR / "leaflet" / "leaflet.js").exists():
        raise RuntimeError(f"Leaflet is not installed in {VENDOR_DIR}: run scripts/assets.sh")
    return VENDOR_DIR


def write_pages(ctx, n: int) -> tuple[str, str]:
    """Write both pages for ``n`` parcels into the served folder; return names."""
    out = ctx.work_dir("paint")
    link = out / "vendor"
    if not link.exists():
        os.symlink(_vendor_dir(), link, target_is_directory=True)
    built = map_payload.pages(ctx, n)
    ctx.memo.pop(("map-pages", n), None)  # ~100 MB of HTML at 100k: written, then freed
    ours, naive = built["ours"], localise_naive(built["naive"])
    if re.search(r'<(script|link)[^>]*"https?://', naive):
        raise RuntimeError("the naive page still loads an asset from the internet")
    names = (f"ours-{n}.html", f"naive-{n}.html")
    for name, html in zip(names, (ours, naive)):
        (out / name).write_text(html, encoding="utf-8")
    return names


def _load_times(
    browser, base: str, pages: tuple[str, str], repeats: int, out=None
) -> tuple[float, float]:
    """Median ms until drawn of (ours, naive), loading them alternately."""
    runs: dict[str, list[float]] = {page: [] for page in pages}
    for i in range(repeats):
        for page in pages:
            shot = out / f"{page[:-5]}.png" if out is not None and i == 0 else None
            runs[page].append(
                time_first_paint(browser, base + page, timeout_s=600, screenshot=shot)["last"]
            )
    return statistics.median(runs[pages[0]]), statistics.median(runs[pages[1]])


def run(ctx) -> list[Row]:
    """Time both pages at every size in ``ctx.sizes.paint``; the same for a
    one-parcel map gives the floor every page pays (Leaflet, map set-up)."""
    rows: list[Row] = []
    out = ctx.work_dir("paint")
    repeats = ctx.sizes.paint_repeats
    with serve(out) as base, chromium() as browser:
        floor = _load_times(browser, base, write_pages(ctx, 1), repeats)
        for n in ctx.sizes.paint:
            pages = write_pages(ctx, n)
            times = _load_times(browser, base, pages, repeats if n <= REPEAT_UP_TO else 1, out=out)
            above = [max(t - f, 0.0) for t, f in zip(times, floor)]
            note = (
                f"median of {repeats} alternating loads"
                if n <= REPEAT_UP_TO and repeats > 1
                else "one load each"
            )
            note += (
                f"; a 1-parcel map takes {floor[0] / 1000:.2f} s (ours) / "
                f"{floor[1] / 1000:.2f} s (naive)"
            )
            if above[1] > 0:
                note += f", above that floor the ratio is {above[0] / above[1]:.3f}"
            row = ratio_row(
                "4 paint",
                f"load → parcels drawn, {n:,} parcels",
                times[0] / 1000,
                times[1] / 1000,
                max_ratio=MAX_RATIO,
                note=note + f"; screenshots in {out.name}/",
            )
            if row.met is False:
                parts = trace_load(browser, base + pages[0], out / f"trace-ours-{n}.json")
                row.extra["trace"] = parts
            rows.append(row)
    return rows
