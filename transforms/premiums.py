"""Statistics for the guide's "other claims": a seniority-matched salary premium and the salary sweet spot,
each with a seeded bootstrap 95% interval.

Pure functions over plain sequences of annual USD salaries (no I/O). numpy does the resampling; every
bootstrap takes an explicit integer ``seed`` and draws from ``numpy.random.default_rng(seed)`` in a fixed
order, so the same input and seed give bit-identical intervals (the figures mart derives the seed from the
figure id, see :func:`figure_seed`).

Definitions (the mart's docstring points here):

- **median premium** (:func:`median_premium`): within each stratum (a seniority level) where both the
  specialised group and the baseline group hold at least ``min_stratum_n`` salaries,
  r_s = median(specialised_s) / median(baseline_s), medians by Hyndman-Fan definition 7 (the middle value or
  the mean of the two middle ones). The premium is sum_s w_s r_s / sum_s w_s - 1, w_s = the specialised
  count of the stratum: the average premium a specialist sees over generalists of the same seniority, so a
  lane that is mostly senior does not look "premium" merely for being senior.
- **domain premium** (:func:`domain_premium`): median(salaries of the domain postings) / median(salaries of
  the whole population, domain postings included) - 1, medians by definition 7: how far the domain's
  median sits above the overall median. Not seniority-matched (the guide's claim is "above the median").
- **modal band** (:func:`modal_band`): among bands [a, a + width) whose start a is a multiple of ``step``, the
  one holding the most salaries; ties go to the lowest start.
- **bootstrap interval**: the percentile bootstrap (Efron), B resamples with replacement (stratified: each
  stratum and group is resampled within itself, keeping their sizes), bounds at (1-conf)/2 and (1+conf)/2 of
  the B replicates. Percentile bounds use the inverted-CDF (order statistic) definition so a band start stays
  on its grid. A resample is drawn as multinomial counts over the distinct values (the same distribution as
  n draws with replacement), in blocks, so memory does not grow with n x B.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from transforms.stats import DEFAULT_CONF

# 2,000 replicates: the Monte Carlo error of a 2.5% bootstrap quantile is then about 0.35 percentage points of
# coverage, well below the interval's own sampling error, and a mart stays under a second on a laptop.
DEFAULT_N_BOOT = 2000

# A stratum of fewer than 5 salaries on either side gives a median that one posting can move by a whole band;
# such strata are left out of the premium (their postings still count in n of other figures).
DEFAULT_MIN_STRATUM_N = 5


def figure_seed(figure_id: str, base_seed: int = 0) -> int:
    """A stable 32-bit seed for a figure's bootstrap: crc32 of its id xor ``base_seed``.

    Python's ``hash()`` is salted per process, so it would make intervals differ between runs; crc32 does not.
    """
    return (zlib.crc32(figure_id.encode("utf-8")) ^ base_seed) & 0xFFFFFFFF


def _finite_array(values: Sequence[float]) -> np.ndarray:
    arr = np.asarray(list(values), dtype=np.float64)
    if arr.size and not np.all(np.isfinite(arr)):
        raise ValueError("values must be finite numbers")
    return arr


def _percentile_bounds(replicates: np.ndarray, conf: float) -> tuple[float, float]:
    tail = (1.0 - conf) / 2.0
    low = np.quantile(replicates, tail, method="inverted_cdf")
    high = np.quantile(replicates, 1.0 - tail, method="inverted_cdf")
    return float(low), float(high)


# Replicates drawn per block: memory is block x distinct values, whatever n_boot is.
_BLOCK = 250


def _resample_counts(n: int, distinct: int, weights: np.ndarray, n_boot: int, rng: np.random.Generator):
    """Bootstrap resamples as counts over the distinct values, ``_BLOCK`` replicates at a time.

    Drawing n values with replacement from a sample is the same as drawing multinomial counts over its
    distinct values with probabilities (copies / n); counts need memory per distinct value, not per draw,
    so 100,000 salaries cost what their few thousand distinct amounts cost.
    """
    done = 0
    while done < n_boot:
        size = min(_BLOCK, n_boot - done)
        yield rng.multinomial(n, weights, size=size).reshape(size, distinct)
        done += size


def _order_stat(cum: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Per row of cumulative counts, the k-th smallest (0-based) resampled value."""
    return values[np.argmax(cum > k, axis=1)]


def _bootstrap_medians(sample: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Medians (definition 7: mean of the two middle order statistics) of n_boot resamples of ``sample``."""
    values, copies = np.unique(sample, return_counts=True)
    n = sample.size
    out = []
    for counts in _resample_counts(n, values.size, copies / n, n_boot, rng):
        cum = np.cumsum(counts, axis=1)
        low = _order_stat(cum, values, (n - 1) // 2)
        high = _order_stat(cum, values, n // 2)
        out.append((low + high) / 2.0)
    return np.concatenate(out)


# ------------------------------------------------------------------------------------------------- premium


@dataclass(frozen=True, slots=True)
class PremiumEstimate:
    """A seniority-matched premium: ``value`` (fraction, 0.3 = specialists earn 30% more), its bootstrap
    interval (None when not computed or no stratum qualified), the strata used and the salaries behind it."""

    value: float | None
    ci_low: float | None
    ci_high: float | None
    strata: tuple[str, ...]
    n_specialized: int
    n_baseline: int


def _eligible(
    specialized: Mapping[str, Sequence[float]], baseline: Mapping[str, Sequence[float]], min_stratum_n: int
) -> list[tuple[str, np.ndarray, np.ndarray]]:
    out = []
    for stratum in sorted(set(specialized) & set(baseline)):  # sorted: a fixed order of random draws
        spec = _finite_array(specialized[stratum])
        base = _finite_array(baseline[stratum])
        if spec.size >= min_stratum_n and base.size >= min_stratum_n:
            out.append((stratum, spec, base))
    return out


def _premium_of(strata: Sequence[tuple[np.ndarray, np.ndarray]]) -> float:
    """Point premium from (specialised, baseline) arrays per stratum (each non-empty)."""
    weights = np.array([spec.size for spec, _ in strata], dtype=np.float64)
    ratios = np.array([np.median(spec) / np.median(base) for spec, base in strata])
    return float(np.sum(weights * ratios) / np.sum(weights) - 1.0)


def median_premium(
    specialized: Mapping[str, Sequence[float]],
    baseline: Mapping[str, Sequence[float]],
    *,
    min_stratum_n: int = DEFAULT_MIN_STRATUM_N,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = 0,
    conf: float = DEFAULT_CONF,
) -> PremiumEstimate:
    """Seniority-matched premium of ``specialized`` over ``baseline`` salaries (see module docstring).

    Both arguments map a stratum (seniority level) to its salaries (annual USD, > 0). Strata missing on either
    side or with fewer than ``min_stratum_n`` salaries on either side are skipped; with none left, value and
    interval are None. ``n_boot = 0`` skips the interval. A baseline median of 0 raises ValueError (a ratio to
    zero salary is meaningless).
    """
    eligible = _eligible(specialized, baseline, min_stratum_n)
    names = tuple(name for name, _, _ in eligible)
    n_spec = sum(spec.size for _, spec, _ in eligible)
    n_base = sum(base.size for _, _, base in eligible)
    if not eligible:
        return PremiumEstimate(None, None, None, names, n_spec, n_base)
    pairs = [(spec, base) for _, spec, base in eligible]
    if any(np.median(base) <= 0 for _, base in pairs):
        raise ValueError("baseline median must be positive")
    value = _premium_of(pairs)
    if n_boot <= 0:
        return PremiumEstimate(value, None, None, names, n_spec, n_base)
    rng = np.random.default_rng(seed)
    weights = np.array([spec.size for spec, _ in pairs], dtype=np.float64)
    ratio_reps = np.empty((len(pairs), n_boot))
    for i, (spec, base) in enumerate(pairs):  # strata in sorted order, specialised before baseline
        ratio_reps[i] = _bootstrap_medians(spec, n_boot, rng) / _bootstrap_medians(base, n_boot, rng)
    replicates = weights @ ratio_reps / weights.sum() - 1.0
    low, high = _percentile_bounds(replicates, conf)
    return PremiumEstimate(value, low, high, names, n_spec, n_base)


# ------------------------------------------------------------------------------------------ domain premium


@dataclass(frozen=True, slots=True)
class DomainPremiumEstimate:
    """The domain's median over the overall median, minus 1 (``value``; 0.2 = 20% above), its bootstrap
    interval (None when not computed or no domain salary), and the salaries behind it: ``n_domain`` of
    ``n_all`` (the population, domain postings included)."""

    value: float | None
    ci_low: float | None
    ci_high: float | None
    n_domain: int
    n_all: int


def _bootstrap_union_medians(
    domain: np.ndarray, other: np.ndarray, n_boot: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """(domain medians, overall medians) of n_boot stratified resamples: each group is resampled within
    itself (sizes kept), and the overall sample of a replicate is the union of the two resampled groups."""
    grid = np.unique(np.concatenate([domain, other]))
    n_d, n = domain.size, domain.size + other.size
    d_values, d_copies = np.unique(domain, return_counts=True)
    d_at = np.searchsorted(grid, d_values)
    if other.size:
        o_values, o_copies = np.unique(other, return_counts=True)
        o_at = np.searchsorted(grid, o_values)
        o_blocks = _resample_counts(other.size, o_values.size, o_copies / other.size, n_boot, rng)
    d_blocks = _resample_counts(n_d, d_values.size, d_copies / n_d, n_boot, rng)
    dom_out, all_out = [], []
    for d_counts in d_blocks:  # domain block first, then the other group's block: a fixed draw order
        size = d_counts.shape[0]
        counts = np.zeros((size, grid.size), dtype=np.int64)
        counts[:, d_at] += d_counts
        d_cum = np.cumsum(d_counts, axis=1)
        dom_out.append(
            (_order_stat(d_cum, d_values, (n_d - 1) // 2) + _order_stat(d_cum, d_values, n_d // 2)) / 2
        )
        if other.size:
            counts[:, o_at] += next(o_blocks)
        cum = np.cumsum(counts, axis=1)
        all_out.append((_order_stat(cum, grid, (n - 1) // 2) + _order_stat(cum, grid, n // 2)) / 2)
    return np.concatenate(dom_out), np.concatenate(all_out)


def domain_premium(
    domain: Sequence[float],
    other: Sequence[float],
    *,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = 0,
    conf: float = DEFAULT_CONF,
) -> DomainPremiumEstimate:
    """Premium of the ``domain`` salaries' median over the median of ``domain`` + ``other`` (the population).

    Both are annual USD salaries (``other`` = the population's salaries outside the domain). No domain salary:
    value and interval are None. ``n_boot = 0`` skips the interval. An overall median of 0 or less raises
    ValueError (a ratio to no salary is meaningless). The bootstrap resamples each group within itself, so
    every replicate has domain salaries (module docstring).
    """
    dom, oth = _finite_array(domain), _finite_array(other)
    n_all = dom.size + oth.size
    if dom.size == 0:
        return DomainPremiumEstimate(None, None, None, 0, n_all)
    overall = float(np.median(np.concatenate([dom, oth])))
    if overall <= 0:
        raise ValueError("overall median must be positive")
    value = float(np.median(dom)) / overall - 1.0
    if n_boot <= 0:
        return DomainPremiumEstimate(value, None, None, int(dom.size), n_all)
    rng = np.random.default_rng(seed)
    dom_reps, all_reps = _bootstrap_union_medians(dom, oth, n_boot, rng)
    low, high = _percentile_bounds(dom_reps / all_reps - 1.0, conf)
    return DomainPremiumEstimate(value, low, high, int(dom.size), n_all)


# ------------------------------------------------------------------------------------------------ sweet spot


@dataclass(frozen=True, slots=True)
class BandEstimate:
    """The modal band: ``start`` (USD) of [start, start + width), how many salaries it holds (``count`` of
    ``n``), and the bootstrap interval of ``start`` (None when not computed)."""

    start: float | None
    width: float
    count: int
    n: int
    start_ci_low: float | None
    start_ci_high: float | None


def _band_counts(sorted_values: np.ndarray, starts: np.ndarray, width: float) -> np.ndarray:
    """How many of ``sorted_values`` fall in each [start, start + width)."""
    left = np.searchsorted(sorted_values, starts, side="left")
    right = np.searchsorted(sorted_values, starts + width, side="left")
    return right - left


def _candidate_starts(values: np.ndarray, width: float, step: float) -> np.ndarray:
    """Every grid start whose band can hold at least one value: from the grid point at or below min - width
    (exclusive) to the grid point at or below max."""
    first = math.floor((values.min() - width) / step) + 1
    last = math.floor(values.max() / step)
    return np.arange(first, last + 1, dtype=np.float64) * step


def _modal_start(sorted_values: np.ndarray, starts: np.ndarray, width: float) -> tuple[float, int]:
    counts = _band_counts(sorted_values, starts, width)
    best = int(np.argmax(counts))  # argmax returns the first maximum: ties go to the lowest start
    return float(starts[best]), int(counts[best])


def modal_band(
    values: Sequence[float],
    *,
    width: float,
    step: float,
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = 0,
    conf: float = DEFAULT_CONF,
) -> BandEstimate:
    """The ``width``-wide band with grid-aligned start (multiples of ``step``) holding the most ``values``.

    Empty input gives start None and count 0. ``n_boot = 0`` skips the interval. Resamples choose among the
    same candidate starts as the full sample (bands that can hold a value), so the interval stays on the grid.
    """
    if width <= 0 or step <= 0:
        raise ValueError("width and step must be positive")
    arr = np.sort(_finite_array(values))
    if arr.size == 0:
        return BandEstimate(None, float(width), 0, 0, None, None)
    starts = _candidate_starts(arr, width, step)
    start, count = _modal_start(arr, starts, width)
    if n_boot <= 0:
        return BandEstimate(start, float(width), count, int(arr.size), None, None)
    rng = np.random.default_rng(seed)
    values, copies = np.unique(arr, return_counts=True)
    # Band [a, a + width) holds the distinct values with index in [left, right): its count in a resample is
    # a difference of cumulative counts.
    left = np.searchsorted(values, starts, side="left")
    right = np.searchsorted(values, starts + width, side="left")
    reps_blocks = []
    for counts in _resample_counts(arr.size, values.size, copies / arr.size, n_boot, rng):
        cum = np.concatenate(
            [np.zeros((counts.shape[0], 1), dtype=counts.dtype), np.cumsum(counts, axis=1)], axis=1
        )
        reps_blocks.append(starts[np.argmax(cum[:, right] - cum[:, left], axis=1)])
    reps = np.concatenate(reps_blocks)
    low, high = _percentile_bounds(reps, conf)
    return BandEstimate(start, float(width), count, int(arr.size), low, high)
