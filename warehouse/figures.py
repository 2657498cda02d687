"""mart_guide_figures in the warehouse: the loader, its copy into the published file, and the read query.

Grain: snapshot_date × figure_id (migration 006_guide_figures.sql documents every column). Salaries in USD per
year, shares and premiums as fractions; every live figure carries n, a 95% interval, status and
methodology_version.

- :func:`write_guide_figures` stores one snapshot's rows in the warehouse, replacing that date's rows, inside
  the caller's :func:`warehouse.db.run_transaction` when one is open (like the other loaders).
- :func:`copy_guide_figures` is the publish step for this table: the new snapshot from the warehouse plus the
  history of earlier published snapshots (from the previous published file when it holds the table, else from
  the warehouse rows of dates recorded in ``publications``).
- :func:`guide_figures` reads a snapshot back from the PUBLISHED file (``warehouse.queries.open_published``).
"""

from __future__ import annotations

import uuid
from datetime import date

import duckdb
import polars as pl

from warehouse.db import atomic, fetch_one, to_frame
from warehouse.queries import latest_snapshot

TABLE = "mart_guide_figures"
GRAIN = "snapshot_date × figure_id, published snapshots only"


def _table_columns(con: duckdb.DuckDBPyConnection, table: str, catalog: str | None = None) -> list[str]:
    sql = "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
    params: list[object] = [table]
    if catalog is not None:
        sql += " AND table_catalog = ?"
        params.append(catalog)
    rows = con.execute(sql + " ORDER BY ordinal_position", params).fetchall()
    return [r[0] for r in rows]


def write_guide_figures(con: duckdb.DuckDBPyConnection, snapshot_date: date, df: pl.DataFrame) -> int:
    """Store ``df`` (transforms.figures.guide_figures_mart output) as ``snapshot_date``'s rows of
    mart_guide_figures, replacing that date's rows (other dates are kept). Returns the rows written.

    Joins the caller's run transaction when one is open, else runs in its own. Refuses a frame whose
    snapshot_date differs from ``snapshot_date``, duplicate figure ids, or columns the table lacks (a mart
    that grew a column needs a migration, not a silent drop).
    """
    frame = df
    if "snapshot_date" not in frame.columns:
        frame = frame.with_columns(pl.lit(snapshot_date, dtype=pl.Date).alias("snapshot_date"))
    dates = frame["snapshot_date"].unique().to_list()
    if frame.height and dates != [snapshot_date]:
        raise ValueError(f"{TABLE}: frame holds snapshot dates {dates}, expected only {snapshot_date}")
    if frame["figure_id"].n_unique() != frame.height:
        raise ValueError(f"{TABLE}: duplicate figure_id in the frame")
    columns = _table_columns(con, TABLE)
    extra = [c for c in frame.columns if c not in columns]
    if extra:
        raise ValueError(f"{TABLE} has no columns {extra}; add a migration")
    names = ", ".join(f'"{c}"' for c in frame.columns)
    stage = f"_stage_{uuid.uuid4().hex[:12]}"
    with atomic(con):
        con.execute(f"DELETE FROM {TABLE} WHERE snapshot_date = ?", [snapshot_date])
        con.register(stage, frame)
        try:
            con.execute(f"INSERT INTO {TABLE} ({names}) SELECT {names} FROM {stage}")
        finally:
            con.unregister(stage)
    return frame.height


def copy_guide_figures(
    con: duckdb.DuckDBPyConnection, pub: duckdb.DuckDBPyConnection, snapshot_date: date
) -> int:
    """Create mart_guide_figures in the published database ``pub`` being built by warehouse.publish._build.

    Rows: ``snapshot_date``'s rows from the warehouse ``con``, plus earlier published snapshots: from the
    previous published file when ``pub`` has it attached as ``prev`` and it holds the table, else from the
    warehouse rows of dates listed in ``publications`` (first publish after migration 006, or no previous
    file). Call it while ``prev`` is still attached. Returns the rows of ``snapshot_date`` copied.
    """
    current = con.sql(
        f"SELECT * FROM {TABLE} WHERE snapshot_date = ?", params=[snapshot_date]
    ).to_arrow_table()
    pub.register("_figures_now", current)
    try:
        pub.execute(f"CREATE TABLE {TABLE} AS SELECT * FROM _figures_now")
    finally:
        pub.unregister("_figures_now")
    attached = {r[0] for r in pub.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    if "prev" in attached and _table_columns(pub, TABLE, catalog="prev"):
        pub.execute(
            f"INSERT INTO {TABLE} BY NAME SELECT * FROM prev.{TABLE} WHERE snapshot_date <> ?",
            [snapshot_date],
        )
    else:
        history = con.sql(
            f"SELECT * FROM {TABLE} WHERE snapshot_date <> ? "
            "AND snapshot_date IN (SELECT snapshot_date FROM publications)",
            params=[snapshot_date],
        ).to_arrow_table()
        pub.register("_figures_hist", history)
        try:
            pub.execute(f"INSERT INTO {TABLE} BY NAME SELECT * FROM _figures_hist")
        finally:
            pub.unregister("_figures_hist")
    pub.execute(f"COMMENT ON TABLE {TABLE} IS 'grain: {GRAIN}'")
    return current.num_rows


def guide_figures(con: duckdb.DuckDBPyConnection, snapshot_date: date | None = None) -> pl.DataFrame:
    """One snapshot of mart_guide_figures from the published file (``open_published``), in the guide's order.

    ``snapshot_date`` defaults to the snapshot the file shows. Columns: the table's, in its order (the
    transforms.figures mart columns). Raises LookupError when the file holds no rows for that snapshot.
    """
    snap = snapshot_date or latest_snapshot(con)
    if snap is None:
        raise LookupError("the published file names no snapshot")
    has_table = fetch_one(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [TABLE])
    if not has_table or not has_table[0]:
        raise LookupError(f"the published file has no {TABLE} (published before guide figures existed)")
    frame = to_frame(con, f"SELECT * FROM {TABLE} WHERE snapshot_date = ? ORDER BY figure_order", [snap])
    if frame.is_empty():
        raise LookupError(f"no guide figures for snapshot {snap} in the published file")
    return frame
