"""Issue 5 on the whole shared replay set: every derivable figure in mart_guide_figures with n and interval,
exports that match the mart exactly in every format, and a refreshed guide that renders."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from flows.refresh import refresh
from warehouse.export_tables import export_guide_markdown, export_guide_tables
from warehouse.figures import guide_figures, guide_salary_tables
from warehouse.queries import open_published


@pytest.fixture(scope="module")
def replay_published(
    replay_index: Path, prefect_harness: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("replay")
    saved = {k: os.environ.get(k) for k in ("JOBPULSE_RAW_STORE_PATH", "JOBPULSE_HTTP_MIN_SPACING_S")}
    os.environ["JOBPULSE_RAW_STORE_PATH"] = str(root / "raw")
    os.environ["JOBPULSE_HTTP_MIN_SPACING_S"] = "0"
    try:
        report = refresh(
            replay_index=str(replay_index), snapshot="2026-08-31", warehouse_path=str(root / "w.duckdb")
        )
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    assert report.status == "succeeded", report.message
    yield root / "w.published.duckdb"


def test_every_derivable_figure_has_n_and_interval(replay_published: Path) -> None:
    with open_published(replay_published) as con:
        figures = guide_figures(con)
    assert figures.height >= 30 and figures["figure_id"].is_unique().all()
    derivable = figures.filter(pl.col("status") != "quoted")
    quoted = figures.filter(pl.col("status") == "quoted")
    assert derivable.height >= 20 and quoted.height >= 3
    assert derivable["n"].null_count() == 0  # every derivable figure says how many postings stand behind it
    decided = derivable.filter(pl.col("status").is_in(["agrees", "differs"]))
    assert decided.height > 0
    for row in decided.iter_rows(named=True):
        if row["live_value"] is not None:  # a single number: its own interval
            assert row["ci_low"] <= row["live_value"] <= row["ci_high"], row["figure_id"]
        else:  # a range: an interval at each end
            assert row["live_low"] is not None and row["live_high"] is not None, row["figure_id"]
    insufficient = derivable.filter(pl.col("status") == "insufficient data")
    assert insufficient["suppression_reason"].null_count() == 0  # says why
    assert set(figures["snapshot_date"].cast(pl.String)) == {"2026-08-31"}


def test_exports_match_the_mart_in_every_format(replay_published: Path, tmp_path: Path) -> None:
    with open_published(replay_published) as con:
        mart = guide_salary_tables(con)
    written = export_guide_tables(replay_published, tmp_path, ("csv", "parquet", "json", "xlsx", "md"))
    assert {p.suffix for p in written} == {".csv", ".parquet", ".json", ".xlsx", ".md"}
    for name in mart["table_name"].unique().to_list():
        expected = mart.filter(pl.col("table_name") == name)
        (parquet,) = [p for p in written if p.suffix == ".parquet" and f"_{name}_" in p.name]
        got = pl.read_parquet(parquet)
        assert got.drop("source_attribution").equals(expected.select(got.drop("source_attribution").columns))
        assert got.columns[: len(expected.columns)] == expected.columns
        assert got["source_attribution"].null_count() == 0
        via_duckdb = duckdb.sql(f"SELECT * FROM read_parquet('{parquet}')").pl()
        assert via_duckdb.equals(got)
        (csv,) = [p for p in written if p.suffix == ".csv" and f"_{name}_" in p.name]
        assert pl.read_csv(csv, try_parse_dates=True).height == expected.height
        (js,) = [p for p in written if p.suffix == ".json" and f"_{name}_" in p.name]
        rows = json.loads(js.read_text())
        assert [r["n"] for r in rows] == expected["n"].to_list()
    (xlsx,) = [p for p in written if p.suffix == ".xlsx"]
    book = openpyxl.load_workbook(xlsx, read_only=True)
    for name in mart["table_name"].unique().to_list():
        sheet = next(s for s in book.worksheets if name in s.title)
        assert sheet.max_row - 1 == mart.filter(pl.col("table_name") == name).height


def test_refreshed_guide_renders(replay_published: Path, tmp_path: Path) -> None:
    out = export_guide_markdown(replay_published, tmp_path / "guide.md")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#") and "2026-08-31" in text
    assert "Market overview" in text and "Compensation data" in text and "Role specializations" in text
    assert "[^" in text  # footnotes with n and interval
