"""The marts and the guide figures count a job once when the postings carry their dedup cluster."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import polars as pl
from enriched_frames import ENRICHED_SCHEMA

from transforms.dedup import one_per_job
from transforms.figures import figure_registry, guide_figures_mart
from transforms.marts import salary_percentiles, skill_shares

AS_OF = date(2026, 11, 26)
SCHEMA: dict[str, pl.DataType] = {
    **ENRICHED_SCHEMA,
    "has_description": pl.Boolean(),
    "cluster_id": pl.String(),
    "is_representative": pl.Boolean(),
    "representative_rank": pl.Int64(),
}


def row(native_id: str, cluster: str | None, rank: int | None, **over: Any) -> dict[str, Any]:
    r = {
        "source": "greenhouse",
        "board": "acme",
        "native_id": native_id,
        "first_seen_at": datetime(2026, 10, 1, tzinfo=UTC),
        "last_seen_at": datetime(2026, 11, 25, tzinfo=UTC),
        "closed_at": None,
        "is_ai_ml": True,
        "specialization": "llm_genai",
        "seniority": "senior",
        "experience_min_years": None,
        "skills": ["python"],
        "salary_annual_usd_mid": 200_000.0,
        "salary_estimated": False,
        "is_us": True,
        "has_description": True,
        "cluster_id": cluster,
        "is_representative": None if rank is None else rank == 1,
        "representative_rank": rank,
    }
    return r | over


def postings() -> pl.DataFrame:
    """One job posted three times (an ATS copy with pay and skills, two copies without), plus 40 single jobs
    with a salary each (enough for the percentile cells not to be suppressed)."""
    dup = [
        row("d1", "dup-a", 1, skills=["python", "pytorch"], salary_annual_usd_mid=400_000.0),
        row("d2", "dup-a", 2, skills=["pytorch"], salary_annual_usd_mid=None, salary_estimated=None),
        row("d3", "dup-a", 3, skills=["pytorch"], salary_annual_usd_mid=None, salary_estimated=None),
    ]
    single = [row(f"s{i}", f"dup-s{i}", 1, salary_annual_usd_mid=150_000.0 + 1_000 * i) for i in range(40)]
    return pl.DataFrame(dup + single, schema=SCHEMA)


def overall(frame: pl.DataFrame) -> dict[str, Any]:
    return frame.filter(pl.col("segment_type") == "overall").row(0, named=True)


def test_one_per_job_keeps_the_representative_or_else_the_best_active_copy() -> None:
    frame = postings()
    assert one_per_job(frame)["native_id"].to_list() == ["d1", *(f"s{i}" for i in range(40))]
    # Without its representative (closed before a window, say) the job counts through its next copy.
    assert one_per_job(frame.filter(pl.col("native_id") != "d1"))["native_id"].to_list()[0] == "d2"
    # Not clustered yet (null cluster): each row is its own job; no cluster column: unchanged.
    unclustered = frame.with_columns(pl.lit(None, dtype=pl.String).alias("cluster_id"))
    assert one_per_job(unclustered).height == frame.height
    assert one_per_job(frame.drop("cluster_id")).equals(frame.drop("cluster_id"))
    # Only is_representative available: representatives are kept.
    assert one_per_job(frame.drop("representative_rank")).height == 41


def test_skill_shares_count_a_duplicated_job_once() -> None:
    shares = skill_shares(postings(), AS_OF, skill_ids=["python", "pytorch"])
    pytorch = shares.filter((pl.col("segment_type") == "overall") & (pl.col("skill") == "pytorch")).row(
        0, named=True
    )
    assert (pytorch["n_postings"], pytorch["n_mentions"]) == (41, 1)
    undeduped = skill_shares(postings().drop("cluster_id"), AS_OF, skill_ids=["python", "pytorch"])
    pytorch_raw = undeduped.filter((pl.col("segment_type") == "overall") & (pl.col("skill") == "pytorch"))
    assert (pytorch_raw["n_postings"][0], pytorch_raw["n_mentions"][0]) == (43, 3)


def _copies_with_pay(frame: pl.DataFrame) -> pl.DataFrame:
    """The duplicated job's other copies post the same pay too (an ATS page and a board both showing it)."""
    return frame.with_columns(
        pl.when(pl.col("native_id").is_in(["d2", "d3"]))
        .then(400_000.0)
        .otherwise(pl.col("salary_annual_usd_mid"))
        .alias("salary_annual_usd_mid"),
        pl.lit(False).alias("salary_estimated"),
    )


def test_salary_percentiles_count_a_duplicated_job_once() -> None:
    frame = _copies_with_pay(postings())
    assert overall(salary_percentiles(frame, AS_OF))["n"] == 41
    assert overall(salary_percentiles(frame.drop("cluster_id"), AS_OF))["n"] == 43


def test_a_cluster_whose_representative_closed_before_the_window_still_counts_once() -> None:
    closed = datetime(2026, 6, 1, tzinfo=UTC)
    frame = postings().with_columns(
        pl.when(pl.col("native_id") == "d1")
        .then(pl.lit(closed))
        .otherwise(pl.col("closed_at"))
        .alias("closed_at")
    )
    shares = skill_shares(frame, AS_OF, skill_ids=["pytorch"])
    pytorch = shares.filter((pl.col("segment_type") == "overall") & (pl.col("skill") == "pytorch"))
    assert (pytorch["n_postings"][0], pytorch["n_mentions"][0]) == (41, 1)


def test_guide_figures_count_a_duplicated_job_once() -> None:
    spec = next(s for s in figure_registry() if s.id == "median_us_salary")
    frame = _copies_with_pay(postings())
    deduped = guide_figures_mart(frame, AS_OF, registry=[spec]).row(0, named=True)
    raw = guide_figures_mart(frame.drop("cluster_id"), AS_OF, registry=[spec]).row(0, named=True)
    assert (deduped["n"], raw["n"]) == (41, 43)


def test_a_job_whose_representative_has_no_text_counts_in_skill_shares_through_a_copy_with_text() -> None:
    # The ATS copy (rank 1: it posts the pay) was listed without its description; a board copy has the text.
    frame = postings().with_columns(
        pl.when(pl.col("native_id") == "d1")
        .then(False)
        .otherwise(pl.col("has_description"))
        .alias("has_description")
    )
    shares = skill_shares(frame, AS_OF, skill_ids=["pytorch"])
    pytorch = shares.filter((pl.col("segment_type") == "overall") & (pl.col("skill") == "pytorch"))
    assert (pytorch["n_postings"][0], pytorch["n_mentions"][0]) == (41, 1)
    assert overall(salary_percentiles(frame, AS_OF))["n"] == 41  # the pay still comes from d1
