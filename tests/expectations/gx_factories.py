"""Small valid frames for the expectation tests; each test breaks one thing."""

from __future__ import annotations

from datetime import date

import polars as pl

SNAP = date(2026, 8, 31)
LANES = ("llm_genai", "research", "ml_general")


def postings(n: int = 60) -> pl.DataFrame:
    """Enriched postings: every fourth is not AI/ML (so no specialization); salaries on two thirds."""
    rows = []
    for i in range(n):
        ai = i % 4 != 3
        salaried = i % 3 != 0
        mid = 100_000.0 + 1_000 * i
        rows.append(
            {
                "source": "greenhouse",
                "board": f"board{i % 3}",
                "native_id": str(i),
                "title": f"Machine Learning Engineer {i}",
                "is_ai_ml": ai,
                "specialization": LANES[i % len(LANES)] if ai else None,
                "seniority": ("junior", "mid", "senior", "staff_principal")[i % 4],
                "experience_min_years": float(i % 8),
                "skills": ["python"],
                "salary_min": mid - 10_000 if salaried else None,
                "salary_max": mid + 10_000 if salaried else None,
                "salary_currency": "USD" if salaried else None,
                "salary_period": "YEAR" if salaried else None,
                "salary_kind": "base" if salaried else None,
                "salary_annual_usd_min": mid - 10_000 if salaried else None,
                "salary_annual_usd_max": mid + 10_000 if salaried else None,
                "salary_annual_usd_mid": mid if salaried else None,
            }
        )
    return pl.DataFrame(rows)


def skill_shares() -> pl.DataFrame:
    rows = []
    for segment_type, segment in (("overall", "all"), *(("specialization", lane) for lane in LANES)):
        for j, skill in enumerate(("python", "pytorch", "rag")):
            n, k = 200, 20 + 60 * j
            suppressed = segment == "research" and skill == "rag"
            share = k / n
            rows.append(
                {
                    "snapshot_date": SNAP,
                    "window_days": 90,
                    "segment_type": segment_type,
                    "segment": segment,
                    "skill": skill,
                    "n_postings": n,
                    "n_mentions": k,
                    "share": None if suppressed else share,
                    "share_ci_low": None if suppressed else share - 0.04,
                    "share_ci_high": None if suppressed else share + 0.04,
                    "suppressed": suppressed,
                    "methodology_version": "2026.11-1",
                }
            )
    return pl.DataFrame(rows)


def salary_percentiles() -> pl.DataFrame:
    rows = []
    for segment_type, segment in (("overall", "all"), *(("specialization", lane) for lane in LANES)):
        suppressed = segment == "research"
        row = {
            "snapshot_date": SNAP,
            "window_days": 90,
            "segment_type": segment_type,
            "segment": segment,
            "population": "us_posted",
            "n": 3 if suppressed else 120,
            "suppressed": suppressed,
            "suppression_reason": "n < 30" if suppressed else None,
            "methodology_version": "2026.11-1",
        }
        for q in (10, 25, 50, 75, 90):
            value = None if suppressed else 100_000.0 + 2_000 * q
            row[f"salary_p{q}_usd_annual"] = value
            row[f"salary_p{q}_ci_low_usd_annual"] = None if value is None else value - 5_000
            row[f"salary_p{q}_ci_high_usd_annual"] = None if value is None else value + 5_000
        rows.append(row)
    return pl.DataFrame(rows)
