"""The marts' input: every enriched posting with its lifecycle, read from the warehouse.

Grain: one row per posting (source, board, native_id) that has an enrichment row. Columns: the posting key,
first_seen_at / last_seen_at / closed_at (UTC), and every enrichment column (skills as list[str], salaries in
annual USD). The marts pick the active window themselves (``transforms.population.active_postings``).
"""

from __future__ import annotations

import duckdb
import polars as pl

from warehouse.db import to_frame

_SQL = """
SELECT p.source, p.board, p.native_id, p.company, p.title,
       p.first_seen_at, p.last_seen_at, p.closed_at, p.posted_at,
       e.* EXCLUDE (source, board, native_id)
FROM postings AS p
JOIN postings_enriched AS e USING (source, board, native_id)
ORDER BY p.source, p.board, p.native_id
"""


def enriched_postings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """All enriched postings with lifecycle timestamps (see module docstring), sorted by key."""
    frame = to_frame(con, _SQL)
    if "experience_min_years" in frame.columns:
        frame = frame.with_columns(pl.col("experience_min_years").cast(pl.Int64))
    return frame
