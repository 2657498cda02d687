"""Demand growth: how the count of active AI/ML jobs changed over a year, with an exact 95% interval.

The data: two counts of jobs (each job once) active in windows of the same length, ``k_now`` in the window
ending on ``as_of`` and ``k_before`` in the window ending ``YEAR_DAYS`` days earlier (windows as in
:func:`transforms.population.active_postings`). The statistic is the annual growth rate
``k_now / k_before - 1`` (a fraction: 0.07 = 7% more active jobs than a year before).

Interval (:func:`growth_interval`): the conditional binomial method for the ratio of two Poisson counts.
With k1 ~ Poisson(l1) and k2 ~ Poisson(l2) independent, k1 given k1 + k2 = n is Binomial(n, p) with
p = l1 / (l1 + l2), so the rate ratio is l1 / l2 = p / (1 - p). The exact Clopper-Pearson interval on p
(:func:`clopper_pearson`, bounds found by bisection on exact binomial tails from transforms.stats) maps
through the increasing function p / (1 - p) to an interval on the ratio, and minus 1 to one on growth. Its
coverage is at least nominal for any n. A job open in both windows counts in both: the two counts are then
positively correlated, which makes the ratio less variable than independent counts, so the interval errs on
the wide side.

Reading of "Poisson": the count of active jobs is treated as the draw of a market rate; the interval says
how well two counts pin down the ratio of rates, not how representative the tracked boards are of the market.

Like with like (:func:`tracked_panel`): growth is counted only over sources already being collected when the
year-earlier window opened, so a source added later (a new board family in the crawler) does not show up as
market growth. Without such a source the figure has reason ``history_short``; with no job a year earlier it
has no finite ratio (reason ``no_baseline``).

Pure functions (stdlib ``math`` and Polars, no I/O): the same frame and date give bit-identical output.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import polars as pl

from transforms.population import window_bounds
from transforms.stats import (
    DEFAULT_CONF,
    REASON_INTERVAL_TOO_WIDE,
    REASON_N_BELOW_MIN,
    SuppressionRule,
    binomial_cdf,
)

# "A year earlier": 365 days before as_of (a leap year moves the baseline window by one day; immaterial for a
# window of weeks).
YEAR_DAYS = 365

# Stable reason codes (exports and the dashboard show them).
REASON_HISTORY_SHORT = "history_short"  # collection started after the year-earlier window opened
REASON_NO_BASELINE = "no_baseline"  # no active job a year earlier: the ratio has no finite value

# The floor applies to the year-earlier count (the ratio's denominator): below 30 jobs one job moves the
# growth rate by more than 3 points, the same floor as shares. The width rule is judged on the ratio
# now / before (= 1 + growth), relative to it, because the ratio's interval widens in proportion to the
# ratio: an interval wider than half the ratio (at equal counts about -20%..+30%) cannot tell a shrinking
# market from one growing at the guide's pace. With equal counts k the relative width is about
# 5.5 / sqrt(k), so the rule lets through about 120 jobs per window. No job now (ratio 0) skips the width
# rule: its interval [-100%, upper] is as narrow as the year-earlier count allows.
GROWTH_SUPPRESSION = SuppressionRule(min_n=30, max_rel_width=0.50)

# Bisection steps for a Clopper-Pearson bound: 60 halvings of [0, 1] reach 1e-18, below a float's spacing
# near the bounds that matter, and a fixed count keeps the result identical run to run.
_BISECT_STEPS = 60


def annualise(growth: float, years: float) -> float:
    """The constant annual rate that compounds to ``growth`` over ``years`` years: (1 + growth)^(1/years) - 1.

    0.40 over 5 years is about 0.0696 a year. ``growth`` must be > -1 and ``years`` > 0.
    """
    if growth <= -1.0 or years <= 0:
        raise ValueError(f"need growth > -1 and years > 0, got growth={growth}, years={years}")
    return (1.0 + growth) ** (1.0 / years) - 1.0


def _bisect(f, lo: float, hi: float) -> float:
    """The root of an increasing ``f`` on [lo, hi] (f(lo) < 0 < f(hi)), by a fixed number of halvings."""
    for _ in range(_BISECT_STEPS):
        mid = (lo + hi) / 2.0
        if f(mid) < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def clopper_pearson(successes: int, n: int, conf: float = DEFAULT_CONF) -> tuple[float, float]:
    """Exact (Clopper-Pearson 1934) interval for a binomial proportion ``successes`` / ``n``.

    Lower bound: the p with P(B >= successes | p) = (1 - conf) / 2 (0 when successes = 0); upper bound: the p
    with P(B <= successes | p) = (1 - conf) / 2 (1 when successes = n); B ~ Binomial(n, p). These are the
    beta quantiles Beta(a/2; k, n-k+1) and Beta(1-a/2; k+1, n-k), here found by bisection on the exact tail
    sums of :func:`transforms.stats.binomial_cdf`. Raises ValueError unless 0 <= successes <= n and n > 0.
    """
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n and n > 0, got successes={successes}, n={n}")
    tail = (1.0 - conf) / 2.0
    low = 0.0
    if successes > 0:
        # P(B >= k | p) rises with p; find where it crosses the tail.
        low = _bisect(lambda p: (1.0 - binomial_cdf(successes - 1, n, p)) - tail, 0.0, 1.0)
    high = 1.0
    if successes < n:
        # P(B <= k | p) falls with p; its negative rises.
        high = _bisect(lambda p: tail - binomial_cdf(successes, n, p), 0.0, 1.0)
    return low, high


def _odds(p: float) -> float:
    return math.inf if p >= 1.0 else p / (1.0 - p)


def growth_interval(k_now: int, k_before: int, conf: float = DEFAULT_CONF) -> tuple[float, float] | None:
    """95% interval (by default) of the growth rate l_now / l_before - 1 from two Poisson counts.

    Conditional binomial method (module docstring): Clopper-Pearson on p = k_now / (k_now + k_before), each
    bound mapped to p / (1 - p) - 1. None when ``k_before`` is 0 (the upper bound would be infinite: no
    finite ratio). Counts must be >= 0.
    """
    if k_now < 0 or k_before < 0:
        raise ValueError(f"counts must be >= 0, got {k_now}, {k_before}")
    if k_before == 0:
        return None
    low, high = clopper_pearson(k_now, k_now + k_before, conf)
    return _odds(low) - 1.0, _odds(high) - 1.0


@dataclass(frozen=True, slots=True)
class GrowthEstimate:
    """Annual growth of active jobs: ``value`` = k_now / k_before - 1 (fraction) and its interval (all None
    when ``k_before`` is 0), with the two counts behind it."""

    value: float | None
    ci_low: float | None
    ci_high: float | None
    k_now: int
    k_before: int


def annual_growth(k_now: int, k_before: int, conf: float = DEFAULT_CONF) -> GrowthEstimate:
    """Growth of a count over a year (``k_now`` now, ``k_before`` a year earlier) with its exact interval."""
    interval = growth_interval(k_now, k_before, conf)
    if interval is None:
        return GrowthEstimate(None, None, None, k_now, k_before)
    return GrowthEstimate(k_now / k_before - 1.0, interval[0], interval[1], k_now, k_before)


def growth_suppression_reason(est: GrowthEstimate, rule: SuppressionRule = GROWTH_SUPPRESSION) -> str | None:
    """Why ``est`` must not be published as a number, or None: no job a year earlier -> 'no_baseline'; fewer
    than ``rule.min_n`` -> 'n_below_min'; the ratio's interval wider than ``rule.max_rel_width`` x the ratio
    (1 + growth; skipped when the ratio is 0) -> 'interval_too_wide' (see :data:`GROWTH_SUPPRESSION`)."""
    if est.value is None or est.ci_low is None or est.ci_high is None:
        return REASON_NO_BASELINE
    if est.k_before < rule.min_n:
        return REASON_N_BELOW_MIN
    ratio = 1.0 + est.value
    if rule.max_rel_width is not None and ratio > 0 and est.ci_high - est.ci_low > rule.max_rel_width * ratio:
        return REASON_INTERVAL_TOO_WIDE
    return None


def baseline_date(as_of: date) -> date:
    """The end of the year-earlier window: ``as_of`` minus :data:`YEAR_DAYS` days."""
    return as_of - timedelta(days=YEAR_DAYS)


def history_start_needed(as_of: date, window_days: int) -> datetime:
    """Naive UTC midnight of the year-earlier window's first day: a source first seen on that day or before
    was being collected through the whole baseline window."""
    return window_bounds(baseline_date(as_of), window_days)[0]


def tracked_panel(enriched: pl.DataFrame, as_of: date, window_days: int) -> pl.DataFrame:
    """The rows of ``enriched`` whose source was being collected when the year-earlier window opened.

    A source qualifies when its earliest ``first_seen_at`` falls on or before the first day of the window
    ending on :func:`baseline_date` (before the end of that day, UTC). Without a ``source`` column the whole
    frame is one source. Rows without ``first_seen_at`` never qualify a source. Grain and columns unchanged
    (a row subset); empty when no source has that much history.
    """
    start = history_start_needed(as_of, window_days)
    cutoff = pl.lit(start + timedelta(days=1), dtype=pl.Datetime("us"))
    time_zone = getattr(enriched.schema["first_seen_at"], "time_zone", None)
    if time_zone is not None:
        cutoff = cutoff.dt.replace_time_zone("UTC").dt.convert_time_zone(time_zone)
    earliest = pl.col("first_seen_at").min()
    if "source" in enriched.columns:
        earliest = earliest.over("source")
    return enriched.filter((earliest < cutoff).fill_null(False))
