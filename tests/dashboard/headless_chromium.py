"""A headless Chromium driven over the DevTools protocol, for the dashboard's one real-browser smoke test.

Why not ``chromium --headless --screenshot URL``: Streamlit renders after its websocket session starts, and
Chromium's one-shot screenshot (even with ``--virtual-time-budget``) fires on the load event, so it captures
the loading skeleton. Driving the browser over the DevTools protocol lets the test wait until the page shows
what it must show, then take the screenshot. Uses the system's Chromium (Debian package ``chromium``) and the
``websockets`` client; nothing is downloaded.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from websockets.sync.client import connect

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1100",
)


def find_chromium() -> str | None:
    """The Chromium executable (JOBPULSE_CHROMIUM, else ``chromium`` on PATH), or None."""
    return os.environ.get("JOBPULSE_CHROMIUM") or shutil.which("chromium")


class HeadlessChromium:
    """One headless Chromium process with one page; use as a context manager (the process is ended)."""

    def __init__(self, executable: str, start_timeout_s: float = 30.0) -> None:
        # Chromium's helper processes may still be writing the profile as it exits: cleanup must not fail.
        self._profile = tempfile.TemporaryDirectory(prefix="jp-chromium-", ignore_cleanup_errors=True)
        command = [executable, *CHROMIUM_FLAGS, "--remote-debugging-port=0"]
        command += [f"--user-data-dir={self._profile.name}", "about:blank"]
        self._proc = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: close() ends Chromium's helpers with it
        )
        port_file = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + start_timeout_s
        while not (port_file.is_file() and port_file.read_text().strip()):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"{executable} did not open its DevTools port")
            time.sleep(0.1)
        port = int(port_file.read_text().splitlines()[0])
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(t for t in targets if t["type"] == "page")
        self._ws = connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=10)
        self._ids = itertools.count(1)

    def _call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self._ids)
        self._ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:  # events arrive interleaved with replies; keep the reply to this call
            message = json.loads(self._ws.recv(timeout=30))
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def open(self, url: str) -> None:
        self._call("Page.navigate", url=url)

    def text(self) -> str:
        """The page's visible text now."""
        result = self._call("Runtime.evaluate", expression="document.body ? document.body.innerText : ''")
        return result["result"].get("value", "")

    def dom(self) -> str:
        result = self._call("Runtime.evaluate", expression="document.documentElement.outerHTML")
        return result["result"].get("value", "")

    def wait_for_text(self, needle: str, timeout_s: float = 60.0) -> str:
        """Poll until the page's text contains ``needle``; returns the text, or raises TimeoutError."""
        deadline = time.monotonic() + timeout_s
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if needle in text:
                return text
            time.sleep(0.25)
        raise TimeoutError(f"{needle!r} never appeared; page text was:\n{text[:2000]}")

    def screenshot(self, path: Path) -> Path:
        """A PNG of the whole page (beyond the window's height) written to ``path``."""
        data = self._call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        ws = getattr(self, "_ws", None)
        if ws is not None:
            ws.close()
        if self._proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self._proc.wait()
        self._profile.cleanup()

    def _signal(self, sig: signal.Signals) -> None:
        """Signal the process group this object started (Chromium and its helpers, nothing else)."""
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(self._proc.pid, sig)

    def __enter__(self) -> HeadlessChromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
