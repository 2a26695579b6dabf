"""Headless Chromium for the benchmarks, offline, with a "parcels drawn" probe.

The browser is Debian's ``/usr/bin/chromium`` driven by Playwright. Every
request to a host other than 127.0.0.1 is aborted, so nothing is fetched from
the internet and a page that needs a CDN shows it by not drawing.

"Drawn" is judged in the page, the same way for any Leaflet map: a probe
injected before the page's own scripts watches the map's panes (except the
basemap tile pane) for SVG paths being added or reshaped and, every animation
frame, takes a 32×32 fingerprint of every canvas there. A change is stamped
at the next animation frame (by then it has been painted). The page counts as
drawn when something is visible in those panes, the ``load`` event has fired
and nothing has changed for :data:`QUIET_MS`; its figure is the time of the
last change, in ms since navigation start. Where Chromium stops animation
frames (it does in Streamlit's component iframe) a 50 ms timer drives the
probe instead.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
#: Nothing changing for this long (after ``load``) means drawing is finished.
QUIET_MS = 1500

PROBE_JS = """
(() => {
  if (window.__paint) { return; }
  const QUIET = __QUIET_MS__;
  const S = window.__paint = {first: null, last: null, load: null, done: false, frames: 0};
  let dirty = false, stamp = false, drawn = false, sig = null;
  const small = document.createElement('canvas');
  small.width = small.height = 32;
  const sctx = small.getContext('2d', {willReadFrequently: true});
  function inMap(node) {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!(el && el.closest && el.closest('.leaflet-map-pane')
              && !el.closest('.leaflet-tile-pane'));
  }
  new MutationObserver((records) => {
    for (const r of records) { if (inMap(r.target)) { dirty = true; return; } }
  }).observe(document, {subtree: true, childList: true, attributes: true,
                        attributeFilter: ['d']});
  function canvases() {
    let h = 0, painted = false;
    for (const c of document.querySelectorAll('.leaflet-map-pane canvas')) {
      if (!c.width || !c.height || c.closest('.leaflet-tile-pane')) { continue; }
      sctx.clearRect(0, 0, 32, 32);
      sctx.drawImage(c, 0, 0, 32, 32);
      const d = sctx.getImageData(0, 0, 32, 32).data;
      for (let i = 0; i < d.length; i++) { h = (Math.imul(h, 31) + d[i]) | 0; }
      for (let i = 3; i < d.length && !painted; i += 4) { painted = d[i] > 0; }
    }
    return [h, painted];
  }
  function svgDrawn() {
    for (const p of document.querySelectorAll('.leaflet-map-pane svg path')) {
      const d = p.getAttribute('d');
      if (d && d !== 'M0 0' && !p.closest('.leaflet-tile-pane')) { return true; }
    }
    return false;
  }
  window.addEventListener('load', () => { S.load = performance.now(); });
  function frame() {
    try { tick(); } catch (e) { S.error = String(e); }
    if (!S.done) { requestAnimationFrame(frame); }
  }
  let lastTick = 0;
  function tick() {
    const now = lastTick = performance.now();
    S.frames++;
    if (stamp) {
      S.last = now;
      if (S.first === null && drawn) { S.first = now; }
      stamp = false;
    }
    const [h, painted] = canvases();
    if (h !== sig) { sig = h; dirty = true; }
    if (!drawn) { drawn = painted || svgDrawn(); if (drawn) { dirty = true; } }
    if (dirty) { dirty = false; stamp = true; }
    if (drawn && !stamp && S.load !== null && S.last !== null && now - S.last > QUIET) {
      S.done = true;
    }
  }
  requestAnimationFrame(frame);
  // Chromium can stop animation frames in an iframe (Streamlit components):
  // then a timer drives the probe, stamping within 50 ms instead of a frame.
  const timer = setInterval(() => {
    if (S.done) { clearInterval(timer); return; }
    if (performance.now() - lastTick > 100) {
      try { tick(); } catch (e) { S.error = String(e); }
    }
  }, 50);
})();
""".replace("__QUIET_MS__", str(QUIET_MS))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the benchmark's output readable
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port); yield the base URL."""
    (directory / WARM_PAGE).write_text("<!DOCTYPE html><title>warm</title>", encoding="ascii")
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A Playwright Chromium browser (headless, offline flags)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _local_only(route) -> None:
    if urlparse(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def offline_page(browser):
    """A fresh context (empty cache) and page: loopback only, probe installed."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/*", _local_only)
    page = context.new_page()
    page.add_init_script(PROBE_JS)
    return context, page


def wait_drawn(page, timeout_s: float) -> dict:
    """Wait until the probe says the map is drawn; return its figures (ms)."""
    page.wait_for_function(
        "window.__paint && window.__paint.done", timeout=timeout_s * 1000, polling=250
    )
    return page.evaluate("window.__paint")


#: A tiny page each measurement opens first, so the renderer process for
#: 127.0.0.1 already runs: the figure is a page load, not a browser start.
WARM_PAGE = "warm.html"


def time_first_paint(
    browser, url: str, timeout_s: float = 300, screenshot: Path | None = None
) -> dict:
    """Load ``url`` in a fresh context (empty cache, warm renderer); return the
    probe's figures in ms from navigation start (``last``: parcels drawn)."""
    context, page = offline_page(browser)
    try:
        page.goto(url.rsplit("/", 1)[0] + "/" + WARM_PAGE, wait_until="load")
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        figures = wait_drawn(page, timeout_s)
        if screenshot is not None:
            page.screenshot(path=str(screenshot))
        return figures
    finally:
        context.close()


#: Renderer main-thread trace events reported when a paint goal is missed:
#: label -> event names (nested events are reported within their parents).
TRACE_PARTS = {
    "HTML parsing (with inline scripts)": ("ParseHTML",),
    "script compile + run": ("EvaluateScript",),
    "canvas rasterisation": ("CanvasRenderingContext2D::FinalizeFrame",),
    "style + layout": ("UpdateLayoutTree", "Layout"),
    "paint": ("Paint",),
    "animation-frame callbacks (incl. the probe)": ("FireAnimationFrame",),
}


def trace_load(browser, url: str, out: Path, timeout_s: float = 300) -> dict:
    """Load ``url`` with Chromium tracing on; where the renderer's main thread
    spent its time from the page request until the parcels were drawn (ms)."""
    import collections
    import json

    context, page = offline_page(browser)
    try:
        page.goto(url.rsplit("/", 1)[0] + "/" + WARM_PAGE, wait_until="load")
        browser.start_tracing(
            page=page,
            path=str(out),
            categories=["toplevel", "devtools.timeline", "blink", "v8", "cc"],
        )
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        drawn = wait_drawn(page, timeout_s)["last"]
        browser.stop_tracing()
    finally:
        context.close()
    data = json.loads(out.read_text(encoding="utf-8"))
    events = data["traceEvents"] if isinstance(data, dict) else data
    threads = {
        (e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("name") == "thread_name"
    }
    name = url.rsplit("/", 1)[-1]
    starts = [
        e["ts"]
        for e in events
        if e.get("name") == "ResourceSendRequest" and name in json.dumps(e.get("args", {}))
    ]
    main = [
        e
        for e in events
        if e.get("ph") == "X" and threads.get((e.get("pid"), e.get("tid"))) == "CrRendererMain"
    ]
    if not starts or not main:
        return {"drawn after": drawn}
    t0, t1 = starts[0], starts[0] + drawn * 1000
    sums: dict[str, float] = collections.Counter()
    for e in main:
        if not t0 <= e["ts"] <= t1:
            continue
        for label, names in TRACE_PARTS.items():
            if e["name"] in names:
                sums[label] += e.get("dur", 0) / 1000
    return {"drawn after": drawn, **sums}
