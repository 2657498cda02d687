"""transforms.figures: the registry, the comparison rules and mart_guide_figures on hand-built postings."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from typing import Any

import polars as pl
import pytest
from enriched_frames import ENRICHED_SCHEMA

from transforms.figures import (
    MART_COLUMNS,
    METHODOLOGY_VERSION,
    STATUS_AGREES,
    STATUS_DIFFERS,
    STATUS_INSUFFICIENT,
    STATUS_QUOTED,
    STATUSES,
    figure_registry,
    figure_spec,
    guide_figures_mart,
    guide_figures_series,
    point_status,
    range_status,
    salary_suppression_reason,
)
from transforms.guide import guide_figures
from transforms.stats import order_statistic_ranks, percentile, wilson_interval

AS_OF = date(2026, 11, 26)
OPEN = datetime(2026, 10, 1, tzinfo=UTC)

SCHEMA: dict[str, pl.DataType] = {
    **ENRICHED_SCHEMA,
    "company": pl.String(),
    "title": pl.String(),
}


def posting(i: int, **over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "source": "greenhouse",
        "board": "acme",
        "native_id": str(i),
        "first_seen_at": OPEN,
        "last_seen_at": OPEN,
        "closed_at": None,
        "is_ai_ml": True,
        "specialization": "ml_general",
        "seniority": "mid",
        "experience_min_years": None,
        "skills": [],
        "salary_annual_usd_mid": None,
        "salary_estimated": False,
        "is_us": True,
        "company": "Acme",
        "title": "ML Engineer",
    }
    row.update(over)
    return row


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SCHEMA)


def spec(**raw: Any):
    base = {"id": "f", "group": "test", "label": "f", "guide_text": "t", "guide_source": "s"}
    return figure_spec({**base, **raw})


# ------------------------------------------------------------------------------------------- comparison


def test_point_status_bounds_are_inclusive_and_ranges_overlap() -> None:
    assert point_status(0.5, 0.5, 0.4, 0.5) == STATUS_AGREES
    assert point_status(0.51, 0.51, 0.4, 0.5) == STATUS_DIFFERS
    assert point_status(0.30, 0.50, 0.45, 0.60) == STATUS_AGREES  # overlap
    assert point_status(0.30, 0.50, 0.51, 0.60) == STATUS_DIFFERS  # disjoint


def test_range_status_each_end_and_open_high() -> None:
    assert range_status(100, 200, (90, 110), (190, 210)) == STATUS_AGREES
    assert range_status(100, 200, (101, 110), (190, 210)) == STATUS_DIFFERS
    assert range_status(100, 200, (90, 110), (150, 199)) == STATUS_DIFFERS
    # "$200K+": a floor; live high end above it agrees, entirely below it differs.
    assert range_status(100, 200, (90, 110), (250, 300), open_high=True) == STATUS_AGREES
    assert range_status(100, 200, (90, 110), (150, 199), open_high=True) == STATUS_DIFFERS


# --------------------------------------------------------------------------------------------- registry


def test_registry_loads_with_unique_ids_and_known_statistics() -> None:
    specs = figure_registry()
    ids = [s.id for s in specs]
    assert len(ids) == len(set(ids))
    groups = {s.group for s in specs}
    assert {"headline", "skill_share", "specialization_band", "compensation_row", "quoted"} <= groups
    assert all(s.guide_low <= s.guide_high for s in specs)
    assert all(len(s.q) == 2 for s in specs if s.statistic == "percentile_range")


def test_guide_figures_keeps_the_dashboard_shape() -> None:
    g = guide_figures()
    assert g["headline"]["median_us_salary"]["guide_value"] == 187500
    assert g["headline"]["middle_80_us_salary"]["guide_value"] == [122000, 265000]
    assert g["skill_shares"]["python"]["guide_value"] == 0.98  # first Python figure wins over "60-65%"
    assert g["specialization_bands"]["research"] == [180000, 350000]


def test_bad_registry_entries_raise() -> None:
    with pytest.raises(ValueError):
        spec(guide_value=1, statistic="mean", population="ai_ml")
    with pytest.raises(ValueError):
        spec(guide_value=1, statistic="share", population="everyone")


# ------------------------------------------------------------------------------------------------ mart


def test_share_figure_matches_wilson_by_hand() -> None:
    rows = [posting(i, skills=["python"] if i < 30 else ["sql"]) for i in range(40)]
    rows.append(posting(99, skills=["python"], is_ai_ml=False))  # not in the population
    f = spec(guide_value=0.98, statistic="share", skills=["python"], population="ai_ml")
    row = guide_figures_mart(frame(rows), AS_OF, registry=[f]).row(0, named=True)
    low, high = wilson_interval(30, 40)
    assert (row["n"], row["n_matching"], row["live_value"]) == (40, 30, 0.75)
    assert (row["ci_low"], row["ci_high"]) == (low, high)
    assert row["status"] == STATUS_DIFFERS  # 0.98 is above the interval (about 0.60..0.86)


def test_share_any_and_all_and_years() -> None:
    rows = [
        posting(i, skills=["aws"] if i % 2 else ["gcp", "python"], experience_min_years=i % 8)
        for i in range(40)
    ]
    rows += [posting(100 + i, experience_min_years=None) for i in range(10)]
    any_cloud = spec(id="a", guide_value=1.0, statistic="share", skills=["aws", "gcp"], population="ai_ml")
    both = spec(
        id="b", guide_value=0.5, statistic="share", skills=["gcp", "python"], match="all", population="ai_ml"
    )
    stated = spec(
        id="c", guide_value=0.5, statistic="share", years_at_least=5, population="ai_ml_years_stated"
    )
    every = spec(id="d", guide_value=0.5, statistic="share", years_at_least=5, population="ai_ml")
    mart = guide_figures_mart(frame(rows), AS_OF, registry=[any_cloud, both, stated, every])
    got = {r["figure_id"]: (r["n"], r["n_matching"]) for r in mart.iter_rows(named=True)}
    # years i % 8 for i < 40: values 5, 6, 7 occur 5 times each -> 15 of 40 stated; 15 of 50 overall.
    assert got == {"a": (50, 40), "b": (50, 20), "c": (40, 15), "d": (50, 15)}
    assert mart["status"][0] == STATUS_DIFFERS  # 40/50 vs a guide of 100%


def test_percentile_figure_and_range_by_hand() -> None:
    salaries = [100_000.0 + 1_000 * i for i in range(50)]  # 100K..149K
    rows = [posting(i, salary_annual_usd_mid=s) for i, s in enumerate(salaries)]
    rows.append(posting(98, salary_annual_usd_mid=500_000.0, salary_estimated=True))  # estimates never mix
    rows.append(posting(99, salary_annual_usd_mid=500_000.0, is_us=False))
    med = spec(id="med", guide_value=125000, statistic="percentile", q=0.5, population="us_posted")
    mid80 = spec(
        id="r",
        guide_value=[105000, 144000],
        statistic="percentile_range",
        q=[0.1, 0.9],
        population="us_posted",
    )
    mart = guide_figures_mart(frame(rows), AS_OF, registry=[med, mid80])
    m, r = mart.row(0, named=True), mart.row(1, named=True)
    lo, hi = order_statistic_ranks(50, 0.5)
    assert m["live_value"] == percentile(salaries, 0.5) == 124_500.0
    assert (m["ci_low"], m["ci_high"]) == (salaries[lo - 1], salaries[hi - 1])
    assert m["status"] == STATUS_AGREES and m["n"] == 50
    assert r["live_value"] is None
    assert r["live_low"] == pytest.approx(104_900.0) and r["live_high"] == pytest.approx(144_100.0)
    l10, u10 = order_statistic_ranks(50, 0.1)
    assert (r["live_low_ci_low"], r["live_low_ci_high"]) == (salaries[l10 - 1], salaries[u10 - 1])
    assert r["status"] == STATUS_AGREES


def test_filters_min_years_inclusive_and_seniority_list() -> None:
    rows = [
        posting(i, salary_annual_usd_mid=100_000.0 + i, experience_min_years=[1, 2, 4, 5][i % 4], seniority=s)
        for i, s in zip(range(200), ["junior", "intern", "senior", "mid"] * 50, strict=True)
    ]
    years = spec(
        id="y",
        guide_value=[0, 1],
        statistic="percentile_range",
        q=[0.1, 0.9],
        population="us_posted",
        filter={"min_years": [2, 4]},
    )
    entry = spec(
        id="e",
        guide_value=[0, 1],
        statistic="percentile_range",
        q=[0.1, 0.9],
        population="us_posted",
        filter={"seniority": ["intern", "junior"]},
    )
    mart = guide_figures_mart(frame(rows), AS_OF, registry=[years, entry])
    assert mart["n"].to_list() == [100, 100]


def test_insufficient_and_empty_populations() -> None:
    rows = [posting(i, salary_annual_usd_mid=150_000.0) for i in range(39)]  # one below the floor of 40
    med = spec(id="med", guide_value=150000, statistic="percentile", q=0.5, population="us_posted")
    lane = spec(
        id="lane",
        guide_value=[1, 2],
        statistic="percentile_range",
        q=[0.25, 0.75],
        population="us_posted",
        filter={"specialization": "research"},
    )
    share = spec(id="sh", guide_value=0.5, statistic="share", skills=["python"], population="ai_ml_dl")
    mart = guide_figures_mart(frame(rows), AS_OF, registry=[med, lane, share])
    assert mart["status"].to_list() == [STATUS_INSUFFICIENT] * 3
    assert mart["n"].to_list() == [39, 0, 0]
    assert mart["suppression_reason"].to_list() == ["n_below_min"] * 3
    assert mart.select("live_value", "ci_low", "live_low", "live_high").null_count().row(0) == (3, 3, 3, 3)


def test_all_equal_salaries_agree_exactly() -> None:
    rows = [posting(i, salary_annual_usd_mid=150_000.0) for i in range(40)]
    med = spec(id="med", guide_value=150000, statistic="percentile", q=0.5, population="us_posted")
    row = guide_figures_mart(frame(rows), AS_OF, registry=[med]).row(0, named=True)
    assert (row["live_value"], row["ci_low"], row["ci_high"], row["status"]) == (
        150000,
        150000,
        150000,
        "agrees",
    )


def test_window_excludes_closed_and_future_postings() -> None:
    rows = [posting(i, skills=["python"]) for i in range(30)]
    rows.append(posting(50, closed_at=datetime(2026, 1, 1, tzinfo=UTC)))
    rows.append(posting(51, first_seen_at=datetime(2026, 12, 1, tzinfo=UTC)))
    f = spec(guide_value=1.0, statistic="share", skills=["python"], population="ai_ml")
    row = guide_figures_mart(frame(rows), AS_OF, registry=[f]).row(0, named=True)
    assert (row["n"], row["live_value"], row["status"]) == (30, 1.0, STATUS_AGREES)


def synthetic(n: int, seed: int) -> pl.DataFrame:
    rng = random.Random(seed)
    lanes = ["llm_genai", "inference", "research", "ml_general", "ml_general", None]
    rows = [
        posting(
            i,
            is_ai_ml=rng.random() < 0.9,
            specialization=rng.choice(lanes),
            seniority=rng.choice(["junior", "mid", "senior", "staff_principal", None]),
            experience_min_years=rng.choice([None, 1, 3, 5, 8]),
            skills=rng.sample(["python", "pytorch", "aws", "gcp", "deep_learning"], rng.randint(0, 3)),
            salary_annual_usd_mid=float(round(rng.lognormvariate(12.0, 0.3), -3)),
            salary_estimated=rng.random() < 0.1,
            is_us=rng.random() < 0.8,
        )
        for i in range(n)
    ]
    return frame(rows)


def test_real_registry_mart_shape_and_statuses() -> None:
    mart = guide_figures_mart(synthetic(1500, 1), AS_OF, n_boot=200)
    assert tuple(mart.columns) == MART_COLUMNS
    assert mart["figure_id"].to_list() == [s.id for s in figure_registry()]
    assert set(mart["status"].to_list()) <= set(STATUSES)
    assert mart["methodology_version"].unique().to_list() == [METHODOLOGY_VERSION]
    assert mart["snapshot_date"].unique().to_list() == [AS_OF]
    quoted = mart.filter(pl.col("status") == STATUS_QUOTED)
    assert quoted["n"].null_count() == quoted.height and quoted["note"].null_count() == 0
    units = dict(zip(mart["figure_id"], mart["unit"], strict=True))
    assert (units["market_size_2030"], units["share_tech_sector"], units["median_us_salary"]) == (
        "usd",
        "fraction",
        "usd_annual",
    )
    premium = mart.filter(pl.col("figure_id") == "specialist_premium").row(0, named=True)
    assert (
        premium["status"] != STATUS_INSUFFICIENT
        and premium["ci_low"] <= premium["live_value"] <= premium["ci_high"]
    )
    band = mart.filter(pl.col("figure_id") == "salary_sweet_spot").row(0, named=True)
    assert band["live_high"] - band["live_low"] == 40000


def test_mart_is_bit_identical_across_runs_and_row_order() -> None:
    data = synthetic(800, 2)
    a = guide_figures_mart(data, AS_OF, n_boot=200)
    b = guide_figures_mart(data.sample(fraction=1.0, shuffle=True, seed=5), AS_OF, n_boot=200)
    assert a.equals(b)
    assert a.write_ipc(None).getvalue() == b.write_ipc(None).getvalue()


def test_shares_skip_postings_without_text_when_the_flag_is_given() -> None:
    rows = [posting(i, skills=["python"]) for i in range(30)] + [posting(100 + i) for i in range(20)]
    flagged = frame(rows).with_columns((pl.col("native_id").cast(pl.Int64) < 100).alias("has_description"))
    f = spec(guide_value=1.0, statistic="share", skills=["python"], population="ai_ml")
    without_flag = guide_figures_mart(frame(rows), AS_OF, registry=[f]).row(0, named=True)
    with_flag = guide_figures_mart(flagged, AS_OF, registry=[f]).row(0, named=True)
    assert (without_flag["n"], without_flag["live_value"]) == (50, 0.6)
    assert (with_flag["n"], with_flag["live_value"]) == (30, 1.0)


def test_salary_suppression_reason_by_hand() -> None:
    spread = [100_000.0 + 1_000 * i for i in range(40)]
    assert salary_suppression_reason(spread, [0.1, 0.9]) is None  # n = 40, median interval narrow
    assert salary_suppression_reason(spread[:39], [0.5]) == "n_below_min"
    assert salary_suppression_reason([], [0.5]) == "n_below_min"
    wild = [1_000.0] * 20 + [1_000_000.0] * 20  # the median's interval spans 1K..1M: far wider than 50%
    assert salary_suppression_reason(wild, [0.5]) == "interval_too_wide"
    # q = 0.01 has no 95% order-statistic interval at n = 40 (0.99^40 > 0.025)
    assert salary_suppression_reason(spread, [0.01]) == "interval_unavailable"


def test_series_is_point_in_time() -> None:
    early, late = date(2026, 6, 30), date(2026, 11, 26)
    may, july, october = (datetime(2026, m, d, tzinfo=UTC) for m, d in ((5, 1), (7, 15), (10, 1)))
    rows = [posting(i, skills=["python"], first_seen_at=may, closed_at=july) for i in range(30)]
    rows += [posting(100 + i, first_seen_at=october) for i in range(30)]
    f = spec(guide_value=1.0, statistic="share", skills=["python"], population="ai_ml")
    series = guide_figures_series(frame(rows), [late, early, late], registry=[f])
    assert series["snapshot_date"].to_list() == [early, late]
    # Early: only the 30 python postings were open. Late: they closed in July; 30 newer ones have no python.
    assert series["n"].to_list() == [30, 30]
    assert series["live_value"].to_list() == [1.0, 0.0]
    assert guide_figures_series(frame(rows), [], registry=[f]).columns == list(MART_COLUMNS)
