"""The refresh flow against the shared replay set: exact per-board counts, idempotence, lifecycle."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb

from extractors.registry import ADAPTERS
from flows.refresh import refresh


def _expected_records(index_path: Path, as_of: date) -> dict[tuple[str, str], int]:
    """Per (source, board): the records of the newest recording on or before ``as_of`` (replay README)."""
    entries = json.loads(index_path.read_text())["entries"]
    newest: dict[tuple[str, str], dict] = {}
    for e in entries:
        if e["source"] not in ADAPTERS or e["board"] is None or date.fromisoformat(e["snapshot"]) > as_of:
            continue
        key = (e["source"], e["board"])
        if key not in newest or e["snapshot"] > newest[key]["snapshot"]:
            newest[key] = e
    return {k: e["records"] for k, e in newest.items()}


def _postings_per_board(warehouse: Path) -> dict[tuple[str, str], int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("SELECT source, board, count(*) FROM postings GROUP BY ALL").fetchall()
    finally:
        con.close()
    return {(s, b): n for s, b, n in rows}


def test_whole_replay_set_loads_each_board_exactly_and_twice_adds_nothing(
    replay_index: Path, fast_settings: Path
) -> None:
    snapshot = date(2026, 8, 22)
    expected = _expected_records(replay_index, snapshot)
    assert expected[("greenhouse", "databricks")] == 816  # the replay README's figure

    first = refresh(
        replay_index=str(replay_index), snapshot=snapshot.isoformat(), warehouse_path=str(fast_settings)
    )
    assert first.status == "succeeded", first.message
    assert first.published
    loaded = {(b.source, b.board): b.postings for b in first.boards}
    assert {k: v for k, v in loaded.items() if k in expected} == expected
    assert all(b.error is None for b in first.boards), [b for b in first.boards if b.error]
    assert _postings_per_board(fast_settings) == expected

    second = refresh(
        replay_index=str(replay_index), snapshot=snapshot.isoformat(), warehouse_path=str(fast_settings)
    )
    assert second.status == "succeeded"
    assert sum(b.new for b in second.boards) == 0
    assert sum(b.closed for b in second.boards) == 0
    assert _postings_per_board(fast_settings) == expected


def test_databricks_between_two_recordings_counts_new_and_closed(
    replay_index: Path, fast_settings: Path, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[greenhouse]\nboards = ["databricks"]\n')
    day1 = refresh(
        replay_index=str(replay_index),
        snapshot="2025-11-05",
        sources_file=str(sources),
        warehouse_path=str(fast_settings),
    )
    (board,) = day1.boards
    assert (board.postings, board.new, board.closed) == (675, 675, 0)

    day2 = refresh(
        replay_index=str(replay_index),
        snapshot="2026-08-22",
        sources_file=str(sources),
        warehouse_path=str(fast_settings),
    )
    (board,) = day2.boards
    # replay README: by job-post id, 663 new, 522 closed, 153 kept
    assert (board.postings, board.new, board.closed) == (816, 663, 522)

    con = duckdb.connect(str(fast_settings), read_only=True)
    try:
        open_, closed = con.execute(
            "SELECT count(*) FILTER (WHERE closed_at IS NULL), count(*) FILTER (WHERE closed_at IS NOT NULL) "
            "FROM postings WHERE board = 'databricks'"
        ).fetchone()
    finally:
        con.close()
    assert (open_, closed) == (816, 522)
