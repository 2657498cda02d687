"""Re-parsing a run's landed bodies needs no network and reproduces what the run loaded."""

from __future__ import annotations

from pathlib import Path

import duckdb

from flows.refresh import refresh
from flows.reparse import reparse
from flows.settings import PACKAGE_ROOT

DEMO = PACKAGE_ROOT / "demo" / "index.json"


def test_reparse_reloads_the_same_postings_from_the_raw_store(fast_settings: Path) -> None:
    first = refresh(replay_index=str(DEMO), snapshot="2026-10-31", warehouse_path=str(fast_settings))
    assert first.status == "succeeded"

    again = reparse(first.run_id, warehouse_path=str(fast_settings))  # no replay server is running now
    assert again.status == "succeeded" and again.snapshot_date == first.snapshot_date
    assert {(b.source, b.board): b.postings for b in again.boards} == {
        (b.source, b.board): b.postings for b in first.boards
    }
    assert sum(b.new for b in again.boards) == 0 and sum(b.closed for b in again.boards) == 0
    assert all(b.requests == 0 for b in again.boards)

    con = duckdb.connect(str(fast_settings), read_only=True)
    try:
        runs = dict(con.execute("SELECT run_id, status FROM runs").fetchall())
    finally:
        con.close()
    assert runs == {first.run_id: "succeeded", again.run_id: "succeeded"}
    # demo/README.md: 117 postings listed on day 1 (one Ashby job is unlisted and dropped by the parser)
    assert sum(b.postings for b in again.boards) == 117
