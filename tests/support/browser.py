"""Shared plumbing of the real-browser tests: a Streamlit server on loopback,
headless Chromium, and pages that may not leave 127.0.0.1.

Without Chromium or Playwright the tests skip with the reason shown, except
with CI=true, where they must run.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Where browser tests save screenshots: a temp folder, so a test run leaves the
#: tree clean; LANDINV_SCREENSHOTS=docs/screenshots refreshes the README's.
SHOTS = Path(
    os.environ.get("LANDINV_SCREENSHOTS") or Path(tempfile.gettempdir()) / "landinv-screenshots"
)
CHROMIUM = Path("/usr/bin/chromium")
# Background networking off: this machine has no internet, and Chromium's own
# calls home would otherwise be refused many times per start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 90_000


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def need(condition: bool, reason: str) -> None:
    """Skip with ``reason`` unless ``condition``; fail instead under CI=true."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(reason)


def need_browser() -> None:
    need(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        need(False, "the playwright Python package is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy in time")


@contextlib.contextmanager
def streamlit_server(folder: Path, store: Path, *, drop_env=("LANDINV_CONFIG",)):
    """``streamlit run app.py`` on a free loopback port over ``store``; yields its URL."""
    env = {**os.environ, "LANDINV_STORE": str(store), "LANDINV_LANG": "zh"}
    for name in drop_env:
        env.pop(name, None)
    port = free_port()
    with open(folder / "streamlit.log", "wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def offline_page(browser, **context_options):
    """A page whose requests may only reach 127.0.0.1; yields ``(page, blocked)``.

    Every other request is aborted and its URL appended to ``blocked``, so a
    test can assert the app never tried to reach the internet.
    """
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="zh-CN", **context_options
    )
    blocked: list[str] = []

    def guard(route):
        url = route.request.url
        if urlparse(url).hostname in ("127.0.0.1", "localhost") or url.startswith(
            ("data:", "blob:")
        ):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        yield page, blocked
    finally:
        context.close()


def settle(page, pause_ms: int = 1000) -> None:
    """Wait until Streamlit has finished the current run, then ``pause_ms`` for the
    browser to draw what the run sent (components load in their own frames)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')"
        " && document.querySelector('[data-testid=\"stMain\"]') !== null"
    )
    page.wait_for_timeout(pause_ms)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, one per test module (a plugin of tests/conftest.py)."""
    with chromium() as b:
        yield b
