"""The guide's figures recomputed from postings: the figure registry and ``mart_guide_figures``.

The registry (transforms/data/figure_registry.yaml, read by :func:`figure_registry`) lists every market figure
the *AI / ML Engineer Career Guide 2026* prints: the guide's text, value and cited source, and how jobpulse
recomputes it (population, filter, statistic). :func:`guide_figures_mart` evaluates the registry on the
enriched postings as of a snapshot date.

How "differs" is decided (the 95% interval is the live figure's; bounds count as inside):

- point figure, point guide value (median, shares): differs when the guide value is outside [ci_low, ci_high].
- point figure, guide range (a share "60-65%", the premium "30-50%"): differs when the guide's range and the
  interval do not overlap at all.
- range figure (p10-p90, p25-p75, the sweet-spot band): each end separately; differs when the guide's low end
  is outside the interval of the live low percentile or the guide's high end is outside the interval of the
  live high percentile. A guide end printed as "$350K+" (``guide_open_high``) is a floor: it differs only when
  the whole interval of the live high end lies below it.
- 'insufficient data': the suppression rules of transforms.stats (shares: SHARE_SUPPRESSION; percentiles:
  PERCENTILE_SUPPRESSION on n and the median's interval of the same population, and both ends need an
  interval) or, for the premium, PREMIUM_SUPPRESSION below. Live values of such rows are null; n stays.
- 'quoted': not derivable from postings (market forecasts, growth over years, employer industry); shown as the
  guide states it, with its source and the reason in ``note``.
- annual growth (``annual_growth``, transforms.growth): a point figure with an exact interval; a guide
  figure stated over several years (``guide_years`` in the registry) is compared as its compounded annual
  rate. 'insufficient data' also when the data holds less than a year of history before the snapshot
  (``history_short``) or no job a year earlier (``no_baseline``), or by growth_suppression_reason.
- 'insufficient data' with reason ``not_enriched``: the figure reads an enrichment column the input lacks
  (postings enriched before the column existed); n is the population's size.

Figures that rest on a text classifier (``flag`` shares such as ``asks_domain_expertise``) carry the
classifier's measured precision in ``note`` (the registry's ``note``, with the date it was measured).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from transforms.dedup import one_per_job
from transforms.growth import (
    REASON_HISTORY_SHORT,
    annual_growth,
    annualise,
    baseline_date,
    growth_suppression_reason,
    tracked_panel,
)
from transforms.marts import METHODOLOGY_VERSION as MARTS_METHODOLOGY_VERSION
from transforms.population import DEFAULT_WINDOW_DAYS, active_postings, ai_ml_postings, us_posted_salaries
from transforms.premiums import (
    DEFAULT_N_BOOT,
    PremiumEstimate,
    domain_premium,
    figure_seed,
    median_premium,
    modal_band,
)
from transforms.stats import (
    PERCENTILE_SUPPRESSION,
    REASON_INTERVAL_UNAVAILABLE,
    REASON_N_BELOW_MIN,
    SHARE_SUPPRESSION,
    SuppressionRule,
    percentile,
    percentile_interval,
    suppress,
    wilson_interval,
)

FIGURE_REGISTRY_PATH = Path(__file__).resolve().parent / "data" / "figure_registry.yaml"

# The marts' definitions (windows, populations, percentiles, intervals, suppression) plus this module's own
# (registry, comparison rules, premium, sweet spot). Bump the suffix when anything here changes.
METHODOLOGY_VERSION = f"{MARTS_METHODOLOGY_VERSION}+figures.3"

STATUS_AGREES = "agrees"
STATUS_DIFFERS = "differs"
STATUS_INSUFFICIENT = "insufficient data"
STATUS_QUOTED = "quoted"
STATUSES = (STATUS_AGREES, STATUS_DIFFERS, STATUS_INSUFFICIENT, STATUS_QUOTED)

STATISTICS = (
    "percentile",
    "percentile_range",
    "share",
    "median_premium",
    "domain_premium",
    "modal_band",
    "annual_growth",
    "quoted",
)
# A figure whose input lacks an enrichment column it reads (rows enriched before the column existed).
REASON_NOT_ENRICHED = "not_enriched"
POPULATIONS = ("us_posted", "ai_ml", "ai_ml_dl", "ai_ml_years_stated")
# Optional Boolean input column: the posting's description text was available to enrichment. When present,
# share figures count only postings that have it (see _share_figure).
TEXT_FLAG = "has_description"

# Skills that make a posting a deep-learning posting (the population of "PyTorch: 85% of DL postings").
DL_SKILLS = ("deep_learning", "pytorch", "tensorflow", "jax")

# The premium is a ratio of medians of two groups: the smaller group must pass the percentile floor (n >= 40,
# see transforms.stats), and an interval wider than 0.5 (e.g. 5%..55%) cannot tell "no premium" from the
# guide's "30-50%", so it is not shown as a number.
PREMIUM_SUPPRESSION = SuppressionRule(min_n=PERCENTILE_SUPPRESSION.min_n, max_abs_width=0.50)

UNIT_USD = "usd_annual"
UNIT_FRACTION = "fraction"
UNIT_USD_TOTAL = "usd"  # a sum of money that is not a salary (the market-size forecast)
UNITS = (UNIT_USD, UNIT_FRACTION, UNIT_USD_TOTAL)

MART_SCHEMA: dict[str, pl.DataType] = {
    "snapshot_date": pl.Date(),
    "window_days": pl.Int64(),
    "figure_id": pl.String(),
    "figure_order": pl.Int64(),
    "figure_group": pl.String(),
    "label": pl.String(),
    "statistic": pl.String(),
    "unit": pl.String(),
    "population": pl.String(),
    "guide_text": pl.String(),
    "guide_value_low": pl.Float64(),
    "guide_value_high": pl.Float64(),
    "guide_open_high": pl.Boolean(),
    "guide_source": pl.String(),
    "live_value": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "live_low": pl.Float64(),
    "live_low_ci_low": pl.Float64(),
    "live_low_ci_high": pl.Float64(),
    "live_high": pl.Float64(),
    "live_high_ci_low": pl.Float64(),
    "live_high_ci_high": pl.Float64(),
    "n": pl.Int64(),
    "n_matching": pl.Int64(),
    "status": pl.String(),
    "suppression_reason": pl.String(),
    "note": pl.String(),
    "methodology_version": pl.String(),
}
MART_COLUMNS: tuple[str, ...] = tuple(MART_SCHEMA)

_SALARY = "salary_annual_usd_mid"


# ---------------------------------------------------------------------------------------------- registry


@dataclass(frozen=True, slots=True)
class FigureSpec:
    """One guide figure: what the guide states and how the live value is computed (see the registry file)."""

    id: str
    group: str
    label: str
    guide_text: str
    guide_low: float
    guide_high: float
    guide_source: str
    statistic: str
    guide_open_high: bool = False
    population: str | None = None
    q: tuple[float, ...] = ()
    skills: tuple[str, ...] = ()
    match: str = "any"
    years_at_least: int | None = None
    filter: dict[str, Any] = field(default_factory=dict)
    specialized: tuple[str, ...] = ()
    baseline: str | None = None
    band_width: float | None = None
    band_step: float | None = None
    reason: str | None = None
    unit_override: str | None = None
    flag: str | None = None  # share figures: a Boolean enrichment column that marks a success
    domains: tuple[str, ...] = ()  # domain_premium: the enrichment ``domain`` values of the premium group
    note: str | None = None  # shown with a live figure (e.g. a classifier's measured precision)
    guide_years: float | None = None  # growth figures: the span the guide's growth is stated over

    @property
    def is_range(self) -> bool:
        """Whether the live figure is a pair (low, high) rather than one number."""
        return self.statistic in ("percentile_range", "modal_band")

    @property
    def unit(self) -> str:
        """'usd_annual' (salaries), 'fraction' (shares, premiums), or the registry's unit (quoted)."""
        if self.unit_override is not None:
            return self.unit_override
        if self.statistic in ("share", "median_premium", "domain_premium", "annual_growth"):
            return UNIT_FRACTION
        return UNIT_USD


def figure_spec(raw: dict[str, Any]) -> FigureSpec:
    """One registry entry (a mapping as in the YAML file) as a validated :class:`FigureSpec`."""
    value = raw["guide_value"]
    low, high = (float(value[0]), float(value[1])) if isinstance(value, list) else (float(value),) * 2
    guide_years = raw.get("guide_years")
    if guide_years is not None:
        # The guide states growth over several years; the live figure is annual: compare compounded rates.
        low, high = annualise(low, guide_years), annualise(high, guide_years)
    statistic = raw["statistic"]
    if statistic not in STATISTICS:
        raise ValueError(f"figure {raw['id']}: unknown statistic {statistic!r}")
    population = raw.get("population")
    if statistic != "quoted" and population not in POPULATIONS:
        raise ValueError(f"figure {raw['id']}: unknown population {population!r}")
    q = raw.get("q", [])
    if raw.get("unit") not in (None, *UNITS):
        raise ValueError(f"figure {raw['id']}: unknown unit {raw['unit']!r}")
    return FigureSpec(
        id=raw["id"],
        group=raw["group"],
        label=raw["label"],
        guide_text=raw["guide_text"],
        guide_low=low,
        guide_high=high,
        guide_source=raw["guide_source"],
        statistic=statistic,
        guide_open_high=bool(raw.get("guide_open_high", False)),
        population=population,
        q=tuple(float(x) for x in (q if isinstance(q, list) else [q])),
        skills=tuple(raw.get("skills", ())),
        match=raw.get("match", "any"),
        years_at_least=raw.get("years_at_least"),
        filter=dict(raw.get("filter") or {}),
        specialized=tuple(raw.get("specialized", ())),
        baseline=raw.get("baseline"),
        band_width=raw.get("band_width"),
        band_step=raw.get("band_step"),
        reason=raw.get("reason"),
        unit_override=raw.get("unit"),
        flag=raw.get("flag"),
        domains=tuple(raw.get("domains", ())),
        note=raw.get("note"),
        guide_years=guide_years,
    )


@cache
def figure_registry(path: Path = FIGURE_REGISTRY_PATH) -> tuple[FigureSpec, ...]:
    """Every guide figure of the registry file, in the file's order (cached; ids are unique)."""
    with Path(path).open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    specs = tuple(figure_spec(item) for item in raw["figures"])
    ids = [s.id for s in specs]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate figure ids in {path}")
    return specs


# -------------------------------------------------------------------------------------------- comparison


def point_status(guide_low: float, guide_high: float, ci_low: float, ci_high: float) -> str:
    """'agrees' or 'differs' for a one-number live figure: differs when [guide_low, guide_high] (a point when
    equal) and the interval [ci_low, ci_high] are disjoint; touching bounds agree."""
    return STATUS_DIFFERS if guide_high < ci_low or guide_low > ci_high else STATUS_AGREES


def range_status(
    guide_low: float,
    guide_high: float,
    low_ci: tuple[float, float],
    high_ci: tuple[float, float],
    *,
    open_high: bool = False,
) -> str:
    """'agrees' or 'differs' for a range figure, end by end (module docstring). ``open_high``: the guide's
    high end is a floor ("$350K+")."""
    low_ok = low_ci[0] <= guide_low <= low_ci[1]
    high_ok = guide_high <= high_ci[1] if open_high else high_ci[0] <= guide_high <= high_ci[1]
    return STATUS_AGREES if low_ok and high_ok else STATUS_DIFFERS


# ------------------------------------------------------------------------------------------- populations


def figure_population(active: pl.DataFrame, name: str) -> pl.DataFrame:
    """The named population among active postings (names in the registry file's header)."""
    if name == "us_posted":
        return us_posted_salaries(active)
    ai = ai_ml_postings(active)
    if name == "ai_ml":
        return ai
    if name == "ai_ml_dl":
        return ai.filter(
            pl.col("skills").list.eval(pl.element().is_in(DL_SKILLS)).list.any().fill_null(False)
        )
    if name == "ai_ml_years_stated":
        return ai.filter(pl.col("experience_min_years").is_not_null())
    raise ValueError(f"unknown population {name!r}")


def apply_figure_filter(frame: pl.DataFrame, flt: dict[str, Any]) -> pl.DataFrame:
    """Rows matching every key of a registry filter: specialization (id or list), seniority (list), min_years
    [low, high] inclusive on experience_min_years (postings stating no minimum are excluded)."""
    cond = pl.lit(True)
    if "specialization" in flt:
        lanes = flt["specialization"]
        cond = cond & pl.col("specialization").is_in(lanes if isinstance(lanes, list) else [lanes])
    if "seniority" in flt:
        cond = cond & pl.col("seniority").is_in(list(flt["seniority"]))
    if "min_years" in flt:
        low, high = flt["min_years"]
        cond = cond & pl.col("experience_min_years").is_between(low, high, closed="both")
    unknown = set(flt) - {"specialization", "seniority", "min_years"}
    if unknown:
        raise ValueError(f"unknown filter keys {sorted(unknown)}")
    return frame.filter(cond.fill_null(False))


def sorted_salaries(frame: pl.DataFrame) -> list[float]:
    """The annual USD salary midpoints of ``frame``, ascending."""
    return sorted(frame[_SALARY].cast(pl.Float64).to_list())


# ------------------------------------------------------------------------------------------------ figures


def _row(spec: FigureSpec, **live: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(MART_COLUMNS)
    row.update(
        figure_id=spec.id,
        figure_group=spec.group,
        label=spec.label,
        statistic=spec.statistic,
        unit=spec.unit,
        population=spec.population,
        guide_text=spec.guide_text,
        guide_value_low=spec.guide_low,
        guide_value_high=spec.guide_high,
        guide_open_high=spec.guide_open_high,
        guide_source=spec.guide_source,
    )
    row.update(live)
    return row


def _insufficient(spec: FigureSpec, n: int, reason: str, **extra: Any) -> dict[str, Any]:
    return _row(spec, n=n, status=STATUS_INSUFFICIENT, suppression_reason=reason, **extra)


def _share_figure(spec: FigureSpec, frame: pl.DataFrame) -> dict[str, Any]:
    if TEXT_FLAG in frame.columns:
        # A posting whose text was not fetched (list endpoints without content) cannot mention a skill or a
        # years requirement; counting it as "no" would drag every share towards 0.
        frame = frame.filter(pl.col(TEXT_FLAG).fill_null(False))
    if spec.flag is not None and spec.flag not in frame.columns:
        return _insufficient(spec, frame.height, REASON_NOT_ENRICHED, note=spec.note)
    frame = one_per_job(frame)  # each job once, through a copy that has text (no-op without cluster_id)
    if spec.flag is not None:
        flag = pl.col(spec.flag)
    elif spec.years_at_least is not None:
        flag = pl.col("experience_min_years") >= spec.years_at_least
    else:
        wanted = list(spec.skills)
        if spec.match == "all":
            flag = pl.all_horizontal(pl.col("skills").list.contains(s) for s in wanted)
        else:
            flag = pl.col("skills").list.eval(pl.element().is_in(wanted)).list.any()
    n = frame.height
    successes = int(frame.select(flag.fill_null(False).sum()).item()) if n else 0
    low, high = wilson_interval(successes, n)
    share = successes / n if n else None
    reason = suppress(n, low, high, share, rule=SHARE_SUPPRESSION)
    if reason is not None:
        return _insufficient(spec, n, reason, n_matching=successes, note=spec.note)
    status = point_status(spec.guide_low, spec.guide_high, low, high)
    return _row(
        spec,
        live_value=share,
        ci_low=low,
        ci_high=high,
        n=n,
        n_matching=successes,
        status=status,
        note=spec.note,
    )


def salary_suppression_reason(sorted_values: Sequence[float], quantiles: Sequence[float]) -> str | None:
    """Why salary percentiles of this sample must not be published, or None: PERCENTILE_SUPPRESSION judged
    on n and the median's interval (as mart_salary_percentiles does), then every quantile in ``quantiles``
    needs its order-statistic interval ('interval_unavailable' otherwise)."""
    median_ci = percentile_interval(sorted_values, 0.5)
    reason = suppress(
        len(sorted_values),
        None if median_ci is None else median_ci[0],
        None if median_ci is None else median_ci[1],
        percentile(sorted_values, 0.5),
        rule=PERCENTILE_SUPPRESSION,
    )
    if reason is None and any(percentile_interval(sorted_values, q) is None for q in quantiles):
        reason = REASON_INTERVAL_UNAVAILABLE
    return reason


def _percentile_figure(spec: FigureSpec, frame: pl.DataFrame) -> dict[str, Any]:
    values = sorted_salaries(frame)
    n = len(values)
    reason = salary_suppression_reason(values, spec.q)
    if reason is not None:
        return _insufficient(spec, n, reason)
    intervals = [percentile_interval(values, q) for q in spec.q]
    points = [percentile(values, q) for q in spec.q]
    if spec.statistic == "percentile":
        (value,), ((low, high),) = points, intervals
        status = point_status(spec.guide_low, spec.guide_high, low, high)
        return _row(spec, live_value=value, ci_low=low, ci_high=high, n=n, status=status)
    (lo_v, hi_v), (lo_ci, hi_ci) = points, intervals
    status = range_status(spec.guide_low, spec.guide_high, lo_ci, hi_ci, open_high=spec.guide_open_high)
    return _row(
        spec,
        live_low=lo_v,
        live_low_ci_low=lo_ci[0],
        live_low_ci_high=lo_ci[1],
        live_high=hi_v,
        live_high_ci_low=hi_ci[0],
        live_high_ci_high=hi_ci[1],
        n=n,
        status=status,
    )


def _premium_figure(spec: FigureSpec, frame: pl.DataFrame, n_boot: int) -> dict[str, Any]:
    usable = frame.filter(pl.col("seniority").is_not_null())

    def groups(lanes: Sequence[str]) -> dict[str, list[float]]:
        part = usable.filter(pl.col("specialization").is_in(list(lanes)))
        out: dict[str, list[float]] = {}
        for (seniority,), sub in part.sort("seniority", _SALARY).group_by("seniority", maintain_order=True):
            out[seniority] = sub[_SALARY].cast(pl.Float64).to_list()
        return out

    est: PremiumEstimate = median_premium(
        groups(spec.specialized),
        groups([spec.baseline or ""]),
        n_boot=n_boot,
        seed=figure_seed(spec.id),
    )
    n = est.n_specialized + est.n_baseline
    seed = figure_seed(spec.id)
    note = (
        f"specialized n={est.n_specialized}, {spec.baseline} n={est.n_baseline}; "
        f"seniority strata: {', '.join(est.strata) or 'none'}; bootstrap B={n_boot}, seed={seed}"
    )
    reason = suppress(
        min(est.n_specialized, est.n_baseline), est.ci_low, est.ci_high, est.value, rule=PREMIUM_SUPPRESSION
    )
    if reason is not None:
        return _insufficient(spec, n, reason, note=note)
    status = point_status(spec.guide_low, spec.guide_high, est.ci_low, est.ci_high)
    return _row(
        spec, live_value=est.value, ci_low=est.ci_low, ci_high=est.ci_high, n=n, status=status, note=note
    )


def _domain_premium_figure(spec: FigureSpec, frame: pl.DataFrame, n_boot: int) -> dict[str, Any]:
    """Median salary of the postings whose ``domain`` is one of ``spec.domains`` over the population's median
    (transforms.premiums.domain_premium); the smaller group (the domain's) must pass PREMIUM_SUPPRESSION."""
    if "domain" not in frame.columns:
        return _insufficient(spec, frame.height, REASON_NOT_ENRICHED, note=spec.note)
    in_domain = pl.col("domain").is_in(list(spec.domains)).fill_null(False)
    ordered = frame.sort(_SALARY)  # a fixed order of values, whatever the row order of the input
    domain = ordered.filter(in_domain)[_SALARY].cast(pl.Float64).to_list()
    other = ordered.filter(~in_domain)[_SALARY].cast(pl.Float64).to_list()
    seed = figure_seed(spec.id)
    est = domain_premium(domain, other, n_boot=n_boot, seed=seed)
    note = (
        f"{' + '.join(spec.domains)} n={est.n_domain} of {est.n_all}; domain median over the median of all; "
        f"bootstrap B={n_boot}, seed={seed}"
    )
    if spec.note:
        note = f"{note}. {spec.note}"
    reason = suppress(est.n_domain, est.ci_low, est.ci_high, est.value, rule=PREMIUM_SUPPRESSION)
    if reason is not None:
        return _insufficient(spec, est.n_all, reason, n_matching=est.n_domain, note=note)
    status = point_status(spec.guide_low, spec.guide_high, est.ci_low, est.ci_high)
    return _row(
        spec,
        live_value=est.value,
        ci_low=est.ci_low,
        ci_high=est.ci_high,
        n=est.n_all,
        n_matching=est.n_domain,
        status=status,
        note=note,
    )


def _band_figure(spec: FigureSpec, frame: pl.DataFrame, n_boot: int) -> dict[str, Any]:
    width, step = float(spec.band_width or 0), float(spec.band_step or 0)
    seed = figure_seed(spec.id)
    band = modal_band(sorted_salaries(frame), width=width, step=step, n_boot=n_boot, seed=seed)
    note = f"band width {width:.0f}, grid step {step:.0f}; bootstrap B={n_boot}, seed={seed}"
    # The band start is a mode, noisier than a percentile: it gets the percentile floor on n, no width rule.
    if band.n < PERCENTILE_SUPPRESSION.min_n:
        return _insufficient(spec, band.n, REASON_N_BELOW_MIN, n_matching=band.count, note=note)
    if band.start_ci_low is None or band.start_ci_high is None or band.start is None:
        return _insufficient(spec, band.n, REASON_INTERVAL_UNAVAILABLE, n_matching=band.count, note=note)
    low_ci = (band.start_ci_low, band.start_ci_high)
    high_ci = (band.start_ci_low + width, band.start_ci_high + width)
    return _row(
        spec,
        live_low=band.start,
        live_low_ci_low=low_ci[0],
        live_low_ci_high=low_ci[1],
        live_high=band.start + width,
        live_high_ci_low=high_ci[0],
        live_high_ci_high=high_ci[1],
        n=band.n,
        n_matching=band.count,
        status=range_status(spec.guide_low, spec.guide_high, low_ci, high_ci),
        note=note,
    )


def _growth_figure(spec: FigureSpec, enriched: pl.DataFrame, as_of: date, window_days: int) -> dict[str, Any]:
    """Annual growth of the population's job count (transforms.growth): jobs active in the window ending on
    ``as_of`` over those active in the same-length window a year earlier, both through active_postings,
    the figure's population and filter and one_per_job, over the sources collected since the year-earlier
    window opened. n = both counts, n_matching = the current one."""
    before = baseline_date(as_of)

    def jobs(frame: pl.DataFrame, day: date) -> int:
        population = figure_population(active_postings(frame, day, window_days), spec.population or "")
        return one_per_job(apply_figure_filter(population, spec.filter)).height

    panel = tracked_panel(enriched, as_of, window_days)
    if panel.is_empty():
        return _insufficient(spec, jobs(enriched, as_of), REASON_HISTORY_SHORT, note=spec.note)
    est = annual_growth(jobs(panel, as_of), jobs(panel, before))
    note = (
        f"{est.k_now} jobs active in the {window_days} days to {as_of}, {est.k_before} in the {window_days} "
        f"days to {before}; exact conditional-binomial (Clopper-Pearson) interval"
    )
    if "source" in panel.columns:  # which sources the comparison stands on (those collected throughout)
        note = f"{note}; sources: {', '.join(sorted(panel['source'].drop_nulls().unique().to_list()))}"
    if spec.note:
        note = f"{note}. {spec.note}"
    n = est.k_now + est.k_before
    reason = growth_suppression_reason(est)
    if reason is not None or est.ci_low is None or est.ci_high is None:
        return _insufficient(spec, n, reason or REASON_INTERVAL_UNAVAILABLE, n_matching=est.k_now, note=note)
    status = point_status(spec.guide_low, spec.guide_high, est.ci_low, est.ci_high)
    return _row(
        spec,
        live_value=est.value,
        ci_low=est.ci_low,
        ci_high=est.ci_high,
        n=n,
        n_matching=est.k_now,
        status=status,
        note=note,
    )


def _figure_row(spec: FigureSpec, active: pl.DataFrame, n_boot: int) -> dict[str, Any]:
    if spec.statistic == "quoted":
        return _row(spec, status=STATUS_QUOTED, note=spec.reason)
    frame = apply_figure_filter(figure_population(active, spec.population or ""), spec.filter)
    if spec.statistic == "share":
        return _share_figure(spec, frame)  # dedups after its text rule
    frame = one_per_job(frame)  # each job once (a no-op without cluster_id)
    if spec.statistic in ("percentile", "percentile_range"):
        return _percentile_figure(spec, frame)
    if spec.statistic == "median_premium":
        return _premium_figure(spec, frame, n_boot)
    if spec.statistic == "domain_premium":
        return _domain_premium_figure(spec, frame, n_boot)
    return _band_figure(spec, frame, n_boot)


def guide_figures_mart(
    enriched: pl.DataFrame,
    as_of: date,
    window_days: int = DEFAULT_WINDOW_DAYS,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    registry: Sequence[FigureSpec] | None = None,
) -> pl.DataFrame:
    """mart_guide_figures: every guide figure beside its live value, as of ``as_of``.

    Grain: snapshot_date x figure_id, one row per registry figure, in registry order (``figure_order``,
    1-based: the guide's reading order, so readers of the stored table can restore it).
    Postings: those active in the ``window_days`` window ending on ``as_of``
    (:func:`transforms.population.active_postings`), then the figure's population and filter; share
    figures also drop postings whose ``has_description`` is false when the input has that column (no text,
    no mention to count). With a ``cluster_id`` column each job counts once in every figure: its
    best-ranked copy among the figure's postings, after its population, filter and text rule
    (:func:`transforms.dedup.one_per_job`).
    Columns (:data:`MART_SCHEMA`): the guide's text, its value as ``guide_value_low``/``guide_value_high``
    (equal for a single number; USD per year or a fraction, per ``unit``) and its source; a point figure's
    ``live_value`` with its 95% ``ci_low``/``ci_high``; a range figure's ``live_low``/``live_high`` with an
    interval for each end (``live_value`` null); ``n`` postings behind the figure, ``n_matching`` (shares:
    postings with the skill or flag; sweet spot: postings in the band; domain premium: the domain's
    postings; growth: the jobs of both windows and of the current one); ``status`` (module docstring),
    ``suppression_reason``, ``note`` and ``methodology_version``. Growth figures read two windows of
    ``enriched`` (``as_of`` and a year earlier, transforms.growth), each with the same point-in-time rules.
    Deterministic: bootstrap seeds derive from the figure id, so the same input gives a bit-identical frame.
    """
    specs = figure_registry() if registry is None else registry
    active = active_postings(enriched, as_of, window_days)
    rows = [
        _growth_figure(spec, enriched, as_of, window_days)
        if spec.statistic == "annual_growth"  # two windows of the whole history, not only the active one
        else _figure_row(spec, active, n_boot)
        for spec in specs
    ]
    for order, row in enumerate(rows, start=1):
        row.update(
            snapshot_date=as_of,
            window_days=window_days,
            figure_order=order,
            methodology_version=METHODOLOGY_VERSION,
        )
    return pl.DataFrame(rows, schema=MART_SCHEMA).select(MART_COLUMNS)


def guide_figures_series(
    enriched: pl.DataFrame,
    as_of_dates: Sequence[date],
    window_days: int = DEFAULT_WINDOW_DAYS,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    registry: Sequence[FigureSpec] | None = None,
) -> pl.DataFrame:
    """mart_guide_figures recomputed point-in-time for each date of ``as_of_dates`` (a trend or a backfill).

    Grain: snapshot_date x figure_id, sorted by snapshot_date then figure_order. Each date sees only the
    postings active in its own window (first seen by then, not closed before the window opened), so a past
    date is not judged by today's survivors. Same columns and determinism as :func:`guide_figures_mart`.
    """
    frames = [
        guide_figures_mart(enriched, d, window_days, n_boot=n_boot, registry=registry)
        for d in sorted(set(as_of_dates))
    ]
    if not frames:
        return pl.DataFrame(schema=MART_SCHEMA)
    return pl.concat(frames, how="vertical")
