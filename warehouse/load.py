"""Loaders: what a run writes into the warehouse.

Data loaders (:func:`load_board`, :func:`write_enriched`, :func:`write_marts`) join the caller's
:func:`warehouse.db.run_transaction` when one is open (else each is its own transaction) and bulk-insert
through Polars/Arrow frames registered with DuckDB, never row by row. Bookkeeping (:func:`start_run`,
:func:`record_raw`, :func:`record_board_result`, :func:`write_validation`, :func:`finish_run`) goes through a
separate auto-commit connection so it survives a rollback of the run's data (design note in warehouse/db.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import polars as pl

from extractors.posting import Posting
from warehouse.db import atomic, bookkeeping, fetch_one

RUN_STATUSES = ("running", "succeeded", "failed", "blocked")

_UTC = "UTC"
_POSTING_STAGE_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "board": pl.String(),
    "native_id": pl.String(),
    "url": pl.String(),
    "title": pl.String(),
    "company": pl.String(),
    "locations": pl.List(pl.String()),
    "remote": pl.Boolean(),
    "description_text": pl.String(),
    "posted_at": pl.Datetime("us", _UTC),
    "salary_structured": pl.String(),  # JSON text; DuckDB casts it to JSON on insert
    "raw_sha256": pl.String(),
    "content_hash": pl.String(),
}
# Columns a newer snapshot overwrites when content_hash changes. raw_sha256 rides along: it names the landing
# body the stored content was first parsed from (an unchanged refetch does not rewrite the row).
_CONTENT_COLUMNS = (
    "url",
    "title",
    "company",
    "locations",
    "remote",
    "description_text",
    "posted_at",
    "salary_structured",
    "raw_sha256",
    "content_hash",
)
_KEY = ("source", "board", "native_id")

_RAW_SCHEMA: dict[str, pl.DataType] = {
    "run_id": pl.String(),
    "sha256": pl.String(),
    "url": pl.String(),
    "status": pl.Int32(),
    "source": pl.String(),
    "board": pl.String(),
    "fetched_at": pl.Datetime("us", _UTC),
    "content_type": pl.String(),
    "n_bytes": pl.Int64(),
    "store_path": pl.String(),
    "error": pl.String(),
}


@dataclasses.dataclass(frozen=True, slots=True)
class BoardCounts:
    """What loading one board's snapshot did to the postings table (counts of postings, not rows written).

    - ``postings``: distinct postings in the snapshot; ``new``: keys never seen before;
    - ``closed``: open postings of this board missing from the snapshot (closed_at set now);
    - ``reopened``: closed postings listed again (closed_at cleared);
    - ``updated``: known postings whose content_hash changed.
    """

    postings: int
    new: int
    closed: int
    reopened: int
    updated: int


# ------------------------------------------------------------------------------------------------------------
# helpers


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> Iterator[str]:
    """Expose ``frame`` to SQL under a unique view name for the block's duration (zero-copy via Arrow)."""
    name = f"_stage_{uuid.uuid4().hex[:12]}"
    con.register(name, frame)
    try:
        yield name
    finally:
        con.unregister(name)


def _as_utc(value: datetime | None) -> datetime | None:
    """Aware datetimes are kept; naive ones are taken to be UTC already (the project's convention)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _norm_text(value: str | None) -> str:
    # Whitespace-only differences (re-wrapped HTML, trailing spaces) are not content changes.
    return " ".join(value.split()) if value else ""


def _salary_json(posting: Posting) -> str | None:
    if posting.salary_structured is None:
        return None
    return json.dumps(posting.salary_structured, sort_keys=True, ensure_ascii=False, default=str)


def _content_hash(posting: Posting, posted_at: datetime | None, salary_json: str | None) -> str:
    # Fields joined with ASCII unit/record separators, which never occur in the normalised text.
    parts = (
        (posting.url or "").strip(),
        _norm_text(posting.title),
        _norm_text(posting.company),
        "\x1e".join(_norm_text(x) for x in posting.locations),
        repr(posting.remote),
        _norm_text(posting.description_text),
        posted_at.isoformat() if posted_at else "",
        salary_json or "",
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def content_hash(posting: Posting) -> str:
    """sha256 (hex) of the posting's normalised content fields.

    Covers url, title, company, locations, remote, description_text, posted_at (UTC) and salary_structured
    (JSON with sorted keys); whitespace runs are collapsed, so only a real change of what the board shows
    changes the hash. Fetch time and raw_sha256 are excluded (a refetch of identical content keeps its hash).
    """
    return _content_hash(posting, _as_utc(posting.posted_at), _salary_json(posting))


def postings_frame(postings: Sequence[Posting]) -> pl.DataFrame:
    """The staging frame for :func:`load_board`: one row per posting key (the last occurrence wins)."""
    columns: dict[str, list[Any]] = {name: [] for name in _POSTING_STAGE_SCHEMA}
    for p in postings:
        posted = _as_utc(p.posted_at)
        salary = _salary_json(p)
        columns["source"].append(p.source)
        columns["board"].append(p.board)
        columns["native_id"].append(p.native_id)
        columns["url"].append(p.url)
        columns["title"].append(p.title)
        columns["company"].append(p.company)
        columns["locations"].append(list(p.locations))
        columns["remote"].append(p.remote)
        columns["description_text"].append(p.description_text)
        columns["posted_at"].append(posted)
        columns["salary_structured"].append(salary)
        columns["raw_sha256"].append(p.raw_sha256 or None)
        columns["content_hash"].append(_content_hash(p, posted, salary))
    frame = pl.DataFrame(columns, schema=_POSTING_STAGE_SCHEMA)
    return frame.unique(subset=list(_KEY), keep="last", maintain_order=True)


def _field(record: Any, name: str) -> Any:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


# ------------------------------------------------------------------------------------------------------------
# run bookkeeping (auto-commit, survives a rollback of the run's data)


def start_run(
    con: duckdb.DuckDBPyConnection, run_id: str, started_at: datetime, *, snapshot_date: date | None = None
) -> None:
    """Record a run as 'running'. Calling it again for the same run_id resets it (a retried run)."""
    with bookkeeping(con) as bk:
        bk.execute(
            "INSERT INTO runs (run_id, started_at, status, published, snapshot_date) "
            "VALUES (?, ?, 'running', false, ?) "
            "ON CONFLICT (run_id) DO UPDATE SET started_at = EXCLUDED.started_at, status = 'running', "
            "finished_at = NULL, published = false, snapshot_date = EXCLUDED.snapshot_date, message = NULL",
            [run_id, _as_utc(started_at), snapshot_date],
        )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: str,
    published: bool,
    message: str | None,
    *,
    finished_at: datetime | None = None,
    snapshot_date: date | None = None,
) -> None:
    """Close a run: status (succeeded | failed | blocked), whether it published, and a human message (for a
    blocked run: which critical expectations failed)."""
    if status not in RUN_STATUSES or status == "running":
        raise ValueError(f"finish_run status must be succeeded, failed or blocked, not {status!r}")
    with bookkeeping(con) as bk:
        updated = bk.execute(
            "UPDATE runs SET status = ?, published = ?, message = ?, "
            "finished_at = coalesce(?, current_timestamp), snapshot_date = coalesce(?, snapshot_date) "
            "WHERE run_id = ? RETURNING run_id",
            [status, bool(published), message, _as_utc(finished_at), snapshot_date, run_id],
        ).fetchall()
    if not updated:
        raise KeyError(f"finish_run: no run {run_id!r} (call start_run first)")


def record_raw(con: duckdb.DuckDBPyConnection, run_id: str, records: Iterable[Any]) -> int:
    """Index raw landings of this run (dataclasses, objects or mappings with the raw_responses fields:
    sha256, url, status, source, board, fetched_at, content_type, n_bytes, store_path (or path), error).

    Idempotent: a landing already recorded for this run (same url, sha256 and fetched_at) is not added again.
    Returns the number of rows added.
    """
    columns: dict[str, list[Any]] = {name: [] for name in _RAW_SCHEMA}
    for record in records:
        for name in _RAW_SCHEMA:
            value = run_id if name == "run_id" else _field(record, name)
            if name == "fetched_at":
                value = _as_utc(value)
            if name == "store_path":
                # extractors.raw_store.RawRecord calls it ``path``.
                value = value if value is not None else _field(record, "path")
                value = None if value is None else str(value)
            columns[name].append(value)
    frame = pl.DataFrame(columns, schema=_RAW_SCHEMA)
    if frame.is_empty():
        return 0
    names = ", ".join(_RAW_SCHEMA)
    with bookkeeping(con) as bk, _registered(bk, frame) as stage:
        before = fetch_one(bk, "SELECT count(*) FROM raw_responses WHERE run_id = ?", [run_id])[0]
        bk.execute(
            f"INSERT INTO raw_responses ({names}) SELECT DISTINCT {names} FROM {stage} s "
            "WHERE NOT EXISTS (SELECT 1 FROM raw_responses r WHERE r.run_id = s.run_id AND r.url = s.url "
            "AND r.sha256 IS NOT DISTINCT FROM s.sha256 AND r.fetched_at = s.fetched_at)"
        )
        after = fetch_one(bk, "SELECT count(*) FROM raw_responses WHERE run_id = ?", [run_id])[0]
    return int(after - before)


def record_board_result(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    source: str,
    board: str,
    counts: BoardCounts | None = None,
    *,
    requests: int = 0,
    n_bytes: int = 0,
    duration_s: float = 0.0,
    error: str | None = None,
) -> None:
    """Record how one board went in this run: counts from :func:`load_board` when it loaded, ``error`` (and no
    counts) when it failed to fetch or parse. Re-recording the same board in a run replaces the row."""
    c = counts or BoardCounts(0, 0, 0, 0, 0)
    with bookkeeping(con) as bk:
        bk.execute(
            "INSERT OR REPLACE INTO run_boards (run_id, source, board, postings, new, closed, reopened, "
            "updated, requests, bytes, duration_s, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                source,
                board,
                c.postings,
                c.new,
                c.closed,
                c.reopened,
                c.updated,
                int(requests),
                int(n_bytes),
                float(duration_s),
                error,
            ],
        )


def write_validation(con: duckdb.DuckDBPyConnection, run_id: str, results: Any) -> int:
    """Store expectation results for a run (replacing any earlier ones of that run).

    ``results``: an iterable of objects with suite, expectation, column, severity, success, observed, or an
    object with such a ``results`` list (expectations.ValidationReport). ``observed`` is stored as JSON text.
    """
    items = getattr(results, "results", results)
    rows = {k: [] for k in ("run_id", "suite", "expectation", "column", "severity", "success", "observed")}
    for r in items:
        observed = _field(r, "observed")
        rows["run_id"].append(run_id)
        rows["suite"].append(_field(r, "suite"))
        rows["expectation"].append(_field(r, "expectation"))
        rows["column"].append(_field(r, "column"))
        rows["severity"].append(_field(r, "severity"))
        rows["success"].append(bool(_field(r, "success")))
        rows["observed"].append(
            observed if isinstance(observed, str) or observed is None else json.dumps(observed, default=str)
        )
    frame = pl.DataFrame(
        rows,
        schema={
            "run_id": pl.String(),
            "suite": pl.String(),
            "expectation": pl.String(),
            "column": pl.String(),
            "severity": pl.String(),
            "success": pl.Boolean(),
            "observed": pl.String(),
        },
    )
    with bookkeeping(con) as bk, _registered(bk, frame) as stage:
        bk.execute("BEGIN TRANSACTION")
        bk.execute("DELETE FROM validation_results WHERE run_id = ?", [run_id])
        bk.execute(
            "INSERT INTO validation_results "
            '(run_id, suite, expectation, "column", severity, success, observed) '
            f'SELECT run_id, suite, expectation, "column", severity, success, observed FROM {stage}'
        )
        bk.execute("COMMIT")
    return frame.height


# ------------------------------------------------------------------------------------------------------------
# run data (inside the run transaction)


def load_board(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    source: str,
    board: str,
    postings: Sequence[Posting],
    seen_at: datetime,
) -> BoardCounts:
    """Upsert one board's complete, successfully fetched and parsed snapshot and update lifecycles.

    Call it only for boards that fetched AND parsed fine: every open posting of (source, board) missing from
    ``postings`` is closed at ``seen_at`` (a failed board must close nothing, so it must not be loaded).
    Idempotent: loading the same snapshot again adds no rows and changes no content or timestamps.
    A snapshot older than what is stored (out-of-order backfill) only widens first_seen_at; it never
    overwrites newer content, reopens or closes anything newer.

    ``run_id`` is accepted for symmetry with the bookkeeping calls (counts go to run_boards through
    :func:`record_board_result`); the postings table itself is keyed by posting, not by run.
    """
    del run_id  # postings rows are per posting over time, not per run (see docstring)
    seen = _as_utc(seen_at)
    wrong = [p.key for p in postings if p.source != source or p.board != board]
    if wrong:
        raise ValueError(f"load_board({source!r}, {board!r}) got postings of other boards: {wrong[:3]}")
    stage_frame = postings_frame(postings)
    content_cols = ", ".join(_CONTENT_COLUMNS)
    set_content = ", ".join(f"{c} = s.{c}" for c in _CONTENT_COLUMNS)
    match = "p.source = s.source AND p.board = s.board AND p.native_id = s.native_id"
    params = {"seen": seen}
    # Separate statements instead of one INSERT .. ON CONFLICT DO UPDATE: an upsert rewrites every column of
    # every listed row (descriptions included) even when nothing changed, while a typical nightly load only
    # moves last_seen_at. Each UPDATE below touches only the rows and columns that really change.
    with atomic(con), _registered(con, stage_frame) as stage:
        new, reopened, updated = fetch_one(
            con,
            f"SELECT count(*) FILTER (WHERE p.native_id IS NULL), "
            f"count(*) FILTER (WHERE p.closed_at IS NOT NULL AND $seen >= p.last_seen_at), "
            f"count(*) FILTER (WHERE p.content_hash <> s.content_hash AND $seen >= p.last_seen_at) "
            f"FROM {stage} s LEFT JOIN postings p USING (source, board, native_id)",
            params,
        )
        closed = con.execute(
            f"UPDATE postings p SET closed_at = $seen, updated_at = $seen "
            f"WHERE p.source = $source AND p.board = $board "
            f"AND p.closed_at IS NULL AND p.last_seen_at < $seen "
            f"AND NOT EXISTS (SELECT 1 FROM {stage} s WHERE s.native_id = p.native_id) RETURNING 1",
            {**params, "source": source, "board": board},
        ).fetchall()
        # Content: only rows whose content changed, from a snapshot at least as new as the stored one.
        con.execute(
            f"UPDATE postings p SET {set_content}, updated_at = $seen FROM {stage} s "
            f"WHERE {match} AND p.content_hash <> s.content_hash AND $seen >= p.last_seen_at",
            params,
        )
        # Lifecycle: widen the seen interval; a newer sighting reopens a closed posting.
        con.execute(
            f"UPDATE postings p SET first_seen_at = least(p.first_seen_at, $seen), "
            f"last_seen_at = greatest(p.last_seen_at, $seen), "
            f"closed_at = CASE WHEN $seen >= p.last_seen_at THEN NULL ELSE p.closed_at END, "
            f"updated_at = CASE WHEN $seen >= p.last_seen_at THEN $seen ELSE p.updated_at END "
            f"FROM {stage} s WHERE {match} AND (p.last_seen_at < $seen OR p.first_seen_at > $seen "
            f"OR (p.closed_at IS NOT NULL AND $seen >= p.last_seen_at))",
            params,
        )
        con.execute(
            f"INSERT INTO postings (source, board, native_id, {content_cols}, first_seen_at, last_seen_at, "
            f"closed_at, updated_at) "
            f"SELECT source, board, native_id, {content_cols}, $seen, $seen, NULL, $seen FROM {stage} s "
            f"WHERE NOT EXISTS (SELECT 1 FROM postings p WHERE {match})",
            params,
        )
    return BoardCounts(
        postings=stage_frame.height,
        new=int(new),
        closed=len(closed),
        reopened=int(reopened),
        updated=int(updated),
    )


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def _insertable(
    con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame, key: Sequence[str]
) -> list[str]:
    """Columns of ``df`` that ``table`` has (extra frame columns are ignored; table columns missing from the
    frame get NULL/defaults). The key columns must be present."""
    missing = [k for k in key if k not in df.columns]
    if missing:
        raise ValueError(f"{table}: frame lacks key columns {missing}")
    table_cols = set(_table_columns(con, table))
    return [c for c in df.columns if c in table_cols]


def _check_unique(df: pl.DataFrame, key: Sequence[str], table: str) -> None:
    dupes = df.group_by(list(key)).len().filter(pl.col("len") > 1)
    if dupes.height:
        raise ValueError(f"{table}: {dupes.height} duplicate keys {list(key)}, e.g. {dupes.row(0)[:-1]}")


def write_enriched(con: duckdb.DuckDBPyConnection, df: pl.DataFrame) -> int:
    """Replace the enrichment of the postings in ``df`` (one row per posting key). Returns rows written.

    Rows of postings not in ``df`` are kept as they are (a run replaces what it covers).
    """
    _check_unique(df, _KEY, "postings_enriched")
    cols = _insertable(con, "postings_enriched", df, _KEY)
    frame = df.select(cols)
    names = ", ".join(f'"{c}"' for c in cols)
    with atomic(con), _registered(con, frame) as stage:
        con.execute(
            f"DELETE FROM postings_enriched e USING {stage} s "
            "WHERE e.source = s.source AND e.board = s.board AND e.native_id = s.native_id"
        )
        con.execute(f"INSERT INTO postings_enriched ({names}) SELECT {names} FROM {stage}")
    return frame.height


_SKILL_KEY = ("snapshot_date", "segment_type", "segment", "skill")
_SALARY_KEY = ("snapshot_date", "segment_type", "segment", "population")


def _with_snapshot(df: pl.DataFrame, snapshot_date: date, table: str) -> pl.DataFrame:
    if "snapshot_date" not in df.columns:
        return df.with_columns(pl.lit(snapshot_date, dtype=pl.Date()).alias("snapshot_date"))
    other = df.select(pl.col("snapshot_date").cast(pl.Date()).unique()).to_series().to_list()
    if any(d != snapshot_date for d in other):
        raise ValueError(f"{table}: frame has snapshot dates {other}, expected only {snapshot_date}")
    return df.with_columns(pl.col("snapshot_date").cast(pl.Date()))


def write_marts(
    con: duckdb.DuckDBPyConnection,
    snapshot_date: date,
    skill_shares: pl.DataFrame,
    salary_percentiles: pl.DataFrame,
) -> tuple[int, int]:
    """Store the marts of one snapshot date, replacing that date's rows (other dates are kept).

    Frames follow the mart schemas (warehouse/migrations/004_marts.sql); a frame without snapshot_date gets
    ``snapshot_date``; a frame with other dates is refused. Returns (skill rows, salary rows).
    """
    written: list[int] = []
    with atomic(con):
        for table, df, key in (
            ("mart_skill_shares", skill_shares, _SKILL_KEY),
            ("mart_salary_percentiles", salary_percentiles, _SALARY_KEY),
        ):
            frame = _with_snapshot(df, snapshot_date, table)
            _check_unique(frame, key, table)
            cols = _insertable(con, table, frame, key)
            frame = frame.select(cols)
            names = ", ".join(f'"{c}"' for c in cols)
            con.execute(f"DELETE FROM {table} WHERE snapshot_date = ?", [snapshot_date])
            with _registered(con, frame) as stage:
                con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage}")
            written.append(frame.height)
    return written[0], written[1]
