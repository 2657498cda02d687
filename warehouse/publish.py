"""Publishing a validated snapshot into a separate, read-only DuckDB file the dashboard opens.

Why a separate file: DuckDB lets one process write a database file or many processes read it, never both, so a
dashboard reading the main warehouse would block (or be blocked by) the nightly refresh. Instead, after the
run's data has committed and its critical expectations passed, :func:`publish_snapshot` builds a NEW DuckDB
file next to ``published_path`` and ``os.replace``s it over the old one. The swap is atomic on POSIX: a reader
that already has the old file open keeps reading its (unlinked) inode; the next open sees the new file.
Nothing ever writes to the published path in place.

The published file holds (each table's grain in its comment in :data:`PUBLISHED_TABLES`):

- ``mart_skill_shares`` / ``mart_salary_percentiles``: every published snapshot so far (history for trends),
  carried over from the previous published file, plus the new snapshot from the warehouse. Unvalidated
  snapshot dates in the warehouse never leak in this way.
- ``postings_ai_ml``: the AI/ML postings with their enrichment and lifecycle (no description text: size).
- ``mart_guide_figures``: the guide's figures, same history rule (warehouse/figures.py: copy_guide_figures).
- ``runs_summary``: recent runs with their board totals.
- ``run_boards``: the per-board outcome (counts, error) of those same runs, for the dashboard's Runs page.
- ``validation``: the expectation results of the run that published (what the figures passed).
- ``publication``: one row naming the snapshot the file shows and when it was published.
- ``attributions``: the attribution text of each source in the snapshot whose terms require one (shown by
  the dashboard and carried by the exports).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from warehouse.db import atomic, fetch_one, in_run_transaction
from warehouse.figures import copy_guide_figures

PUBLISHED_TABLES = {
    "publication": "one row: the snapshot this file shows",
    "mart_skill_shares": "snapshot_date × segment_type × segment × skill, published snapshots only",
    "mart_salary_percentiles": "snapshot_date × segment_type × segment × population, published snapshots",
    "postings_ai_ml": "one row per AI/ML posting key (source, board, native_id) at publish time, with its "
    "dedup cluster (cluster_id, is_representative, every source URL of the job in cluster_urls)",
    "runs_summary": "one row per run (latest 200) with board totals",
    "run_boards": "one row per run × board (source, board) of the runs in runs_summary",
    "validation": "one row per expectation checked on the publishing run (suite × expectation × column)",
    "attributions": "one row per source of the snapshot whose terms require attribution",
}
_MART_TABLES = ("mart_skill_shares", "mart_salary_percentiles")
_RUNS_KEPT = 200


def published_path_for(warehouse_path: Path) -> Path:
    """Where the published file of a warehouse lives: beside it, ``<stem>.published.duckdb``."""
    warehouse_path = Path(warehouse_path)
    return warehouse_path.with_name(warehouse_path.stem + ".published.duckdb")


@dataclass(frozen=True, slots=True)
class Publication:
    """What one publish wrote: the snapshot date, the published file, row counts, and when (UTC)."""

    snapshot_date: date
    path: Path
    published_at: datetime
    n_skill_rows: int
    n_salary_rows: int
    n_postings: int


_POSTINGS_SQL = """
SELECT p.source, p.board, p.native_id, p.url, p.title, p.company, p.locations, p.remote, p.posted_at,
       p.first_seen_at, p.last_seen_at, p.closed_at,
       c.cluster_id, coalesce(c.is_representative, true) AS is_representative, c.cluster_urls,
       e.* EXCLUDE (source, board, native_id, is_ai_ml)
FROM postings_enriched e
JOIN postings p USING (source, board, native_id)
LEFT JOIN posting_clusters c USING (source, board, native_id)
WHERE e.is_ai_ml
"""

_RUNS_SQL = f"""
SELECT r.run_id, r.started_at, r.finished_at,
       -- the run being published is still 'running' in the warehouse; in the file it publishes, it succeeded
       CASE WHEN r.run_id = $publishing THEN 'succeeded' ELSE r.status END AS status,
       r.published OR r.run_id = $publishing AS published, r.snapshot_date, r.message,
       count(b.board) AS n_boards,
       count(b.error) AS n_boards_failed,
       coalesce(sum(b.postings), 0) AS postings,
       coalesce(sum(b.new), 0) AS new,
       coalesce(sum(b.closed), 0) AS closed
FROM runs r LEFT JOIN run_boards b USING (run_id)
GROUP BY ALL
ORDER BY r.started_at DESC, r.run_id DESC
LIMIT {_RUNS_KEPT}
"""

_RUN_BOARDS_SQL = f"""
SELECT b.run_id, b.source, b.board, b.postings, b.new, b.closed, b.reopened, b.updated, b.requests, b.bytes,
       b.duration_s, b.error
FROM run_boards b
WHERE b.run_id IN (SELECT run_id FROM runs ORDER BY started_at DESC, run_id DESC LIMIT {_RUNS_KEPT})
ORDER BY b.run_id, b.source, b.board
"""


def _copy(
    src: duckdb.DuckDBPyConnection,
    dst: duckdb.DuckDBPyConnection,
    table: str,
    sql: str,
    params: list[Any] | None = None,
) -> int:
    """Materialise ``sql`` (run on ``src``) as ``table`` in ``dst`` through Arrow; returns the row count."""
    data = src.sql(sql, params=params).to_arrow_table()
    dst.register("_incoming", data)
    try:
        dst.execute(f"CREATE TABLE {table} AS SELECT * FROM _incoming")
    finally:
        dst.unregister("_incoming")
    return data.num_rows


def publish_snapshot(
    con: duckdb.DuckDBPyConnection,
    published_path: Path,
    snapshot_date: date,
    *,
    run_id: str | None = None,
    attributions: Mapping[str, str] | None = None,
) -> Publication:
    """Publish ``snapshot_date`` from the warehouse ``con`` into ``published_path`` (atomic replace) and
    record it in the warehouse's ``publications`` table.

    Call it after the run transaction has committed and the publish gate allowed it; it refuses to run inside
    :func:`warehouse.db.run_transaction` (a rollback after the swap would leave a file the warehouse disowns).
    Raises ValueError when the warehouse has no mart rows for ``snapshot_date``. ``attributions``:
    source -> the attribution text its terms require (written to the ``attributions`` table).
    """
    if in_run_transaction(con):
        raise RuntimeError("publish_snapshot must run after the run transaction has committed")
    published_path = Path(published_path)
    published_path.parent.mkdir(parents=True, exist_ok=True)
    n_skill, n_salary = (
        fetch_one(con, f"SELECT count(*) FROM {t} WHERE snapshot_date = ?", [snapshot_date])[0]
        for t in _MART_TABLES
    )
    if n_skill == 0 and n_salary == 0:
        raise ValueError(f"no mart rows for snapshot {snapshot_date} in the warehouse: nothing to publish")

    published_at = datetime.now(UTC)
    tmp = published_path.with_name(f".{published_path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        n_postings = _build(con, tmp, published_path, snapshot_date, published_at, run_id, attributions or {})
        _fsync(tmp)
        os.replace(tmp, published_path)
        _fsync(published_path.parent)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)

    with atomic(con):
        con.execute(
            "INSERT INTO publications (published_at, snapshot_date, run_id, path, n_skill_rows, "
            "n_salary_rows, n_postings) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [published_at, snapshot_date, run_id, str(published_path), n_skill, n_salary, n_postings],
        )
    return Publication(snapshot_date, published_path, published_at, n_skill, n_salary, n_postings)


def _build(
    con: duckdb.DuckDBPyConnection,
    tmp: Path,
    previous: Path,
    snapshot_date: date,
    published_at: datetime,
    run_id: str | None,
    attributions: Mapping[str, str],
) -> int:
    """Write the whole published database into ``tmp``; returns the number of AI/ML postings copied."""
    pub = duckdb.connect(str(tmp))
    try:
        pub.execute("SET TimeZone = 'UTC'")
        pub.execute(
            "CREATE TABLE publication AS SELECT ?::DATE AS snapshot_date, ?::TIMESTAMPTZ AS published_at",
            [snapshot_date, published_at],
        )
        has_previous = _attach_previous(pub, previous)
        for table in _MART_TABLES:
            _copy(con, pub, table, f"SELECT * FROM {table} WHERE snapshot_date = ?", [snapshot_date])
            if has_previous:
                # Earlier published snapshots come from the previous published file: validated copies.
                pub.execute(
                    f"INSERT INTO {table} BY NAME SELECT * FROM prev.{table} WHERE snapshot_date <> ?",
                    [snapshot_date],
                )
            else:
                # No usable previous file (first publish, or it was deleted): rebuild history from the
                # warehouse rows of dates that were published before.
                rows = con.sql(
                    f"SELECT * FROM {table} WHERE snapshot_date <> ? AND snapshot_date IN "
                    "(SELECT snapshot_date FROM publications)",
                    params=[snapshot_date],
                ).to_arrow_table()
                pub.register("_hist", rows)
                pub.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _hist")
                pub.unregister("_hist")
        # mart_guide_figures follows the same history rule; it needs ``prev`` still attached.
        copy_guide_figures(con, pub, snapshot_date)
        if has_previous:
            pub.execute("DETACH prev")
        n_postings = _copy(con, pub, "postings_ai_ml", _POSTINGS_SQL)
        _copy(con, pub, "runs_summary", _RUNS_SQL, {"publishing": run_id})
        _copy(con, pub, "run_boards", _RUN_BOARDS_SQL)
        _copy(
            con,
            pub,
            "validation",
            'SELECT run_id, suite, expectation, "column", severity, success, observed '
            "FROM validation_results WHERE run_id = ? ORDER BY severity, success, suite, expectation",
            [run_id],
        )
        pub.execute("CREATE TABLE attributions (source VARCHAR PRIMARY KEY, attribution VARCHAR NOT NULL)")
        if attributions:
            pub.executemany("INSERT INTO attributions VALUES (?, ?)", sorted(attributions.items()))
        for table, grain in PUBLISHED_TABLES.items():
            pub.execute(f"COMMENT ON TABLE {table} IS '{_sql_str('grain: ' + grain)}'")
        pub.execute("CHECKPOINT")
    finally:
        pub.close()
    return n_postings


def _attach_previous(pub: duckdb.DuckDBPyConnection, previous: Path) -> bool:
    """Attach the previous published file read-only as ``prev`` when it exists and holds both marts.

    Attached, not opened with ``duckdb.connect``: that would reuse a cached instance of an older file of the
    same path if this process still holds one. A shared read lock is all it takes, so dashboards may hold it
    too.
    """
    if not previous.is_file():
        return False
    try:
        pub.execute(f"ATTACH '{_sql_str(previous)}' AS prev (READ_ONLY)")
    except duckdb.Error:
        return False  # unreadable previous file: fall back to the warehouse's record of publications
    names = {
        r[0]
        for r in pub.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'prev'"
        ).fetchall()
    }
    if set(_MART_TABLES) <= names:
        return True
    pub.execute("DETACH prev")
    return False


def _sql_str(value: object) -> str:
    return str(value).replace("'", "''")


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entry table) to disk so the swap survives a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
