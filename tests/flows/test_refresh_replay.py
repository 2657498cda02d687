"""The refresh flow against the shared replay set: exact per-board counts, idempotence, lifecycle."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb

from flows.refresh import refresh
from warehouse.queries import attributions, open_published

# Sources whose recordings are one list body per board: the index's ``records`` is the posting count.
ONE_BODY_PER_BOARD = {"greenhouse", "lever", "ashby"}
# The other sources, as the parsers count them on the same recordings (each figure is explained and asserted
# on the bodies themselves in tests/extractors: e.g. HN 376 + 269 postings from 382 + 276 live comments,
# Adzuna 1,991 distinct ids in 2,000 results, RemoteOK 96 of 97 elements with an id).
OTHER_SOURCES = {
    ("adzuna", "fr"): 1991,
    ("arbeitnow", ""): 100,
    ("hn", ""): 376 + 269,
    ("jsonld", "databricks.com"): 0,  # the Greenhouse-hosted pages carry no JSON-LD
    ("jsonld", "job-boards.greenhouse.io"): 0,
    ("jsonld", "jobs.ashbyhq.com"): 3,
    ("jsonld", "jobs.gem.com"): 0,  # an empty JS shell
    ("jsonld", "jobs.lever.co"): 0,
    ("jsonld", "www.builtinsf.com"): 10,
    ("remoteok", ""): 96,
    ("remotive", ""): 35,
    ("smartrecruiters", "Vitol"): 5,
    ("themuse", ""): 200,
    ("usajobs", ""): 3,
}


def _expected_records(index_path: Path, as_of: date) -> dict[tuple[str, str], int]:
    """Per (source, board): the records of the newest recording on or before ``as_of`` (replay README)."""
    entries = json.loads(index_path.read_text())["entries"]
    newest: dict[tuple[str, str], dict] = {}
    for e in entries:
        if e["source"] not in ONE_BODY_PER_BOARD or date.fromisoformat(e["snapshot"]) > as_of:
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
    assert loaded == expected | OTHER_SOURCES  # every source of the replay set, in one flow run
    assert all(b.error is None for b in first.boards), [b for b in first.boards if b.error]
    stored = _postings_per_board(fast_settings)
    assert {k: v for k, v in stored.items() if k[0] in ONE_BODY_PER_BOARD} == expected
    assert sum(stored.values()) == sum(expected.values()) + sum(OTHER_SOURCES.values())

    con = open_published(fast_settings.with_name("jobpulse.published.duckdb"))
    try:
        credits = attributions(con)
    finally:
        con.close()
    # the feeds whose terms ask for a link back are credited in the published snapshot
    assert {"remoteok", "remotive"} <= set(credits)
    assert "Remote OK" in credits["remoteok"]

    second = refresh(
        replay_index=str(replay_index), snapshot=snapshot.isoformat(), warehouse_path=str(fast_settings)
    )
    assert second.status == "succeeded"
    assert sum(b.new for b in second.boards) == 0
    assert sum(b.closed for b in second.boards) == 0
    assert _postings_per_board(fast_settings) == stored


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
