"""The guide marts in the warehouse: loaders, their copy into the published file, and read queries.

Tables (migration 006_guide_figures.sql documents every column):

- ``mart_guide_figures`` — grain snapshot_date × figure_id: every market figure of the guide beside its live
  value, n, 95% interval, status and methodology_version.
- ``mart_guide_salary_tables`` — grain snapshot_date × table_name × figure_id: the guide's specialization
  and compensation tables with live p10/p25/p50/p75/p90 (USD per year) and their intervals.

:func:`write_guide_figures` / :func:`write_guide_salary_tables` store one snapshot's rows, replacing that
date's rows, inside the caller's :func:`warehouse.db.run_transaction` when one is open (like the other
loaders). :func:`copy_guide_figures` is the publish step for both tables: the new snapshot from the warehouse
plus the history of earlier published snapshots. :func:`guide_figures` / :func:`guide_salary_tables` read a
snapshot back from the PUBLISHED file (``warehouse.queries.open_published``).
"""

from __future__ import annotations

import uuid
from datetime import date

import duckdb
import polars as pl

from warehouse.db import atomic, fetch_one, to_frame
from warehouse.queries import latest_snapshot

TABLE = "mart_guide_figures"
TABLES_TABLE = "mart_guide_salary_tables"
# Published table -> (grain, key columns besides snapshot_date, reading order).
GUIDE_TABLES: dict[str, tuple[str, tuple[str, ...], str]] = {
    TABLE: ("snapshot_date × figure_id, published snapshots only", ("figure_id",), "figure_order"),
    TABLES_TABLE: (
        "snapshot_date × table_name × figure_id, published snapshots only",
        ("table_name", "figure_id"),
        "table_name DESC, row_order",  # 'specialization' before 'compensation', as in the guide
    ),
}


def _table_columns(con: duckdb.DuckDBPyConnection, table: str, catalog: str | None = None) -> list[str]:
    sql = "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
    params: list[object] = [table]
    if catalog is not None:
        sql += " AND table_catalog = ?"
        params.append(catalog)
    rows = con.execute(sql + " ORDER BY ordinal_position", params).fetchall()
    return [r[0] for r in rows]


def _write_snapshot(con: duckdb.DuckDBPyConnection, table: str, snapshot_date: date, df: pl.DataFrame) -> int:
    frame = df
    if "snapshot_date" not in frame.columns:
        frame = frame.with_columns(pl.lit(snapshot_date, dtype=pl.Date).alias("snapshot_date"))
    dates = frame["snapshot_date"].unique().to_list()
    if frame.height and dates != [snapshot_date]:
        raise ValueError(f"{table}: frame holds snapshot dates {dates}, expected only {snapshot_date}")
    key = list(GUIDE_TABLES[table][1])
    if frame.select(key).is_duplicated().any():
        raise ValueError(f"{table}: duplicate {', '.join(key)} in the frame")
    extra = [c for c in frame.columns if c not in _table_columns(con, table)]
    if extra:
        raise ValueError(f"{table} has no columns {extra}; add a migration")
    names = ", ".join(f'"{c}"' for c in frame.columns)
    stage = f"_stage_{uuid.uuid4().hex[:12]}"
    with atomic(con):
        con.execute(f"DELETE FROM {table} WHERE snapshot_date = ?", [snapshot_date])
        con.register(stage, frame)
        try:
            con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage}")
        finally:
            con.unregister(stage)
    return frame.height


def write_guide_figures(con: duckdb.DuckDBPyConnection, snapshot_date: date, df: pl.DataFrame) -> int:
    """Store ``df`` (transforms.figures.guide_figures_mart output) as ``snapshot_date``'s rows of
    mart_guide_figures, replacing that date's rows (other dates are kept). Returns the rows written.

    Joins the caller's run transaction when one is open, else runs in its own. Refuses a frame whose
    snapshot_date differs from ``snapshot_date``, duplicate figure ids, or columns the table lacks (a mart
    that grew a column needs a migration, not a silent drop).
    """
    return _write_snapshot(con, TABLE, snapshot_date, df)


def write_guide_salary_tables(con: duckdb.DuckDBPyConnection, snapshot_date: date, df: pl.DataFrame) -> int:
    """Store ``df`` (transforms.guide_tables.guide_salary_tables output) as ``snapshot_date``'s rows of
    mart_guide_salary_tables; same rules as :func:`write_guide_figures`."""
    return _write_snapshot(con, TABLES_TABLE, snapshot_date, df)


def _copy_one(
    con: duckdb.DuckDBPyConnection, pub: duckdb.DuckDBPyConnection, table: str, snapshot_date: date
) -> int:
    current = con.sql(
        f"SELECT * FROM {table} WHERE snapshot_date = ?", params=[snapshot_date]
    ).to_arrow_table()
    pub.register("_guide_now", current)
    try:
        pub.execute(f"CREATE TABLE {table} AS SELECT * FROM _guide_now")
    finally:
        pub.unregister("_guide_now")
    attached = {r[0] for r in pub.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    if "prev" in attached and _table_columns(pub, table, catalog="prev"):
        pub.execute(
            f"INSERT INTO {table} BY NAME SELECT * FROM prev.{table} WHERE snapshot_date <> ?",
            [snapshot_date],
        )
    else:
        history = con.sql(
            f"SELECT * FROM {table} WHERE snapshot_date <> ? "
            "AND snapshot_date IN (SELECT snapshot_date FROM publications)",
            params=[snapshot_date],
        ).to_arrow_table()
        pub.register("_guide_hist", history)
        try:
            pub.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _guide_hist")
        finally:
            pub.unregister("_guide_hist")
    grain = GUIDE_TABLES[table][0].replace("'", "''")
    pub.execute(f"COMMENT ON TABLE {table} IS 'grain: {grain}'")
    return current.num_rows


def copy_guide_figures(
    con: duckdb.DuckDBPyConnection, pub: duckdb.DuckDBPyConnection, snapshot_date: date
) -> dict[str, int]:
    """Create mart_guide_figures and mart_guide_salary_tables in the published database ``pub`` that
    warehouse.publish._build is writing.

    Rows of each: ``snapshot_date``'s rows from the warehouse ``con``, plus earlier published snapshots: from
    the previous published file when ``pub`` has it attached as ``prev`` and it holds the table, else from the
    warehouse rows of dates listed in ``publications`` (the first publish after migration 006, or no previous
    file). Call it while ``prev`` is still attached. Returns {table: rows of ``snapshot_date`` copied}.
    """
    return {table: _copy_one(con, pub, table, snapshot_date) for table in GUIDE_TABLES}


def _read(
    con: duckdb.DuckDBPyConnection, table: str, snapshot_date: date | None, where: str, params
) -> pl.DataFrame:
    snap = snapshot_date or latest_snapshot(con)
    if snap is None:
        raise LookupError("the published file names no snapshot")
    has_table = fetch_one(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table])
    if not has_table or not has_table[0]:
        raise LookupError(f"the published file has no {table} (published before guide figures existed)")
    order = GUIDE_TABLES[table][2]
    frame = to_frame(
        con, f"SELECT * FROM {table} WHERE snapshot_date = ? {where} ORDER BY {order}", [snap, *params]
    )
    if frame.is_empty():
        raise LookupError(f"no {table} rows for snapshot {snap} in the published file")
    return frame


def guide_figures(con: duckdb.DuckDBPyConnection, snapshot_date: date | None = None) -> pl.DataFrame:
    """One snapshot of mart_guide_figures from the published file (``open_published``), in the guide's order.

    ``snapshot_date`` defaults to the snapshot the file shows. Columns: the table's, in its order (the
    transforms.figures mart columns). Raises LookupError when the file holds no rows for that snapshot.
    """
    return _read(con, TABLE, snapshot_date, "", [])


def guide_salary_tables(
    con: duckdb.DuckDBPyConnection, snapshot_date: date | None = None, table_name: str | None = None
) -> pl.DataFrame:
    """One snapshot of mart_guide_salary_tables from the published file: both tables (specialization rows
    first) or only ``table_name`` ('specialization' | 'compensation'), rows in the guide's order."""
    if table_name is None:
        return _read(con, TABLES_TABLE, snapshot_date, "", [])
    return _read(con, TABLES_TABLE, snapshot_date, "AND table_name = ?", [table_name])
