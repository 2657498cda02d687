"""Read queries over the published file, run_status over the warehouse, and salary exports."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
import wh_factories as f

from warehouse.db import connect, run_transaction
from warehouse.export import export_salaries
from warehouse.load import (
    finish_run,
    load_board,
    record_board_result,
    start_run,
    write_enriched,
    write_marts,
    write_validation,
)
from warehouse.publish import publish_snapshot
from warehouse.queries import (
    headline,
    open_published,
    postings_counts,
    run_status,
    salary_by_specialization,
    salary_trend,
    top_skills,
    validation_results,
)

D1, D2 = date(2026, 1, 31), date(2026, 2, 28)


@pytest.fixture
def warehouse(tmp_path: Path):
    """A warehouse with two published runs (D1, D2) and one failed run in between."""
    published = tmp_path / "pub.duckdb"
    with connect(tmp_path / "w.duckdb") as con:
        for i, (run_id, snap) in enumerate((("r1", D1), ("r2", D2))):
            started = f.T0 + timedelta(days=30 * i)
            start_run(con, run_id, started)
            ps = f.postings("greenhouse", "acme", range(i * 3, i * 3 + 12))
            with run_transaction(con):
                counts = load_board(con, run_id, "greenhouse", "acme", ps, started)
                record_board_result(con, run_id, "greenhouse", "acme", counts, requests=2)
                record_board_result(con, run_id, "lever", "beta", error="ReadTimeout", requests=4)
                write_enriched(con, f.enriched(ps, i + 1))
                write_marts(con, snap, f.skill_shares(snap, i + 1), f.salary_percentiles(snap, i + 1))
            write_validation(
                con,
                run_id,
                [
                    {
                        "suite": "postings",
                        "expectation": "expect_column_values_to_not_be_null",
                        "column": "title",
                        "severity": "critical",
                        "success": True,
                        "observed": {"run": run_id},
                    },
                    {
                        "suite": "postings",
                        "expectation": "expect_column_values_to_be_in_set",
                        "column": "salary_period",
                        "severity": "warn",
                        "success": False,
                        "observed": None,
                    },
                ],
            )
            publish_snapshot(con, published, snap, run_id=run_id)
            finish_run(con, run_id, "succeeded", True, None, finished_at=started + timedelta(minutes=5))
            if i == 0:
                start_run(con, "r1b", started + timedelta(days=1))
                finish_run(con, "r1b", "failed", False, "boom", finished_at=started + timedelta(days=1))
        yield con, published


def test_run_status_has_exactly_the_documented_shape(warehouse) -> None:
    con, _ = warehouse
    status = run_status(con, limit=10)
    json.dumps(status)  # JSON-ready
    assert set(status) == {"published_snapshot", "runs"}
    assert status["published_snapshot"] == D2.isoformat()
    assert [r["run_id"] for r in status["runs"]] == ["r2", "r1b", "r1"]  # newest first
    for run in status["runs"]:
        assert set(run) == {"run_id", "started_at", "finished_at", "status", "published", "boards"}
        assert isinstance(run["published"], bool)
        for board in run["boards"]:
            assert set(board) == {"source", "board", "postings", "new", "closed", "error"}
    r2 = status["runs"][0]
    assert r2["status"] == "succeeded" and r2["published"] is True
    assert r2["started_at"] == (f.T0 + timedelta(days=30)).isoformat()
    assert r2["boards"] == [
        {"source": "greenhouse", "board": "acme", "postings": 12, "new": 3, "closed": 3, "error": None},
        {"source": "lever", "board": "beta", "postings": 0, "new": 0, "closed": 0, "error": "ReadTimeout"},
    ]
    assert status["runs"][1]["boards"] == []
    assert len(run_status(con, limit=1)["runs"]) == 1


def test_run_status_of_an_empty_warehouse(tmp_path: Path) -> None:
    with connect(tmp_path / "empty.duckdb") as con:
        assert run_status(con) == {"published_snapshot": None, "runs": []}


def test_published_queries_answer_from_the_latest_snapshot(warehouse) -> None:
    con, published = warehouse
    mart = f.salary_percentiles(D2, 2)
    overall = mart.filter(pl.col("segment_type") == "overall").row(0, named=True)
    with open_published(published) as pub:
        head = headline(pub)
        assert head is not None
        assert head.snapshot_date == D2 and head.n == overall["n"]
        assert head.p50 == overall["salary_p50_usd_annual"]
        assert (head.p10, head.p90) == (overall["salary_p10_usd_annual"], overall["salary_p90_usd_annual"])
        assert head.p50_ci == (
            overall["salary_p50_ci_low_usd_annual"],
            overall["salary_p50_ci_high_usd_annual"],
        )

        skills = top_skills(pub, limit=3)
        expected = (
            f.skill_shares(D2, 2)
            .filter(pl.col("segment_type") == "overall")
            .sort("share", descending=True)
            .head(3)
        )
        assert skills["skill"].to_list() == expected["skill"].to_list()
        assert {"share_ci_low", "share_ci_high", "n_postings"} <= set(skills.columns)

        by_spec = salary_by_specialization(pub)
        assert sorted(by_spec["segment"].to_list()) == sorted(f.SPECIALIZATIONS)
        assert by_spec["salary_p50_usd_annual"].is_sorted(descending=True)

        trend = salary_trend(pub)
        assert trend["snapshot_date"].to_list() == [D1, D2]

        checks = validation_results(pub)
        assert checks["run_id"].unique().to_list() == ["r2"]
        assert checks.select("column", "success").rows() == [("salary_period", False), ("title", True)]

        counts = postings_counts(pub)
        expected_counts = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE p.closed_at IS NULL) FROM postings_enriched e "
            "JOIN postings p USING (source, board, native_id) WHERE e.is_ai_ml"
        ).fetchall()[0]
        assert (counts.total, counts.open) == expected_counts
        assert 0 < counts.open < counts.total  # the fixture closed some postings in run 2
        assert counts.by_specialization["n_total"].sum() == counts.total


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_export_salaries_round_trips_through_polars(warehouse, tmp_path: Path, fmt: str) -> None:
    _, published = warehouse
    out = export_salaries(published, tmp_path / "out" / f"salaries.{fmt}", fmt)
    mart = f.salary_percentiles(D2, 2)
    if fmt == "csv":
        back = pl.read_csv(out, try_parse_dates=True)
    elif fmt == "parquet":
        back = pl.read_parquet(out)
    else:
        back = pl.read_json(out).with_columns(pl.col("snapshot_date").str.to_date())
    back = back.select(mart.columns).cast(dict(mart.schema), strict=False)
    assert back.sort("segment_type", "segment").equals(mart.sort("segment_type", "segment"))
    assert back["snapshot_date"].unique().to_list() == [D2]
    assert back["methodology_version"].null_count() == 0


def test_export_an_earlier_snapshot_and_refuse_a_missing_one(warehouse, tmp_path: Path) -> None:
    _, published = warehouse
    out = export_salaries(published, tmp_path / "s.parquet", "parquet", snapshot_date=D1)
    assert pl.read_parquet(out)["snapshot_date"].unique().to_list() == [D1]
    with pytest.raises(LookupError):
        export_salaries(published, tmp_path / "x.csv", "csv", snapshot_date=date(2020, 1, 1))
    with pytest.raises(ValueError):
        export_salaries(published, tmp_path / "x.xml", "xml")  # type: ignore[arg-type]
