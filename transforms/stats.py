"""Statistics with honest uncertainty: shares, percentiles, their 95% intervals and the suppression rule.

Pure functions (stdlib ``math`` + Polars, no I/O, no scipy). Every mart and guide figure computes its numbers
here, so one definition of "share", "percentile", "interval" and "too little data" holds across the project:

- share: successes / n, with the Wilson score interval (:func:`wilson_interval`, :func:`wilson_exprs`).
- percentile: Hyndman & Fan (1996) definition 7, i.e. linear interpolation between order statistics, the
  default of numpy (``method="linear"``), R (``type=7``) and Polars ``quantile(interpolation="linear")``
  (:func:`percentile`, :func:`quantile_summary`).
- percentile interval: the distribution-free, equal-tailed order-statistic interval from binomial ranks
  (:func:`order_statistic_ranks`, :func:`percentile_interval`); exact binomial tail sums, no normal
  approximation.
- suppression: :func:`suppress` / :func:`suppression_reason_expr` with the rules :data:`SHARE_SUPPRESSION` and
  :data:`PERCENTILE_SUPPRESSION`, the only place the thresholds live.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

# Two-sided 95% standard-normal quantile, Phi^-1(0.975), to the precision a float holds.
Z_95 = 1.959963984540054

DEFAULT_CONF = 0.95

# The percentiles every salary table reports (the guide quotes medians, p25-p75 lanes and p10-p90 ranges).
DEFAULT_QUANTILES: tuple[float, ...] = (0.10, 0.25, 0.50, 0.75, 0.90)


# ----------------------------------------------------------------------------------------------- suppression


@dataclass(frozen=True)
class SuppressionRule:
    """When a statistic is too uncertain to publish as a number.

    ``min_n``: smallest denominator published. ``max_abs_width``: widest allowed interval in the statistic's
    own units (used for shares, whose scale is fixed 0..1). ``max_rel_width``: widest allowed interval
    relative to the value, (high - low) / value (used for salaries, whose scale is not fixed). ``None``
    disables a width check.
    """

    min_n: int
    max_abs_width: float | None = None
    max_rel_width: float | None = None


# Why these numbers (the one place they live):
# - Shares, n >= 30: the Wilson interval keeps its coverage at small n, so the floor is about meaning, not
#   maths: below 30 postings a single posting moves a share by more than 3 points and a lane of a dozen
#   postings would read as a market fact. Width <= 0.30: an interval spanning more than 30 percentage points
#   (e.g. 35%..65%) cannot tell a minority skill from a majority one, so the point value would be shown as
#   more precise than it is. (At share 0.5 this needs n of about 42; rare skills pass earlier because their
#   intervals are narrower.)
# - Percentiles, n >= 40: the equal-tailed 95% order-statistic interval of p10/p90 exists only from n = 36
#   (0.9^n <= 0.025, see min_n_for_interval); 40 leaves a few postings to spare so that every published
#   percentile has an interval. Median interval width <= 50% of the median: with typical salary spread
#   (log-sd around 0.35) n = 40 gives about 27%, so the rule only bites on unusually dispersed or tiny
#   segments, where a "$180K median" with a $90K-wide interval would mislead.
SHARE_SUPPRESSION = SuppressionRule(min_n=30, max_abs_width=0.30)
PERCENTILE_SUPPRESSION = SuppressionRule(min_n=40, max_rel_width=0.50)

# Stable reason codes (exports and the dashboard show them; do not rename casually).
REASON_N_BELOW_MIN = "n_below_min"
REASON_INTERVAL_UNAVAILABLE = "interval_unavailable"
REASON_INTERVAL_TOO_WIDE = "interval_too_wide"


def suppress(
    n: int,
    ci_low: float | None,
    ci_high: float | None,
    value: float | None,
    *,
    rule: SuppressionRule,
) -> str | None:
    """Why a statistic must not be published as a number, or ``None`` when it may.

    Checked in order: ``n < rule.min_n`` -> ``"n_below_min"``; a missing value or interval bound ->
    ``"interval_unavailable"``; the interval wider than ``rule.max_abs_width`` (absolute) or than
    ``rule.max_rel_width`` x |value| (relative; a zero value with a non-zero width counts as too wide) ->
    ``"interval_too_wide"``. :func:`suppression_reason_expr` is the same rule as a Polars expression.
    """
    if n < rule.min_n:
        return REASON_N_BELOW_MIN
    if value is None or ci_low is None or ci_high is None or any(map(math.isnan, (value, ci_low, ci_high))):
        return REASON_INTERVAL_UNAVAILABLE
    width = ci_high - ci_low
    if rule.max_abs_width is not None and width > rule.max_abs_width:
        return REASON_INTERVAL_TOO_WIDE
    if rule.max_rel_width is not None and width > rule.max_rel_width * abs(value):
        return REASON_INTERVAL_TOO_WIDE
    return None


def suppression_reason_expr(
    n: pl.Expr, ci_low: pl.Expr, ci_high: pl.Expr, value: pl.Expr, *, rule: SuppressionRule
) -> pl.Expr:
    """:func:`suppress` vectorised: String expression named suppression_reason (null when publishable)."""
    width = ci_high - ci_low
    too_wide = pl.lit(False)
    if rule.max_abs_width is not None:
        too_wide = too_wide | (width > rule.max_abs_width)
    if rule.max_rel_width is not None:
        too_wide = too_wide | (width > rule.max_rel_width * value.abs())
    missing = (
        value.is_null()
        | ci_low.is_null()
        | ci_high.is_null()
        | value.is_nan()
        | ci_low.is_nan()
        | ci_high.is_nan()
    )
    return (
        pl.when(n < rule.min_n)
        .then(pl.lit(REASON_N_BELOW_MIN))
        .when(missing)
        .then(pl.lit(REASON_INTERVAL_UNAVAILABLE))
        .when(too_wide)
        .then(pl.lit(REASON_INTERVAL_TOO_WIDE))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias("suppression_reason")
    )


# --------------------------------------------------------------------------------------------------- shares


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float | None, float | None]:
    """Wilson score interval for a binomial proportion successes/n (Wilson 1927); 95% with the default z.

    centre = (p + z^2/2n) / (1 + z^2/n), half-width = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2), p =
    successes/n. Unlike the Wald interval it stays inside [0, 1] and keeps near-nominal coverage at small n
    and at p near 0 or 1 (0/n gives a non-degenerate upper bound). Bounds are clipped to [0, 1]; 0/n and n/n
    give exactly 0 and 1. ``n == 0`` returns ``(None, None)``: no data, no interval.
    """
    if n < 0 or successes < 0 or successes > n:
        raise ValueError(f"need 0 <= successes <= n, got successes={successes}, n={n}")
    if n == 0:
        return (None, None)
    p = successes / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n))
    # At 0/n and n/n the bound is exactly 0 or 1 algebraically; set it so rounding cannot leave 1 - 1e-16.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)


def wilson_exprs(successes: pl.Expr, n: pl.Expr, z: float = Z_95) -> tuple[pl.Expr, pl.Expr]:
    """:func:`wilson_interval` as two Polars expressions named ci_low, ci_high; null where n == 0."""
    nf = n.cast(pl.Float64)
    p = successes.cast(pl.Float64) / nf
    z2 = z * z
    denom = 1.0 + z2 / nf
    centre = (p + z2 / (2.0 * nf)) / denom
    half = z / denom * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt()
    low = pl.when(n <= 0).then(None).when(successes == 0).then(0.0).otherwise((centre - half).clip(0.0, 1.0))
    high = pl.when(n <= 0).then(None).when(successes == n).then(1.0).otherwise((centre + half).clip(0.0, 1.0))
    return low.alias("ci_low"), high.alias("ci_high")


# ----------------------------------------------------------------------------------------------- percentiles


def _check_q(q: float) -> None:
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"quantile must be in [0, 1], got {q}")


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-quantile (0 <= q <= 1) of ``values`` by Hyndman & Fan definition 7 (linear interpolation).

    With x_(1) <= ... <= x_(n) sorted, h = (n - 1) q + 1 (1-based position); the result is
    x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)). Identical to numpy ``method="linear"``, R
    ``type=7`` and Polars ``quantile(q, interpolation="linear")`` (which the marts use). n = 1 gives the
    single value; an empty input gives ``None``. Values must be finite numbers (None or NaN raise ValueError).
    """
    _check_q(q)
    xs = sorted(_finite(values))
    if not xs:
        return None
    h = (len(xs) - 1) * q  # 0-based position
    lo = math.floor(h)
    if lo + 1 >= len(xs):
        return float(xs[-1])
    return float(xs[lo] + (h - lo) * (xs[lo + 1] - xs[lo]))


def _finite(values: Sequence[float]) -> list[float]:
    out = []
    for v in values:
        if v is None or not math.isfinite(v):
            raise ValueError(f"values must be finite numbers, got {v!r}")
        out.append(float(v))
    return out


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(B <= k) for B ~ Binomial(n, p), 0 < p < 1, summed exactly term by term (float arithmetic).

    Only the shorter tail is summed, starting at k and walking outwards with the ratio pmf(j-1)/pmf(j); the
    first term comes from log-gamma, so large n (millions) neither overflows nor needs O(n) work per call.
    """
    if not 0.0 < p < 1.0:
        raise ValueError(f"p must be in (0, 1), got {p}")
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    if k <= n * p:
        return _lower_tail(k, n, p)
    return 1.0 - _lower_tail(n - k - 1, n, 1.0 - p)  # P(B <= k) = 1 - P(n - B <= n - k - 1)


def _log_pmf(k: int, n: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


def _lower_tail(k: int, n: int, p: float) -> float:
    """Sum of pmf(j) for j = k, k-1, ..., 0 (k at or below the mean, so terms shrink as j falls)."""
    term = math.exp(_log_pmf(k, n, p))
    total = term
    ratio_const = (1.0 - p) / p
    j = k
    while j > 0:
        term *= j / (n - j + 1) * ratio_const  # pmf(j-1) / pmf(j)
        total += term
        if term <= total * 1e-17:
            break
        j -= 1
    return total


@lru_cache(maxsize=4096)
def order_statistic_ranks(n: int, q: float, conf: float = DEFAULT_CONF) -> tuple[int, int] | None:
    """1-based ranks (l, u) of the equal-tailed distribution-free interval [x_(l), x_(u)] for the q-quantile.

    With B ~ Binomial(n, q) (the number of sample values below the true quantile) and alpha = 1 - conf:
    l = 1 + the largest k with P(B <= k) <= alpha/2, u = the smallest k with P(B >= k) <= alpha/2.
    Then P(x_(l) <= xi_q <= x_(u)) >= P(l <= B <= u - 1) >= conf for any continuous distribution, each tail
    holding at most alpha/2 (exact binomial sums, conservative, no normal approximation).
    Returns ``None`` when n is too small for both ranks to exist (see :func:`min_n_for_interval`).
    Example: n = 100, median, 95% -> (40, 61), coverage 1 - 2 P(B <= 39) = 0.9648.
    """
    _check_q(q)
    if not 0.0 < conf < 1.0:
        raise ValueError(f"conf must be in (0, 1), got {conf}")
    if n <= 0 or q in (0.0, 1.0):
        return None
    tail = (1.0 - conf) / 2.0
    # Lower: largest k in [-1, n] with cdf(k) <= tail; cdf is increasing, so bisect.
    lo, hi = -1, n  # invariant: cdf(lo) <= tail (cdf(-1) = 0), cdf(hi) = 1 > tail
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if binomial_cdf(mid, n, q) <= tail:
            lo = mid
        else:
            hi = mid
    lower_rank = lo + 1
    # Upper: smallest k in [0, n+1] with P(B >= k) = 1 - cdf(k-1) <= tail; computed as the mirrored lower tail
    # P(n - B <= n - k) to avoid 1 - (number close to 1).
    lo, hi = 0, n + 1  # invariant: P(B >= lo) = 1 > tail, P(B >= n+1) = 0 <= tail
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if binomial_cdf(n - mid, n, 1.0 - q) <= tail:
            hi = mid
        else:
            lo = mid
    upper_rank = hi
    if lower_rank < 1 or upper_rank > n:
        return None
    return (lower_rank, upper_rank)


def min_n_for_interval(q: float, conf: float = DEFAULT_CONF) -> int:
    """Smallest n for which :func:`order_statistic_ranks` exists: both max(q, 1-q)^n <= (1-conf)/2.

    At 95%: 6 for the median, 13 for p25/p75, 36 for p10/p90 (0.9^35 = 0.02503 > 0.025 >= 0.9^36).
    """
    _check_q(q)
    if q in (0.0, 1.0):
        raise ValueError("no order-statistic interval exists for q = 0 or 1")
    tail = (1.0 - conf) / 2.0
    n = max(1, math.floor(math.log(tail) / math.log(max(q, 1.0 - q))))
    while order_statistic_ranks(n, q, conf) is None:  # settle float rounding at the boundary exactly
        n += 1
    while n > 1 and order_statistic_ranks(n - 1, q, conf) is not None:
        n -= 1
    return n


def percentile_interval(
    sorted_values: Sequence[float], q: float, conf: float = DEFAULT_CONF
) -> tuple[float, float] | None:
    """Distribution-free ``conf`` interval (x_(l), x_(u)) for the q-quantile of an ascending sample.

    Ranks from :func:`order_statistic_ranks`; ``None`` when the sample is too small to reach ``conf``
    (at 95%: n < 6 for the median, n < 13 for p25/p75, n < 36 for p10/p90). Raises ValueError if the input is
    not ascending or holds None/NaN. The interval always contains the definition-7 percentile.
    """
    xs = _finite(sorted_values)
    if any(b < a for a, b in itertools.pairwise(xs)):
        raise ValueError("sorted_values must be in ascending order")
    ranks = order_statistic_ranks(len(xs), q, conf)
    if ranks is None:
        return None
    return (xs[ranks[0] - 1], xs[ranks[1] - 1])


def quantile_label(q: float) -> str:
    """Column stem for a quantile: 0.1 -> "p10", 0.5 -> "p50", 0.025 -> "p2_5"."""
    _check_q(q)
    pct = round(q * 100, 6)
    text = f"{pct:g}".replace(".", "_")
    return f"p{text}"


def quantile_summary(
    frame: pl.DataFrame,
    value_col: str,
    by: Sequence[str],
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
    conf: float = DEFAULT_CONF,
) -> pl.DataFrame:
    """Per group of ``by``: n and, for each q, the definition-7 percentile with its order-statistic interval.

    Grain: one row per distinct ``by`` combination that has at least one usable value (null and NaN values of
    ``value_col`` are dropped first; groups left empty do not appear: the caller decides how to show them).
    Columns: ``by``..., ``n`` (Int64), then per q (label from :func:`quantile_label`) ``pXX``, ``pXX_ci_low``,
    ``pXX_ci_high`` (Float64, same units as ``value_col``; the interval is null when n is below
    :func:`min_n_for_interval`). Unsorted, not suppressed: marts sort and apply
    :data:`PERCENTILE_SUPPRESSION`.

    Everything runs in Polars group_by; Python only computes the binomial ranks once per distinct n (cached).
    """
    by = list(by)
    value = pl.col(value_col).cast(pl.Float64)
    usable = frame.filter(value.is_not_null() & value.is_not_nan())
    labels = [quantile_label(q) for q in quantiles]
    grouped = usable.group_by(by).agg(
        pl.len().cast(pl.Int64).alias("n"),
        *[
            value.quantile(q, interpolation="linear").alias(lab)
            for q, lab in zip(quantiles, labels, strict=True)
        ],
        value.sort().alias("_sorted"),
    )
    rank_rows: dict[str, list[int | None]] = {"n": []}
    for lab in labels:
        rank_rows[f"_{lab}_l"] = []
        rank_rows[f"_{lab}_u"] = []
    for n in sorted(grouped["n"].unique().to_list()):
        rank_rows["n"].append(n)
        for q, lab in zip(quantiles, labels, strict=True):
            ranks = order_statistic_ranks(n, q, conf)
            rank_rows[f"_{lab}_l"].append(None if ranks is None else ranks[0] - 1)  # 0-based for list.get
            rank_rows[f"_{lab}_u"].append(None if ranks is None else ranks[1] - 1)
    ranks_frame = pl.DataFrame(rank_rows, schema={k: pl.Int64 for k in rank_rows})
    out = grouped.join(ranks_frame, on="n", how="left").with_columns(
        expr
        for lab in labels
        for expr in (
            pl.col("_sorted").list.get(pl.col(f"_{lab}_l"), null_on_oob=True).alias(f"{lab}_ci_low"),
            pl.col("_sorted").list.get(pl.col(f"_{lab}_u"), null_on_oob=True).alias(f"{lab}_ci_high"),
        )
    )
    columns = [*by, "n"]
    for lab in labels:
        columns += [lab, f"{lab}_ci_low", f"{lab}_ci_high"]
    return out.select(columns)


def share_summary(frame: pl.DataFrame, flag_col: str, by: Sequence[str], z: float = Z_95) -> pl.DataFrame:
    """Per group of ``by``: n (rows with a non-null flag), successes (flag true), share and its Wilson
    interval.

    Grain: one row per distinct ``by`` combination in ``frame``. Columns: ``by``..., ``n`` (Int64),
    ``successes`` (Int64), ``share``, ``share_ci_low``, ``share_ci_high`` (Float64, 0..1; null when n == 0).
    Rows whose flag is null are not in the denominator (e.g. "among postings that state a requirement").
    Unsorted, not suppressed.
    """
    by = list(by)
    flag = pl.col(flag_col)
    grouped = frame.group_by(by).agg(
        flag.is_not_null().sum().cast(pl.Int64).alias("n"),
        flag.fill_null(False).sum().cast(pl.Int64).alias("successes"),
    )
    low, high = wilson_exprs(pl.col("successes"), pl.col("n"), z)
    return grouped.with_columns(
        pl.when(pl.col("n") > 0).then(pl.col("successes") / pl.col("n")).otherwise(None).alias("share"),
        low.alias("share_ci_low"),
        high.alias("share_ci_high"),
    )
