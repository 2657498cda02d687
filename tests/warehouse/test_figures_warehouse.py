"""warehouse.figures: mart_guide_figures written in the run transaction, published with history, read back."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
from guide_factories import enriched as factory_enriched
from polars.testing import assert_frame_equal

from transforms.figures import MART_COLUMNS, guide_figures_mart
from transforms.guide_tables import guide_salary_tables
from warehouse.db import connect, run_transaction
from warehouse.figures import (
    TABLE,
    TABLES_TABLE,
    copy_guide_figures,
    guide_figures,
    write_guide_figures,
    write_guide_salary_tables,
)
from warehouse.figures import guide_salary_tables as read_tables
from warehouse.queries import open_published

D1, D2, D3 = date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)


def enriched(n: int, seed: int) -> pl.DataFrame:
    """Enriched postings (the marts' input shape), all open since 2026-01-01."""
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
            "specialization": [rng.choice(["llm_genai", "research", "ml_general"]) for _ in range(n)],
            "seniority": [rng.choice(["mid", "senior"]) for _ in range(n)],
            "experience_min_years": [rng.choice([None, 2, 5]) for _ in range(n)],
            "skills": [rng.sample(["python", "aws", "pytorch"], rng.randint(0, 2)) for _ in range(n)],
            "salary_annual_usd_mid": [float(rng.randrange(100_000, 300_000, 1000)) for _ in range(n)],
            "salary_estimated": [False] * n,
            "is_us": [True] * n,
            "company": ["Acme"] * n,
            "title": ["ML Engineer"] * n,
        },
        schema_overrides={"closed_at": pl.Datetime("us", "UTC"), "experience_min_years": pl.Int64},
    )


def mart(snap: date, seed: int) -> pl.DataFrame:
    return guide_figures_mart(enriched(300, seed), snap, n_boot=50)


@pytest.fixture
def con(tmp_path: Path):
    with connect(tmp_path / "w.duckdb") as c:
        yield c


def stored(con, snap: date) -> pl.DataFrame:
    return con.sql(f"SELECT * FROM {TABLE} WHERE snapshot_date = ? ORDER BY figure_order", params=[snap]).pl()


def test_write_round_trips_exactly_and_replaces_the_date(con) -> None:
    first, second = mart(D1, 1), mart(D1, 2)
    assert write_guide_figures(con, D1, first) == first.height
    assert write_guide_figures(con, D1, second) == second.height  # same date: replaced, not appended
    assert_frame_equal(stored(con, D1).select(MART_COLUMNS), second)
    assert stored(con, D1).schema["n"] == pl.Int64


def test_write_joins_the_run_transaction(con) -> None:
    write_guide_figures(con, D1, mart(D1, 1))
    with pytest.raises(RuntimeError), run_transaction(con):
        write_guide_figures(con, D2, mart(D2, 2))
        raise RuntimeError("run failed after the figures were written")
    assert stored(con, D2).is_empty()
    assert stored(con, D1).height == mart(D1, 1).height


def test_write_refuses_wrong_dates_duplicates_and_unknown_columns(con) -> None:
    with pytest.raises(ValueError, match="snapshot dates"):
        write_guide_figures(con, D2, mart(D1, 1))
    frame = mart(D1, 1)
    with pytest.raises(ValueError, match="duplicate"):
        write_guide_figures(con, D1, pl.concat([frame, frame]))
    with pytest.raises(ValueError, match="migration"):
        write_guide_figures(con, D1, frame.with_columns(pl.lit(1).alias("surprise")))


def _published(con, path: Path, snap: date, previous: Path | None) -> None:
    """What warehouse.publish._build does for this table: a new file, previous one attached as prev."""
    pub = duckdb.connect(str(path))
    try:
        pub.execute("CREATE TABLE publication AS SELECT ?::DATE AS snapshot_date", [snap])
        if previous is not None:
            pub.execute(f"ATTACH '{previous}' AS prev (READ_ONLY)")
        copy_guide_figures(con, pub, snap)
        if previous is not None:
            pub.execute("DETACH prev")
    finally:
        pub.close()


def test_publish_carries_history_and_reads_back_exactly(con, tmp_path: Path) -> None:
    for snap, seed in ((D1, 1), (D2, 2), (D3, 3)):
        write_guide_figures(con, snap, mart(snap, seed))
    con.execute(
        "INSERT INTO publications VALUES (current_timestamp, ?, 'r1', 'x', 0, 0, 0)", [D1]
    )  # D1 was published before; D2 never was
    first, second = tmp_path / "p1.duckdb", tmp_path / "p2.duckdb"
    _published(con, first, D3, previous=None)  # no previous file: history from publications
    with open_published(first) as pub:
        assert sorted(
            r[0] for r in pub.execute(f"SELECT DISTINCT snapshot_date FROM {TABLE}").fetchall()
        ) == [
            D1,
            D3,
        ]
        assert_frame_equal(guide_figures(pub), mart(D3, 3))
        assert tuple(guide_figures(pub, D1).columns) == MART_COLUMNS
    write_guide_figures(con, D3, mart(D3, 4))  # a re-run of D3 replaces its rows
    _published(con, second, D3, previous=first)
    with open_published(second) as pub:
        assert_frame_equal(guide_figures(pub), mart(D3, 4))
        assert_frame_equal(guide_figures(pub, D1), mart(D1, 1))
        with pytest.raises(LookupError):
            guide_figures(pub, D2)


def test_salary_tables_round_trip_filter_and_history(tmp_path: Path) -> None:
    first = guide_salary_tables(factory_enriched(300, 1), D1)
    second = guide_salary_tables(factory_enriched(300, 2), D2)
    with connect(tmp_path / "w.duckdb") as con:
        write_guide_salary_tables(con, D1, first)
        write_guide_salary_tables(con, D2, second)
        write_guide_figures(con, D2, mart(D2, 2))
        con.execute("INSERT INTO publications VALUES (current_timestamp, ?, 'r1', 'x', 0, 0, 0)", [D1])
        _published(con, tmp_path / "p.duckdb", D2, previous=None)
        with pytest.raises(ValueError, match="duplicate"):
            write_guide_salary_tables(con, D1, pl.concat([first, first]))
    with open_published(tmp_path / "p.duckdb") as pub:
        assert_frame_equal(read_tables(pub), second)
        assert_frame_equal(read_tables(pub, D1), first)
        comp = read_tables(pub, table_name="compensation")
        assert_frame_equal(comp, second.filter(pl.col("table_name") == "compensation"))
        n_rows = pub.execute(f"SELECT count(*) FROM {TABLES_TABLE}").fetchall()[0][0]
        assert n_rows == first.height + second.height
