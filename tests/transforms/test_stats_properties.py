"""Hypothesis properties of transforms.stats and the salary/skill marts: ordering and interval containment."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.marts import salary_percentiles, skill_shares
from transforms.stats import (
    DEFAULT_QUANTILES,
    PERCENTILE_SUPPRESSION,
    SHARE_SUPPRESSION,
    order_statistic_ranks,
    percentile,
    percentile_interval,
    quantile_label,
    quantile_summary,
    suppress,
    suppression_reason_expr,
    wilson_exprs,
    wilson_interval,
)

salaries = st.floats(min_value=10_000, max_value=2_000_000, allow_nan=False, allow_infinity=False)
# Coarse values make ties common, which is where interpolation and rank code usually break.
tied_salaries = st.integers(min_value=10, max_value=30).map(lambda k: k * 10_000.0)
samples = st.lists(st.one_of(salaries, tied_salaries), min_size=1, max_size=300)
quantiles = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(samples)
def test_percentiles_are_ordered_and_within_the_sample(values: list[float]) -> None:
    ps = [percentile(values, q) for q in DEFAULT_QUANTILES]
    assert all(a <= b for a, b in itertools.pairwise(ps))
    assert min(values) <= ps[0] and ps[-1] <= max(values)


@given(samples, quantiles)
def test_percentile_is_numpy_linear(values: list[float], q: float) -> None:
    assert percentile(values, q) == pytest.approx(float(np.quantile(values, q, method="linear")), rel=1e-12)


@given(samples, st.sampled_from(DEFAULT_QUANTILES))
def test_percentile_interval_contains_the_percentile(values: list[float], q: float) -> None:
    ordered = sorted(values)
    interval = percentile_interval(ordered, q)
    if interval is None:
        assert order_statistic_ranks(len(values), q) is None
        return
    low, high = interval
    assert low <= percentile(values, q) <= high


@given(st.integers(min_value=1, max_value=5000), st.sampled_from(DEFAULT_QUANTILES))
def test_ranks_bracket_the_type7_position(n: int, q: float) -> None:
    # 1-based type-7 position h = (n - 1) q + 1 lies between the interval ranks: x_(l) <= estimate <= x_(u).
    ranks = order_statistic_ranks(n, q)
    if ranks is not None:
        low, high = ranks
        h = (n - 1) * q + 1
        assert 1 <= low <= h <= high <= n


@given(st.integers(min_value=0, max_value=5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_the_share_and_stays_in_unit_interval(counts: tuple[int, int]) -> None:
    successes, n = counts
    low, high = wilson_interval(successes, n)
    if n == 0:
        assert (low, high) == (None, None)
        return
    assert 0.0 <= low <= successes / n <= high <= 1.0
    frame = pl.DataFrame({"k": [successes], "n": [n]})
    low_expr, high_expr = wilson_exprs(pl.col("k"), pl.col("n"))
    assert frame.select(low_expr, high_expr).row(0) == pytest.approx((low, high), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("abc"), st.one_of(salaries, tied_salaries)), min_size=1, max_size=200)
)
def test_quantile_summary_agrees_with_the_scalar_definitions(rows: list[tuple[str, float]]) -> None:
    frame = pl.DataFrame(rows, schema={"g": pl.String, "v": pl.Float64}, orient="row")
    for row in quantile_summary(frame, "v", ["g"]).iter_rows(named=True):
        values = [v for g, v in rows if g == row["g"]]
        assert row["n"] == len(values)
        for q in DEFAULT_QUANTILES:
            lab = quantile_label(q)
            assert row[lab] == pytest.approx(percentile(values, q), rel=1e-12)
            interval = percentile_interval(sorted(values), q) or (None, None)
            assert (row[f"{lab}_ci_low"], row[f"{lab}_ci_high"]) == interval


nullable_bounds = st.one_of(st.none(), st.floats(min_value=-1.0, max_value=3.0e6, allow_nan=False))


@given(st.integers(0, 200), nullable_bounds, nullable_bounds, nullable_bounds)
def test_suppression_expression_equals_scalar_rule(
    n: int, low: float | None, high: float | None, value: float | None
) -> None:
    frame = pl.DataFrame([(n, low, high, value)], schema=["n", "lo", "hi", "v"], orient="row")
    frame = frame.with_columns(pl.col("lo", "hi", "v").cast(pl.Float64))
    for rule in (SHARE_SUPPRESSION, PERCENTILE_SUPPRESSION):
        expr = suppression_reason_expr(pl.col("n"), pl.col("lo"), pl.col("hi"), pl.col("v"), rule=rule)
        assert frame.select(expr).item() == suppress(n, low, high, value, rule=rule)


# ---------- marts

LANES = ["llm_genai", "research", "inference"]
LEVELS = ["junior", "mid", "senior"]
posting_rows = st.lists(
    st.tuples(
        st.sampled_from(LANES),
        st.sampled_from(LEVELS),
        st.one_of(salaries, tied_salaries, st.none()),
        st.booleans(),  # salary_estimated
        st.lists(st.sampled_from(["python", "pytorch", "sql"]), max_size=3),
    ),
    max_size=250,
)


def _enriched(rows: list[tuple]) -> pl.DataFrame:
    n = len(rows)
    return pl.DataFrame(
        {
            "source": ["greenhouse"] * n,
            "board": ["acme"] * n,
            "native_id": [str(i) for i in range(n)],
            "first_seen_at": [datetime(2026, 10, 1, tzinfo=UTC)] * n,
            "last_seen_at": [datetime(2026, 11, 20, tzinfo=UTC)] * n,
            "closed_at": [None] * n,
            "is_ai_ml": [True] * n,
            "specialization": [r[0] for r in rows],
            "seniority": [r[1] for r in rows],
            "experience_min_years": [None] * n,
            "skills": [r[4] for r in rows],
            "salary_annual_usd_mid": [r[2] for r in rows],
            "salary_estimated": [r[3] for r in rows],
            "is_us": [True] * n,
        },
        schema_overrides={
            "closed_at": pl.Datetime("us", "UTC"),
            "experience_min_years": pl.Int64,
            "salary_annual_usd_mid": pl.Float64,
            "skills": pl.List(pl.String),
        },
    )


@settings(max_examples=40, deadline=None)
@given(posting_rows)
def test_salary_mart_is_ordered_and_contains_its_estimates(rows: list[tuple]) -> None:
    table = salary_percentiles(_enriched(rows), date(2026, 11, 26), 90)
    labels = [quantile_label(q) for q in DEFAULT_QUANTILES]
    for row in table.iter_rows(named=True):
        values = [row[f"salary_{lab}_usd_annual"] for lab in labels]
        if row["suppressed"]:
            assert all(v is None for v in values)
            continue
        assert row["n"] >= PERCENTILE_SUPPRESSION.min_n
        assert all(a <= b for a, b in itertools.pairwise(values))  # p10 <= ... <= p90
        for lab, value in zip(labels, values, strict=True):
            low, high = row[f"salary_{lab}_ci_low_usd_annual"], row[f"salary_{lab}_ci_high_usd_annual"]
            assert low is not None and high is not None
            assert low <= value <= high
    overall = table.filter(pl.col("segment") == "all").row(0, named=True)
    assert overall["n"] == sum(1 for r in rows if r[2] is not None and r[3] is False)


@settings(max_examples=40, deadline=None)
@given(posting_rows)
def test_skill_mart_contains_its_shares(rows: list[tuple]) -> None:
    table = skill_shares(
        _enriched(rows), date(2026, 11, 26), 90, skill_ids=["python", "pytorch", "sql", "jax"]
    )
    for row in table.iter_rows(named=True):
        assert 0 <= row["n_mentions"] <= row["n_postings"]
        if row["share"] is not None:
            assert row["share_ci_low"] <= row["share"] <= row["share_ci_high"]
            assert row["share"] == pytest.approx(row["n_mentions"] / row["n_postings"])
    overall = table.filter(pl.col("segment") == "all")
    assert overall["skill"].to_list() == ["jax", "python", "pytorch", "sql"]
    assert set(overall["n_postings"].to_list()) == {len(rows)}
