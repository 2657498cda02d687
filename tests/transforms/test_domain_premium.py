"""The domain premium (transforms.premiums.domain_premium) and the two domain figures of mart_guide_figures,
on hand-computed cases."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import polars as pl
import pytest
from enriched_frames import ENRICHED_SCHEMA

from transforms.figures import (
    REASON_NOT_ENRICHED,
    STATUS_AGREES,
    STATUS_DIFFERS,
    STATUS_INSUFFICIENT,
    figure_registry,
    figure_spec,
    guide_figures_mart,
)
from transforms.premiums import domain_premium
from transforms.stats import REASON_N_BELOW_MIN, wilson_interval

AS_OF = date(2026, 11, 26)
OPEN = datetime(2026, 10, 1, tzinfo=UTC)

# ---------------------------------------------------------------------------------------------- statistic


def test_ties_and_even_counts_by_hand() -> None:
    # domain median (100 + 120) / 2 = 110; all = six 100s and two 120s -> median (100 + 100) / 2 = 100.
    est = domain_premium([100.0, 100.0, 120.0, 120.0], [100.0, 100.0, 100.0, 100.0], n_boot=0)
    assert est.value == pytest.approx(0.10, abs=1e-12)
    assert (est.n_domain, est.n_all, est.ci_low, est.ci_high) == (4, 8, None, None)


def test_overall_median_includes_the_domain_postings() -> None:
    # all = 90, 100, 100, 110, 120, 130, 140 -> 110; domain median 130 -> 130 / 110 - 1.
    est = domain_premium([120.0, 130.0, 140.0], [100.0, 100.0, 90.0, 110.0], n_boot=0)
    assert est.value == pytest.approx(130 / 110 - 1, abs=1e-12)


def test_n1_domain_and_degenerate_interval() -> None:
    # all = 100, 150 -> 125; 150 / 125 - 1 = 0.2; every resample of one value is that value.
    est = domain_premium([150.0], [100.0], n_boot=100, seed=4)
    assert est.value == pytest.approx(0.2)
    assert est.ci_low == pytest.approx(0.2) and est.ci_high == pytest.approx(0.2)
    only = domain_premium([150.0], [], n_boot=50, seed=4)  # the domain is the whole population
    assert (only.value, only.ci_low, only.ci_high, only.n_all) == (0.0, 0.0, 0.0, 1)


def test_empty_domain_or_population_has_no_value() -> None:
    assert domain_premium([], [100.0, 120.0], n_boot=50).value is None
    est = domain_premium([], [], n_boot=50)
    assert (est.value, est.ci_low, est.n_domain, est.n_all) == (None, None, 0, 0)


def test_non_positive_median_or_non_finite_salary_raises() -> None:
    with pytest.raises(ValueError):
        domain_premium([0.0], [0.0, 0.0], n_boot=0)
    with pytest.raises(ValueError):
        domain_premium([float("nan")], [100.0], n_boot=0)


def test_interval_is_seeded_and_matches_a_plain_bootstrap() -> None:
    rng = np.random.default_rng(0)
    dom = np.round(rng.lognormal(12.1, 0.3, 150), -3).tolist()
    oth = np.round(rng.lognormal(12.0, 0.3, 900), -3).tolist()
    a = domain_premium(dom, oth, n_boot=1000, seed=11)
    b = domain_premium(list(reversed(dom)), list(reversed(oth)), n_boot=1000, seed=11)
    assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high)  # bit-identical; input order does not matter
    assert a.ci_low <= a.value <= a.ci_high
    # The same stratified bootstrap written plainly (another generator): bounds agree within Monte Carlo
    # error.
    plain = np.random.default_rng(5)
    d, o = np.asarray(dom), np.asarray(oth)
    reps = []
    for _ in range(1000):
        dd, oo = plain.choice(d, d.size), plain.choice(o, o.size)
        reps.append(np.median(dd) / np.median(np.concatenate([dd, oo])) - 1)
    low, high = np.quantile(reps, [0.025, 0.975])
    assert a.ci_low == pytest.approx(low, abs=0.02) and a.ci_high == pytest.approx(high, abs=0.02)


# ------------------------------------------------------------------------------------------------ figures


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
        "domain": None,
        "asks_domain_expertise": False,
    }
    row.update(over)
    return row


SCHEMA: dict[str, pl.DataType] = {
    **ENRICHED_SCHEMA,
    "domain": pl.String(),
    "asks_domain_expertise": pl.Boolean(),
}


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SCHEMA)


def registry_spec(figure_id: str):
    return next(s for s in figure_registry() if s.id == figure_id)


def test_registry_makes_both_claims_live() -> None:
    share, premium = registry_spec("share_domain_expert"), registry_spec("domain_premium")
    assert (share.statistic, share.flag, share.population) == ("share", "asks_domain_expertise", "ai_ml")
    assert share.note is not None and "precision" in share.note and "2026-11-26" in share.note
    assert (premium.statistic, premium.population, premium.domains) == (
        "domain_premium",
        "us_posted",
        ("finance", "healthcare"),
    )
    assert premium.unit == "fraction"


def test_flag_share_by_hand_null_flag_counts_as_no() -> None:
    rows = [posting(i, asks_domain_expertise=i < 24) for i in range(40)]
    rows[39]["asks_domain_expertise"] = None
    rows.append(posting(99, asks_domain_expertise=True, is_ai_ml=False))  # not in the population
    spec = registry_spec("share_domain_expert")
    row = guide_figures_mart(frame(rows), AS_OF, registry=[spec]).row(0, named=True)
    low, high = wilson_interval(24, 40)
    assert (row["n"], row["n_matching"], row["live_value"]) == (40, 24, 0.6)
    assert (row["ci_low"], row["ci_high"]) == (low, high)
    assert row["status"] == STATUS_AGREES  # 0.577 is inside about 0.45..0.74
    assert row["note"] == spec.note


def test_domain_premium_figure_by_hand() -> None:
    # 40 finance/healthcare postings at 120k, 40 legal + 40 no-domain postings at 100k: overall median 100k,
    # premium 0.2, every resample identical -> interval [0.2, 0.2], inside the guide's 15-25%.
    rows = [
        posting(i, domain="finance" if i < 20 else "healthcare", salary_annual_usd_mid=120e3)
        for i in range(40)
    ]
    rows += [posting(100 + i, domain="legal", salary_annual_usd_mid=100e3) for i in range(40)]
    rows += [posting(200 + i, salary_annual_usd_mid=100e3) for i in range(40)]
    rows.append(posting(300, domain="finance", salary_annual_usd_mid=900e3, is_us=False))  # not US
    row = guide_figures_mart(frame(rows), AS_OF, n_boot=100, registry=[registry_spec("domain_premium")]).row(
        0, named=True
    )
    assert (row["n"], row["n_matching"]) == (120, 40)
    assert row["live_value"] == pytest.approx(0.2)
    assert row["ci_low"] == pytest.approx(0.2) and row["ci_high"] == pytest.approx(0.2)
    assert row["status"] == STATUS_AGREES and "finance + healthcare n=40 of 120" in row["note"]


def test_domain_premium_differs_and_small_domain_is_suppressed() -> None:
    spec = figure_spec(
        {
            "id": "p",
            "group": "other",
            "label": "p",
            "guide_text": "t",
            "guide_source": "s",
            "guide_value": [0.15, 0.25],
            "statistic": "domain_premium",
            "population": "us_posted",
            "domains": ["healthcare"],
        }
    )
    same = [posting(i, domain="healthcare", salary_annual_usd_mid=100e3) for i in range(40)]
    same += [posting(100 + i, salary_annual_usd_mid=100e3) for i in range(40)]
    row = guide_figures_mart(frame(same), AS_OF, n_boot=50, registry=[spec]).row(0, named=True)
    assert (row["live_value"], row["status"]) == (0.0, STATUS_DIFFERS)  # no premium at all
    small = same[:39] + same[40:]  # 39 healthcare postings: below the percentile floor of 40
    row = guide_figures_mart(frame(small), AS_OF, n_boot=50, registry=[spec]).row(0, named=True)
    assert (row["status"], row["suppression_reason"], row["n_matching"]) == (
        STATUS_INSUFFICIENT,
        REASON_N_BELOW_MIN,
        39,
    )
    assert row["live_value"] is None
    empty = guide_figures_mart(frame([]), AS_OF, n_boot=50, registry=[spec]).row(0, named=True)
    assert (empty["status"], empty["n"], empty["n_matching"]) == (STATUS_INSUFFICIENT, 0, 0)


def test_figures_without_the_enrichment_columns_are_not_enriched() -> None:
    rows = frame([posting(i, salary_annual_usd_mid=100e3) for i in range(50)])
    old = rows.drop("domain", "asks_domain_expertise")
    specs = [registry_spec("share_domain_expert"), registry_spec("domain_premium")]
    mart = guide_figures_mart(old, AS_OF, n_boot=20, registry=specs)
    assert mart["status"].to_list() == [STATUS_INSUFFICIENT] * 2
    assert mart["suppression_reason"].to_list() == [REASON_NOT_ENRICHED] * 2
    assert mart["n"].to_list() == [50, 50]
