"""Workload 5: the Streamlit app at scale.

Rerun: a page of the app run through Streamlit's ``AppTest`` exactly as
app.py renders it (``render(get_context())``) on a 10,000-parcel store; after
a first run has filled the caches, a zone filter is changed and the next run
is timed (server-side script time). The naive counterpart is the same run
with every Streamlit cache cleared, i.e. what a rerun costs when nothing is
cached.

Memory: ``streamlit run app.py`` on a 100,000-parcel store with three
headless Chromium tabs on the map page, each waited on until its parcels are
drawn; the server's resident memory (its whole process tree) is read from
/proc then.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from benchmarks import datasets
from benchmarks.measure import ROOT, Row, limit_row, peak_rss_mb, run_child, tree_rss_mb

TITLE = "5. App rerun and memory"
MAX_RERUN_S = 0.3
MAX_SERVER_MB = 1536.0
TABS = 3
#: Zone filters set one after another; each is new to the caches, so every
#: timed rerun recomputes what the filter affects.
ZONE_FILTERS = (["huibu", "jinchuan"], ["xindu", "jinchuan"], ["xindu", "huibu"])
ALL_ZONES = ["xindu", "huibu", "jinchuan"]


def _page(name: str) -> None:
    """AppTest script: one page rendered as app.py renders it."""
    import importlib

    from landinv.ui.context import get_context

    importlib.import_module(f"landinv.ui.{name}").render(get_context())


def child_rerun(store_path: str, page: str, as_of: str) -> dict:
    """Child process: times of the runs of one page (see module docstring)."""
    import datetime as dt

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["LANDINV_STORE"] = store_path
    os.environ.pop("LANDINV_CONFIG", None)
    at = AppTest.from_function(_page, args=(page,), default_timeout=600)
    at.session_state["as_of"] = dt.date.fromisoformat(as_of)

    def timed_run() -> float:
        t0 = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(f"{page} raised: {[e.value for e in at.exception]}")
        return seconds

    first = timed_run()
    unchanged = timed_run()
    changed, uncached = [], []
    for zones in ZONE_FILTERS:
        at.session_state["filter_zones"] = zones
        changed.append(timed_run())
    for zones in ZONE_FILTERS:
        st.cache_data.clear()
        st.cache_resource.clear()
        at.session_state["filter_zones"] = zones
        uncached.append(timed_run())
    counts = [e.value for e in at.caption if "," in str(e.value)][:1]
    return {
        "first": first,
        "unchanged": unchanged,
        "changed": changed,
        "uncached": uncached,
        "caption": counts,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"streamlit did not answer on {url}")


def _drawn_at_s(page) -> float | None:
    """Seconds from the page's navigation start until the map (in whichever
    frame holds it) was drawn; None while it is not yet drawn."""
    for frame in page.frames:
        try:
            at = frame.evaluate(
                "window.__paint && window.__paint.done ? "
                "performance.timeOrigin + window.__paint.last : null"
            )
        except Exception:  # noqa: BLE001 - a frame navigating away: look again next time
            continue
        if at:
            return (at - page.evaluate("performance.timeOrigin")) / 1000
    return None


def measure_server_memory(ctx, store_path: str, tabs: int = TABS) -> dict:
    """Start the app on ``store_path``, open ``tabs`` map tabs, read the RSS."""
    from benchmarks.browser import chromium, offline_page

    port = _free_port()
    log_path = ctx.work_dir("app") / "streamlit.log"
    env = dict(os.environ, LANDINV_STORE=store_path, LANDINV_LANG="zh")
    env.pop("LANDINV_CONFIG", None)
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.headless=true",
                "--server.address=127.0.0.1",
                f"--server.port={port}",
                "--browser.gatherUsageStats=false",
                "--browser.serverAddress=localhost",
                "--server.fileWatcherType=none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_http(base + "_stcore/health", proc)
        idle_mb = tree_rss_mb(proc.pid)
        drawn_s: list[float] = []
        with chromium() as browser:
            pages = []
            for i in range(tabs):
                context, page = offline_page(browser)
                page.goto(base + "map", wait_until="commit", timeout=300_000)
                deadline = time.monotonic() + 600
                while (drawn := _drawn_at_s(page)) is None:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the app's map was not drawn within 600 s")
                    page.wait_for_timeout(250)
                drawn_s.append(drawn)
                if i == 0:
                    page.screenshot(path=str(ctx.work_dir("app") / "map-tab.png"))
                pages.append((context, page))
            time.sleep(2)  # let the server settle (sessions registered, GC)
            rss = tree_rss_mb(proc.pid)
            peak = peak_rss_mb(proc.pid)
            for context, _ in pages:
                context.close()
        return {"idle_mb": idle_mb, "rss_mb": rss, "peak_mb": peak, "drawn_s": drawn_s}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(ctx) -> list[Row]:
    """Rerun timings on both main pages, then the server's memory."""
    rows: list[Row] = []
    n = ctx.sizes.rerun
    store = str(datasets.gpkg_store(ctx, n, cells="even"))
    for page in ("map_page", "dashboard_page"):
        r = run_child(
            "benchmarks.app_rerun:child_rerun",
            store_path=store,
            page=page,
            as_of=datasets.AS_OF.isoformat(),
        )
        median = statistics.median(r["changed"])
        uncached = statistics.median(r["uncached"])
        rows.append(
            limit_row(
                "5 app",
                f"{page.replace('_page', '')} page rerun after a filter change, {n:,} parcels",
                median,
                naive=uncached,
                limit=MAX_RERUN_S,
                unit="s",
                note=f"median of {len(r['changed'])} "
                f"({', '.join(f'{t:.2f}' for t in r['changed'])} s; AppTest); first run "
                f"{r['first']:.2f} s, rerun without change {r['unchanged']:.2f} s; "
                "naive = same rerun with every cache cleared",
            )
        )
    n = ctx.sizes.app_memory
    store = str(datasets.gpkg_store(ctx, n, cells="even"))
    try:
        mem = measure_server_memory(ctx, store)
    except Exception as exc:  # noqa: BLE001 - a server or browser failure is a result to report
        rows.append(
            Row(
                "5 app",
                f"server memory, {n:,} parcels, {TABS} tabs",
                None,
                goal=f"< {MAX_SERVER_MB:g} MiB",
                note=f"not measured: {exc}",
            )
        )
        return rows
    rows.append(
        limit_row(
            "5 app",
            f"server RSS, {n:,} parcels, {TABS} map tabs open",
            mem["rss_mb"],
            limit=MAX_SERVER_MB,
            unit="MiB",
            note=f"peak {mem['peak_mb']:.0f} MiB, idle {mem['idle_mb']:.0f} MiB; each tab's map "
            "drawn "
            + ", ".join(f"{s:.1f}" for s in mem["drawn_s"])
            + " s after opening /map (one tab after another)",
        )
    )
    return rows
