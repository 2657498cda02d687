"""Lifecycle on real churn: the recorded month-end Greenhouse snapshots (shared/replay), loaded in date order.

Each board's snapshots are parsed with the project's Greenhouse parser and loaded one month at a time. The
counts load_board reports, and the open postings left in the warehouse, must match an independent set-based
model of the same sequence (new = never seen, reopened = seen before but closed, closed = open but gone).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from extractors.registry import parse_board
from extractors.replay import load_index
from warehouse.db import connect
from warehouse.load import load_board

pytestmark = pytest.mark.shared


def test_replayed_greenhouse_months_match_a_set_model(replay_index: Path, tmp_path: Path) -> None:
    entries = [e for e in load_index(replay_index) if e.source == "greenhouse" and e.board]
    by_board: dict[str, list] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e.snapshot):
        by_board[entry.board].append(entry)
    assert len(by_board) >= 10 and max(len(v) for v in by_board.values()) >= 5  # the replay's real churn

    with connect(tmp_path / "w.duckdb") as con:
        totals = [0, 0, 0, 0]
        for board, snaps in sorted(by_board.items()):
            ever: set[str] = set()
            open_ids: set[str] = set()
            for entry in snaps:
                seen_at = datetime.combine(entry.snapshot, time(3), tzinfo=UTC)
                postings = parse_board(
                    "greenhouse", entry.body_path.read_bytes(), board=board, fetched_at=seen_at
                )
                ids = {p.native_id for p in postings}
                # (postings, new, closed, reopened); content updates are not modelled here.
                expected = (len(ids), len(ids - ever), len(open_ids - ids), len((ids & ever) - open_ids))
                got = load_board(con, "replay", "greenhouse", board, postings, seen_at)
                assert (got.postings, got.new, got.closed, got.reopened) == expected, (board, entry.snapshot)
                ever |= ids
                open_ids = ids
                totals = [a + b for a, b in zip(totals, expected, strict=True)]
            stored_open = {
                r[0]
                for r in con.execute(
                    "SELECT native_id FROM postings WHERE board = ? AND closed_at IS NULL", [board]
                ).fetchall()
            }
            assert stored_open == open_ids, board
            assert con.execute("SELECT count(*) FROM postings WHERE board = ?", [board]).fetchall()[0][
                0
            ] == len(ever)
            # Loading the last month again changes nothing.
            again = load_board(con, "replay", "greenhouse", board, postings, seen_at)
            assert (again.new, again.closed, again.reopened, again.updated) == (0, 0, 0, 0)
        # The replay really exercises every lifecycle transition.
        _, new, closed, reopened = totals
        assert new > 0 and closed > 0 and reopened > 0
