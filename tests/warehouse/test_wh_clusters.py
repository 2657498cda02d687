"""warehouse.clusters on a real DuckDB: Posting.extra stored, dedup input read back, clusters written and
joined into the marts' input, all inside the run transaction."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
import wh_factories as f

from extractors.posting import Posting
from transforms.dedup import posting_clusters
from transforms.marts import salary_percentiles
from warehouse.clusters import dedup_input, write_clusters, write_posting_extra
from warehouse.db import connect, run_transaction, to_frame
from warehouse.load import load_board, write_enriched
from warehouse.marts_input import enriched_postings

T1 = f.T0
T2 = f.T0 + timedelta(days=28)


@pytest.fixture
def con(tmp_path: Path):
    with connect(tmp_path / "w.duckdb") as c:
        yield c


def gh(native_id: str, requisition: str | None, job: int, **over) -> Posting:
    """A Greenhouse post of Acme's one ML Engineer title in New York, with its ids in extra."""
    p = f.posting("greenhouse", "acme", native_id)
    extra = {"requisition_id": requisition, "internal_job_id": job, "updated_at": "2026-01-30T10:00:00Z"}
    return dataclasses.replace(p, company="Acme", locations=("New York, NY",), extra=extra, **over)


def test_posting_extra_keeps_the_newest_version(con) -> None:
    first = [gh("1", "R-1", 11), gh("2", None, 12)]
    with run_transaction(con):
        load_board(con, "r1", "greenhouse", "acme", first, T1)
        assert write_posting_extra(con, first, T1) == 2
    newer = [gh("1", "R-1b", 11)]
    write_posting_extra(con, newer, T2)
    write_posting_extra(con, [gh("1", "R-old", 11)], T1 - timedelta(days=30))  # late backfill: ignored
    frame = dedup_input(con)
    assert frame.select("native_id", "requisition_id", "internal_job_id").rows() == [
        ("1", "R-1b", "11"),
        ("2", None, "12"),
    ]
    assert to_frame(con, "SELECT count(*) AS n FROM posting_extra")["n"][0] == 2


def test_posting_extra_leaves_out_who_posted(con) -> None:
    hn = dataclasses.replace(f.posting("hn", "41129813", "7"), extra={"author": "someone", "roles": ["MLE"]})
    load_board(con, "r1", "hn", "41129813", [hn], T1)
    write_posting_extra(con, [hn])
    stored = to_frame(con, "SELECT extra::VARCHAR AS extra FROM posting_extra")["extra"][0]
    assert json.loads(stored) == {"roles": ["MLE"]}


def test_dedup_input_has_every_posting_and_the_posted_salary_flag(con) -> None:
    ps = [gh("1", "R-1", 11), gh("2", "R-2", 12)]
    load_board(con, "r1", "greenhouse", "acme", ps, T1)
    load_board(con, "r2", "greenhouse", "acme", ps[1:], T2)  # post 1 closes: still dedup input
    enriched = f.enriched(ps).with_columns(
        pl.Series("salary_estimated", [False, True])  # post 2's pay is a board estimate
    )
    write_enriched(con, enriched)
    frame = dedup_input(con)
    assert frame["native_id"].to_list() == ["1", "2"]
    assert frame["has_posted_salary"].to_list() == [True, False]
    assert frame["requisition_id"].to_list() == [None, None]  # no posting_extra rows yet
    assert frame.schema["locations"] == pl.List(pl.String)


def test_clusters_flow_into_the_marts_input_and_count_a_job_once(con) -> None:
    reposted = gh("200", "R-1", 22)  # the same requisition reposted under a new post and job id
    other = gh("300", "R-9", 33)  # another opening with the same title and place
    board_copy = dataclasses.replace(
        f.posting("themuse", "all", "m1"), company="Acme Inc.", locations=("New York, New York, USA",)
    )
    ats = [gh("100", "R-1", 11), reposted, other]
    with run_transaction(con):
        load_board(con, "r1", "greenhouse", "acme", ats, T1)
        load_board(con, "r1", "themuse", "all", [board_copy], T1)
        write_posting_extra(con, [*ats, board_copy], T1)
        write_enriched(con, f.enriched([*ats, board_copy]))
        clusters = posting_clusters(dedup_input(con))
        assert write_clusters(con, clusters) == 4
        frame = enriched_postings(con)
    ids = dict(zip(frame["native_id"], frame["cluster_id"], strict=True))
    assert ids["100"] == ids["200"] != ids["300"]
    assert ids["m1"] in (ids["100"], ids["300"])  # the id-less copy joins one opening, never both
    assert frame.group_by("cluster_id").agg(pl.col("is_representative").sum())["is_representative"].max() == 1
    stored = to_frame(con, "SELECT * FROM posting_clusters ORDER BY native_id")
    assert stored["cluster_urls"].list.len().max() >= 2 and stored["computed_at"].null_count() == 0
    ai = frame.with_columns(pl.lit(True).alias("is_ai_ml"), pl.lit(False).alias("salary_estimated"))
    n_jobs = salary_percentiles(ai, date(2026, 2, 1)).filter(pl.col("segment_type") == "overall")["n"][0]
    assert n_jobs == 2  # four postings, two jobs


def test_write_clusters_replaces_the_table_and_rolls_back_with_the_run(con) -> None:
    ps = [gh("1", "R-1", 11), gh("2", "R-1", 11)]
    load_board(con, "r1", "greenhouse", "acme", ps, T1)
    write_posting_extra(con, ps, T1)
    write_clusters(con, posting_clusters(dedup_input(con)))
    before = to_frame(con, "SELECT native_id, cluster_id FROM posting_clusters ORDER BY native_id")
    assert before["cluster_id"].n_unique() == 1
    with pytest.raises(RuntimeError), run_transaction(con):
        write_clusters(con, posting_clusters(dedup_input(con)).head(1))
        assert to_frame(con, "SELECT count(*) AS n FROM posting_clusters")["n"][0] == 1
        raise RuntimeError("the run fails later")
    assert to_frame(con, "SELECT native_id, cluster_id FROM posting_clusters ORDER BY native_id").equals(
        before
    )
    with pytest.raises(ValueError, match="duplicate"):
        write_clusters(con, pl.concat([posting_clusters(dedup_input(con))] * 2))
    with pytest.raises(ValueError, match="lacks columns"):
        write_clusters(con, posting_clusters(dedup_input(con)).drop("cluster_urls"))
