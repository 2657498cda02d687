"""The first marts: skill shares and salary percentiles as of a snapshot date, over a window of postings.

Pure functions from the enriched postings frame (one row per posting) to mart frames whose grain is in their
name and docstring. Every row carries ``snapshot_date``, ``window_days``, its denominator, 95% interval
bounds, a ``suppressed`` flag and ``methodology_version``. Output is sorted by the grain keys, so recomputing
a snapshot from the same input gives an identical frame.

Suppressed cells (see ``transforms.stats`` for the rules and why) keep their counts (n, n_postings,
n_mentions) but have their statistic and interval set to null: a number with too little data behind it is not
shown at all, rather than shown greyed and copied out of an export as if precise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from transforms.dedup import one_per_job
from transforms.population import (
    DEFAULT_WINDOW_DAYS,
    POPULATION_US_POSTED,
    active_postings,
    ai_ml_postings,
    us_posted_salaries,
)
from transforms.stats import (
    DEFAULT_QUANTILES,
    PERCENTILE_SUPPRESSION,
    SHARE_SUPPRESSION,
    quantile_label,
    quantile_summary,
    suppression_reason_expr,
    wilson_exprs,
)

__all__ = ["METHODOLOGY_VERSION", "active_postings", "salary_percentiles", "skill_shares"]

# Bump when any definition behind a mart changes (window rule, population, percentile or interval method,
# suppression thresholds), so stored snapshots say which method produced them. Format: YYYY.MM-serial.
# 2026.11-2: each job counted once (transforms.dedup.one_per_job) when the input carries cluster_id.
METHODOLOGY_VERSION = "2026.11-2"

SEGMENT_OVERALL = "overall"
SEGMENT_SPECIALIZATION = "specialization"
SEGMENT_SENIORITY = "seniority"
SEGMENT_ALL = "all"
# Row order of segment types in every mart (overall first, then the finer cuts).
_SEGMENT_TYPE_ORDER = {SEGMENT_OVERALL: 0, SEGMENT_SPECIALIZATION: 1, SEGMENT_SENIORITY: 2}

_SALARY_COL = "salary_annual_usd_mid"


def _segment_type_rank() -> pl.Expr:
    return pl.col("segment_type").replace_strict(_SEGMENT_TYPE_ORDER, return_dtype=pl.Int8)


def _stamp(frame: pl.DataFrame, as_of: date, window_days: int) -> pl.DataFrame:
    return frame.with_columns(
        pl.lit(as_of, dtype=pl.Date).alias("snapshot_date"),
        pl.lit(window_days, dtype=pl.Int64).alias("window_days"),
        pl.lit(METHODOLOGY_VERSION, dtype=pl.String).alias("methodology_version"),
    )


def _segmented(postings: pl.DataFrame, cuts: Sequence[str], columns: Sequence[str]) -> pl.DataFrame:
    """Stack the postings once per segment they belong to: overall 'all' plus one row per non-null cut column.

    Grain: posting x segment_type. Columns: segment_type, segment, then ``columns``.
    """
    parts = [
        postings.select(
            pl.lit(SEGMENT_OVERALL, dtype=pl.String).alias("segment_type"),
            pl.lit(SEGMENT_ALL, dtype=pl.String).alias("segment"),
            *columns,
        )
    ]
    for cut in cuts:
        parts.append(
            postings.filter(pl.col(cut).is_not_null()).select(
                pl.lit(cut, dtype=pl.String).alias("segment_type"),
                pl.col(cut).cast(pl.String).alias("segment"),
                *columns,
            )
        )
    return pl.concat(parts, how="vertical")


def _segments(postings: pl.DataFrame, cuts: Sequence[str]) -> pl.DataFrame:
    """Every segment to report: overall 'all' (always, even on no data) plus each value seen in each cut."""
    overall = pl.DataFrame(
        {"segment_type": [SEGMENT_OVERALL], "segment": [SEGMENT_ALL]},
        schema={"segment_type": pl.String, "segment": pl.String},
    )
    parts = [overall]
    for cut in cuts:
        parts.append(
            postings.select(pl.col(cut).cast(pl.String).alias("segment"))
            .drop_nulls()
            .unique()
            .select(pl.lit(cut, dtype=pl.String).alias("segment_type"), "segment")
        )
    return pl.concat(parts, how="vertical")


def skill_shares(
    enriched: pl.DataFrame,
    as_of: date,
    window_days: int = DEFAULT_WINDOW_DAYS,
    *,
    skill_ids: Sequence[str],
) -> pl.DataFrame:
    """mart_skill_shares: share of AI/ML postings that mention each skill, overall and per specialization.

    Grain: snapshot_date x segment_type ('overall' | 'specialization') x segment ('all' or the lane id) x
    skill. Population: AI/ML postings active in the window (:func:`active_postings`). ``n_postings`` is the
    segment's posting count (the denominator), ``n_mentions`` how many of them list the skill (a posting
    counts once however often it lists it), ``share`` = n_mentions / n_postings with its 95% Wilson interval
    (0..1). Skills: every id of ``skill_ids`` (the taxonomy, loaded by the caller) in every segment, 0
    mentions included, plus any other id the postings carry (so nothing enrichment found is silently dropped).
    Specializations: every lane with at least one active AI/ML posting (a posting without a lane counts in
    'overall' only). When the input has ``has_description``, postings without text (listings recorded
    without their description) are left out: they cannot mention a skill and would dilute every share.
    When it has ``cluster_id``, each job counts once: its best-ranked copy among the active AI/ML postings
    with text (:func:`transforms.dedup.one_per_job`, applied after those filters so a job whose
    representative lacks text still counts through a copy that has it).
    Suppressed rows (:data:`transforms.stats.SHARE_SUPPRESSION`) keep n_postings and n_mentions and have
    share and interval null. Sorted by segment_type, segment, skill.
    """
    active = ai_ml_postings(active_postings(enriched, as_of, window_days))
    if "has_description" in active.columns:
        active = active.filter(pl.col("has_description").fill_null(False))
    active = one_per_job(active)
    postings = active.select(
        pl.col("specialization").cast(pl.String),
        pl.col("skills").list.drop_nulls().list.unique().alias("skills"),
    )
    segmented = _segmented(postings, [SEGMENT_SPECIALIZATION], ["skills"])
    denominators = (
        _segments(postings, [SEGMENT_SPECIALIZATION])
        .join(
            segmented.group_by("segment_type", "segment").agg(pl.len().cast(pl.Int64).alias("n_postings")),
            on=["segment_type", "segment"],
            how="left",
        )
        .with_columns(pl.col("n_postings").fill_null(0))
    )
    mentions = (
        segmented.explode("skills")
        .drop_nulls("skills")
        .group_by("segment_type", "segment", "skills")
        .agg(pl.len().cast(pl.Int64).alias("n_mentions"))
        .rename({"skills": "skill"})
    )
    vocabulary = sorted(set(skill_ids) | set(mentions["skill"].to_list()))
    low, high = wilson_exprs(pl.col("n_mentions"), pl.col("n_postings"))
    share = pl.when(pl.col("n_postings") > 0).then(pl.col("n_mentions") / pl.col("n_postings"))
    grid = (
        denominators.join(pl.DataFrame({"skill": vocabulary}, schema={"skill": pl.String}), how="cross")
        .join(mentions, on=["segment_type", "segment", "skill"], how="left")
        .with_columns(pl.col("n_mentions").fill_null(0))
        .with_columns(share.alias("share"), low.alias("share_ci_low"), high.alias("share_ci_high"))
        .with_columns(
            suppression_reason_expr(
                pl.col("n_postings"),
                pl.col("share_ci_low"),
                pl.col("share_ci_high"),
                pl.col("share"),
                rule=SHARE_SUPPRESSION,
            )
            .is_not_null()
            .alias("suppressed")
        )
        .with_columns(
            pl.when(pl.col("suppressed")).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("share", "share_ci_low", "share_ci_high")
        )
    )
    return (
        _stamp(grid, as_of, window_days)
        .sort(_segment_type_rank(), "segment", "skill")
        .select(
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
        )
    )


def _salary_columns(quantiles: Sequence[float]) -> dict[str, str]:
    """quantile_summary names -> mart names, units in the name (p50 -> salary_p50_usd_annual)."""
    names: dict[str, str] = {}
    for q in quantiles:
        lab = quantile_label(q)
        names[lab] = f"salary_{lab}_usd_annual"
        names[f"{lab}_ci_low"] = f"salary_{lab}_ci_low_usd_annual"
        names[f"{lab}_ci_high"] = f"salary_{lab}_ci_high_usd_annual"
    return names


def salary_percentiles(
    enriched: pl.DataFrame, as_of: date, window_days: int = DEFAULT_WINDOW_DAYS
) -> pl.DataFrame:
    """mart_salary_percentiles: posted US salary percentiles of AI/ML postings, overall and per segment.

    Grain: snapshot_date x segment_type ('overall' | 'specialization' | 'seniority') x segment.
    Population ``us_posted`` (:func:`transforms.population.us_posted_salaries`): AI/ML postings active in the
    window, located in the US, salary posted by the employer (estimates never mix in), value = annualised USD
    midpoint of the posted range. ``n`` = postings in the cell. For p10, p25, p50, p75, p90:
    ``salary_pXX_usd_annual`` (Hyndman-Fan type 7) and ``salary_pXX_ci_low/high_usd_annual``
    (distribution-free 95% order-statistic interval), all annual USD. Segments: overall 'all' always; every
    specialization and seniority that has an active AI/ML posting, even when none of them posts a US salary (n
    = 0, suppressed). When the input has ``cluster_id``, each job counts once in every cell (its best-ranked
    copy among the population's postings, :func:`transforms.dedup.one_per_job`). Suppression
    (:data:`transforms.stats.PERCENTILE_SUPPRESSION`, judged on n and the median's interval): the row keeps n
    and ``suppression_reason`` and has every percentile and bound null.
    Sorted by segment_type, segment.
    """
    quantiles = DEFAULT_QUANTILES
    active_ai = ai_ml_postings(active_postings(enriched, as_of, window_days))
    cuts = [SEGMENT_SPECIALIZATION, SEGMENT_SENIORITY]
    segments = _segments(active_ai.select(cuts), cuts)
    population = one_per_job(us_posted_salaries(active_ai)).select(
        *cuts, pl.col(_SALARY_COL).cast(pl.Float64)
    )
    summary = quantile_summary(
        _segmented(population, cuts, [_SALARY_COL]), _SALARY_COL, ["segment_type", "segment"], quantiles
    )
    renames = _salary_columns(quantiles)
    median = quantile_label(0.5)
    table = (
        segments.join(summary, on=["segment_type", "segment"], how="left")
        .with_columns(pl.col("n").fill_null(0))
        .with_columns(
            suppression_reason_expr(
                pl.col("n"),
                pl.col(f"{median}_ci_low"),
                pl.col(f"{median}_ci_high"),
                pl.col(median),
                rule=PERCENTILE_SUPPRESSION,
            ).alias("suppression_reason")
        )
        .with_columns(pl.col("suppression_reason").is_not_null().alias("suppressed"))
        .with_columns(pl.when(pl.col("suppressed")).then(None).otherwise(pl.col(c)).alias(c) for c in renames)
        .rename(renames)
        .with_columns(pl.lit(POPULATION_US_POSTED).alias("population"))
    )
    return (
        _stamp(table, as_of, window_days)
        .sort(_segment_type_rank(), "segment")
        .select(
            "snapshot_date",
            "window_days",
            "segment_type",
            "segment",
            "population",
            "n",
            *renames.values(),  # per percentile: value, ci_low, ci_high
            "suppressed",
            "suppression_reason",
            "methodology_version",
        )
    )
