"""transforms.stats against hand-computed cases (the arithmetic is written next to each expectation)."""

from __future__ import annotations

import math
from fractions import Fraction

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from transforms.stats import (
    PERCENTILE_SUPPRESSION,
    REASON_INTERVAL_TOO_WIDE,
    REASON_INTERVAL_UNAVAILABLE,
    REASON_N_BELOW_MIN,
    SHARE_SUPPRESSION,
    SuppressionRule,
    binomial_cdf,
    min_n_for_interval,
    order_statistic_ranks,
    percentile,
    percentile_interval,
    quantile_label,
    quantile_summary,
    share_summary,
    suppress,
    suppression_reason_expr,
    wilson_exprs,
    wilson_interval,
)


def exact_cdfs(n: int, q: Fraction) -> list[Fraction]:
    """[P(B <= k) for k = 0..n], B ~ Binomial(n, q), in exact rational arithmetic (the reference)."""
    out, total = [], Fraction(0)
    for j in range(n + 1):
        total += math.comb(n, j) * q**j * (1 - q) ** (n - j)
        out.append(total)
    return out


# ---------- Wilson
# z = 1.959964, z^2 = 3.841459. For n = 10: z^2/n = 0.3841459, denominator 1 + z^2/n = 1.3841459,
# z / denominator = 1.4160097, z^2 / (4 n^2) = 0.00960365.


def test_wilson_zero_of_ten() -> None:
    # p = 0: centre = (0 + 0.19207295) / 1.3841459 = 0.1387665; half = 1.4160097 * sqrt(0.00960365)
    # = 1.4160097 * 0.0979982 = 0.1387665 -> (0, 0.277533).
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.277533, abs=1e-5)


def test_wilson_five_of_ten() -> None:
    # p = 0.5: centre = (0.5 + 0.19207295) / 1.3841459 = 0.5; half = 1.4160097 * sqrt(0.025 + 0.00960365)
    # = 1.4160097 * 0.1860200 = 0.263405 -> (0.236595, 0.763405).
    low, high = wilson_interval(5, 10)
    assert low == pytest.approx(0.236595, abs=1e-5)
    assert high == pytest.approx(0.763405, abs=1e-5)


def test_wilson_ten_of_ten_mirrors_zero_of_ten() -> None:
    # 10/10 is 0/10 reflected around 0.5: (1 - 0.277533, 1) = (0.722467, 1).
    low, high = wilson_interval(10, 10)
    assert low == pytest.approx(0.722467, abs=1e-5)
    assert high == 1.0


def test_wilson_published_values() -> None:
    # Newcombe (1998), Statistics in Medicine 17:857, Table II, method 3 (score): 81/263 -> 0.2553..0.3662,
    # 15/148 -> 0.0624..0.1605.
    assert wilson_interval(81, 263) == pytest.approx((0.2553, 0.3662), abs=5e-5)
    assert wilson_interval(15, 148) == pytest.approx((0.0624, 0.1605), abs=5e-5)


def test_wilson_no_data_is_no_interval() -> None:
    assert wilson_interval(0, 0) == (None, None)


@pytest.mark.parametrize(("successes", "n"), [(-1, 10), (11, 10), (0, -1)])
def test_wilson_rejects_impossible_counts(successes: int, n: int) -> None:
    with pytest.raises(ValueError):
        wilson_interval(successes, n)


def test_wilson_exprs_match_scalar_and_null_on_zero_n() -> None:
    frame = pl.DataFrame({"k": [0, 5, 10, 0, 81], "n": [10, 10, 10, 0, 263]})
    low, high = wilson_exprs(pl.col("k"), pl.col("n"))
    out = frame.select(low.alias("low"), high.alias("high"))
    for row, (k, n) in zip(out.iter_rows(), frame.iter_rows(), strict=True):
        expected = wilson_interval(k, n)
        if n == 0:
            assert row == (None, None)
        else:
            assert row == pytest.approx(expected, abs=1e-12)


def test_share_summary_counts_null_flags_out_of_the_denominator() -> None:
    # Group a: flags True, False, None -> n = 2 (null excluded), successes = 1, share 0.5.
    # Group b: only a null flag -> n = 0: no share, no interval.
    frame = pl.DataFrame({"g": ["a", "a", "a", "b"], "flag": [True, False, None, None]})
    out = share_summary(frame, "flag", ["g"]).sort("g")
    assert out["n"].to_list() == [2, 0]
    assert out["successes"].to_list() == [1, 0]
    assert out["share"].to_list() == [0.5, None]
    assert out.row(0)[4:] == pytest.approx(wilson_interval(1, 2))
    assert out.row(1)[4:] == (None, None)


# ---------- percentiles


def test_percentile_type7_interpolates_between_order_statistics() -> None:
    # [1, 2, 3, 4]: h = (n - 1) q. q = 0.1 -> h = 0.3 -> 1 + 0.3 (2 - 1) = 1.3; q = 0.5 -> h = 1.5 -> 2.5;
    # q = 0.9 -> h = 2.7 -> 3 + 0.7 (4 - 3) = 3.7; q = 0 -> min; q = 1 -> max.
    values = [4.0, 1.0, 3.0, 2.0]  # unsorted on purpose: percentile sorts
    assert percentile(values, 0.1) == pytest.approx(1.3)
    assert percentile(values, 0.5) == pytest.approx(2.5)
    assert percentile(values, 0.9) == pytest.approx(3.7)
    assert percentile(values, 0.0) == 1.0
    assert percentile(values, 1.0) == 4.0


def test_percentile_with_ties() -> None:
    # [10, 20, 20, 20, 30]: q = 0.1 -> h = 0.4 -> 10 + 0.4 * 10 = 14; q = 0.25 -> h = 1 -> 20;
    # q = 0.5 -> h = 2 -> 20; q = 0.9 -> h = 3.6 -> 20 + 0.6 * 10 = 26.
    values = [10.0, 20.0, 20.0, 20.0, 30.0]
    assert percentile(values, 0.1) == pytest.approx(14.0)
    assert percentile(values, 0.25) == 20.0
    assert percentile(values, 0.5) == 20.0
    assert percentile(values, 0.9) == pytest.approx(26.0)


def test_percentile_single_value_all_equal_and_empty() -> None:
    for q in (0.1, 0.5, 0.9):
        assert percentile([7.0], q) == 7.0  # n = 1: h = 0 for every q
        assert percentile([5.0] * 9, q) == 5.0  # all equal: every interpolation is between equal values
        assert percentile([], q) is None


@pytest.mark.parametrize("bad", [[1.0, None], [1.0, math.nan], [math.inf]])
def test_percentile_rejects_non_finite(bad: list) -> None:
    with pytest.raises(ValueError):
        percentile(bad, 0.5)


def test_percentile_rejects_q_outside_unit_interval() -> None:
    with pytest.raises(ValueError):
        percentile([1.0], 1.5)


def test_quantile_label() -> None:
    assert [quantile_label(q) for q in (0.1, 0.25, 0.5, 0.9, 0.025)] == ["p10", "p25", "p50", "p90", "p2_5"]


# ---------- order-statistic intervals


def test_binomial_cdf_matches_exact_rational_sums() -> None:
    # B ~ Bin(100, 1/2): P(B <= 39) = sum_{k<=39} C(100, k) / 2^100 = 0.0176001, P(B <= 40) = 0.0284440.
    assert binomial_cdf(39, 100, 0.5) == pytest.approx(0.0176001, abs=1e-7)
    assert binomial_cdf(40, 100, 0.5) == pytest.approx(0.0284440, abs=1e-7)
    for n, q in [(7, Fraction(1, 10)), (50, Fraction(1, 4)), (120, Fraction(3, 4)), (300, Fraction(9, 10))]:
        for k, cdf in enumerate(exact_cdfs(n, q)):
            expected = float(cdf)
            assert binomial_cdf(k, n, float(q)) == pytest.approx(expected, rel=1e-10, abs=1e-300)


def test_binomial_cdf_is_stable_for_very_large_n() -> None:
    # Normal approximation as a sanity bound only: Bin(10^6, 0.5) at mean - 1.96 sd lies near 0.025.
    n = 1_000_000
    k = int(n * 0.5 - 1.959964 * math.sqrt(n * 0.25))
    assert 0.02 < binomial_cdf(k, n, 0.5) < 0.03


def test_median_ranks_for_n_100() -> None:
    # Lower: P(B <= 39) = 0.0176 <= 0.025 < P(B <= 40) = 0.0284 -> l - 1 = 39, l = 40.
    # Upper by symmetry (q = 1/2): P(B >= 61) = P(B <= 39) = 0.0176 <= 0.025 < P(B >= 60) -> u = 61.
    # Coverage P(40 <= B <= 60) = 1 - 2 * 0.0176 = 0.9648 >= 0.95.
    assert order_statistic_ranks(100, 0.5) == (40, 61)
    assert percentile_interval([float(v) for v in range(1, 101)], 0.5) == (40.0, 61.0)


def test_too_small_samples_have_no_interval() -> None:
    # Median: 0.5^5 = 0.03125 > 0.025 (the sample minimum is not low enough) but 0.5^6 = 0.0156 -> n >= 6.
    assert order_statistic_ranks(5, 0.5) is None
    assert order_statistic_ranks(6, 0.5) == (1, 6)
    # p10: 0.9^35 = 0.02503 > 0.025 >= 0.9^36 = 0.02253 -> n >= 36.
    assert order_statistic_ranks(35, 0.1) is None
    assert order_statistic_ranks(36, 0.1) is not None
    # p25 / p75: 0.75^12 = 0.0317 > 0.025 >= 0.75^13 = 0.0238 -> n >= 13.
    assert order_statistic_ranks(12, 0.25) is None
    assert order_statistic_ranks(13, 0.75) is not None
    assert [min_n_for_interval(q) for q in (0.1, 0.25, 0.5, 0.75, 0.9)] == [36, 13, 6, 13, 36]
    assert percentile_interval([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) is None
    assert order_statistic_ranks(0, 0.5) is None


def test_ranks_are_the_exact_equal_tailed_binomial_ranks() -> None:
    # For every n up to 150 and the five reported quantiles, check against exact rational tails that
    # l - 1 is the LARGEST k with P(B <= k) <= 0.025 and u the SMALLEST k with P(B >= k) <= 0.025.
    tail = Fraction(1, 40)
    for q in (Fraction(1, 10), Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), Fraction(9, 10)):
        for n in range(1, 151):
            ranks = order_statistic_ranks(n, float(q))
            cdf = exact_cdfs(n, q)
            lower_ok = [k for k in range(n + 1) if cdf[k] <= tail]
            upper_ok = [k for k in range(1, n + 1) if 1 - cdf[k - 1] <= tail]
            if not lower_ok or not upper_ok:
                assert ranks is None, (n, q)
                continue
            assert ranks == (max(lower_ok) + 1, min(upper_ok)), (n, q)
            coverage = cdf[ranks[1] - 1] - cdf[ranks[0] - 1]  # P(l <= B <= u - 1)
            assert coverage >= Fraction(95, 100)


def test_percentile_interval_rejects_unsorted_input() -> None:
    with pytest.raises(ValueError):
        percentile_interval([3.0, 1.0, 2.0] * 10, 0.5)


# ---------- summaries


def test_quantile_summary_matches_scalar_functions_per_group() -> None:
    # Group a: 1..50 (n = 50, every interval exists); group b: 10, 20, 20, 20, 30 plus a null and a NaN that
    # are dropped (n = 5: intervals need n >= 6 for the median, so all null).
    a = [float(v) for v in range(1, 51)]
    b = [10.0, 20.0, 20.0, 20.0, 30.0]
    frame = pl.DataFrame(
        {"g": ["a"] * 50 + ["b"] * 7, "v": [*a, *b, None, math.nan]}, schema={"g": pl.String, "v": pl.Float64}
    )
    out = quantile_summary(frame, "v", ["g"]).sort("g")
    assert out["n"].to_list() == [50, 5]
    for (group, values), row in zip([("a", a), ("b", b)], out.iter_rows(named=True), strict=True):
        assert row["g"] == group
        for q in (0.1, 0.25, 0.5, 0.75, 0.9):
            lab = quantile_label(q)
            assert row[lab] == pytest.approx(percentile(values, q))
            interval = percentile_interval(sorted(values), q)
            assert (row[f"{lab}_ci_low"], row[f"{lab}_ci_high"]) == (interval or (None, None))
    # Hand check for group a (values = ranks): median 25.5; n = 50 median ranks (18, 33) -> values 18, 33.
    assert out.row(0, named=True)["p50"] == 25.5
    assert order_statistic_ranks(50, 0.5) == (18, 33)
    assert (out.row(0, named=True)["p50_ci_low"], out.row(0, named=True)["p50_ci_high"]) == (18.0, 33.0)


def test_quantile_summary_on_empty_frame_has_the_columns_and_no_rows() -> None:
    frame = pl.DataFrame({"g": [], "v": []}, schema={"g": pl.String, "v": pl.Float64})
    out = quantile_summary(frame, "v", ["g"], quantiles=(0.5,))
    assert out.columns == ["g", "n", "p50", "p50_ci_low", "p50_ci_high"]
    assert out.height == 0


# ---------- suppression


def test_suppress_reasons_in_order() -> None:
    rule = SuppressionRule(min_n=30, max_abs_width=0.30)
    assert suppress(29, 0.4, 0.5, 0.45, rule=rule) == REASON_N_BELOW_MIN
    assert suppress(30, None, None, 0.45, rule=rule) == REASON_INTERVAL_UNAVAILABLE
    assert suppress(30, 0.30, 0.61, 0.45, rule=rule) == REASON_INTERVAL_TOO_WIDE  # width 0.31 > 0.30
    assert suppress(30, 0.30, 0.60, 0.45, rule=rule) is None  # width 0.30 is allowed
    rel = SuppressionRule(min_n=40, max_rel_width=0.5)
    assert suppress(40, 100.0, 151.0, 100.0, rule=rel) == REASON_INTERVAL_TOO_WIDE  # 51 > 0.5 * 100
    assert suppress(40, 100.0, 150.0, 100.0, rule=rel) is None
    assert suppress(40, 0.0, 0.0, 0.0, rule=rel) is None  # zero width at zero is not "too wide"


def test_share_rule_at_its_thresholds() -> None:
    # 15/30: Wilson (0.3315, 0.6685), width 0.337 > 0.30 -> too wide, although n reaches 30.
    # 3/30: Wilson (0.0346, 0.2562), width 0.222 -> published.
    assert suppress(30, *wilson_interval(15, 30), 0.5, rule=SHARE_SUPPRESSION) == REASON_INTERVAL_TOO_WIDE
    assert suppress(30, *wilson_interval(3, 30), 0.1, rule=SHARE_SUPPRESSION) is None
    assert suppress(29, *wilson_interval(3, 29), 3 / 29, rule=SHARE_SUPPRESSION) == REASON_N_BELOW_MIN


def test_percentile_rule_leaves_every_quantile_an_interval() -> None:
    # The rule's min_n must be at least the n every reported percentile needs for its interval.
    assert max(min_n_for_interval(q) for q in (0.1, 0.25, 0.5, 0.75, 0.9)) <= PERCENTILE_SUPPRESSION.min_n


def test_suppression_expr_matches_scalar_rule() -> None:
    rows = [
        (29, 0.4, 0.5, 0.45),
        (30, None, None, 0.45),
        (30, 0.30, 0.61, 0.45),
        (30, 0.30, 0.60, 0.45),
        (100, math.nan, 0.5, 0.4),
    ]
    frame = pl.DataFrame(rows, schema=["n", "low", "high", "value"], orient="row")
    for rule in (SHARE_SUPPRESSION, PERCENTILE_SUPPRESSION):
        out = frame.select(
            suppression_reason_expr(pl.col("n"), pl.col("low"), pl.col("high"), pl.col("value"), rule=rule)
        ).to_series()
        assert out.to_list() == [suppress(*row, rule=rule) for row in rows]


def test_wilson_exprs_handle_a_whole_frame() -> None:
    frame = pl.DataFrame({"k": [0, 10], "n": [10, 10]})
    low, high = wilson_exprs(pl.col("k"), pl.col("n"))
    expected = pl.DataFrame(
        {"low": [0.0, wilson_interval(10, 10)[0]], "high": [wilson_interval(0, 10)[1], 1.0]}
    )
    assert_frame_equal(frame.select(low.alias("low"), high.alias("high")), expected)
