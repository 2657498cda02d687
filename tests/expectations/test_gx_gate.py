"""The GX suites and the publish gate: good frames pass; each broken invariant fails with its severity."""

from __future__ import annotations

import json

import gx_factories as f
import polars as pl
import pytest

from expectations.gate import ValidationReport, publish_decision, validate
from expectations.suites import SUITE_NAMES


def _failed(report: ValidationReport, severity: str = "critical") -> list[tuple[str, str, str | None]]:
    return [
        (r.suite, r.expectation, r.column) for r in report.results if not r.success and r.severity == severity
    ]


@pytest.fixture(scope="module")
def good_report() -> ValidationReport:
    return validate(f.postings(), f.skill_shares(), f.salary_percentiles())


def test_good_frames_pass_and_publishing_is_allowed(good_report: ValidationReport) -> None:
    assert good_report.success, _failed(good_report)
    assert publish_decision(good_report) == (True, [])
    assert {r.suite for r in good_report.results} == set(SUITE_NAMES)
    assert {r.severity for r in good_report.results} == {"critical", "warn"}
    for r in good_report.results:
        json.dumps(r.observed)  # storable as JSON text


def test_p50_above_p75_blocks_and_says_why() -> None:
    bad = f.salary_percentiles().with_columns(
        pl.when(pl.col("segment") == "all")
        .then(pl.col("salary_p75_usd_annual") + 1)
        .otherwise(pl.col("salary_p50_usd_annual"))
        .alias("salary_p50_usd_annual")
    )
    report = validate(f.postings(), f.skill_shares(), bad)
    allowed, reasons = publish_decision(report)
    assert not allowed and not report.success
    assert any("salary_p75_usd_annual >= salary_p50_usd_annual" in r and "1 of 4 rows" in r for r in reasons)


def test_share_above_one_blocks() -> None:
    bad = f.skill_shares().with_columns(
        pl.when(pl.col("skill") == "python").then(1.2).otherwise(pl.col("share")).alias("share")
    )
    report = validate(f.postings(), bad, f.salary_percentiles())
    allowed, reasons = publish_decision(report)
    assert not allowed
    failed = _failed(report)
    assert ("mart_skill_shares", "expect_column_values_to_be_between", "share") in failed
    assert (
        "mart_skill_shares",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "share_ci_high >= share",
    ) in failed
    assert any("[share]" in r for r in reasons)


def test_duplicate_keys_block_in_marts_and_postings() -> None:
    shares = f.skill_shares()
    postings = f.postings()
    report = validate(
        pl.concat([postings, postings.head(2)]), pl.concat([shares, shares.head(1)]), f.salary_percentiles()
    )
    failed = _failed(report)
    assert ("postings", "expect_compound_columns_to_be_unique", "source, board, native_id") in failed
    assert (
        "mart_skill_shares",
        "expect_compound_columns_to_be_unique",
        "snapshot_date, segment_type, segment, skill",
    ) in failed
    assert len(publish_decision(report)[1]) == 2


def test_specialization_must_be_set_iff_ai_ml() -> None:
    postings = f.postings().with_columns(
        pl.when(pl.col("native_id") == "3")  # not AI/ML, given a lane
        .then(pl.lit("research"))
        .when(pl.col("native_id") == "0")  # AI/ML without a lane
        .then(None)
        .otherwise(pl.col("specialization"))
        .alias("specialization")
    )
    failed = _failed(validate(postings, f.skill_shares(), f.salary_percentiles()))
    assert ("postings", "expect_column_values_to_be_null", "specialization") in failed
    assert ("postings", "expect_column_values_to_not_be_null", "specialization") in failed


def test_unknown_taxonomy_ids_and_inverted_salary_ranges_block() -> None:
    postings = f.postings().with_columns(
        pl.when(pl.col("native_id") == "1")
        .then(pl.lit("ninja"))
        .otherwise(pl.col("seniority"))
        .alias("seniority"),
        pl.when(pl.col("native_id") == "2")
        .then(pl.col("salary_max") - 50_000)
        .otherwise(pl.col("salary_max"))
        .alias("salary_max"),
    )
    failed = _failed(validate(postings, f.skill_shares(), f.salary_percentiles()))
    assert ("postings", "expect_column_values_to_be_in_set", "seniority") in failed
    assert (
        "postings",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "salary_max >= salary_min",
    ) in failed


def test_implausible_salaries_block_only_beyond_one_percent() -> None:
    many = f.postings(300)
    one_odd = many.with_columns(
        pl.when(pl.col("native_id") == "1")
        .then(5.0)
        .otherwise(pl.col("salary_annual_usd_mid"))
        .alias("salary_annual_usd_mid")
    )
    check = ("postings", "expect_column_values_to_be_between", "salary_annual_usd_mid")
    assert check not in _failed(validate(one_odd, f.skill_shares(), f.salary_percentiles()))
    many_odd = many.with_columns((pl.col("salary_annual_usd_mid") * 100).alias("salary_annual_usd_mid"))
    assert check in _failed(validate(many_odd, f.skill_shares(), f.salary_percentiles()))


def test_warnings_are_recorded_but_do_not_block() -> None:
    postings = f.postings().with_columns(
        pl.when(pl.col("salary_period").is_not_null()).then(pl.lit("YEARLY")).alias("salary_period")
    )
    report = validate(postings, f.skill_shares(), f.salary_percentiles())
    assert report.success and publish_decision(report) == (True, [])
    assert [(w.suite, w.column) for w in report.warnings] == [("postings", "salary_period")]


def test_missing_columns_and_empty_marts_block() -> None:
    report = validate(
        f.postings().drop("seniority"), f.skill_shares().clear(), f.salary_percentiles().drop("n")
    )
    failed = _failed(report)
    assert ("postings", "frame_has_required_columns", None) in failed
    assert ("mart_skill_shares", "frame_has_rows", None) in failed
    assert ("mart_salary_percentiles", "frame_has_required_columns", None) in failed
    reasons = publish_decision(report)[1]
    assert any("missing columns ['seniority']" in r for r in reasons)
    assert any("missing columns ['n']" in r for r in reasons)


def test_a_suppressed_cell_that_shows_a_value_is_a_warning() -> None:
    shares = f.skill_shares().with_columns(
        pl.when(pl.col("suppressed")).then(0.5).otherwise(pl.col("share")).alias("share")
    )
    report = validate(f.postings(), shares, f.salary_percentiles())
    assert report.success
    assert ("mart_skill_shares", "suppressed_cells_hide_their_statistic", "suppressed") in _failed(
        report, "warn"
    )
