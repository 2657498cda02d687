"""Every dashboard page under AppTest on the demo warehouse: the figures shown are the query results.

Each test reads the expected values through the same warehouse queries the page uses (on the published file)
and compares them with what the page rendered, formatted the way the page formats them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.formatting import reason_text, span, usd, value
from flows.settings import PACKAGE_ROOT
from warehouse.export_tables import guide_table_frames
from warehouse.figures import guide_figures
from warehouse.queries import headline, open_published, runs_summary, validation_results
from warehouse.trends import (
    changes_since_previous,
    new_vs_closed,
    postings_per_lane_per_week,
    previous_snapshot,
    skill_share_over_time,
)

APP = str(PACKAGE_ROOT / "dashboard" / "app.py")


@pytest.fixture
def published(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """The demo's published file, opened the way the dashboard opens it; the app is pointed at it too."""
    monkeypatch.setenv("JOBPULSE_WAREHOUSE_PATH", str(demo_warehouse))
    con = open_published(demo_warehouse.with_name("jobpulse.published.duckdb"))
    try:
        yield con
    finally:
        con.close()


def _page(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception, at.exception
    if page is not None:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def _frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def _frame_with(at: AppTest, *columns: str) -> pd.DataFrame:
    """The one dataframe on the page having all ``columns``."""
    found = [f for f in _frames(at) if set(columns) <= set(f.columns)]
    assert len(found) == 1, f"{len(found)} tables with columns {columns}"
    return found[0]


def _captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def _ints(values) -> list[int]:
    return [int(v) for v in values]


def test_navigation_lists_every_page(published) -> None:
    at = _page()
    for page in ("views/guide.py", "views/salaries.py", "views/trends.py", "views/runs.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.title[0].value
        assert "Snapshot " in _captions(at), page
        assert "Sources:" in _captions(at), page  # the attribution footer


def test_overview_says_how_many_figures_moved_since_the_previous_snapshot(published) -> None:
    changes = changes_since_previous(published)
    shown = changes.filter(pl.col("value").is_not_null() | pl.col("value_previous").is_not_null())
    moved = shown.filter(~pl.col("intervals_overlap")).height
    at = _page()
    assert at.info[0].value == (
        f"Since the previous snapshot ({previous_snapshot(published)}): {moved} of {shown.height} live "
        "figures moved beyond their 95% intervals."
    )


def test_guide_vs_live_shows_every_figure_with_its_status(published) -> None:
    figures = guide_figures(published)
    at = _page("views/guide.py")

    counts = dict(figures.group_by("status").len().iter_rows())
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {s: str(counts.get(s, 0)) for s in ("agrees", "differs", "insufficient data", "quoted")}

    table = _frame_with(at, "figure", "live", "95% interval", "status")
    assert table["figure"].tolist() == figures["label"].to_list()
    assert table["status"].tolist() == figures["status"].to_list()
    for shown, r in zip(table.to_dict("records"), figures.iter_rows(named=True), strict=True):
        assert (None if pd.isna(shown["n"]) else int(shown["n"])) == r["n"]
        if r["live_value"] is not None:
            assert shown["live"] == value(r["live_value"], r["unit"])
            assert shown["95% interval"] == span(r["ci_low"], r["ci_high"], r["unit"])
        elif r["status"] == "insufficient data":
            assert shown["live"] == "suppressed"
            assert shown["95% interval"] == reason_text(r["suppression_reason"])
    median = figures.filter(pl.col("figure_id") == "median_us_salary").row(0, named=True)
    assert median["live_value"] is not None  # the demo's headline is not suppressed: the loop checked it

    quoted = figures.filter(pl.col("status") == "quoted")
    shown_quoted = _frame_with(at, "as printed", "source")
    assert shown_quoted["source"].tolist() == quoted["guide_source"].to_list()
    assert shown_quoted["as printed"].tolist() == quoted["guide_text"].to_list()


def test_salaries_shows_both_tables_with_intervals_and_suppression(published, demo_warehouse: Path) -> None:
    tables = guide_table_frames(demo_warehouse.with_name("jobpulse.published.duckdb"))
    at = _page("views/salaries.py")
    shown = [f for f in _frames(at) if "median" in f.columns]
    assert len(shown) == len(tables) == 2
    live_rows = 0
    for frame, (name, expected) in zip(shown, tables.items(), strict=True):
        assert frame["row"].tolist() == expected["label"].to_list(), name
        assert _ints(frame["n"]) == expected["n"].to_list()
        for cells, r in zip(frame.to_dict("records"), expected.iter_rows(named=True), strict=True):
            if r["status"] == "insufficient data":
                assert {cells[q] for q in ("p10", "p25", "median", "p75", "p90")} == {"suppressed"}
                assert cells["suppressed because"] == reason_text(r["suppression_reason"])
            else:
                live_rows += 1
                interval = span(
                    r["salary_p50_ci_low_usd_annual"], r["salary_p50_ci_high_usd_annual"], "usd_annual"
                )
                assert cells["median"] == f"{usd(r['salary_p50_usd_annual'])} [{interval}]"
                assert cells["p90"].startswith(usd(r["salary_p90_usd_annual"]))
    assert live_rows >= 1  # the demo has at least one unsuppressed row, so the interval format was checked
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [f"Download the {name} table as CSV" for name in tables]


def test_trends_shows_the_trend_queries(published) -> None:
    changes = changes_since_previous(published)
    weekly = postings_per_lane_per_week(published)
    daily, by_week = new_vs_closed(published, "day"), new_vs_closed(published, "week")
    previous = previous_snapshot(published)
    assert previous is not None  # the demo publishes two snapshots
    at = _page("views/trends.py")
    assert f"compared with the previous published snapshot {previous}" in _captions(at)

    shown = _frame_with(at, "what", "now", "before", "change")
    with_values = changes.filter(pl.col("value").is_not_null() | pl.col("value_previous").is_not_null())
    assert shown["what"].tolist() == with_values["label"].to_list()
    first = with_values.row(0, named=True)
    row = shown.iloc[0]
    assert row["now"] == value(first["value"], first["unit"])
    assert row["before"] == value(first["value_previous"], first["unit"])
    assert (int(row["n now"]), int(row["n before"])) == (first["n"], first["n_previous"])
    moved = with_values.filter(~pl.col("intervals_overlap")).height
    assert at.metric[0].value == f"{moved} of {with_values.height}"

    shown_weekly = _frame_with(at, "iso_week", "specialization", "n_active")
    assert shown_weekly["iso_week"].tolist() == weekly["iso_week"].to_list()
    assert _ints(shown_weekly["n_active"]) == weekly["n_active"].to_list()

    skills = at.multiselect[0].value
    assert len(skills) == 5
    history = skill_share_over_time(published, skills)
    shown_history = _frame_with(at, "skill", "share", "share_ci_low")
    assert sorted(shown_history["skill"].tolist()) == sorted(history["skill"].to_list())
    assert sorted(shown_history["share"].tolist()) == pytest.approx(sorted(history["share"].to_list()))

    shown_counts = _frame_with(at, "period", "n_new", "n_closed")
    assert shown_counts["period"].tolist() == daily["period"].to_list()
    assert _ints(shown_counts["n_new"]) == daily["n_new"].to_list()
    assert _ints(shown_counts["n_closed"]) == daily["n_closed"].to_list()
    at.radio[0].set_value("ISO week").run()
    shown_counts = _frame_with(at, "period", "n_new", "n_closed")
    assert shown_counts["period"].tolist() == by_week["period"].to_list()
    assert _ints(shown_counts["n_new"]) == by_week["n_new"].to_list()


def test_runs_shows_recent_runs_board_outcomes_and_checks(published) -> None:
    runs = runs_summary(published, limit=20)
    checks = validation_results(published)
    at = _page("views/runs.py")

    shown = _frame_with(at, "started_at", "status", "boards failed")
    assert shown["run_id"].tolist() == runs["run_id"].to_list()
    assert shown["status"].tolist() == runs["status"].to_list()
    assert _ints(shown["new"]) == [int(v) for v in runs["new"].to_list()]

    failed = int(runs["n_boards_failed"].sum())
    assert failed == 0  # the demo recordings fetch cleanly
    assert "No board failed" in at.success[0].value
    latest_boards = _frame_with(
        at, "source", "board", "requests"
    )  # the published run_boards of the latest run
    assert len(latest_boards) == runs["n_boards"][0]
    assert int(latest_boards["new"].sum()) == int(runs["new"][0])

    metrics = {m.label: m.value for m in at.metric}
    for severity, group in checks.group_by("severity"):
        passed, total = int(group["success"].sum()), group.height
        assert metrics[f"{severity[0]} checks passed"] == f"{passed} / {total}"
    assert len(_frame_with(at, "suite", "expectation", "observed")) == checks.height


def test_runs_lists_the_boards_that_failed(
    demo_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "w.duckdb"
    published = warehouse.with_name("w.published.duckdb")
    shutil.copy(demo_warehouse.with_name("jobpulse.published.duckdb"), published)
    with duckdb.connect(str(published)) as con:
        run_id = con.execute("SELECT run_id FROM runs_summary ORDER BY started_at DESC LIMIT 1").fetchone()[0]
        con.execute(
            "INSERT INTO run_boards (run_id, source, board, postings, new, closed, reopened, updated, "
            "requests, bytes, duration_s, error) "
            "VALUES (?, 'lever', 'gonecorp', 0, 0, 0, 0, 0, 3, 0, 1.5, 'HTTP 404')",
            [run_id],
        )
        con.execute("UPDATE runs_summary SET n_boards_failed = 1 WHERE run_id = ?", [run_id])
    monkeypatch.setenv("JOBPULSE_WAREHOUSE_PATH", str(warehouse))
    at = _page("views/runs.py")
    assert "Failed board fetches" in at.error[0].value and at.error[0].value.endswith(": 1.")
    failures = _frame_with(at, "board", "error", "started_at")
    assert failures[["run_id", "source", "board", "error"]].values.tolist() == [
        [run_id, "lever", "gonecorp", "HTTP 404"]
    ]


def test_a_new_publish_shows_without_restart(
    demo_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reads are cached per published version: swapping in another file shows on the next rerun."""
    warehouse = tmp_path / "w.duckdb"
    published = warehouse.with_name("w.published.duckdb")
    shutil.copy(demo_warehouse.with_name("jobpulse.published.duckdb"), published)
    monkeypatch.setenv("JOBPULSE_WAREHOUSE_PATH", str(warehouse))
    con = open_published(published)
    try:
        latest, earlier = headline(con), previous_snapshot(con)
        old = headline(con, earlier)
    finally:
        con.close()
    assert latest is not None and old is not None and old.p50 != latest.p50

    at = _page()
    assert f"Snapshot {latest.snapshot_date}" in _captions(at)
    assert {m.label: m.value for m in at.metric}["Median US salary (live)"] == usd(latest.p50)

    # A "publish" of the earlier snapshot: a new file written aside, then swapped in atomically.
    staged = tmp_path / "staged.duckdb"
    shutil.copy(published, staged)
    with duckdb.connect(str(staged)) as writer:
        writer.execute("UPDATE publication SET snapshot_date = ?", [earlier])
    os.replace(staged, published)

    at.run()
    assert not at.exception
    assert f"Snapshot {earlier}" in _captions(at)
    assert {m.label: m.value for m in at.metric}["Median US salary (live)"] == usd(old.p50)


# A process that holds the main warehouse open for writing (DuckDB's lock is per process), as a refresh does.
WRITER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE IF NOT EXISTS busy (i INTEGER)")
con.execute("BEGIN TRANSACTION")
con.execute("INSERT INTO busy VALUES (1)")
print("locked", flush=True)
sys.stdin.readline()
"""


def test_every_page_answers_while_a_refresh_holds_the_warehouse(
    demo_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(demo_warehouse.with_name("jobpulse.published.duckdb"), tmp_path / "w.published.duckdb")
    monkeypatch.setenv("JOBPULSE_WAREHOUSE_PATH", str(warehouse))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "locked"
        with pytest.raises(duckdb.IOException):  # the warehouse really is held by the writer
            duckdb.connect(str(warehouse), read_only=True)
        at = _page()
        for page in ("views/guide.py", "views/salaries.py", "views/trends.py", "views/runs.py"):
            at.switch_page(page).run()
            assert not at.exception, (page, at.exception)
            assert not at.warning, (page, [w.value for w in at.warning])
    finally:
        writer.communicate("\n", timeout=30)


def test_guide_pages_on_a_file_published_before_the_guide_marts(
    demo_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "w.duckdb"
    published = warehouse.with_name("w.published.duckdb")
    shutil.copy(demo_warehouse.with_name("jobpulse.published.duckdb"), published)
    with duckdb.connect(str(published)) as con:
        con.execute("DROP TABLE mart_guide_figures")
        con.execute("DROP TABLE mart_guide_salary_tables")
    monkeypatch.setenv("JOBPULSE_WAREHOUSE_PATH", str(warehouse))
    at = _page()
    for page, what in (("views/guide.py", "guide figures"), ("views/salaries.py", "guide salary tables")):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert f"No {what} in this published snapshot" in at.info[0].value
        assert "Sources:" in _captions(at)
    at.switch_page("views/trends.py").run()  # what-changed falls back to skills and lanes
    assert not at.exception, at.exception
    assert set(_frame_with(at, "kind", "what")["kind"]) <= {"lane", "skill"}


def test_pages_without_a_published_snapshot_say_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBPULSE_WAREHOUSE_PATH", str(tmp_path / "none.duckdb"))
    at = _page()
    for page in ("views/guide.py", "views/salaries.py", "views/trends.py", "views/runs.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert "jobpulse refresh" in at.warning[0].value, page
