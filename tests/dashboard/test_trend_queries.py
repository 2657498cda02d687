"""warehouse/trends.py on a small published file built by hand, with expectations worked out by hand.

The file holds three published snapshots (D0 < D1 < D2), five AI/ML postings with known lifecycles around
ISO weeks 2026-W09..W11, and three runs. Mart tables are created from the warehouse migrations, so they have
the real columns.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from warehouse.db import MIGRATIONS_DIR
from warehouse.queries import open_published
from warehouse.trends import (
    CHANGE_SCHEMA,
    changes_since_previous,
    new_vs_closed,
    postings_per_lane_per_week,
    previous_snapshot,
    run_board_results,
    skill_share_over_time,
)

D0, D1, D2 = date(2026, 2, 24), date(2026, 3, 3), date(2026, 3, 10)  # D2 is a Tuesday of 2026-W11


def _ts(day: int, month: int = 3, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def _skill(snap: date, skill: str, n: int, k: int, lo: float, hi: float, **over) -> dict:
    row = {
        "snapshot_date": snap,
        "window_days": 90,
        "segment_type": "overall",
        "segment": "all",
        "skill": skill,
        "n_postings": n,
        "n_mentions": k,
        "share": k / n,
        "share_ci_low": lo,
        "share_ci_high": hi,
        "suppressed": False,
        "methodology_version": "m1",
    }
    return row | over


def _salary(snap: date, segment: str, n: int, p50: float | None, lo=None, hi=None, **over) -> dict:
    row = {
        "snapshot_date": snap,
        "window_days": 90,
        "segment_type": "specialization",
        "segment": segment,
        "population": "us_posted",
        "n": n,
        "salary_p50_usd_annual": p50,
        "salary_p50_ci_low_usd_annual": lo,
        "salary_p50_ci_high_usd_annual": hi,
        "suppressed": p50 is None,
        "suppression_reason": "n_below_min" if p50 is None else None,
        "methodology_version": "m1",
    }
    return row | over


def _figure(snap: date, fid: str, order: int, statistic: str, status: str, **values) -> dict:
    row = {
        "snapshot_date": snap,
        "window_days": 90,
        "figure_id": fid,
        "figure_order": order,
        "figure_group": "headline",
        "label": fid.replace("_", " "),
        "statistic": statistic,
        "unit": "usd" if statistic == "quoted" else "usd_annual",
        "guide_text": "as printed",
        "status": status,
        "methodology_version": "m1",
    }
    return row | values


SKILLS = [
    _skill(D0, "python", 80, 8, 0.05, 0.18),
    _skill(D0, "sql", 20, 4, 0.08, 0.42, suppressed=True),
    _skill(D1, "python", 100, 50, 0.40, 0.60),
    _skill(D1, "sql", 100, 20, 0.13, 0.29),
    _skill(D2, "python", 200, 150, 0.69, 0.80),
    _skill(D2, "sql", 200, 40, 0.15, 0.26),
    _skill(D2, "rust", 200, 10, 0.03, 0.09),
    # another segment type: never part of the overall changes or history
    _skill(D2, "python", 50, 45, 0.79, 0.96, segment_type="specialization", segment="research"),
]
SALARIES = [
    _salary(D1, "llm_genai", 40, 200_000.0, 190_000.0, 210_000.0),
    _salary(D1, "research", 5, None),
    _salary(D2, "llm_genai", 60, 205_000.0, 195_000.0, 215_000.0),
    _salary(D2, "research", 45, 250_000.0, 230_000.0, 270_000.0),
    # other populations and segment types are not lanes
    _salary(D2, "llm_genai", 70, 150_000.0, 140_000.0, 160_000.0, population="global_estimated"),
    _salary(D2, "all", 300, 190_000.0, 185_000.0, 195_000.0, segment_type="overall"),
]
FIGURES = [
    _figure(
        D1,
        "median",
        1,
        "percentile",
        "differs",
        live_value=190_000.0,
        ci_low=180_000.0,
        ci_high=200_000.0,
        n=50,
    ),
    _figure(
        D2,
        "median",
        1,
        "percentile",
        "agrees",
        live_value=200_000.0,
        ci_low=195_000.0,
        ci_high=205_000.0,
        n=70,
    ),
    _figure(
        D1,
        "middle80",
        2,
        "percentile_range",
        "differs",
        n=50,
        live_low=120_000.0,
        live_low_ci_low=110_000.0,
        live_low_ci_high=130_000.0,
        live_high=260_000.0,
        live_high_ci_low=250_000.0,
        live_high_ci_high=270_000.0,
    ),
    _figure(
        D2,
        "middle80",
        2,
        "percentile_range",
        "differs",
        n=70,
        live_low=125_000.0,
        live_low_ci_low=118_000.0,
        live_low_ci_high=131_000.0,
        live_high=290_000.0,
        live_high_ci_low=280_000.0,
        live_high_ci_high=300_000.0,
    ),
    _figure(D1, "market_size", 3, "quoted", "quoted", guide_value_low=5e11),
    _figure(D2, "market_size", 3, "quoted", "quoted", guide_value_low=5e11),
]
# (specialization, first_seen_at, closed_at): hand-placed around Monday 2026-02-23 (W09), 03-02 (W10), 03-09.
POSTINGS = [
    ("llm_genai", _ts(24, 2), None),
    ("llm_genai", _ts(25, 2), _ts(3)),
    ("research", _ts(4), None),
    ("research", _ts(23, 2), _ts(2)),
    (None, _ts(8, hour=23, minute=30), None),  # late evening UTC: still 03-08, whatever the machine's zone
]


def _build(path: Path, *, with_run_boards: bool = True, snapshots: tuple[date, ...] = (D0, D1, D2)) -> Path:
    con = duckdb.connect(str(path))
    try:
        con.execute("SET TimeZone = 'UTC'")
        for migration in ("004_marts.sql", "006_guide_figures.sql"):
            con.execute((MIGRATIONS_DIR / migration).read_text())
        con.execute("CREATE TABLE publication AS SELECT ?::DATE AS snapshot_date", [max(snapshots)])
        for table, rows in (
            ("mart_skill_shares", SKILLS),
            ("mart_salary_percentiles", SALARIES),
            ("mart_guide_figures", FIGURES),
        ):
            kept = pl.DataFrame([r for r in rows if r["snapshot_date"] in snapshots])
            con.register("_rows", kept)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
            con.unregister("_rows")
        con.execute(
            "CREATE TABLE postings_ai_ml (source VARCHAR, board VARCHAR, native_id VARCHAR, "
            "specialization VARCHAR, first_seen_at TIMESTAMPTZ, closed_at TIMESTAMPTZ)"
        )
        con.executemany(
            "INSERT INTO postings_ai_ml VALUES ('greenhouse', 'acme', ?, ?, ?, ?)",
            [[str(i), *p] for i, p in enumerate(POSTINGS)],
        )
        con.execute(
            "CREATE TABLE runs_summary (run_id VARCHAR, started_at TIMESTAMPTZ, status VARCHAR, "
            "snapshot_date DATE)"
        )
        con.executemany(
            "INSERT INTO runs_summary VALUES (?, ?, ?, ?)",
            [
                ["r1", _ts(24, 2), "succeeded", D0],
                ["r2", _ts(3), "succeeded", D1],
                ["r3", _ts(10), "running", D2],
            ],
        )
        if with_run_boards:
            con.execute(
                "CREATE TABLE run_boards (run_id VARCHAR, source VARCHAR, board VARCHAR, postings INTEGER, "
                "new INTEGER, closed INTEGER, reopened INTEGER, updated INTEGER, requests INTEGER, "
                "bytes BIGINT, duration_s DOUBLE, error VARCHAR)"
            )
            con.executemany(
                "INSERT INTO run_boards VALUES (?, ?, ?, ?, ?, ?, 0, 0, 1, 100, 0.5, ?)",
                [
                    ["r1", "greenhouse", "acme", 3, 3, 0, None],
                    ["r2", "greenhouse", "acme", 4, 2, 1, None],
                    ["r3", "greenhouse", "acme", 3, 1, 1, None],
                    ["r3", "lever", "zeta", 0, 0, 0, "HTTP 503"],
                ],
            )
    finally:
        con.close()
    return path


@pytest.fixture
def published(tmp_path: Path):
    con = open_published(_build(tmp_path / "w.published.duckdb"))
    try:
        yield con
    finally:
        con.close()


def _by_key(frame: pl.DataFrame) -> dict[tuple[str, str], dict]:
    return {(r["kind"], r["key"]): r for r in frame.iter_rows(named=True)}


def test_changes_compare_the_latest_snapshot_with_the_one_before(published) -> None:
    changes = changes_since_previous(published)
    assert changes.schema == pl.Schema(CHANGE_SCHEMA)
    assert changes["snapshot_date"].unique().to_list() == [D2]
    assert changes["previous_snapshot_date"].unique().to_list() == [D1]  # not D0
    rows = _by_key(changes)
    # quoted figures, other segment types and other populations are left out
    assert set(rows) == {
        ("figure", "median"),
        ("figure", "middle80:low"),
        ("figure", "middle80:high"),
        ("lane", "llm_genai"),
        ("lane", "research"),
        ("skill", "python"),
        ("skill", "sql"),
        ("skill", "rust"),
    }
    assert changes["kind"].to_list()[:3] == ["figure"] * 3 and changes["kind"].to_list()[-1] == "skill"

    median = rows[("figure", "median")]
    assert (median["value"], median["value_previous"], median["change"]) == (200_000.0, 190_000.0, 10_000.0)
    assert (median["n"], median["n_previous"], median["status"], median["status_previous"]) == (
        70, 50, "agrees", "differs",
    )  # fmt: skip
    assert median["intervals_overlap"] is True  # 195-205K vs 180-200K
    low, high = rows[("figure", "middle80:low")], rows[("figure", "middle80:high")]
    assert (low["value"], low["ci_low"], low["ci_high"], low["change"]) == (
        125_000.0,
        118_000.0,
        131_000.0,
        5_000.0,
    )
    assert (high["change"], high["intervals_overlap"]) == (30_000.0, False)  # 280-300K vs 250-270K: disjoint

    python = rows[("skill", "python")]
    assert python["value"] == pytest.approx(0.75) and python["value_previous"] == pytest.approx(0.5)
    assert python["change"] == pytest.approx(0.25) and python["intervals_overlap"] is False
    assert (python["n"], python["n_previous"]) == (200, 100)
    sql = rows[("skill", "sql")]
    assert sql["change"] == pytest.approx(0.0) and sql["intervals_overlap"] is True
    rust = rows[("skill", "rust")]
    assert rust["value"] == pytest.approx(0.05) and rust["value_previous"] is None and rust["change"] is None

    lane = rows[("lane", "llm_genai")]
    assert (lane["value"], lane["value_previous"], lane["change"], lane["n"]) == (
        205_000.0,
        200_000.0,
        5_000.0,
        60,
    )
    research = rows[("lane", "research")]
    assert research["value_previous"] is None and research["status_previous"] == "suppressed"
    assert research["n_previous"] == 5 and research["change"] is None


def test_changes_at_an_earlier_snapshot_and_with_no_history(published, tmp_path: Path) -> None:
    assert previous_snapshot(published) == D1
    assert previous_snapshot(published, D1) == D0
    earlier = _by_key(changes_since_previous(published, D1))
    assert earlier[("skill", "python")]["value_previous"] == pytest.approx(0.1)
    assert earlier[("skill", "sql")]["value_previous"] is None  # suppressed at D0: no value shown
    assert earlier[("skill", "sql")]["status_previous"] == "suppressed"

    con = open_published(_build(tmp_path / "one.duckdb", snapshots=(D2,)))
    try:
        only = changes_since_previous(con)
    finally:
        con.close()
    assert only["previous_snapshot_date"].is_null().all() and only["value_previous"].is_null().all()
    assert only.height == 8 and only["intervals_overlap"].all()


def test_active_postings_per_lane_per_week(published) -> None:
    weekly = postings_per_lane_per_week(published)
    got = {
        (r["iso_week"], r["specialization"]): (r["n_active"], r["n_new"], r["n_closed"], r["partial_week"])
        for r in weekly.iter_rows(named=True)
    }
    assert got == {
        # W09 (Mon 02-23): postings 0, 1 (llm_genai) and 3 (research) opened; nothing closed yet
        ("2026-W09", "llm_genai"): (2, 2, 0, False),
        ("2026-W09", "research"): (1, 1, 0, False),
        ("2026-W09", "unassigned"): (0, 0, 0, False),
        # W10 (Mon 03-02): posting 1 closes on Tuesday (still active this week), posting 3 was found closed on
        # Monday (not active), posting 2 and the unassigned one open
        ("2026-W10", "llm_genai"): (2, 0, 1, False),
        ("2026-W10", "research"): (1, 1, 1, False),
        ("2026-W10", "unassigned"): (1, 1, 0, False),
        # W11 (Mon 03-09) holds the snapshot date (Tuesday 03-10): partial
        ("2026-W11", "llm_genai"): (1, 0, 0, True),
        ("2026-W11", "research"): (1, 0, 0, True),
        ("2026-W11", "unassigned"): (1, 0, 0, True),
    }
    assert weekly["week_start"].to_list()[::3] == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9)]


def test_skill_share_over_time_keeps_every_snapshot_and_hides_suppressed_shares(published) -> None:
    history = skill_share_over_time(published, ["python", "rust", "sql"])
    assert history.select("skill", "snapshot_date").rows() == [
        ("python", D0),
        ("python", D1),
        ("python", D2),
        ("rust", D2),
        ("sql", D0),
        ("sql", D1),
        ("sql", D2),
    ]
    python = history.filter(pl.col("skill") == "python")
    assert python["share"].to_list() == pytest.approx([0.1, 0.5, 0.75])
    assert python["share_ci_low"].to_list() == pytest.approx([0.05, 0.40, 0.69])
    assert python["n_postings"].to_list() == [80, 100, 200]
    sql_d0 = history.filter((pl.col("skill") == "sql") & (pl.col("snapshot_date") == D0)).row(0, named=True)
    assert sql_d0["suppressed"] is True and sql_d0["share"] is None and sql_d0["n_postings"] == 20
    research = skill_share_over_time(published, ["python"], segment_type="specialization", segment="research")
    assert research.select("snapshot_date", "share").rows() == [(D2, pytest.approx(0.9))]


def test_new_vs_closed_per_day_and_per_week(published) -> None:
    daily = new_vs_closed(published)
    assert daily.select("period", "n_new", "n_closed", "n_net", "n_open_at_end", "first_period").rows() == [
        ("2026-02-23", 1, 0, 1, 1, True),
        ("2026-02-24", 1, 0, 1, 2, False),
        ("2026-02-25", 1, 0, 1, 3, False),
        ("2026-03-02", 0, 1, -1, 2, False),
        ("2026-03-03", 0, 1, -1, 1, False),
        ("2026-03-04", 1, 0, 1, 2, False),
        ("2026-03-08", 1, 0, 1, 3, False),
    ]
    weekly = new_vs_closed(published, "week")
    assert weekly.select("period", "period_start", "n_new", "n_closed", "n_net", "n_open_at_end").rows() == [
        ("2026-W09", date(2026, 2, 23), 3, 0, 3, 3),
        ("2026-W10", date(2026, 3, 2), 2, 2, 0, 3),
    ]
    with pytest.raises(ValueError, match="period"):
        new_vs_closed(published, "month")  # type: ignore[arg-type]


def test_run_board_results_newest_run_first_failures_first(published, tmp_path: Path) -> None:
    boards = run_board_results(published, runs=2)
    assert boards.select("run_id", "source", "board", "error").rows() == [
        ("r3", "lever", "zeta", "HTTP 503"),
        ("r3", "greenhouse", "acme", None),
        ("r2", "greenhouse", "acme", None),
    ]
    assert boards.filter(pl.col("run_id") == "r2").row(0, named=True)["new"] == 2

    con = open_published(_build(tmp_path / "old.duckdb", with_run_boards=False))
    try:
        assert run_board_results(con).is_empty()  # a file published before run_boards existed
    finally:
        con.close()


def test_a_job_posted_on_two_boards_counts_once(tmp_path: Path) -> None:
    """Two copies of one job (one dedup cluster): one new job when the first copy appears, still open while
    any copy is, closed when the last copy closes; an unclustered posting counts on its own."""
    path = tmp_path / "jobs.published.duckdb"
    con = duckdb.connect(str(path))
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("CREATE TABLE publication AS SELECT DATE '2026-03-10' AS snapshot_date")
        con.execute(
            "CREATE TABLE postings_ai_ml (source VARCHAR, board VARCHAR, native_id VARCHAR, "
            "specialization VARCHAR, first_seen_at TIMESTAMPTZ, closed_at TIMESTAMPTZ, cluster_id VARCHAR, "
            "is_representative BOOLEAN)"
        )
        rows = [
            ("greenhouse", "acme", "1", "llm_genai", _ts(2), _ts(4), "job-a", True),  # copy 1 closes Mar 4
            ("remoteok", "", "9", "ml_general", _ts(3), None, "job-a", False),  # copy 2 stays open
            ("greenhouse", "acme", "2", "research", _ts(3), _ts(5), None, None),  # a job of its own
        ]
        con.executemany("INSERT INTO postings_ai_ml VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    finally:
        con.close()
    pub = open_published(path)
    try:
        daily = new_vs_closed(pub)
        lanes = postings_per_lane_per_week(pub)
    finally:
        pub.close()
    assert daily.select("period", "n_new", "n_closed", "n_open_at_end").rows() == [
        ("2026-03-02", 1, 0, 1),  # job-a, first copy
        ("2026-03-03", 1, 0, 2),  # the research job (job-a's second copy is not a new job)
        ("2026-03-05", 0, 1, 1),  # the research job closes; job-a's first copy closing did not close job-a
    ]
    week = lanes.filter(pl.col("iso_week") == "2026-W10")
    assert dict(week.select("specialization", "n_active").rows()) == {"llm_genai": 1, "research": 1}
