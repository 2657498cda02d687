"""Builders for the guide-mart tests: enriched postings and a published file holding both guide marts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from transforms.figures import guide_figures_mart
from transforms.guide_tables import guide_salary_tables
from warehouse.db import connect
from warehouse.figures import copy_guide_figures, write_guide_figures, write_guide_salary_tables

LANES = ("llm_genai", "research", "inference", "ml_general")


def enriched(n: int, seed: int) -> pl.DataFrame:
    """Enriched postings (the marts' input shape), all open since 2026-01-01, US, posted salaries."""
    rng = random.Random(seed)
    opened = datetime(2026, 1, 1, tzinfo=UTC)
    return pl.DataFrame(
        {
            "source": ["greenhouse"] * n,
            "board": ["acme"] * n,
            "native_id": [str(i) for i in range(n)],
            "first_seen_at": [opened] * n,
            "last_seen_at": [opened] * n,
            "closed_at": [None] * n,
            "is_ai_ml": [True] * n,
            "specialization": [rng.choice(LANES) for _ in range(n)],
            "seniority": [rng.choice(["junior", "mid", "senior"]) for _ in range(n)],
            "experience_min_years": [rng.choice([None, 2, 5, 6]) for _ in range(n)],
            "skills": [rng.sample(["python", "aws", "pytorch"], rng.randint(0, 2)) for _ in range(n)],
            "salary_annual_usd_mid": [float(rng.randrange(100_000, 300_000, 500)) for _ in range(n)],
            "salary_estimated": [False] * n,
            "is_us": [True] * n,
            "company": ["Acme"] * n,
            "title": ["ML Engineer"] * n,
        },
        schema_overrides={"closed_at": pl.Datetime("us", "UTC"), "experience_min_years": pl.Int64},
    )


def publish_guide(
    folder: Path, snap: date, n: int = 400, seed: int = 1
) -> tuple[Path, pl.DataFrame, pl.DataFrame]:
    """A warehouse and its published copy (``<folder>/w.duckdb``, ``w.published.duckdb``) holding one
    snapshot of both guide marts, built the way warehouse.publish would; returns (published path, figures
    mart, tables mart)."""
    data = enriched(n, seed)
    figures = guide_figures_mart(data, snap, n_boot=50)
    tables = guide_salary_tables(data, snap)
    published = folder / "w.published.duckdb"
    with connect(folder / "w.duckdb") as con:
        write_guide_figures(con, snap, figures)
        write_guide_salary_tables(con, snap, tables)
        pub = duckdb.connect(str(published))
        try:
            pub.execute("CREATE TABLE publication AS SELECT ?::DATE AS snapshot_date", [snap])
            copy_guide_figures(con, pub, snap)
        finally:
            pub.close()
    return published, figures, tables
