"""Opening the warehouse, applying its numbered migrations, and the transaction rules.

Transactions, deliberately:

- **Run data** (postings, postings_enriched, marts) is written inside ONE transaction per run
  (:func:`run_transaction`): a crash mid-run rolls all of it back and the previous state stays intact.
- **Run bookkeeping** (runs, run_boards, raw_responses, validation_results, publications) is written through a
  separate connection to the same database (:func:`bookkeeping`), each statement committed on its own. So a
  failed run still shows in ``jobpulse status`` with its boards, what it fetched and which checks failed, even
  though its data was rolled back. The price: a rolled-back run's run_boards counts describe what was
  attempted, not what is in the warehouse; its runs.status says so ('failed').

DuckDB lets one process write a file or many processes read it, never both; readers of figures therefore use
the published copy (warehouse/publish.py), never this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def migration_files() -> list[tuple[int, Path]]:
    """The numbered migrations shipped with the package, in order. Numbers must be unique."""
    found: list[tuple[int, Path]] = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name {path.name!r} is not NNN_lower_snake.sql")
        found.append((int(match.group(1)), path))
    numbers = [n for n, _ in found]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"duplicate migration numbers in {MIGRATIONS_DIR}: {numbers}")
    return found


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations, each once, in order, each in its own transaction; returns those applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied: list[int] = []
    for number, path in migration_files():
        if number in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, current_timestamp)", [number, path.name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied


class WarehouseBusyError(RuntimeError):
    """Another process holds the warehouse file (a refresh is writing it). Read the published file instead."""


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusyError(
                f"{path} is in use by another process (a refresh is probably running): {exc}"
            ) from exc
        raise


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse at ``path`` (created with its parent folder when writable) with migrations applied.

    Read-only connections apply nothing; they fail loudly if the file is behind the shipped migrations.
    Session time zone is UTC so TIMESTAMPTZ values come back as UTC. Raises :class:`WarehouseBusyError` when
    another process holds the file (DuckDB: one writer process, or many readers, never both).
    """
    path = Path(path)
    if read_only:
        con = _open(path, read_only=True)
        _set_utc(con)
        pending = _pending(con)
        if pending:
            con.close()
            raise RuntimeError(f"{path} lacks migrations {pending}; open it writable once to migrate")
        return con
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=False)
    _set_utc(con)
    apply_migrations(con)
    return con


def fetch_one(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any] | None = None
) -> tuple[Any, ...] | None:
    """The first row of a query, or None. Fetches the whole result: DuckDB keeps a connection busy until a
    result is exhausted, so a bare fetchone() would block the next statement."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def _set_utc(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET TimeZone = 'UTC'")


def _pending(con: duckdb.DuckDBPyConnection) -> list[int]:
    has_table = fetch_one(
        con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    )
    done: set[int] = set()
    if has_table and has_table[0]:
        done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    return [n for n, _ in migration_files() if n not in done]


# Connections currently inside run_transaction (DuckDB has no "in transaction?" query, and a failed BEGIN
# aborts the open transaction, so we track it ourselves). Keyed by id(); the value keeps the connection alive
# meanwhile.
_OPEN: dict[int, duckdb.DuckDBPyConnection] = {}


def in_run_transaction(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``con`` is inside :func:`run_transaction`."""
    return _OPEN.get(id(con)) is con


@contextmanager
def run_transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction for a run's data: committed when the block ends, rolled back if it raises.

    Loaders called inside it join it (they do not commit on their own). Bookkeeping writes
    (:func:`bookkeeping`) are outside it by design and survive a rollback. Not re-entrant.
    """
    if in_run_transaction(con):
        raise RuntimeError("run_transaction is not re-entrant: this connection is already in one")
    con.execute("BEGIN TRANSACTION")
    _OPEN[id(con)] = con
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")
    finally:
        _OPEN.pop(id(con), None)


@contextmanager
def atomic(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Join the caller's :func:`run_transaction` when one is open, else run the block in its own transaction.

    Lets every loader be all-or-nothing when called alone and part of the run's transaction when called inside
    :func:`run_transaction` (the only supported way to hold a multi-step transaction on a connection).
    """
    if in_run_transaction(con):
        yield con  # the run transaction decides commit or rollback
        return
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def bookkeeping(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A second connection to the same database, in auto-commit, for run bookkeeping that must survive a
    rollback of the run transaction. Close it after use (use it as a context manager)."""
    cur = con.cursor()
    _set_utc(cur)
    return cur


def to_frame(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any] | None = None
) -> pl.DataFrame:
    """The rows of a read query as a Polars frame (through Arrow, without a row-wise copy)."""
    return con.sql(sql, params=params).pl()
