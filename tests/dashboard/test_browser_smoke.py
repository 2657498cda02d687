"""One real-browser smoke test: ``streamlit run dashboard/app.py`` on the demo warehouse, opened in headless
Chromium, must render the overview's live headline and the other pages' titles.

Chromium is the Debian package ``chromium`` (``apt-get install -y chromium``). In CI (CI=true) a missing
Chromium FAILS the test; elsewhere it skips. The screenshots are kept in the test's tmp folder (their paths
are printed) so a person can look at them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from headless_chromium import HeadlessChromium, find_chromium

from dashboard.formatting import usd
from flows.settings import PACKAGE_ROOT
from warehouse.queries import headline, open_published

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _chromium() -> str:
    """The Chromium to drive; fails (in CI) or skips (elsewhere) the calling test when there is none."""
    executable = find_chromium()
    if executable is None:
        message = "headless Chromium not found: install the Debian package (apt-get install -y chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " — CI must run the real-browser smoke test", pytrace=False)
        pytest.skip(message)
    return executable


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serve(demo_warehouse: Path, tmp_path: Path) -> Iterator[str]:
    """The dashboard served by ``streamlit run`` on a free localhost port, against the demo warehouse."""
    port = _free_port()
    log = (tmp_path / "streamlit.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(PACKAGE_ROOT / "dashboard" / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PACKAGE_ROOT,
        env={**os.environ, "JOBPULSE_WAREHOUSE_PATH": str(demo_warehouse)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"streamlit did not start:\n{(tmp_path / 'streamlit.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_dashboard_renders_in_headless_chromium(demo_warehouse: Path, tmp_path: Path) -> None:
    chromium = _chromium()
    con = open_published(demo_warehouse.with_name("jobpulse.published.duckdb"))
    try:
        head = headline(con)
    finally:
        con.close()
    assert head is not None and head.p50 is not None

    with _serve(demo_warehouse, tmp_path) as dashboard_url, HeadlessChromium(chromium) as browser:
        browser.open(dashboard_url)
        text = browser.wait_for_text("Median US salary (live)", timeout_s=90)
        assert usd(head.p50) in text, text[:2000]
        assert f"Snapshot {head.snapshot_date}" in text
        for page in ("Guide vs live", "Salaries", "Trends", "Runs"):
            assert page in text, f"navigation lacks {page!r}"
        time.sleep(1.5)  # let the tables' canvas finish drawing before the picture
        shot = browser.screenshot(tmp_path / "overview.png")
        assert "AI / ML job market" in browser.dom()

        browser.open(f"{dashboard_url}/guide")
        browser.wait_for_text("Guide vs live — every figure of the guide", timeout_s=60)
        time.sleep(1.5)
        guide_shot = browser.screenshot(tmp_path / "guide.png")

    for png in (shot, guide_shot):
        data = png.read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 20_000, f"{png} is not a rendered page"
        print(f"screenshot: {png}")
