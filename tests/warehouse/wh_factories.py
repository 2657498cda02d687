"""Builders of small, internally consistent inputs for the warehouse tests (postings, enrichment, marts)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import polars as pl

from extractors.posting import Posting

T0 = datetime(2026, 1, 31, 3, 0, tzinfo=UTC)
SPECIALIZATIONS = ("llm_genai", "mlops_platform", "research")
SKILLS = ("python", "pytorch", "kubernetes", "sql")


def posting(source: str, board: str, native_id: str, title: str = "Machine Learning Engineer") -> Posting:
    return Posting(
        source=source,
        board=board,
        native_id=native_id,
        url=f"https://boards.example/{board}/{native_id}",
        title=title,
        company=board.title(),
        locations=("New York, NY", "Remote"),
        remote=None,
        description_text=f"Build models with Python and PyTorch. Posting {native_id}.",
        posted_at=T0,
        fetched_at=T0,
        salary_structured={"min": 150000, "max": 200000, "currency": "USD"},
        raw_sha256="0" * 64,
    )


def postings(source: str, board: str, ids: range | list[int], title: str = "Machine Learning Engineer"):
    return [posting(source, board, str(i), title) for i in ids]


def enriched(ps: list[Posting], seed: int = 1) -> pl.DataFrame:
    """One enrichment row per posting; every third is not AI/ML (no specialization then)."""
    rng = random.Random(seed)
    rows = []
    for i, p in enumerate(ps):
        ai = i % 3 != 2
        mid = float(rng.randrange(120_000, 260_000, 1000))
        rows.append(
            {
                "source": p.source,
                "board": p.board,
                "native_id": p.native_id,
                "title": p.title,  # extra column: the warehouse ignores it
                "is_ai_ml": ai,
                "specialization": SPECIALIZATIONS[i % len(SPECIALIZATIONS)] if ai else None,
                "seniority": "senior" if i % 2 else "mid",
                "experience_min_years": float(i % 6),
                "skills": list(SKILLS[: 1 + i % len(SKILLS)]),
                "salary_min": mid - 20_000,
                "salary_max": mid + 20_000,
                "salary_currency": "USD",
                "salary_period": "YEAR",
                "salary_kind": "base",
                "salary_estimated": False,
                "salary_annual_usd_min": mid - 20_000,
                "salary_annual_usd_max": mid + 20_000,
                "salary_annual_usd_mid": mid,
                "fx_rate_date": date(2026, 1, 2),
                "country": "US",
                "us_state": "NY",
                "is_us": True,
                "enrich_version": "test-1",
            }
        )
    return pl.DataFrame(rows)


def skill_shares(snapshot_date: date, seed: int = 1) -> pl.DataFrame:
    """A consistent skill-share mart: shares in [0, 1] inside their intervals."""
    rng = random.Random(seed)
    rows = []
    for segment_type, segments in (("overall", ("all",)), ("specialization", SPECIALIZATIONS)):
        for segment in segments:
            n = rng.randrange(50, 500)
            for skill in SKILLS:
                k = rng.randrange(0, n + 1)
                share = k / n
                rows.append(
                    {
                        "snapshot_date": snapshot_date,
                        "window_days": 90,
                        "segment_type": segment_type,
                        "segment": segment,
                        "skill": skill,
                        "n_postings": n,
                        "n_mentions": k,
                        "share": share,
                        "share_ci_low": max(0.0, share - 0.05),
                        "share_ci_high": min(1.0, share + 0.05),
                        "suppressed": False,
                        "methodology_version": "m-test",
                    }
                )
    return pl.DataFrame(rows)


def salary_percentiles(snapshot_date: date, seed: int = 1) -> pl.DataFrame:
    """A consistent salary mart: p10 <= ... <= p90, each inside its interval."""
    rng = random.Random(seed)
    rows = []
    for segment_type, segments in (("overall", ("all",)), ("specialization", SPECIALIZATIONS)):
        for segment in segments:
            ps = sorted(rng.uniform(90_000, 400_000) for _ in range(5))
            row = {
                "snapshot_date": snapshot_date,
                "window_days": 90,
                "segment_type": segment_type,
                "segment": segment,
                "population": "us_posted",
                "n": rng.randrange(40, 900),
                "suppressed": False,
                "suppression_reason": None,
                "methodology_version": "m-test",
            }
            for q, value in zip((10, 25, 50, 75, 90), ps, strict=True):
                row[f"salary_p{q}_usd_annual"] = value
                row[f"salary_p{q}_ci_low_usd_annual"] = value * 0.95
                row[f"salary_p{q}_ci_high_usd_annual"] = value * 1.05
            rows.append(row)
    return pl.DataFrame(rows)
