"""Great Expectations 1.x suites, as code, for the enriched postings and the two marts.

Each expectation carries a severity: GX ``critical`` blocks publishing, GX ``warning`` (reported as ``warn``)
is recorded only. Suites are built fresh per validation (cheap: no I/O) from the constants in
:mod:`expectations.vocabulary`. Great Expectations is imported lazily (it takes seconds), so importing this
module costs nothing until a suite is built.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from expectations.vocabulary import (
    PERCENTILES,
    POSTING_KEY,
    SALARY_ANNUAL_USD_MAX,
    SALARY_ANNUAL_USD_MIN,
    SALARY_BOUNDS_MOSTLY,
    SALARY_KINDS,
    SALARY_PERCENTILES_KEY,
    SALARY_PERIODS,
    SEGMENT_TYPES,
    SENIORITIES,
    SKILL_SHARES_KEY,
    SPECIALIZATIONS,
)

if TYPE_CHECKING:
    import great_expectations as gx

POSTINGS = "postings"
SKILL_SHARES = "mart_skill_shares"
SALARY_PERCENTILES = "mart_salary_percentiles"
SUITE_NAMES: tuple[str, ...] = (POSTINGS, SKILL_SHARES, SALARY_PERCENTILES)

CRITICAL = "critical"
WARN = "warning"  # GX's spelling; reported as "warn"


def _e(kind: str, severity: str, **kwargs: Any) -> Any:
    import great_expectations.expectations as gxe

    return getattr(gxe, kind)(severity=severity, **kwargs)


def _not_null(columns: tuple[str, ...] | list[str], severity: str = CRITICAL) -> list[Any]:
    return [_e("ExpectColumnValuesToNotBeNull", severity, column=c) for c in columns]


def _a_ge_b(a: str, b: str, severity: str = CRITICAL) -> Any:
    """a >= b on every row where both are present (nulls are suppressed cells or absent salaries)."""
    return _e(
        "ExpectColumnPairValuesAToBeGreaterThanB",
        severity,
        column_A=a,
        column_B=b,
        or_equal=True,
        ignore_row_if="either_value_is_missing",
    )


def _suite(name: str, expectations: list[Any]) -> gx.ExpectationSuite:
    import great_expectations as gx

    suite = gx.ExpectationSuite(name=name)
    for expectation in expectations:
        suite.add_expectation(expectation)
    return suite


def postings_suite() -> gx.ExpectationSuite:
    """Enriched postings (one row per posting key): keys, title, role labels, salary sanity."""
    from great_expectations.expectations.row_conditions import Column

    return _suite(
        POSTINGS,
        [
            *_not_null(POSTING_KEY),
            _e("ExpectCompoundColumnsToBeUnique", CRITICAL, column_list=list(POSTING_KEY)),
            *_not_null(["title", "is_ai_ml"]),
            # specialization is set iff the posting is AI/ML (one lane per AI/ML posting, none otherwise).
            # `Column(...) == True` builds a GX row condition (its DSL overloads ==); it is not a Python test.
            _e(
                "ExpectColumnValuesToNotBeNull",
                CRITICAL,
                column="specialization",
                row_condition=Column("is_ai_ml") == True,  # noqa: E712
            ),
            _e(
                "ExpectColumnValuesToBeNull",
                CRITICAL,
                column="specialization",
                row_condition=Column("is_ai_ml") == False,  # noqa: E712
            ),
            _e(
                "ExpectColumnValuesToBeInSet",
                CRITICAL,
                column="specialization",
                value_set=list(SPECIALIZATIONS),
            ),
            _e("ExpectColumnValuesToBeInSet", CRITICAL, column="seniority", value_set=list(SENIORITIES)),
            _e("ExpectColumnValuesToNotBeNull", WARN, column="seniority"),
            _e(
                "ExpectColumnValuesToBeBetween",
                CRITICAL,
                column="experience_min_years",
                min_value=0,
                max_value=40,
            ),
            _a_ge_b("salary_max", "salary_min"),
            _a_ge_b("salary_annual_usd_max", "salary_annual_usd_mid"),
            _a_ge_b("salary_annual_usd_mid", "salary_annual_usd_min"),
            _e(
                "ExpectColumnValuesToBeBetween",
                CRITICAL,
                column="salary_annual_usd_mid",
                min_value=SALARY_ANNUAL_USD_MIN,
                max_value=SALARY_ANNUAL_USD_MAX,
                mostly=SALARY_BOUNDS_MOSTLY,
            ),
            _e("ExpectColumnValuesToBeInSet", WARN, column="salary_period", value_set=list(SALARY_PERIODS)),
            _e("ExpectColumnValuesToBeInSet", WARN, column="salary_kind", value_set=list(SALARY_KINDS)),
            _e("ExpectColumnValuesToMatchRegex", WARN, column="salary_currency", regex=r"^[A-Z]{3}$"),
        ],
    )


def skill_shares_suite() -> gx.ExpectationSuite:
    """mart_skill_shares (snapshot_date × segment_type × segment × skill): keys, shares, intervals, counts."""
    return _suite(
        SKILL_SHARES,
        [
            *_not_null(SKILL_SHARES_KEY),
            _e("ExpectCompoundColumnsToBeUnique", CRITICAL, column_list=list(SKILL_SHARES_KEY)),
            _e("ExpectColumnValuesToBeInSet", CRITICAL, column="segment_type", value_set=list(SEGMENT_TYPES)),
            *(
                _e("ExpectColumnValuesToBeBetween", CRITICAL, column=c, min_value=0, max_value=1)
                for c in ("share", "share_ci_low", "share_ci_high")
            ),
            _a_ge_b("share", "share_ci_low"),
            _a_ge_b("share_ci_high", "share"),
            *_not_null(["n_postings", "n_mentions", "methodology_version"]),
            _e("ExpectColumnValuesToBeBetween", CRITICAL, column="n_postings", min_value=0),
            _e("ExpectColumnValuesToBeBetween", CRITICAL, column="n_mentions", min_value=0),
            _a_ge_b("n_postings", "n_mentions"),
            _e(
                "ExpectColumnUniqueValueCountToBeBetween",
                WARN,
                column="snapshot_date",
                min_value=1,
                max_value=1,
            ),
        ],
    )


def salary_percentiles_suite() -> gx.ExpectationSuite:
    """mart_salary_percentiles (snapshot_date × segment_type × segment × population): keys, n, monotone
    percentiles, each inside its interval."""
    ordered = [f"salary_p{q}_usd_annual" for q in PERCENTILES]
    return _suite(
        SALARY_PERCENTILES,
        [
            *_not_null(SALARY_PERCENTILES_KEY),
            _e("ExpectCompoundColumnsToBeUnique", CRITICAL, column_list=list(SALARY_PERCENTILES_KEY)),
            _e("ExpectColumnValuesToBeInSet", CRITICAL, column="segment_type", value_set=list(SEGMENT_TYPES)),
            *_not_null(["n", "methodology_version"]),
            _e("ExpectColumnValuesToBeBetween", CRITICAL, column="n", min_value=0),
            # p10 <= p25 <= p50 <= p75 <= p90, as adjacent pairs.
            *(_a_ge_b(hi, lo) for lo, hi in pairwise(ordered)),
            *(
                check
                for q in PERCENTILES
                for check in (
                    _a_ge_b(f"salary_p{q}_usd_annual", f"salary_p{q}_ci_low_usd_annual"),
                    _a_ge_b(f"salary_p{q}_ci_high_usd_annual", f"salary_p{q}_usd_annual"),
                )
            ),
            _e(
                "ExpectColumnValuesToBeBetween",
                WARN,
                column="salary_p50_usd_annual",
                min_value=SALARY_ANNUAL_USD_MIN,
                max_value=SALARY_ANNUAL_USD_MAX,
            ),
            _e(
                "ExpectColumnUniqueValueCountToBeBetween",
                WARN,
                column="snapshot_date",
                min_value=1,
                max_value=1,
            ),
        ],
    )


def all_suites() -> dict[str, gx.ExpectationSuite]:
    """The three suites by name (also the name of the frame each one validates)."""
    return {
        POSTINGS: postings_suite(),
        SKILL_SHARES: skill_shares_suite(),
        SALARY_PERCENTILES: salary_percentiles_suite(),
    }
