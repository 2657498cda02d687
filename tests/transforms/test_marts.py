"""transforms.marts and transforms.population on small hand-built enriched frames."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import polars as pl
import pytest
from enriched_frames import ENRICHED_SCHEMA
from polars.testing import assert_frame_equal

from transforms.marts import METHODOLOGY_VERSION, active_postings, salary_percentiles, skill_shares
from transforms.population import us_posted_salaries, window_bounds
from transforms.stats import (
    REASON_INTERVAL_TOO_WIDE,
    REASON_N_BELOW_MIN,
    order_statistic_ranks,
    wilson_interval,
)

AS_OF = date(2026, 11, 26)
# 90-day window ending 2026-11-26: start = Nov 26 - 89 days. Nov 26 -> Oct 31 is 26 days, -> Sep 30 is 57,
# -> Aug 31 is 87, -> Aug 29 is 89. So [2026-08-29 00:00, 2026-11-27 00:00) UTC.
WINDOW_START = datetime(2026, 8, 29, tzinfo=UTC)
WINDOW_END = datetime(2026, 11, 27, tzinfo=UTC)


def posting(**overrides: Any) -> dict[str, Any]:
    """One enriched posting: an open US AI/ML llm_genai senior posting seen since Oct 1, unless overridden."""
    row = {
        "source": "greenhouse",
        "board": "acme",
        "native_id": "0",
        "first_seen_at": datetime(2026, 10, 1, tzinfo=UTC),
        "last_seen_at": datetime(2026, 11, 25, tzinfo=UTC),
        "closed_at": None,
        "is_ai_ml": True,
        "specialization": "llm_genai",
        "seniority": "senior",
        "experience_min_years": None,
        "skills": [],
        "salary_annual_usd_mid": None,
        "salary_estimated": None,
        "is_us": True,
    }
    row.update(overrides)
    return row


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    numbered = [{**row, "native_id": str(i)} for i, row in enumerate(rows)]
    return pl.DataFrame(numbered, schema=ENRICHED_SCHEMA)


# ---------- window


def test_window_bounds_are_the_90_days_ending_on_as_of() -> None:
    start, end = window_bounds(AS_OF, 90)
    assert (start, end) == (WINDOW_START.replace(tzinfo=None), WINDOW_END.replace(tzinfo=None))
    assert window_bounds(AS_OF, 1) == (datetime(2026, 11, 26), datetime(2026, 11, 27))


WINDOW_CASES = {
    # name: (first_seen_at, closed_at, active?)
    "closed_just_before_window": (
        datetime(2026, 6, 1, tzinfo=UTC),
        datetime(2026, 8, 28, 23, 59, tzinfo=UTC),
        False,
    ),
    "closed_at_window_start": (datetime(2026, 6, 1, tzinfo=UTC), WINDOW_START, True),
    "opened_last_minute_of_as_of": (datetime(2026, 11, 26, 23, 59, tzinfo=UTC), None, True),
    "opened_after_as_of": (WINDOW_END, None, False),
    "closed_after_as_of": (datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 12, 15, tzinfo=UTC), True),
    "open_since_long_ago": (datetime(2025, 1, 1, tzinfo=UTC), None, True),
}


def _window_frame() -> pl.DataFrame:
    rows = [
        posting(board=name, first_seen_at=first, closed_at=closed)
        for name, (first, closed, _) in WINDOW_CASES.items()
    ]
    return frame(rows)


def test_active_postings_is_point_in_time() -> None:
    active = active_postings(_window_frame(), AS_OF, 90)
    expected = sorted(name for name, (_, _, keep) in WINDOW_CASES.items() if keep)
    assert sorted(active["board"].to_list()) == expected
    assert active.columns == list(ENRICHED_SCHEMA)  # a row subset, columns untouched


def test_active_postings_accepts_naive_utc_datetimes() -> None:
    naive = _window_frame().with_columns(
        pl.col(c).dt.replace_time_zone(None) for c in ("first_seen_at", "last_seen_at", "closed_at")
    )
    aware = active_postings(_window_frame(), AS_OF, 90)
    assert active_postings(naive, AS_OF, 90)["board"].to_list() == aware["board"].to_list()


def test_active_postings_accepts_other_time_zones() -> None:
    # 2026-11-27 00:30 in Berlin is 2026-11-26 23:30 UTC: inside the window.
    tz_frame = frame([posting(board="late")]).with_columns(
        pl.lit(datetime(2026, 11, 26, 23, 30, tzinfo=UTC))
        .dt.convert_time_zone("Europe/Berlin")
        .alias("first_seen_at"),
        pl.col("closed_at").dt.convert_time_zone("Europe/Berlin"),
    )
    assert active_postings(tz_frame, AS_OF, 90)["board"].to_list() == ["late"]


# ---------- skill shares

SKILL_IDS = ["python", "pytorch", "rust", "sql"]


def _skills_frame() -> pl.DataFrame:
    """70 counted AI/ML postings plus 3 that must not count.

    llm_genai: 35 postings, 30 with python (one lists it twice). research: 30 postings, 15 with python.
    computer_vision: 5 postings, all with python and rust, one with "mojo" (not in SKILL_IDS).
    Overall: n = 70, python in 30 + 15 + 5 = 50, rust in 5, mojo in 1, pytorch and sql in none.
    """
    rows = []
    for i in range(35):
        skills = ["python", "python"] if i == 0 else (["python"] if i < 30 else [])
        rows.append(posting(specialization="llm_genai", skills=skills))
    for i in range(30):
        rows.append(posting(specialization="research", skills=["python"] if i < 15 else None))
    for i in range(5):
        rows.append(
            posting(
                specialization="computer_vision", skills=["python", "rust"] + (["mojo"] if i == 0 else [])
            )
        )
    # Must not count: not AI/ML; closed before the window; first seen after as_of.
    rows.append(posting(is_ai_ml=False, skills=["python", "sql"]))
    rows.append(posting(skills=["python", "sql"], closed_at=datetime(2026, 8, 1, tzinfo=UTC)))
    rows.append(posting(skills=["python", "sql"], first_seen_at=datetime(2026, 11, 28, tzinfo=UTC)))
    return frame(rows)


def _cell(table: pl.DataFrame, segment: str, skill: str) -> dict[str, Any]:
    rows = table.filter((pl.col("segment") == segment) & (pl.col("skill") == skill))
    assert rows.height == 1
    return rows.row(0, named=True)


def test_skill_shares_counts_and_wilson_intervals() -> None:
    table = skill_shares(_skills_frame(), AS_OF, 90, skill_ids=SKILL_IDS)
    python = _cell(table, "all", "python")
    assert (python["n_postings"], python["n_mentions"]) == (70, 50)
    assert python["share"] == pytest.approx(50 / 70)
    assert (python["share_ci_low"], python["share_ci_high"]) == pytest.approx(wilson_interval(50, 70))
    assert python["suppressed"] is False
    # sql only appears in the three postings that must not count.
    sql = _cell(table, "all", "sql")
    assert (sql["n_mentions"], sql["share"], sql["share_ci_low"]) == (0, 0.0, 0.0)
    # The duplicated "python" in one posting counts once: 30 of 35.
    llm = _cell(table, "llm_genai", "python")
    assert (llm["n_postings"], llm["n_mentions"], llm["share"]) == (35, 30, pytest.approx(30 / 35))


def test_skill_shares_suppression() -> None:
    table = skill_shares(_skills_frame(), AS_OF, 90, skill_ids=SKILL_IDS)
    # research: n = 30 reaches the floor, but 15/30 has Wilson (0.331, 0.669), 0.337 wide > 0.30.
    research = _cell(table, "research", "python")
    assert research["suppressed"] is True
    assert (research["n_postings"], research["n_mentions"]) == (30, 15)  # counts kept
    assert (research["share"], research["share_ci_low"], research["share_ci_high"]) == (None, None, None)
    # research, rust: 0/30, Wilson (0, 0.114), narrow enough -> published as 0.
    assert _cell(table, "research", "rust")["suppressed"] is False
    # computer_vision: n = 5 < 30 -> every skill suppressed.
    vision = table.filter(pl.col("segment") == "computer_vision")
    assert vision["suppressed"].all()
    assert vision["share"].null_count() == vision.height


def test_skill_shares_grid_and_schema() -> None:
    table = skill_shares(_skills_frame(), AS_OF, 90, skill_ids=SKILL_IDS)
    assert table.columns == [
        "snapshot_date",
        "window_days",
        "segment_type",
        "segment",
        "skill",
        "n_postings",
        "n_mentions",
        "share",
        "share_ci_low",
        "share_ci_high",
        "suppressed",
        "methodology_version",
    ]
    assert table.schema["snapshot_date"] == pl.Date
    assert set(table["snapshot_date"].to_list()) == {AS_OF}
    assert set(table["window_days"].to_list()) == {90}
    assert set(table["methodology_version"].to_list()) == {METHODOLOGY_VERSION}
    # Every taxonomy id in every segment, plus the observed extra id "mojo".
    skills = sorted([*SKILL_IDS, "mojo"])
    for segment in ("all", "llm_genai", "research", "computer_vision"):
        assert sorted(table.filter(pl.col("segment") == segment)["skill"].to_list()) == skills
    segments = table.select("segment_type", "segment").unique(maintain_order=True).rows()
    assert segments == [
        ("overall", "all"),
        ("specialization", "computer_vision"),
        ("specialization", "llm_genai"),
        ("specialization", "research"),
    ]


def test_skill_shares_on_no_postings_still_lists_every_skill_overall() -> None:
    table = skill_shares(frame([]), AS_OF, 90, skill_ids=SKILL_IDS)
    assert table["skill"].to_list() == sorted(SKILL_IDS)
    assert table["n_postings"].to_list() == [0] * len(SKILL_IDS)
    assert table["suppressed"].all()
    assert table["share"].null_count() == len(SKILL_IDS)


def test_skill_shares_are_deterministic_and_order_independent() -> None:
    source = _skills_frame()
    first = skill_shares(source, AS_OF, 90, skill_ids=SKILL_IDS)
    assert_frame_equal(first, skill_shares(source, AS_OF, 90, skill_ids=SKILL_IDS))
    shuffled = source.sample(fraction=1.0, shuffle=True, seed=7)
    assert_frame_equal(first, skill_shares(shuffled, AS_OF, 90, skill_ids=list(reversed(SKILL_IDS))))


# ---------- salary percentiles

SALARIES = [100_000.0 + 1_000.0 * i for i in range(50)]  # 100K, 101K, ..., 149K


def _salary_frame() -> pl.DataFrame:
    """50 counted US posted salaries, 100K..149K, plus rows that must be excluded.

    Specializations: llm_genai gets the first 45, research the last 5. Seniority: senior the first 40, mid the
    last 10. Excluded (all with huge salaries that would move every percentile): estimated, non-US, is_us
    null, salary_estimated null, salary null, not AI/ML, closed before the window. One excluded non-US posting
    is the only "inference" posting, so that lane is listed with n = 0.
    """
    rows = [
        posting(
            salary_annual_usd_mid=value,
            salary_estimated=False,
            specialization="llm_genai" if i < 45 else "research",
            seniority="senior" if i < 40 else "mid",
        )
        for i, value in enumerate(SALARIES)
    ]
    huge = {"salary_annual_usd_mid": 9_000_000.0, "salary_estimated": False}
    rows += [
        posting(**{**huge, "salary_estimated": True}),
        posting(**{**huge, "is_us": False, "specialization": "inference"}),
        posting(**{**huge, "is_us": None}),
        posting(**{**huge, "salary_estimated": None}),
        posting(salary_annual_usd_mid=None, salary_estimated=False),
        posting(**{**huge, "is_ai_ml": False}),
        posting(**{**huge, "closed_at": datetime(2026, 8, 1, tzinfo=UTC)}),
    ]
    return frame(rows)


def _segment(table: pl.DataFrame, segment_type: str, segment: str) -> dict[str, Any]:
    rows = table.filter((pl.col("segment_type") == segment_type) & (pl.col("segment") == segment))
    assert rows.height == 1
    return rows.row(0, named=True)


def test_us_posted_population_excludes_estimates_non_us_and_unknowns() -> None:
    population = us_posted_salaries(_salary_frame())  # before windowing: the closed one is still in
    assert sorted(population["salary_annual_usd_mid"].to_list()) == sorted([*SALARIES, 9_000_000.0])


def test_salary_percentiles_overall_hand_computed() -> None:
    table = salary_percentiles(_salary_frame(), AS_OF, 90)
    row = _segment(table, "overall", "all")
    assert row["n"] == 50
    assert row["population"] == "us_posted"
    # Type 7 on x_i = 100000 + 1000 (i - 1), n = 50, position h = 49 q (0-based):
    # p10: h = 4.9 -> 104000 + 0.9 * 1000 = 104900; p25: h = 12.25 -> 112250; p50: h = 24.5 -> 124500;
    # p75: h = 36.75 -> 136750; p90: h = 44.1 -> 144100.
    expected = {"p10": 104_900, "p25": 112_250, "p50": 124_500, "p75": 136_750, "p90": 144_100}
    for label, value in expected.items():
        assert row[f"salary_{label}_usd_annual"] == pytest.approx(value)
    # Intervals are order statistics: rank r holds 100000 + 1000 (r - 1). n = 50 median ranks are (18, 33)
    # (exact binomial, checked in test_stats) -> 117000 .. 132000.
    assert (row["salary_p50_ci_low_usd_annual"], row["salary_p50_ci_high_usd_annual"]) == (
        117_000.0,
        132_000.0,
    )
    for q, label in ((0.1, "p10"), (0.25, "p25"), (0.75, "p75"), (0.9, "p90")):
        low_rank, high_rank = order_statistic_ranks(50, q)
        assert row[f"salary_{label}_ci_low_usd_annual"] == SALARIES[low_rank - 1]
        assert row[f"salary_{label}_ci_high_usd_annual"] == SALARIES[high_rank - 1]
    assert row["suppressed"] is False
    assert row["suppression_reason"] is None


def test_salary_percentiles_segments_and_suppression() -> None:
    table = salary_percentiles(_salary_frame(), AS_OF, 90)
    assert table.select("segment_type", "segment").rows() == [
        ("overall", "all"),
        ("specialization", "inference"),
        ("specialization", "llm_genai"),
        ("specialization", "research"),
        ("seniority", "mid"),
        ("seniority", "senior"),
    ]
    value_columns = [c for c in table.columns if c.startswith("salary_")]
    assert len(value_columns) == 15
    # senior: the first 40 salaries (100K..139K); n = 40 meets the floor; median h = 19.5 -> 119500.
    senior = _segment(table, "seniority", "senior")
    assert (senior["n"], senior["suppressed"]) == (40, False)
    assert senior["salary_p50_usd_annual"] == pytest.approx(119_500)
    # n below 40 -> suppressed, n kept, every value and bound null.
    for segment_type, segment, n in (
        ("specialization", "research", 5),
        ("seniority", "mid", 10),
        ("specialization", "inference", 0),
    ):
        row = _segment(table, segment_type, segment)
        assert (row["n"], row["suppressed"], row["suppression_reason"]) == (n, True, REASON_N_BELOW_MIN)
        assert all(row[c] is None for c in value_columns)
    assert _segment(table, "specialization", "llm_genai")["n"] == 45


def test_salary_percentiles_suppresses_a_too_wide_median_interval() -> None:
    # 40 salaries spread geometrically from 20K to about 10M (x1.17 per step): median interval ranks (14, 27)
    # are 20K * 1.17^13 = 153K and 20K * 1.17^26 = 1.18M, far wider than half the median (~ 430K).
    spread = [20_000.0 * 1.17**i for i in range(40)]
    rows = [posting(salary_annual_usd_mid=v, salary_estimated=False) for v in spread]
    row = _segment(salary_percentiles(frame(rows), AS_OF, 90), "overall", "all")
    assert (row["n"], row["suppressed"], row["suppression_reason"]) == (40, True, REASON_INTERVAL_TOO_WIDE)
    assert row["salary_p50_usd_annual"] is None


def test_salary_percentiles_schema_and_empty_input() -> None:
    table = salary_percentiles(frame([]), AS_OF, 90)
    labels = ("p10", "p25", "p50", "p75", "p90")
    assert table.columns == [
        "snapshot_date",
        "window_days",
        "segment_type",
        "segment",
        "population",
        "n",
        *[
            c
            for p in labels
            for c in (
                f"salary_{p}_usd_annual",
                f"salary_{p}_ci_low_usd_annual",
                f"salary_{p}_ci_high_usd_annual",
            )
        ],
        "suppressed",
        "suppression_reason",
        "methodology_version",
    ]
    assert table.rows() == [
        (
            AS_OF,
            90,
            "overall",
            "all",
            "us_posted",
            0,
            *[None] * 15,
            True,
            REASON_N_BELOW_MIN,
            METHODOLOGY_VERSION,
        )
    ]
    assert table.schema["snapshot_date"] == pl.Date
    assert table.schema["salary_p50_usd_annual"] == pl.Float64


def test_salary_percentiles_are_deterministic_and_order_independent() -> None:
    source = _salary_frame()
    first = salary_percentiles(source, AS_OF, 90)
    assert_frame_equal(first, salary_percentiles(source, AS_OF, 90))
    assert_frame_equal(
        first, salary_percentiles(source.sample(fraction=1.0, shuffle=True, seed=3), AS_OF, 90)
    )


def test_salary_percentiles_respect_the_window() -> None:
    # Move as_of before every counted posting was first seen (Oct 1): nothing is active, only 'overall'
    # remains.
    table = salary_percentiles(_salary_frame(), date(2026, 9, 30), 90)
    assert table.select("segment", "n").rows() == [("all", 0)]


def test_open_posting_not_seen_in_the_window_is_stale() -> None:
    """An open posting whose board stopped being fetched (last seen before the window) is not active."""
    from datetime import UTC, date, datetime

    import polars as pl

    from transforms.population import active_postings

    frame = pl.DataFrame(
        {
            "native_id": ["fresh", "stale", "closed_late"],
            "first_seen_at": [datetime(2026, 1, 1, tzinfo=UTC)] * 3,
            "last_seen_at": [
                datetime(2026, 11, 20, tzinfo=UTC),  # refetched inside the window
                datetime(2026, 6, 1, tzinfo=UTC),  # months before the 90-day window
                datetime(2026, 6, 1, tzinfo=UTC),
            ],
            "closed_at": [None, None, datetime(2026, 10, 1, tzinfo=UTC)],
        }
    )
    active = active_postings(frame, date(2026, 11, 24), 90)
    assert active["native_id"].to_list() == ["fresh", "closed_late"]


def test_skill_shares_leave_out_postings_without_text() -> None:
    """A listing recorded without its description cannot mention a skill: it is not in the denominator."""
    from datetime import UTC, date, datetime

    import polars as pl

    from transforms.marts import skill_shares

    frame = pl.DataFrame(
        {
            "first_seen_at": [datetime(2026, 11, 1, tzinfo=UTC)] * 3,
            "closed_at": [None, None, None],
            "is_ai_ml": [True, True, True],
            "specialization": ["ml_general"] * 3,
            "skills": [["python"], [], []],
            "has_description": [True, True, False],
        },
        schema_overrides={"closed_at": pl.Datetime("us", "UTC")},
    )
    shares = skill_shares(frame, date(2026, 11, 24), 90, skill_ids=["python"])
    overall = shares.filter(pl.col("segment_type") == "overall", pl.col("skill") == "python").row(
        0, named=True
    )
    assert (overall["n_postings"], overall["n_mentions"]) == (2, 1)
