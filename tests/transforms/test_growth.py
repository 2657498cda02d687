"""transforms.growth and the demand-growth figure of mart_guide_figures, on hand-computed counts."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from typing import Any

import polars as pl
import pytest
from enriched_frames import ENRICHED_SCHEMA

from dashboard.formatting import REASON_TEXT
from transforms.figures import (
    STATUS_AGREES,
    STATUS_DIFFERS,
    STATUS_INSUFFICIENT,
    figure_registry,
    figure_spec,
    guide_figures_mart,
)
from transforms.growth import (
    REASON_HISTORY_SHORT,
    REASON_NO_BASELINE,
    annual_growth,
    annualise,
    baseline_date,
    clopper_pearson,
    growth_interval,
    tracked_panel,
)
from transforms.stats import REASON_INTERVAL_TOO_WIDE, REASON_N_BELOW_MIN, binomial_cdf

AS_OF = date(2026, 11, 26)  # window of 90 days: 2026-08-29 .. 2026-11-26
# A year earlier: the window ending 2025-11-26 opens on 2025-08-29.
BEFORE_OPEN = datetime(2025, 8, 15, tzinfo=UTC)  # first seen before that window opened
BEFORE_CLOSE = datetime(2025, 10, 1, tzinfo=UTC)  # closed inside it: active a year earlier, not now
NOW_OPEN = datetime(2026, 10, 1, tzinfo=UTC)
NOW_SEEN = datetime(2026, 11, 20, tzinfo=UTC)

SCHEMA: dict[str, pl.DataType] = {**ENRICHED_SCHEMA, "cluster_id": pl.String()}
# The registry's demand-growth entry (transforms/data/figure_registry.yaml) as these tests read it.
GROWTH = figure_spec(
    {
        "id": "demand_growth_5yr",
        "group": "other",
        "label": "AI/ML demand growth per year",
        "guide_text": "40% demand growth (5 yr)",
        "guide_value": 0.40,
        "guide_years": 5,
        "guide_source": "WEF Future of Jobs 2023",
        "statistic": "annual_growth",
        "population": "ai_ml",
    }
)


def _posting(key: str, source: str = "greenhouse", **over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "source": source,
        "board": "acme",
        "native_id": key,
        "first_seen_at": NOW_OPEN,
        "last_seen_at": NOW_SEEN,
        "closed_at": None,
        "is_ai_ml": True,
        "specialization": "ml_general",
        "seniority": "mid",
        "experience_min_years": None,
        "skills": [],
        "salary_annual_usd_mid": None,
        "salary_estimated": False,
        "is_us": True,
        "cluster_id": None,
    }
    row.update(over)
    return row


def year_ago(n: int, prefix: str = "b", **over: Any) -> list[dict[str, Any]]:
    """n jobs open in the year-earlier window only."""
    kw = {"first_seen_at": BEFORE_OPEN, "last_seen_at": BEFORE_CLOSE, "closed_at": BEFORE_CLOSE, **over}
    return [_posting(f"{prefix}{i}", **kw) for i in range(n)]


def current(n: int, prefix: str = "n", **over: Any) -> list[dict[str, Any]]:
    """n jobs open in the current window only."""
    return [_posting(f"{prefix}{i}", **over) for i in range(n)]


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SCHEMA)


def growth_row(rows: list[dict[str, Any]], as_of: date = AS_OF) -> dict[str, Any]:
    return guide_figures_mart(frame(rows), as_of, registry=[GROWTH]).row(0, named=True)


# ------------------------------------------------------------------------------------------- statistics


def test_annualise_compounds_back_to_the_guide_value() -> None:
    rate = annualise(0.40, 5)
    assert rate == pytest.approx(0.0696, abs=5e-5)
    assert (1 + rate) ** 5 == pytest.approx(1.40, rel=1e-12)
    assert GROWTH.guide_low == GROWTH.guide_high == rate  # the registry compares the annual rate
    assert GROWTH.unit == "fraction"
    with pytest.raises(ValueError):
        annualise(-1.0, 5)


def test_clopper_pearson_textbook_and_closed_forms() -> None:
    low, high = clopper_pearson(5, 10)  # the textbook 5/10: 0.1871 .. 0.8129
    assert (low, high) == (pytest.approx(0.18709, abs=1e-5), pytest.approx(0.81291, abs=1e-5))
    # At 0/n the upper bound solves (1 - p)^n = 0.025; at n/n the lower bound solves p^n = 0.025.
    assert clopper_pearson(0, 40) == (0.0, pytest.approx(1 - 0.025 ** (1 / 40), rel=1e-9))
    assert clopper_pearson(40, 40) == (pytest.approx(0.025 ** (1 / 40), rel=1e-9), 1.0)
    # Each bound is where its exact binomial tail equals 2.5%.
    low, high = clopper_pearson(37, 120)
    assert binomial_cdf(37, 120, high) == pytest.approx(0.025, abs=1e-9)
    assert 1 - binomial_cdf(36, 120, low) == pytest.approx(0.025, abs=1e-9)
    with pytest.raises(ValueError):
        clopper_pearson(3, 2)


def test_equal_counts_give_zero_growth_and_a_log_symmetric_interval() -> None:
    est = annual_growth(200, 200)
    assert est.value == 0.0
    assert est.ci_low < 0 < est.ci_high
    # p-hat = 1/2 and the interval on p is symmetric about it, so the ratio's bounds are reciprocals.
    assert (1 + est.ci_low) * (1 + est.ci_high) == pytest.approx(1.0, rel=1e-9)


def test_no_job_now_is_minus_one_with_a_closed_form_upper_bound() -> None:
    low, high = growth_interval(0, 50)
    p_high = 1 - 0.025 ** (1 / 50)
    assert low == -1.0
    assert high == pytest.approx(p_high / (1 - p_high) - 1, rel=1e-9)
    assert annual_growth(0, 50).value == -1.0


def test_no_job_a_year_earlier_has_no_finite_ratio() -> None:
    assert growth_interval(12, 0) is None
    est = annual_growth(12, 0)
    assert (est.value, est.ci_low, est.ci_high, est.k_now, est.k_before) == (None, None, None, 12, 0)


# ------------------------------------------------------------------------------------------------ figure


def test_figure_equal_counts_agree_with_the_annual_rate() -> None:
    row = growth_row(year_ago(200) + current(200))
    est = annual_growth(200, 200)
    assert (row["live_value"], row["ci_low"], row["ci_high"]) == (0.0, est.ci_low, est.ci_high)
    assert (row["n"], row["n_matching"], row["status"]) == (400, 200, STATUS_AGREES)
    assert row["guide_value_low"] == annualise(0.40, 5)
    assert str(baseline_date(AS_OF)) in row["note"] and "Clopper-Pearson" in row["note"]


def test_figure_doubling_differs_and_collapse_is_minus_one() -> None:
    doubled = growth_row(year_ago(200) + current(400))
    assert doubled["live_value"] == 1.0 and doubled["status"] == STATUS_DIFFERS
    assert doubled["ci_low"] > annualise(0.40, 5)
    gone = growth_row(year_ago(200) + current(0))
    assert (gone["live_value"], gone["ci_low"], gone["status"]) == (-1.0, -1.0, STATUS_DIFFERS)
    assert gone["ci_high"] == growth_interval(0, 200)[1]


def test_figure_counts_only_ai_ml_jobs_in_each_window() -> None:
    rows = year_ago(200) + current(210)
    rows += current(50, prefix="x", is_ai_ml=False) + year_ago(50, prefix="y", is_ai_ml=None)
    # Closed before the current window, and first seen after as_of: in neither count.
    rows += current(30, prefix="c", closed_at=datetime(2026, 8, 1, tzinfo=UTC))
    rows += current(30, prefix="f", first_seen_at=datetime(2026, 11, 27, tzinfo=UTC))
    row = growth_row(rows)
    assert (row["n_matching"], row["n"]) == (210, 410)
    assert row["live_value"] == pytest.approx(0.05, abs=1e-15)


def test_short_history_is_insufficient_not_a_number() -> None:
    # Collection began 2025-09-01, after the year-earlier window opened (2025-08-29).
    late_start = datetime(2025, 9, 1, tzinfo=UTC)
    row = growth_row(year_ago(200, first_seen_at=late_start) + current(200))
    assert (row["status"], row["suppression_reason"]) == (STATUS_INSUFFICIENT, REASON_HISTORY_SHORT)
    assert row["live_value"] is None and row["ci_low"] is None and row["n"] == 200
    # First seen on the window's first day is early enough.
    on_time = datetime(2025, 8, 29, 3, 0, tzinfo=UTC)
    assert growth_row(year_ago(200, first_seen_at=on_time) + current(200))["status"] == STATUS_AGREES


def test_a_source_added_later_is_not_market_growth() -> None:
    rows = year_ago(200) + current(200) + current(300, prefix="s", source="newboard")
    row = growth_row(rows)
    assert row["live_value"] == 0.0
    assert row["note"].endswith("sources: greenhouse")
    panel = tracked_panel(frame(rows), AS_OF, 90)
    assert set(panel["source"].to_list()) == {"greenhouse"}


def test_no_baseline_and_too_few_jobs_are_insufficient() -> None:
    history = [_posting("old", is_ai_ml=False, first_seen_at=BEFORE_OPEN, closed_at=BEFORE_CLOSE)]
    none_before = growth_row(history + current(200))
    assert (none_before["status"], none_before["suppression_reason"]) == (
        STATUS_INSUFFICIENT,
        REASON_NO_BASELINE,
    )
    assert (none_before["n"], none_before["n_matching"], none_before["live_value"]) == (200, 200, None)
    # 40 against 40: the ratio's interval (about 0.64..1.56) is wider than half the ratio.
    wide = growth_row(year_ago(40) + current(40))
    assert (wide["status"], wide["suppression_reason"]) == (STATUS_INSUFFICIENT, REASON_INTERVAL_TOO_WIDE)
    few = growth_row(year_ago(20) + current(25))
    assert (few["status"], few["suppression_reason"], few["n"]) == (
        STATUS_INSUFFICIENT,
        REASON_N_BELOW_MIN,
        45,
    )


def test_a_dedup_cluster_counts_once_in_each_window() -> None:
    rows = year_ago(200) + current(200)
    rows += [_posting(f"copy{i}", board=f"b{i}", cluster_id="job-1") for i in range(3)]
    rows += [_posting(f"old{i}", board=f"b{i}", cluster_id="job-2", first_seen_at=BEFORE_OPEN,
                      closed_at=BEFORE_CLOSE) for i in range(4)]  # fmt: skip
    row = growth_row(rows)
    assert (row["n_matching"], row["n"]) == (201, 402)
    without_clusters = guide_figures_mart(frame(rows).drop("cluster_id"), AS_OF, registry=[GROWTH])
    assert without_clusters["n_matching"].item() == 203  # copies count separately without cluster columns


def test_figure_is_bit_identical_and_point_in_time() -> None:
    rows = year_ago(230) + current(260) + current(40, prefix="x", is_ai_ml=False)
    data = frame(rows)
    a = guide_figures_mart(data, AS_OF, registry=[GROWTH])
    b = guide_figures_mart(data.sample(fraction=1.0, shuffle=True, seed=3), AS_OF, registry=[GROWTH])
    assert a.write_ipc(None).getvalue() == b.write_ipc(None).getvalue()
    # Postings that appear after the snapshot do not change it when recomputed later.
    later = frame(rows + current(90, prefix="z", first_seen_at=datetime(2026, 12, 5, tzinfo=UTC)))
    assert guide_figures_mart(later, AS_OF, registry=[GROWTH]).equals(a)
    assert a["live_value"].item() == pytest.approx(260 / 230 - 1, rel=1e-15)
    assert not math.isnan(a["ci_low"].item())


def test_dashboard_has_words_for_the_growth_reasons() -> None:
    assert REASON_TEXT[REASON_HISTORY_SHORT] and REASON_TEXT[REASON_NO_BASELINE]


def test_registry_entry_is_the_live_growth_figure() -> None:
    entry = next(s for s in figure_registry() if s.id == "demand_growth_5yr")
    assert (entry.statistic, entry.population, entry.guide_years, entry.filter) == (
        "annual_growth",
        "ai_ml",
        5,
        {},
    )
    assert (entry.guide_low, entry.unit, entry.group) == (GROWTH.guide_low, GROWTH.unit, "other")
