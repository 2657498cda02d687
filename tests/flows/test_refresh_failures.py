"""One failing board never sinks the others: 500, 429 + Retry-After, a timeout and invalid JSON.

A local server on 127.0.0.1 plays five Greenhouse boards; the refresh flow reaches it through ``base_url``
(the same rewriting path as replay). The body of every failing answer must stay in the raw store.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest

from extractors.raw_store import RawStore
from flows.refresh import refresh


def _board_body(board: str) -> bytes:
    jobs = [
        {
            "id": 1000 + i,
            "title": f"Machine Learning Engineer {i}",
            "absolute_url": f"https://job-boards.greenhouse.io/{board}/jobs/{1000 + i}",
            "location": {"name": "New York, NY"},
            "first_published": "2026-11-01T10:00:00-05:00",
            "updated_at": "2026-11-02T10:00:00-05:00",
            "company_name": board.title(),
            "content": "&lt;p&gt;Build PyTorch models in Python.&lt;/p&gt;",
            "metadata": None,
        }
        for i in range(3)
    ]
    return json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}).encode()


class _Boards(BaseHTTPRequestHandler):
    calls: ClassVar[dict[str, int]] = {}

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        board = self.path.split("/v1/boards/")[1].split("/")[0]
        n = _Boards.calls[board] = _Boards.calls.get(board, 0) + 1
        if board == "healthy":
            self._send(200, _board_body(board))
        elif board == "broken":
            self._send(500, b'{"error": "internal server error"}')
        elif board == "ratelimited":
            if n == 1:
                self._send(429, b'{"error": "slow down"}', {"Retry-After": "1"})
            else:
                self._send(200, _board_body(board))
        elif board == "slow":
            time.sleep(2.5)  # beyond the 1 s read timeout of fast_settings
            self._send(200, _board_body(board))
        elif board == "garbled":
            self._send(200, b'{"jobs": [{"id": 1, "title": "ML Eng')  # truncated JSON


@pytest.fixture
def board_server() -> Iterator[str]:
    _Boards.calls = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Boards)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_failing_boards_are_recorded_and_the_rest_load(
    board_server: str, fast_settings: Path, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[greenhouse]\nboards = ["healthy", "broken", "ratelimited", "slow", "garbled"]\n')

    report = refresh(sources_file=str(sources), warehouse_path=str(fast_settings), base_url=board_server)

    by_board = {b.board: b for b in report.boards}
    assert report.status == "succeeded"  # the run completes and publishes what loaded
    assert by_board["healthy"].error is None and by_board["healthy"].postings == 3
    assert by_board["ratelimited"].error is None and by_board["ratelimited"].postings == 3
    assert _Boards.calls["ratelimited"] == 2  # retried once, after the Retry-After
    assert "500" in by_board["broken"].error
    assert "Timeout" in by_board["slow"].error
    assert "ParseError" in by_board["garbled"].error
    assert report.message == "3 of 5 boards failed"

    con = duckdb.connect(str(fast_settings), read_only=True)
    try:
        loaded = dict(con.execute("SELECT board, count(*) FROM postings GROUP BY board").fetchall())
        errors = dict(con.execute("SELECT board, error FROM run_boards").fetchall())
        raw = con.execute("SELECT board, status, sha256 FROM raw_responses ORDER BY board, status").fetchall()
    finally:
        con.close()
    assert loaded == {"healthy": 3, "ratelimited": 3}
    assert errors["healthy"] is None and "500" in errors["broken"]

    # the raw bodies of the failures are kept and readable for a re-parse after a fix
    store = RawStore(tmp_path / "raw")
    kept = {(board, status): store.read(sha) for board, status, sha in raw}
    assert kept[("broken", 500)] == b'{"error": "internal server error"}'
    assert kept[("garbled", 200)].startswith(b'{"jobs": [{"id": 1')
    assert kept[("ratelimited", 429)] == b'{"error": "slow down"}'
    assert not any(board == "slow" for board, _ in kept)  # no body ever arrived


def test_run_report_per_source_sums_its_boards(
    board_server: str, fast_settings: Path, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[greenhouse]\nboards = ["healthy", "broken"]\n[lever]\nboards = [{ board = "garbled" }]\n'
    )
    report = refresh(sources_file=str(sources), warehouse_path=str(fast_settings), base_url=board_server)
    rows = {r["source"]: r for r in report.by_source()}
    assert set(rows) == {"greenhouse", "lever"}
    gh = rows["greenhouse"]
    assert (gh["boards"], gh["failed"], gh["postings"], gh["new"], gh["closed"]) == (2, 1, 3, 3, 0)
    assert gh["requests"] == sum(b.requests for b in report.boards if b.source == "greenhouse")
    assert gh["bytes"] == sum(b.n_bytes for b in report.boards if b.source == "greenhouse") > 0
    assert len(gh["errors"]) == 1 and gh["errors"][0].startswith("broken: HttpStatusError")
    assert rows["lever"]["failed"] == 1  # the lever URL is not served by this test server


def test_a_run_where_every_board_fails_publishes_nothing(
    board_server: str, fast_settings: Path, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[greenhouse]\nboards = ["healthy"]\n')
    first = refresh(sources_file=str(sources), warehouse_path=str(fast_settings), base_url=board_server)
    published = fast_settings.with_name("jobpulse.published.duckdb")
    before = published.stat().st_mtime_ns

    sources.write_text('[greenhouse]\nboards = ["broken", "garbled"]\n')
    report = refresh(sources_file=str(sources), warehouse_path=str(fast_settings), base_url=board_server)
    assert (report.status, report.published) == ("failed", False)
    assert report.message == "all 2 boards failed; the published snapshot is left as it was"
    assert published.stat().st_mtime_ns == before  # the dashboard keeps showing the last good snapshot
    assert first.published
