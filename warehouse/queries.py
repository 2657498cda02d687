"""Read queries.

Figures (dashboard, exports) are read from the PUBLISHED file only (:func:`open_published`, read-only, so any
number of readers can share it while a refresh writes the main warehouse). :func:`run_status` reads the main
warehouse (the CLI's ``jobpulse status``; it needs the writer to be idle or to be the caller).

Salaries are USD per year; shares are fractions in [0, 1]; every figure comes with its n and 95% interval.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from warehouse.db import fetch_one, to_frame

OVERALL = "overall"
US_POSTED = "us_posted"


def open_published(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the published file read-only, as it is at this moment.

    The file is ATTACHed to a fresh in-memory database instead of opened with ``duckdb.connect(path)``: DuckDB
    caches database instances by path within a process, so a second ``connect`` while an older connection is
    alive would hand back the OLD (replaced) file. Attaching always opens what the path names now; the caller
    reopens when :func:`published_version` changes and closes the old connection when done with it.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"no published snapshot at {path}: run a refresh that passes validation first"
        )
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET TimeZone = 'UTC'")
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS published (READ_ONLY)")
        con.execute("USE published")
    except BaseException:
        con.close()
        raise
    return con


def published_version(path: Path) -> tuple[int, int] | None:
    """(inode, mtime_ns) of the published file, or None when absent: a cache key that changes per publish."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def latest_snapshot(con: duckdb.DuckDBPyConnection) -> date | None:
    """The snapshot date the published file shows (None for an empty file)."""
    row = fetch_one(con, "SELECT max(snapshot_date) FROM publication")
    return row[0] if row else None


def snapshot_dates(con: duckdb.DuckDBPyConnection) -> list[date]:
    """All published snapshot dates held in the published file, oldest first (for trends)."""
    rows = con.execute(
        "SELECT DISTINCT snapshot_date FROM mart_salary_percentiles UNION "
        "SELECT DISTINCT snapshot_date FROM mart_skill_shares ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]


def _snapshot(con: duckdb.DuckDBPyConnection, snapshot_date: date | None) -> date:
    chosen = snapshot_date or latest_snapshot(con)
    if chosen is None:
        raise LookupError("the published file names no snapshot")
    return chosen


@dataclass(frozen=True, slots=True)
class Headline:
    """The headline salary figure: overall, posted US salaries, USD per year, as of ``snapshot_date``.

    ``p50_ci`` is the 95% interval of the median. Values are None when the cell is suppressed.
    """

    snapshot_date: date
    window_days: int | None
    population: str
    n: int
    p10: float | None
    p50: float | None
    p90: float | None
    p50_ci: tuple[float | None, float | None]
    suppressed: bool
    suppression_reason: str | None
    methodology_version: str | None


def headline(
    con: duckdb.DuckDBPyConnection, snapshot_date: date | None = None, *, population: str = US_POSTED
) -> Headline | None:
    """Overall median with p10/p90 and n for ``population`` (None when the mart has no overall row)."""
    snap = _snapshot(con, snapshot_date)
    row = fetch_one(
        con,
        "SELECT snapshot_date, window_days, population, n, salary_p10_usd_annual, salary_p50_usd_annual, "
        "salary_p90_usd_annual, salary_p50_ci_low_usd_annual, salary_p50_ci_high_usd_annual, suppressed, "
        "suppression_reason, methodology_version FROM mart_salary_percentiles "
        "WHERE snapshot_date = ? AND segment_type = ? AND population = ? ORDER BY segment LIMIT 1",
        [snap, OVERALL, population],
    )
    if row is None:
        return None
    suppressed = bool(row[9])
    return Headline(
        snapshot_date=row[0],
        window_days=row[1],
        population=row[2],
        n=int(row[3] or 0),
        p10=row[4],
        p50=row[5],
        p90=row[6],
        p50_ci=(row[7], row[8]),
        suppressed=suppressed,
        suppression_reason=row[10],
        methodology_version=row[11],
    )


def top_skills(
    con: duckdb.DuckDBPyConnection,
    limit: int = 20,
    snapshot_date: date | None = None,
    *,
    segment_type: str = OVERALL,
    segment: str | None = None,
    include_suppressed: bool = False,
) -> pl.DataFrame:
    """Skill shares with 95% Wilson intervals, largest share first (grain: one row per skill)."""
    snap = _snapshot(con, snapshot_date)
    sql = (
        "SELECT snapshot_date, window_days, segment_type, segment, skill, n_postings, n_mentions, share, "
        "share_ci_low, share_ci_high, suppressed, methodology_version FROM mart_skill_shares "
        "WHERE snapshot_date = $snap AND segment_type = $stype "
        "AND ($segment IS NULL OR segment = $segment) "
        "AND ($incl OR NOT coalesce(suppressed, false)) "
        "ORDER BY share DESC NULLS LAST, skill LIMIT $limit"
    )
    params: dict[str, Any] = {
        "snap": snap,
        "stype": segment_type,
        "segment": segment,
        "incl": include_suppressed,
        "limit": limit,
    }
    return to_frame(con, sql, params)


def salary_percentiles(
    con: duckdb.DuckDBPyConnection,
    snapshot_date: date | None = None,
    *,
    segment_type: str = "specialization",
    population: str = US_POSTED,
) -> pl.DataFrame:
    """Salary percentiles (USD/year) with n and 95% intervals, one row per segment of ``segment_type``."""
    snap = _snapshot(con, snapshot_date)
    return to_frame(
        con,
        "SELECT * FROM mart_salary_percentiles "
        "WHERE snapshot_date = ? AND segment_type = ? AND population = ? "
        "ORDER BY salary_p50_usd_annual DESC NULLS LAST, segment",
        [snap, segment_type, population],
    )


def salary_by_specialization(
    con: duckdb.DuckDBPyConnection, snapshot_date: date | None = None, *, population: str = US_POSTED
) -> pl.DataFrame:
    """:func:`salary_percentiles` for the guide's specialisation lanes."""
    return salary_percentiles(con, snapshot_date, segment_type="specialization", population=population)


def salary_trend(
    con: duckdb.DuckDBPyConnection,
    *,
    segment_type: str = OVERALL,
    segment: str | None = None,
    population: str = US_POSTED,
) -> pl.DataFrame:
    """The median (and interval, n) per published snapshot date for one segment, oldest first."""
    return to_frame(
        con,
        "SELECT snapshot_date, segment, n, salary_p50_usd_annual, salary_p50_ci_low_usd_annual, "
        "salary_p50_ci_high_usd_annual, suppressed FROM mart_salary_percentiles "
        "WHERE segment_type = $stype AND population = $pop AND ($segment IS NULL OR segment = $segment) "
        "ORDER BY snapshot_date, segment",
        {"stype": segment_type, "pop": population, "segment": segment},
    )


@dataclass(frozen=True, slots=True)
class PostingCounts:
    """AI/ML postings in the published file: all known, open (not closed) and open per specialization."""

    total: int
    open: int
    by_specialization: pl.DataFrame  # specialization, n_open, n_total


def postings_counts(con: duckdb.DuckDBPyConnection) -> PostingCounts:
    """Counts of AI/ML postings (one per posting key) in the published file."""
    total, open_ = fetch_one(
        con, "SELECT count(*), count(*) FILTER (WHERE closed_at IS NULL) FROM postings_ai_ml"
    )
    by_spec = to_frame(
        con,
        "SELECT specialization, count(*) FILTER (WHERE closed_at IS NULL) AS n_open, count(*) AS n_total "
        "FROM postings_ai_ml GROUP BY specialization ORDER BY n_open DESC, specialization",
    )
    return PostingCounts(total=int(total), open=int(open_), by_specialization=by_spec)


def ai_ml_postings(
    con: duckdb.DuckDBPyConnection, *, open_only: bool = True, limit: int | None = None
) -> pl.DataFrame:
    """The published AI/ML postings with enrichment and lifecycle, newest first seen first."""
    sql = "SELECT * FROM postings_ai_ml"
    if open_only:
        sql += " WHERE closed_at IS NULL"
    sql += " ORDER BY first_seen_at DESC, source, board, native_id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return to_frame(con, sql)


def runs_summary(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pl.DataFrame:
    """Recent runs as of the publish (from the published file), newest first."""
    return to_frame(con, "SELECT * FROM runs_summary ORDER BY started_at DESC LIMIT ?", [limit])


def validation_results(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The expectation results of the run that published this file (failures first; observed is JSON text)."""
    return to_frame(con, "SELECT * FROM validation ORDER BY success, severity, suite, expectation")


# ------------------------------------------------------------------------------------------------------------
# main warehouse


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def run_status(con: duckdb.DuckDBPyConnection, limit: int = 10) -> dict[str, Any]:
    """The latest runs of the main warehouse, newest first, as JSON-ready data in exactly this shape::

        {"published_snapshot": str|null,
         "runs": [{"run_id", "started_at", "finished_at", "status", "published": bool,
                   "boards": [{"source", "board", "postings", "new", "closed", "error": str|null}]}]}

    Times are ISO-8601 UTC strings (finished_at null while running); published_snapshot is the snapshot date
    of the latest publication (ISO date) or null.
    """
    pub = fetch_one(con, "SELECT snapshot_date FROM publications ORDER BY published_at DESC LIMIT 1")
    runs = con.execute(
        "SELECT run_id, started_at, finished_at, status, published FROM runs "
        "ORDER BY started_at DESC, run_id DESC LIMIT ?",
        [limit],
    ).fetchall()
    boards: dict[str, list[dict[str, Any]]] = {r[0]: [] for r in runs}
    if runs:
        rows = con.execute(
            "SELECT run_id, source, board, postings, new, closed, error FROM run_boards "
            "WHERE run_id IN (SELECT unnest(?)) ORDER BY source, board",
            [list(boards)],
        ).fetchall()
        for run_id, source, board, postings, new, closed, error in rows:
            boards[run_id].append(
                {
                    "source": source,
                    "board": board,
                    "postings": int(postings),
                    "new": int(new),
                    "closed": int(closed),
                    "error": error,
                }
            )
    return {
        "published_snapshot": _iso(pub[0]) if pub else None,
        "runs": [
            {
                "run_id": run_id,
                "started_at": _iso(started),
                "finished_at": _iso(finished),
                "status": status,
                "published": bool(published),
                "boards": boards[run_id],
            }
            for run_id, started, finished, status, published in runs
        ],
    }


def attributions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """source -> attribution text the snapshot's sources require (empty for files published before it)."""
    has = fetch_one(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'attributions'")
    if not has or not has[0]:
        return {}
    return dict(con.execute("SELECT source, attribution FROM attributions ORDER BY source").fetchall())


def run_landings(con: duckdb.DuckDBPyConnection, run_id: str | None = None) -> pl.DataFrame:
    """The successful (2xx or 304) landings of one run (default: the newest run that has any), in fetch
    order: run_id, snapshot_date (of the run), sha256, url, status, source, board ("" for feeds),
    fetched_at. Grain: one row per landed response."""
    latest = (
        "SELECT run_id FROM raw_responses WHERE status BETWEEN 200 AND 299 ORDER BY fetched_at DESC LIMIT 1"
    )
    return to_frame(
        con,
        "SELECT l.run_id, r.snapshot_date, l.sha256, l.url, l.status, l.source, "
        "coalesce(l.board, '') AS board, l.fetched_at "
        "FROM raw_responses l JOIN runs r USING (run_id) "
        f"WHERE (l.status BETWEEN 200 AND 299 OR l.status = 304) AND l.run_id = coalesce(?, ({latest})) "
        "ORDER BY l.fetched_at, l.url",
        [run_id],
    )
