"""warehouse.export_tables: every format opens in Polars / DuckDB / openpyxl and matches the mart exactly."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest
from guide_factories import publish_guide
from polars.testing import assert_frame_equal

from transforms.guide_tables import TABLES_COLUMNS, TABLES_SCHEMA
from warehouse.export_tables import (
    TABLE_NAMES,
    attribution,
    export_guide_markdown,
    export_guide_tables,
    format_span,
    format_value,
    window_text,
)

SNAP = date(2026, 3, 31)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("guide_export")
    published, figures, tables = publish_guide(folder, SNAP)
    paths = export_guide_tables(published, folder / "out")
    return published, figures, tables, {p.name: p for p in paths}


def expected(tables: pl.DataFrame, name: str) -> pl.DataFrame:
    return tables.filter(pl.col("table_name") == name)


def test_formatting_helpers() -> None:
    assert format_value(187_500, "usd_annual") == "$188K"
    assert format_value(187_500, "usd_annual", exact=True) == "$187.5K"
    assert format_value(503e9, "usd") == "$503B"
    assert format_value(0.78, "fraction") == "78%" and format_value(0.052, "fraction") == "5.2%"
    assert format_span(122_000, 265_000, "usd_annual") == "$122K–$265K"
    assert format_span(None, None, "usd") == "—" and format_value(None, "usd") == "—"
    assert window_text(date(2026, 11, 26), 90) == "2026-08-29 to 2026-11-26"


def test_every_file_is_written(exported) -> None:
    *_, paths = exported
    names = {f"guide_{t}_{SNAP}.{ext}" for t in TABLE_NAMES for ext in ("csv", "parquet", "json", "md")}
    assert set(paths) == names | {f"guide_tables_{SNAP}.xlsx"}


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_parquet_and_csv_match_the_mart_in_polars_and_duckdb(exported, name: str) -> None:
    _, _, tables, paths = exported
    want = expected(tables, name)
    parquet = pl.read_parquet(paths[f"guide_{name}_{SNAP}.parquet"])
    assert parquet["source_attribution"].unique().to_list() == [
        attribution(SNAP, 90, want["methodology_version"][0])
    ]
    assert_frame_equal(parquet.drop("source_attribution"), want)
    csv = pl.read_csv(
        paths[f"guide_{name}_{SNAP}.csv"], schema={**TABLES_SCHEMA, "source_attribution": pl.String}
    )
    assert_frame_equal(csv.drop("source_attribution"), want)
    via_duckdb = duckdb.sql(f"SELECT * FROM '{paths[f'guide_{name}_{SNAP}.parquet']}'").pl()
    assert_frame_equal(via_duckdb.drop("source_attribution"), want)
    csv_duckdb = duckdb.sql(
        f"SELECT count(*), sum(n) FROM read_csv_auto('{paths[f'guide_{name}_{SNAP}.csv']}')"
    )
    assert csv_duckdb.fetchall() == [(want.height, want["n"].sum())]


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_json_matches_the_mart(exported, name: str) -> None:
    _, _, tables, paths = exported
    want = expected(tables, name)
    got = pl.read_json(
        paths[f"guide_{name}_{SNAP}.json"], schema={**TABLES_SCHEMA, "source_attribution": pl.String}
    )
    assert_frame_equal(got.drop("source_attribution"), want)


def test_xlsx_opens_in_openpyxl_and_matches_the_mart(exported) -> None:
    _, _, tables, paths = exported
    book = openpyxl.load_workbook(paths[f"guide_tables_{SNAP}.xlsx"], read_only=True)
    assert book.sheetnames == ["about", *TABLE_NAMES]
    about = {row[0]: row[1] for row in book["about"].iter_rows(values_only=True)}
    assert about["window_days"] == 90 and about["methodology_version"] == tables["methodology_version"][0]
    assert about["snapshot_date"].date() == SNAP
    for name in TABLE_NAMES:
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0]) == [*TABLES_COLUMNS, "source_attribution"]
        want = expected(tables, name)
        for got, row in zip(rows[1:], want.iter_rows(named=True), strict=True):
            cells = dict(zip(rows[0], got, strict=True))
            assert cells["snapshot_date"].date() == row["snapshot_date"]
            for col in TABLES_COLUMNS:
                if col != "snapshot_date":
                    assert cells[col] == row[col], (name, col)


def test_markdown_table_shows_each_row_with_n_and_intervals(exported) -> None:
    _, _, tables, paths = exported
    text = paths[f"guide_compensation_{SNAP}.md"].read_text(encoding="utf-8")
    assert f"Snapshot {SNAP}" in text and "methodology" in text and "Live: jobpulse" in text
    for r in expected(tables, "compensation").iter_rows(named=True):
        line = next(x for x in text.splitlines() if x.startswith(f"| {r['label']} |"))
        assert f"| {r['n']:,} |" in line and r["status"] in line
        if r["salary_p50_usd_annual"] is not None:
            ci = format_span(r["salary_p50_ci_low_usd_annual"], r["salary_p50_ci_high_usd_annual"], "usd")
            assert f"{format_value(r['salary_p50_usd_annual'], 'usd')} ({ci})" in line


def test_guide_markdown_has_a_footnote_with_n_and_interval_per_figure(exported, tmp_path: Path) -> None:
    published, figures, _, _ = exported
    text = export_guide_markdown(published, tmp_path / "guide.md").read_text(encoding="utf-8")
    for r in figures.iter_rows(named=True):
        assert f"[^{r['figure_id']}]:" in text and f"[^{r['figure_id']}]" in text.split("\n[^")[0]
    median = figures.filter(pl.col("figure_id") == "median_us_salary").row(0, named=True)
    note = re.search(r"^\[\^median_us_salary\]: (.*)$", text, re.M).group(1)
    assert f"n = {median['n']:,}" in note
    assert format_span(median["ci_low"], median["ci_high"], "usd_annual") in note
    assert f"- **Median US salary**: {format_value(median['live_value'], 'usd_annual')}" in text
    quoted = re.search(r"^\[\^market_size_2030\]: (.*)$", text, re.M).group(1)
    assert "Not recomputed" in quoted and "Statista" in quoted


def test_unknown_format_and_missing_file_fail(exported, tmp_path: Path) -> None:
    published, *_ = exported
    with pytest.raises(ValueError):
        export_guide_tables(published, tmp_path, ["docx"])
    with pytest.raises(FileNotFoundError):
        export_guide_tables(tmp_path / "none.duckdb", tmp_path)
