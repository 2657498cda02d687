"""The frame the marts are computed from, read from the warehouse.

:func:`enriched_postings`: one row per posting key (source, board, native_id) that has an enrichment, with
its lifecycle (first_seen_at, last_seen_at, closed_at, UTC), ``has_description`` (the posting carries text;
a listing without one cannot mention a skill, so skill shares leave it out) and every enrichment column;
salaries in the units of postings_enriched (stated amounts, plus annual USD); and the posting's job
cluster (``cluster_id``, ``is_representative``, ``representative_rank`` from posting_clusters; null until a
run has clustered it; transforms.dedup.one_per_job reads them so the marts count each job once). The
description text is left out: the enrichment already holds what the marts need from it, and 40k
descriptions would dominate the frame's memory.
"""

from __future__ import annotations

import duckdb
import polars as pl

from warehouse.db import to_frame

_SQL = """
SELECT p.source, p.board, p.native_id, p.url, p.title, p.company, p.locations, p.remote, p.posted_at,
       p.first_seen_at, p.last_seen_at, p.closed_at,
       coalesce(length(p.description_text), 0) > 0 AS has_description,
       e.* EXCLUDE (source, board, native_id, enriched_at),
       c.cluster_id, c.is_representative, c.representative_rank
FROM postings p
JOIN postings_enriched e USING (source, board, native_id)
LEFT JOIN posting_clusters c USING (source, board, native_id)
ORDER BY p.source, p.board, p.native_id
"""


def enriched_postings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every enriched posting with its lifecycle (inside a run transaction, including its own writes)."""
    return to_frame(con, _SQL)
