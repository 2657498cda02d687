"""HN backfill and file import go through the same warehouse half as refresh (lifecycle, enrich, publish)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from flows.backfill import backfill_hn_flow, import_file_flow
from flows.cli import app


def _query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_hn_backfill_loads_each_month_observed_at_its_thread(replay_index: Path, fast_settings: Path) -> None:
    report = backfill_hn_flow("2024-07", warehouse_path=str(fast_settings), replay_index=str(replay_index))
    by_thread = {b.board: b.postings for b in report.boards}
    # the two recorded threads (July 2024, August 2024), as the HN parser counts them (tests/extractors)
    assert by_thread == {"40846428": 376, "41129813": 269}
    assert report.status == "succeeded" and all(b.error is None for b in report.boards)

    first_seen = dict(
        _query(
            fast_settings, "SELECT board, min(first_seen_at) FROM postings WHERE source = 'hn' GROUP BY board"
        )
    )
    # postings are observed when their thread was posted, not when the backfill ran
    assert first_seen["40846428"].astimezone(UTC).date() == datetime(2024, 7, 1, tzinfo=UTC).date()
    assert first_seen["41129813"].astimezone(UTC).date() == datetime(2024, 8, 1, tzinfo=UTC).date()
    # data minimisation: no raw e-mail address survives in stored descriptions
    leaked = _query(
        fast_settings,
        r"SELECT count(*) FROM postings WHERE regexp_matches(description_text, '[\w.+-]+@[\w-]+\.[a-z]{2,}')",
    )
    assert leaked == [(0,)]


def test_jobspy_import_then_status(shared_dir: Path, fast_settings: Path) -> None:
    sample = shared_dir / "data/jobspy_format_linkedin/linkedin_jobs_jobspy.json"
    report = import_file_flow(str(sample), "jobspy", "linkedin-sample", warehouse_path=str(fast_settings))
    (board,) = report.boards
    assert (board.board, board.postings, board.new, board.error) == ("linkedin-sample", 28, 28, None)
    again = import_file_flow(str(sample), "jobspy", "linkedin-sample", warehouse_path=str(fast_settings))
    assert (again.boards[0].new, again.boards[0].closed) == (0, 0)

    result = CliRunner().invoke(app, ["status", "--json", "--warehouse", str(fast_settings)])
    assert result.exit_code == 0, result.output
    import json

    status = json.loads(result.output)
    assert set(status) == {"published_snapshot", "runs"}
    newest = status["runs"][0]
    assert set(newest) == {"run_id", "started_at", "finished_at", "status", "published", "boards"}
    assert newest["run_id"] == again.run_id and newest["published"] is True
    assert newest["boards"] == [
        {
            "source": board.source,
            "board": "linkedin-sample",
            "postings": 28,
            "new": 0,
            "closed": 0,
            "error": None,
        }
    ]
