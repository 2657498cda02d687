"""Loaders on a real DuckDB: idempotence, lifecycle, failed boards, and the one-transaction-per-run rule."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest
import wh_factories as f

from warehouse.db import connect, fetch_one, run_transaction, to_frame
from warehouse.load import (
    BoardCounts,
    finish_run,
    load_board,
    record_board_result,
    record_raw,
    start_run,
    write_enriched,
    write_marts,
)

T1 = f.T0
T2 = f.T0 + timedelta(days=28)
T3 = f.T0 + timedelta(days=59)


@pytest.fixture
def con(tmp_path: Path):
    with connect(tmp_path / "w.duckdb") as c:
        yield c


def _table(con: duckdb.DuckDBPyConnection, name: str) -> pl.DataFrame:
    order = {
        "postings": "source, board, native_id",
        "postings_enriched": "source, board, native_id",
        "mart_skill_shares": "snapshot_date, segment_type, segment, skill",
        "mart_salary_percentiles": "snapshot_date, segment_type, segment, population",
    }[name]
    frame = to_frame(con, f"SELECT * FROM {name} ORDER BY {order}")
    return frame.drop("enriched_at") if name == "postings_enriched" else frame


def test_loading_the_same_snapshot_twice_adds_and_changes_nothing(con) -> None:
    ps = f.postings("greenhouse", "acme", range(50))
    first = load_board(con, "r1", "greenhouse", "acme", ps, T1)
    assert first == BoardCounts(postings=50, new=50, closed=0, reopened=0, updated=0)
    before = _table(con, "postings")
    again = load_board(con, "r1", "greenhouse", "acme", ps, T1)
    assert again == BoardCounts(postings=50, new=0, closed=0, reopened=0, updated=0)
    assert _table(con, "postings").equals(before)


def test_duplicate_keys_in_one_snapshot_count_once(con) -> None:
    ps = f.postings("greenhouse", "acme", [1, 2, 2, 3])
    counts = load_board(con, "r1", "greenhouse", "acme", ps, T1)
    assert counts.postings == 3
    assert fetch_one(con, "SELECT count(*) FROM postings") == (3,)


def test_lifecycle_new_closed_reopened_updated_across_loads(con) -> None:
    load_board(con, "r1", "greenhouse", "acme", f.postings("greenhouse", "acme", range(0, 10)), T1)
    # Month 2: 0-1 gone, 10-11 new, 5 retitled.
    snap2 = [p for p in f.postings("greenhouse", "acme", range(2, 12)) if p.native_id != "5"]
    snap2.append(f.posting("greenhouse", "acme", "5", "Senior Machine Learning Engineer"))
    c2 = load_board(con, "r2", "greenhouse", "acme", snap2, T2)
    assert c2 == BoardCounts(postings=10, new=2, closed=2, reopened=0, updated=1)
    closed = con.execute(
        "SELECT native_id, closed_at, last_seen_at FROM postings WHERE closed_at IS NOT NULL ORDER BY 1"
    ).fetchall()
    assert [(n, c, s) for n, c, s in closed] == [("0", T2, T1), ("1", T2, T1)]
    retitled = fetch_one(
        con, "SELECT title, first_seen_at, last_seen_at, updated_at FROM postings WHERE native_id = '5'"
    )
    assert retitled == ("Senior Machine Learning Engineer", T1, T2, T2)

    # Month 3: posting 0 is back, the rest as in month 2.
    c3 = load_board(con, "r3", "greenhouse", "acme", [*snap2, f.posting("greenhouse", "acme", "0")], T3)
    assert c3 == BoardCounts(postings=11, new=0, closed=0, reopened=1, updated=0)
    assert fetch_one(
        con, "SELECT first_seen_at, last_seen_at, closed_at FROM postings WHERE native_id = '0'"
    ) == (T1, T3, None)
    assert fetch_one(con, "SELECT closed_at FROM postings WHERE native_id = '1'") == (T2,)


def test_an_older_snapshot_loaded_late_does_not_overwrite_newer_state(con) -> None:
    load_board(con, "r2", "greenhouse", "acme", f.postings("greenhouse", "acme", range(3), "New title"), T2)
    late = load_board(
        con, "r1", "greenhouse", "acme", f.postings("greenhouse", "acme", range(1), "Old title"), T1
    )
    assert late.closed == 0 and late.updated == 0
    rows = con.execute(
        "SELECT title, first_seen_at, last_seen_at, closed_at FROM postings ORDER BY native_id"
    )
    assert rows.fetchall() == [
        ("New title", T1, T2, None),
        ("New title", T2, T2, None),
        ("New title", T2, T2, None),
    ]


def test_a_failed_board_closes_nothing_and_is_recorded(con) -> None:
    start_run(con, "r1", T1)
    for board in ("acme", "beta"):
        counts = load_board(con, "r1", "greenhouse", board, f.postings("greenhouse", board, range(5)), T1)
        record_board_result(con, "r1", "greenhouse", board, counts, requests=1, n_bytes=10, duration_s=0.5)
    finish_run(con, "r1", "succeeded", False, None)

    start_run(con, "r2", T2)
    # beta failed to fetch: it is not loaded, only recorded; acme loaded with one posting gone.
    record_board_result(con, "r2", "greenhouse", "beta", error="HTTPStatusError: 503", requests=4)
    counts = load_board(con, "r2", "greenhouse", "acme", f.postings("greenhouse", "acme", range(1, 5)), T2)
    record_board_result(con, "r2", "greenhouse", "acme", counts)
    finish_run(con, "r2", "succeeded", False, "1 board failed")

    open_by_board = dict(
        con.execute(
            "SELECT board, count(*) FILTER (WHERE closed_at IS NULL) FROM postings GROUP BY board"
        ).fetchall()
    )
    assert open_by_board == {"acme": 4, "beta": 5}
    boards = con.execute(
        "SELECT board, closed, error FROM run_boards WHERE run_id = 'r2' ORDER BY board"
    ).fetchall()
    assert boards == [("acme", 1, None), ("beta", 0, "HTTPStatusError: 503")]


def test_load_board_refuses_postings_of_another_board(con) -> None:
    with pytest.raises(ValueError, match="other boards"):
        load_board(con, "r1", "greenhouse", "acme", f.postings("greenhouse", "beta", range(2)), T1)


def test_crash_mid_run_leaves_previous_state_and_keeps_bookkeeping(con) -> None:
    snap = date(2026, 1, 31)
    ps1 = f.postings("greenhouse", "acme", range(30))
    start_run(con, "r1", T1)
    with run_transaction(con):
        counts = load_board(con, "r1", "greenhouse", "acme", ps1, T1)
        record_board_result(con, "r1", "greenhouse", "acme", counts)
        write_enriched(con, f.enriched(ps1))
        write_marts(con, snap, f.skill_shares(snap), f.salary_percentiles(snap))
    finish_run(con, "r1", "succeeded", True, None)
    tables = ("postings", "postings_enriched", "mart_skill_shares", "mart_salary_percentiles")
    before = {t: _table(con, t) for t in tables}

    start_run(con, "r2", T2)
    ps2 = f.postings("greenhouse", "acme", range(10, 50), "Changed")
    with pytest.raises(RuntimeError, match="boom"), run_transaction(con):
        counts = load_board(con, "r2", "greenhouse", "acme", ps2, T2)
        record_board_result(con, "r2", "greenhouse", "acme", counts)
        write_enriched(con, f.enriched(ps2, seed=2))
        write_marts(con, snap, f.skill_shares(snap, seed=2), f.salary_percentiles(snap, seed=2))
        raise RuntimeError("boom")
    finish_run(con, "r2", "failed", False, "RuntimeError: boom")

    for t in tables:
        assert _table(con, t).equals(before[t]), t
    assert con.execute("SELECT run_id, status FROM runs ORDER BY run_id").fetchall() == [
        ("r1", "succeeded"),
        ("r2", "failed"),
    ]
    # The failed run's board row survived the rollback (bookkeeping is outside the run transaction).
    assert fetch_one(con, "SELECT postings, new FROM run_boards WHERE run_id = 'r2'") == (40, 20)


def test_write_enriched_replaces_only_the_postings_it_covers(con) -> None:
    ps = f.postings("greenhouse", "acme", range(9))
    load_board(con, "r1", "greenhouse", "acme", ps, T1)
    assert write_enriched(con, f.enriched(ps)) == 9
    redo = f.enriched(ps[:3], seed=7).with_columns(pl.lit("test-2").alias("enrich_version"))
    write_enriched(con, redo)
    versions = dict(
        con.execute("SELECT enrich_version, count(*) FROM postings_enriched GROUP BY ALL").fetchall()
    )
    assert versions == {"test-1": 6, "test-2": 3}
    stored = to_frame(
        con,
        "SELECT native_id, skills, salary_annual_usd_mid FROM postings_enriched "
        "WHERE native_id IN ('0', '1', '2') ORDER BY native_id",
    )
    assert stored.equals(redo.select("native_id", "skills", "salary_annual_usd_mid").sort("native_id"))
    with pytest.raises(ValueError, match="duplicate keys"):
        write_enriched(con, pl.concat([redo, redo]))


def test_write_marts_replaces_a_snapshot_date_and_keeps_the_others(con) -> None:
    d1, d2 = date(2026, 1, 31), date(2026, 2, 28)
    write_marts(con, d1, f.skill_shares(d1), f.salary_percentiles(d1))
    write_marts(con, d2, f.skill_shares(d2), f.salary_percentiles(d2))
    redo = f.salary_percentiles(d2, seed=9)
    n_skill, n_salary = write_marts(con, d2, f.skill_shares(d2, seed=9), redo)
    assert (n_skill, n_salary) == (f.skill_shares(d2).height, redo.height)
    stored = to_frame(
        con,
        "SELECT * FROM mart_salary_percentiles WHERE snapshot_date = ? ORDER BY segment_type, segment",
        [d2],
    )
    assert stored.select(redo.columns).equals(redo.sort("segment_type", "segment"))
    counts = dict(con.execute("SELECT snapshot_date, count(*) FROM mart_skill_shares GROUP BY 1").fetchall())
    assert counts == {d1: f.skill_shares(d1).height, d2: f.skill_shares(d2).height}
    with pytest.raises(ValueError, match="snapshot dates"):
        write_marts(con, d1, f.skill_shares(d2), f.salary_percentiles(d1))


def test_record_raw_is_idempotent_per_run(con) -> None:
    records = [
        {
            "sha256": "a" * 64,
            "url": "https://boards-api.example/v1/boards/acme/jobs",
            "status": 200,
            "source": "greenhouse",
            "board": "acme",
            "fetched_at": T1,
            "content_type": "application/json",
            "n_bytes": 1234,
            "store_path": Path("data/raw/aa/aaaa.json.gz"),
            "error": None,
        },
        {
            "url": "https://boards-api.example/v1/boards/gone/jobs",
            "status": 404,
            "fetched_at": T1,
            "error": "404",
            "path": Path("data/raw/bb/bbbb.json.gz"),
        },
    ]
    assert record_raw(con, "r1", records) == 2
    assert record_raw(con, "r1", records) == 0
    assert fetch_one(con, "SELECT count(*), count(sha256) FROM raw_responses") == (2, 1)
    paths = con.execute("SELECT store_path FROM raw_responses ORDER BY url").fetchall()
    assert paths == [("data/raw/aa/aaaa.json.gz",), ("data/raw/bb/bbbb.json.gz",)]


def test_finish_run_validates_status_and_run(con) -> None:
    start_run(con, "r1", T1)
    with pytest.raises(ValueError):
        finish_run(con, "r1", "running", False, None)
    with pytest.raises(KeyError):
        finish_run(con, "nope", "failed", False, None)
    finish_run(con, "r1", "blocked", False, "critical expectation failed")
    assert fetch_one(con, "SELECT status, published, message FROM runs") == (
        "blocked",
        False,
        "critical expectation failed",
    )


def test_enriched_postings_joins_lifecycle_and_enrichment_inside_the_run(con) -> None:
    from warehouse.marts_input import enriched_postings

    ps = f.postings("greenhouse", "acme", range(6))
    load_board(con, "r1", "greenhouse", "acme", ps, T1)
    load_board(con, "r2", "greenhouse", "acme", ps[1:], T2)  # posting 0 closes
    with run_transaction(con):
        write_enriched(con, f.enriched(ps[:4]))  # postings 4 and 5 have no enrichment yet
        frame = enriched_postings(con)
    assert frame["native_id"].to_list() == ["0", "1", "2", "3"]
    assert "description_text" not in frame.columns
    assert {"first_seen_at", "last_seen_at", "closed_at", "is_ai_ml", "skills", "title"} <= set(frame.columns)
    assert frame.filter(pl.col("closed_at").is_not_null())["native_id"].to_list() == ["0"]
    assert frame.schema["first_seen_at"] == pl.Datetime("us", "UTC")
