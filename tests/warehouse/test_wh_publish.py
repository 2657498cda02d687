"""Publishing: a new file swapped in atomically while readers of the old one keep reading."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import wh_factories as f

from warehouse.db import connect, fetch_one, run_transaction
from warehouse.load import load_board, start_run, write_enriched, write_marts
from warehouse.publish import publish_snapshot
from warehouse.queries import latest_snapshot, open_published, snapshot_dates

PROJECT_ROOT = Path(__file__).resolve().parents[2]
D1, D2, D3 = date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)

# A separate process (DuckDB's file lock is per process) that opens the published file read-only, reads, waits
# for the parent's go-ahead, reads again on the SAME connection, then opens the path afresh.
READER = """
import json, sys
from warehouse.queries import latest_snapshot, open_published
path = sys.argv[1]
con = open_published(path)
def read(c):
    n = c.execute("SELECT count(*) FROM mart_salary_percentiles").fetchall()[0][0]
    return {"snapshot": latest_snapshot(c).isoformat(), "salary_rows": n}
print(json.dumps(read(con)), flush=True)
sys.stdin.readline()
print(json.dumps(read(con)), flush=True)
fresh = open_published(path)
print(json.dumps(read(fresh)), flush=True)
"""


@pytest.fixture
def con(tmp_path: Path):
    with connect(tmp_path / "w.duckdb") as c:
        yield c


def _run(con, snap: date, seed: int) -> None:
    ps = f.postings("greenhouse", "acme", range(seed * 5, seed * 5 + 12))
    with run_transaction(con):
        load_board(con, f"r{seed}", "greenhouse", "acme", ps, f.T0)
        write_enriched(con, f.enriched(ps, seed))
        write_marts(con, snap, f.skill_shares(snap, seed), f.salary_percentiles(snap, seed))


def test_reader_keeps_the_old_file_while_a_new_one_is_published(con, tmp_path: Path) -> None:
    published = tmp_path / "jobpulse.published.duckdb"
    _run(con, D1, 1)
    publish_snapshot(con, published, D1, run_id="r1")
    old_inode = os.stat(published).st_ino

    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
    )
    try:
        first = json.loads(reader.stdout.readline())
        assert first["snapshot"] == D1.isoformat()
        # The reader holds the old file open (shared read lock) while we publish the next snapshot.
        _run(con, D2, 2)
        publication = publish_snapshot(con, published, D2, run_id="r2")
        assert os.stat(published).st_ino != old_inode
        out, err = reader.communicate("go\n", timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, err
    same_connection, reopened = (json.loads(line) for line in out.splitlines())
    assert same_connection == first  # the old snapshot, untouched, still readable
    assert reopened["snapshot"] == D2.isoformat()
    # History: the new file carries the earlier published snapshot too.
    assert reopened["salary_rows"] == f.salary_percentiles(D1, 1).height + f.salary_percentiles(D2, 2).height
    assert publication.n_salary_rows == f.salary_percentiles(D2, 2).height
    rows = con.execute("SELECT snapshot_date, run_id FROM publications ORDER BY published_at").fetchall()
    assert rows == [(D1, "r1"), (D2, "r2")]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unpublished_snapshot_dates_never_reach_the_published_file(con, tmp_path: Path) -> None:
    published = tmp_path / "pub.duckdb"
    _run(con, D1, 1)
    publish_snapshot(con, published, D1)
    _run(con, D2, 2)  # written but (say) blocked by validation: never published
    _run(con, D3, 3)
    publish_snapshot(con, published, D3)
    with open_published(published) as pub:
        assert snapshot_dates(pub) == [D1, D3]
        assert latest_snapshot(pub) == D3
        n_ai = fetch_one(pub, "SELECT count(*) FROM postings_ai_ml")[0]
        tables = {r[0] for r in pub.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    expected_ai = fetch_one(con, "SELECT count(*) FROM postings_enriched WHERE is_ai_ml")[0]
    assert n_ai == expected_ai
    assert {"publication", "mart_guide_figures", "runs_summary", "validation", "postings_ai_ml"} <= tables


def test_history_is_rebuilt_from_publications_when_the_published_file_is_gone(con, tmp_path: Path) -> None:
    published = tmp_path / "pub.duckdb"
    _run(con, D1, 1)
    publish_snapshot(con, published, D1)
    published.unlink()
    _run(con, D2, 2)
    publish_snapshot(con, published, D2)
    with open_published(published) as pub:
        assert snapshot_dates(pub) == [D1, D2]


def test_publish_refuses_inside_the_run_transaction_and_without_marts(con, tmp_path: Path) -> None:
    published = tmp_path / "pub.duckdb"
    with pytest.raises(RuntimeError, match="after the run transaction"), run_transaction(con):
        publish_snapshot(con, published, D1)
    with pytest.raises(ValueError, match="nothing to publish"):
        publish_snapshot(con, published, D1)
    assert not published.exists()
    start_run(con, "r1", f.T0)  # the connection is usable again after the refused publish


def test_a_reader_of_the_warehouse_gets_a_clear_error_while_a_writer_holds_it(con, tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from warehouse.db import WarehouseBusyError, connect\n"
        "try:\n"
        "    connect(sys.argv[1], read_only=True)\n"
        "except WarehouseBusyError:\n"
        "    print('busy')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "w.duckdb")],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == "busy"
