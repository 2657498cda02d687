"""Cheap structural checks done in Polars before (and beside) the GX suites.

They guard what GX handles poorly or slowly: whether a frame has its columns and rows at all, and row-level
consistency of suppressed mart cells. Each returns plain result dicts in the same shape as the GX results.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from expectations.vocabulary import PERCENTILES

# Columns each frame must have; a missing one would make every check on it meaningless.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "postings": ("source", "board", "native_id", "title", "is_ai_ml", "specialization", "seniority"),
    "mart_skill_shares": (
        "snapshot_date",
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
    ),
    "mart_salary_percentiles": (
        "snapshot_date",
        "segment_type",
        "segment",
        "population",
        "n",
        *(f"salary_p{q}_{part}usd_annual" for q in PERCENTILES for part in ("", "ci_low_", "ci_high_")),
        "suppressed",
        "methodology_version",
    ),
}


def _result(
    suite: str, name: str, column: str | None, severity: str, success: bool, observed: dict[str, Any]
):
    return {
        "suite": suite,
        "expectation": name,
        "column": column,
        "severity": severity,
        "success": success,
        "observed": observed,
    }


def columns_present(suite: str, frame: pl.DataFrame) -> dict[str, Any]:
    """Critical: the frame has every column its suite and the warehouse rely on."""
    missing = [c for c in REQUIRED_COLUMNS[suite] if c not in frame.columns]
    return _result(suite, "frame_has_required_columns", None, "critical", not missing, {"missing": missing})


def has_rows(suite: str, frame: pl.DataFrame) -> dict[str, Any]:
    """Critical for marts: an empty mart would publish a snapshot with no figures."""
    return _result(suite, "frame_has_rows", None, "critical", frame.height > 0, {"rows": frame.height})


def suppressed_cells_hide_their_statistic(suite: str, frame: pl.DataFrame) -> dict[str, Any]:
    """Warn: a suppressed cell shows no statistic and no interval; an unsuppressed one shows its main
    statistic (the share, or the median salary)."""
    if suite == "mart_skill_shares":
        stats, main = ["share", "share_ci_low", "share_ci_high"], "share"
    else:
        stats = [f"salary_p{q}_{part}usd_annual" for q in PERCENTILES for part in ("", "ci_low_", "ci_high_")]
        main = "salary_p50_usd_annual"
    stats = [c for c in stats if c in frame.columns]
    name = "suppressed_cells_hide_their_statistic"
    if "suppressed" not in frame.columns or main not in frame.columns:
        return _result(suite, name, "suppressed", "warn", True, {"skipped": "columns missing"})
    suppressed = pl.col("suppressed").fill_null(False)
    shows_any = pl.any_horizontal(pl.col(c).is_not_null() for c in stats)
    bad = frame.filter((suppressed & shows_any) | (~suppressed & pl.col(main).is_null()))
    return _result(
        suite,
        name,
        "suppressed",
        "warn",
        bad.height == 0,
        {"element_count": frame.height, "unexpected_count": bad.height},
    )
