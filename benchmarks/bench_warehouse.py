"""Timings of the warehouse and validation layers at nightly scale (prints seconds; not a test).

Run: .venv/bin/python benchmarks/bench_warehouse.py [N_POSTINGS]
Synthetic postings (~1 KB description each) on one board, in a fresh DuckDB file in a temp folder.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from extractors.posting import Posting
from warehouse.db import connect, run_transaction
from warehouse.load import load_board, write_enriched, write_marts
from warehouse.marts_input import enriched_postings
from warehouse.publish import publish_snapshot

T0 = datetime(2026, 8, 31, 3, tzinfo=UTC)
LANES = ("llm_genai", "mlops_platform", "inference", "research", "ml_general")


def _postings(ids: range, title: str = "Machine Learning Engineer") -> list[Posting]:
    body = "We build and serve large models with Python, PyTorch and Kubernetes. " * 14
    return [
        Posting(
            "greenhouse",
            "bench",
            str(i),
            f"https://example.org/{i}",
            title if i % 7 else f"Senior {title}",
            "Bench",
            ("San Francisco, CA",),
            None,
            body,
            T0,
            T0,
            {"min": 150000},
            "0" * 64,
        )
        for i in ids
    ]


def _enriched(ps: list[Posting]) -> pl.DataFrame:
    rng = random.Random(0)
    n = len(ps)
    mids = [float(rng.randrange(90_000, 400_000, 500)) for _ in range(n)]
    return pl.DataFrame(
        {
            "source": [p.source for p in ps],
            "board": [p.board for p in ps],
            "native_id": [p.native_id for p in ps],
            "title": [p.title for p in ps],
            "is_ai_ml": [True] * n,
            "specialization": [LANES[i % len(LANES)] for i in range(n)],
            "seniority": ["senior" if i % 2 else "mid" for i in range(n)],
            "skills": [["python", "pytorch"] for _ in range(n)],
            "salary_min": [m - 20_000 for m in mids],
            "salary_max": [m + 20_000 for m in mids],
            "salary_currency": ["USD"] * n,
            "salary_period": ["YEAR"] * n,
            "salary_kind": ["base"] * n,
            "salary_estimated": [False] * n,
            "salary_annual_usd_min": [m - 20_000 for m in mids],
            "salary_annual_usd_max": [m + 20_000 for m in mids],
            "salary_annual_usd_mid": mids,
            "is_us": [True] * n,
            "enrich_version": ["bench"] * n,
        }
    )


def _timed(label: str, fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    out = fn()
    print(f"{label:<58} {time.perf_counter() - start:7.2f} s")
    return out


def main(n: int) -> None:
    from transforms.marts import salary_percentiles, skill_shares

    folder = Path(tempfile.mkdtemp(prefix="jp-bench-"))
    con = connect(folder / "w.duckdb")
    first = _postings(range(n))
    churned = _postings(range(n // 20, n + n // 20), "ML Engineer")  # 5% closed, 5% new, all retitled
    print(f"{n} postings, warehouse in {folder}")
    _timed(
        "load_board: first load (all new)", lambda: load_board(con, "b1", "greenhouse", "bench", first, T0)
    )
    _timed(
        "load_board: same snapshot again (no-op)",
        lambda: load_board(con, "b1", "greenhouse", "bench", first, T0),
    )
    counts = _timed(
        "load_board: next month (5% new, 5% closed, all updated)",
        lambda: load_board(con, "b2", "greenhouse", "bench", churned, T0 + timedelta(days=30)),
    )
    print(f"  counts: {counts}")
    _timed("write_enriched", lambda: write_enriched(con, _enriched(churned)))
    snap = date(2026, 9, 30)
    with run_transaction(con):
        frame = _timed("enriched_postings (read the marts' input)", lambda: enriched_postings(con))
        shares = _timed(
            "transforms.marts.skill_shares",
            lambda: skill_shares(frame, snap, 90, skill_ids=["python", "pytorch"]),
        )
        salaries = _timed("transforms.marts.salary_percentiles", lambda: salary_percentiles(frame, snap, 90))
        _timed("write_marts", lambda: write_marts(con, snap, shares, salaries))
    _timed("import great_expectations (once per process)", lambda: __import__("great_expectations"))
    from expectations import validate

    report = _timed(
        "validate (3 suites, postings frame of n rows)", lambda: validate(frame, shares, salaries)
    )
    print(f"  success: {report.success}, {len(report.results)} results")
    _timed(
        "publish_snapshot (build file + atomic swap)",
        lambda: publish_snapshot(con, folder / "pub.duckdb", snap),
    )
    con.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40_000)
