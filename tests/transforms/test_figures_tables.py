"""transforms.guide_tables: the guide's salary tables with full live distributions, on hand-built postings."""

from __future__ import annotations

import polars as pl
from test_figures_mart import AS_OF, frame, posting, spec, synthetic

from transforms.figures import STATUS_INSUFFICIENT, guide_figures_mart
from transforms.guide_tables import TABLES_COLUMNS, guide_salary_tables
from transforms.stats import order_statistic_ranks, percentile


def test_row_percentiles_and_intervals_by_hand() -> None:
    salaries = [100_000.0 + 1_000 * i for i in range(60)]
    rows = [posting(i, specialization="research", salary_annual_usd_mid=s) for i, s in enumerate(salaries)]
    rows += [posting(100 + i, specialization="inference", salary_annual_usd_mid=500_000.0) for i in range(5)]
    lane = spec(
        id="band_research",
        group="specialization_band",
        guide_value=[115000, 145000],
        statistic="percentile_range",
        q=[0.25, 0.75],
        population="us_posted",
        filter={"specialization": "research"},
    )
    row = guide_salary_tables(frame(rows), AS_OF, registry=[lane]).row(0, named=True)
    assert (row["table_name"], row["row_order"], row["n"], row["filter"]) == (
        "specialization",
        1,
        60,
        "specialization=research",
    )
    for q, lab in ((0.1, "p10"), (0.25, "p25"), (0.5, "p50"), (0.75, "p75"), (0.9, "p90")):
        low, high = order_statistic_ranks(60, q)
        assert row[f"salary_{lab}_usd_annual"] == percentile(salaries, q)
        assert row[f"salary_{lab}_ci_low_usd_annual"] == salaries[low - 1]
        assert row[f"salary_{lab}_ci_high_usd_annual"] == salaries[high - 1]
    assert (
        row["status"] == "agrees"
    )  # p25 = 114,750 and p75 = 144,250: both guide ends inside their intervals


def test_suppressed_rows_keep_n_and_null_percentiles() -> None:
    rows = [posting(i, seniority="junior", salary_annual_usd_mid=120_000.0 + i) for i in range(10)]
    entry = spec(
        id="comp_entry_junior",
        group="compensation_row",
        guide_value=[100000, 140000],
        statistic="percentile_range",
        q=[0.1, 0.9],
        population="us_posted",
        filter={"seniority": ["intern", "junior"]},
    )
    row = guide_salary_tables(frame(rows), AS_OF, registry=[entry]).row(0, named=True)
    assert (row["n"], row["status"], row["suppression_reason"]) == (10, STATUS_INSUFFICIENT, "n_below_min")
    assert all(row[c] is None for c in TABLES_COLUMNS if c.startswith("salary_"))


def test_real_registry_tables_agree_with_the_figures_mart_and_are_deterministic() -> None:
    data = synthetic(2000, 7)
    tables = guide_salary_tables(data, AS_OF)
    assert tuple(tables.columns) == TABLES_COLUMNS
    assert tables["table_name"].to_list() == ["specialization"] * 7 + ["compensation"] * 7
    figures = guide_figures_mart(data, AS_OF, n_boot=20)
    joined = tables.join(
        figures.select("figure_id", pl.col("status").alias("fig_status"), "n"), on="figure_id"
    )
    assert joined.height == 14
    assert (joined["status"] == joined["fig_status"]).all() and (joined["n"] == joined["n_right"]).all()
    again = guide_salary_tables(data.sample(fraction=1.0, shuffle=True, seed=3), AS_OF)
    assert tables.equals(again)
