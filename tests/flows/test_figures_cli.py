"""``jobpulse figures``: the table and the JSON rows, read from a published file built in tmp_path."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
import typer
from typer.testing import CliRunner

from flows.figures_cli import register
from transforms.figures import MART_COLUMNS, guide_figures_mart
from warehouse.db import connect
from warehouse.figures import copy_guide_figures, write_guide_figures

SNAP = date(2026, 3, 31)


def _enriched(n: int) -> pl.DataFrame:
    rng = random.Random(4)
    opened = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {
            "source": "greenhouse",
            "board": "acme",
            "native_id": str(i),
            "first_seen_at": opened,
            "last_seen_at": opened,
            "closed_at": None,
            "is_ai_ml": True,
            "specialization": rng.choice(["llm_genai", "ml_general"]),
            "seniority": rng.choice(["mid", "senior"]),
            "experience_min_years": rng.choice([None, 3, 6]),
            "skills": rng.sample(["python", "aws"], rng.randint(0, 2)),
            "salary_annual_usd_mid": float(rng.randrange(120_000, 260_000, 1000)),
            "salary_estimated": False,
            "is_us": True,
            "company": "Acme",
            "title": "ML Engineer",
        }
        for i in range(n)
    ]
    return pl.DataFrame(
        rows, schema_overrides={"closed_at": pl.Datetime("us", "UTC"), "experience_min_years": pl.Int64}
    )


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, pl.DataFrame]:
    warehouse = tmp_path / "w.duckdb"
    mart = guide_figures_mart(_enriched(200), SNAP, n_boot=50)
    with connect(warehouse) as con:
        write_guide_figures(con, SNAP, mart)
        pub = duckdb.connect(str(tmp_path / "w.published.duckdb"))
        pub.execute("CREATE TABLE publication AS SELECT ?::DATE AS snapshot_date", [SNAP])
        copy_guide_figures(con, pub, SNAP)
        pub.close()
    return warehouse, mart


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command, so typer keeps "figures" as a sub-command like the real CLI
        """Unused."""

    return app


def test_json_rows_have_exactly_the_mart_columns_and_values(published) -> None:
    warehouse, mart = published
    result = CliRunner().invoke(_app(), ["figures", "--json", "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [tuple(r) for r in rows] == [MART_COLUMNS] * mart.height
    assert [r["figure_id"] for r in rows] == mart["figure_id"].to_list()
    assert rows[0]["snapshot_date"] == "2026-03-31"
    assert [r["live_value"] for r in rows] == mart["live_value"].to_list()  # unrounded


def test_table_shows_guide_live_n_and_status(published) -> None:
    warehouse, mart = published
    result = CliRunner().invoke(_app(), ["figures", "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    median = mart.filter(pl.col("figure_id") == "median_us_salary").row(0, named=True)
    line = next(x for x in result.stdout.splitlines() if x.startswith("Median US salary"))
    assert "$187.5K" in line  # the guide value as printed, not rounded
    assert f"${median['live_value'] / 1000:,.0f}K" in line
    assert line.rstrip().endswith(median["status"])
    assert f"{median['n']:,}" in line
    assert "methodology" in result.stdout


def test_missing_published_file_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["figures", "--warehouse", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
