"""The ids and bounds the expectations check against.

Taxonomy ids are those of shared/spec/taxonomy.yaml (version 1), which transforms/enrich emits; the segment
types and population are those transforms/marts.py writes. Kept here as plain constants so the checks do not
import the transforms they guard (a bug there must not silently widen what counts as valid).
"""

from __future__ import annotations

SPECIALIZATIONS: tuple[str, ...] = (
    "llm_genai",
    "mlops_platform",
    "inference",
    "research",
    "computer_vision",
    "safety_alignment",
    "data_feature",
    "ml_general",
)
SENIORITIES: tuple[str, ...] = ("intern", "junior", "mid", "senior", "staff_principal", "manager")
SALARY_PERIODS: tuple[str, ...] = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")
SALARY_KINDS: tuple[str, ...] = ("base", "ote", "total", "unknown")
SEGMENT_TYPES: tuple[str, ...] = ("overall", "specialization", "seniority")

# Plausible annual USD pay of one AI/ML job (midpoint of the posted range). Below 10k is almost surely a
# mis-annualised hourly/monthly figure or a parse of something that is not pay; above 2M a parse of a funding
# round or a typo.
SALARY_ANNUAL_USD_MIN = 10_000
SALARY_ANNUAL_USD_MAX = 2_000_000
# Share of salaried postings allowed outside those bounds before the check fails: one odd posting in a
# hundred should be investigated (it is recorded) but not hold back the whole nightly publish.
SALARY_BOUNDS_MOSTLY = 0.99

POSTING_KEY: tuple[str, ...] = ("source", "board", "native_id")
SKILL_SHARES_KEY: tuple[str, ...] = ("snapshot_date", "segment_type", "segment", "skill")
SALARY_PERCENTILES_KEY: tuple[str, ...] = ("snapshot_date", "segment_type", "segment", "population")
PERCENTILES: tuple[int, ...] = (10, 25, 50, 75, 90)
