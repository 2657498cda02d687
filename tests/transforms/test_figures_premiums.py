"""transforms.premiums: the seniority-matched premium and the modal salary band, on hand-computed cases."""

from __future__ import annotations

import pytest

from transforms.premiums import figure_seed, median_premium, modal_band

# Senior: specialised median 130, baseline median 100 -> ratio 1.3 (5 specialists).
# Mid: specialised median (108 + 112) / 2 = 110 (even count), baseline 100 -> ratio 1.1 (10 specialists).
# Weighted by specialist counts: (5 * 1.3 + 10 * 1.1) / 15 - 1 = 17.5 / 15 - 1 = 0.1666...
SPEC = {
    "senior": [110.0, 120.0, 130.0, 140.0, 150.0],
    "mid": [90.0, 95.0, 100.0, 105.0, 108.0, 112.0, 115.0, 120.0, 125.0, 130.0],
}
BASE = {"senior": [90.0, 100.0, 100.0, 110.0, 120.0], "mid": [80.0, 90.0, 100.0, 110.0, 120.0]}


def test_figure_seed_is_crc32_and_stable() -> None:
    assert figure_seed("a") == 0xE8B7BE43  # crc32(b"a"), a published constant
    assert figure_seed("a", base_seed=0xE8B7BE43) == 0
    assert figure_seed("salary_sweet_spot") != figure_seed("specialist_premium")


def test_premium_weighted_by_specialist_counts() -> None:
    est = median_premium(SPEC, BASE, n_boot=0)
    assert est.value == pytest.approx(17.5 / 15 - 1, abs=1e-12)
    assert est.strata == ("mid", "senior")
    assert (est.n_specialized, est.n_baseline) == (15, 10)
    assert est.ci_low is None and est.ci_high is None


def test_premium_interval_contains_value_and_is_seeded() -> None:
    a = median_premium(SPEC, BASE, n_boot=500, seed=7)
    b = median_premium(SPEC, BASE, n_boot=500, seed=7)
    c = median_premium(SPEC, BASE, n_boot=500, seed=8)
    assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high)  # bit-identical for one seed
    assert a.ci_low <= a.value <= a.ci_high
    assert (a.ci_low, a.ci_high) != (c.ci_low, c.ci_high)


def test_premium_all_equal_salaries_is_zero_with_degenerate_interval() -> None:
    same = {"senior": [100.0] * 6}
    est = median_premium(same, same, n_boot=200, seed=1)
    assert (est.value, est.ci_low, est.ci_high) == (0.0, 0.0, 0.0)


def test_premium_skips_small_and_unmatched_strata() -> None:
    spec = {"senior": [130.0] * 5, "mid": [200.0] * 4, "staff_principal": [300.0] * 9}
    base = {"senior": [100.0] * 5, "mid": [100.0] * 9}
    est = median_premium(spec, base, n_boot=0)
    assert est.strata == ("senior",)  # mid has 4 specialists (< 5); staff_principal has no baseline
    assert est.value == pytest.approx(0.3)


def test_premium_empty_or_n1_has_no_value() -> None:
    assert median_premium({}, {}, n_boot=10).value is None
    est = median_premium({"senior": [150.0]}, {"senior": [100.0]}, n_boot=10)
    assert est.value is None and est.strata == ()
    assert median_premium({"senior": [1.0]}, {"senior": [1.0]}, min_stratum_n=1, n_boot=0).value == 0.0


def test_modal_band_ties_go_to_lowest_start() -> None:
    values = [100.0, 105.0, 139.0, 140.0, 150.0, 155.0, 160.0, 170.0]
    # [130, 170) holds 139, 140, 150, 155, 160 = 5; [140, 180) holds 140, 150, 155, 160, 170 = 5: tie -> 130.
    band = modal_band(values, width=40.0, step=10.0, n_boot=0)
    assert (band.start, band.count, band.n) == (130.0, 5, 8)


def test_modal_band_upper_bound_is_exclusive() -> None:
    # 100 and 140 are exactly one width apart: no half-open band [a, a + 40) holds both, so the best band
    # holds 1; the lowest candidate start is the grid point just above 100 - 40, i.e. 70.
    band = modal_band([100.0, 140.0], width=40.0, step=10.0, n_boot=0)
    assert (band.start, band.count) == (70.0, 1)


def test_modal_band_n1_and_empty() -> None:
    # One value 150000: every start from 120000 to 150000 holds it; the lowest is 120000.
    one = modal_band([150000.0], width=40000.0, step=10000.0, n_boot=50, seed=3)
    assert (one.start, one.count, one.start_ci_low, one.start_ci_high) == (120000.0, 1, 120000.0, 120000.0)
    empty = modal_band([], width=40000.0, step=10000.0)
    assert (empty.start, empty.count, empty.n, empty.start_ci_low) == (None, 0, 0, None)


def test_modal_band_interval_is_on_grid_and_seeded() -> None:
    values = [float(v) for v in range(100_000, 260_000, 1_000)] + [170_000.0] * 40
    a = modal_band(values, width=40000.0, step=10000.0, n_boot=300, seed=11)
    b = modal_band(values, width=40000.0, step=10000.0, n_boot=300, seed=11)
    assert a == b
    assert a.start_ci_low <= a.start <= a.start_ci_high
    assert a.start_ci_low % 10000 == 0 and a.start_ci_high % 10000 == 0


def test_bad_inputs_raise() -> None:
    with pytest.raises(ValueError):
        modal_band([1.0], width=0.0, step=1.0)
    with pytest.raises(ValueError):
        modal_band([float("nan")], width=1.0, step=1.0)
    with pytest.raises(ValueError):
        median_premium({"s": [1.0] * 5}, {"s": [0.0] * 5}, n_boot=0)
