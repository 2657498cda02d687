"""Deduplication in the warehouse: the source-specific posting fields it reads and the clusters it writes.

- :func:`write_posting_extra`: store ``Posting.extra`` (Greenhouse requisition_id, internal_job_id, ...) in
  ``posting_extra`` (migration 007), one row per posting key, the newest snapshot's version.
- :func:`dedup_input`: every posting of the warehouse (open and closed) as the input frame of
  :func:`transforms.dedup.posting_clusters`, ids and the posted-salary flag included.
- :func:`write_clusters`: replace ``posting_clusters`` (migration 008) with a run's clusters.

The clustering itself is the pure transform; this module only reads and writes (the layer rule of
DESIGN.md). Writers join the caller's :func:`warehouse.db.run_transaction` through
:func:`warehouse.db.atomic`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb
import polars as pl

from extractors.posting import Posting
from warehouse.db import atomic, to_frame

_KEY = ("source", "board", "native_id")
_EXTRA_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "board": pl.String(),
    "native_id": pl.String(),
    "extra": pl.String(),  # JSON text; DuckDB casts it to JSON on insert
    "seen_at": pl.Datetime("us", "UTC"),
}
# Keys of Posting.extra that name a person (HN: the commenter's handle). Left out, as flows.refresh leaves
# e-mail addresses and phone numbers out of descriptions: no statistic needs them, and the raw landing body
# keeps the original.
PERSONAL_KEYS = frozenset({"author"})
CLUSTER_COLUMNS = (
    "source",
    "board",
    "native_id",
    "cluster_id",
    "cluster_size",
    "is_representative",
    "representative_rank",
    "cluster_urls",
)


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> Iterator[str]:
    name = f"_stage_{uuid.uuid4().hex[:12]}"
    con.register(name, frame)
    try:
        yield name
    finally:
        con.unregister(name)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def write_posting_extra(
    con: duckdb.DuckDBPyConnection, postings: Sequence[Posting], seen_at: datetime | None = None
) -> int:
    """Upsert the ``extra`` of each posting (JSON, keys sorted) into posting_extra; returns rows staged.

    ``seen_at`` (default: each posting's ``fetched_at``) orders versions: a row is replaced only by a
    snapshot at least as new, so an out-of-order backfill never overwrites newer ids. When a key occurs twice
    in ``postings`` the last one wins. Postings with an empty ``extra`` are stored too (as ``{}``), so the
    table says "the source gave nothing" rather than "never loaded". Keys of :data:`PERSONAL_KEYS` are
    left out.
    """
    rows = {
        p.key: (
            *p.key,
            json.dumps(
                {k: v for k, v in (p.extra or {}).items() if k not in PERSONAL_KEYS},
                sort_keys=True,
                ensure_ascii=False,
                default=str,
            ),
            _utc(seen_at or p.fetched_at),
        )
        for p in postings
    }
    frame = pl.DataFrame(list(rows.values()), schema=_EXTRA_SCHEMA, orient="row")
    if frame.is_empty():
        return 0
    match = "x.source = s.source AND x.board = s.board AND x.native_id = s.native_id"
    with atomic(con), _registered(con, frame) as stage:
        con.execute(f"DELETE FROM posting_extra x USING {stage} s WHERE {match} AND s.seen_at >= x.seen_at")
        con.execute(
            f"INSERT INTO posting_extra SELECT source, board, native_id, extra, seen_at FROM {stage} s "
            f"WHERE NOT EXISTS (SELECT 1 FROM posting_extra x WHERE {match})"
        )
    return frame.height


# has_posted_salary mirrors transforms.population.us_posted_salaries minus the population filters: an annual
# USD midpoint that the employer posted (salary_estimated false; null is not trusted as posted).
_INPUT_SQL = """
SELECT p.source, p.board, p.native_id, p.url, p.title, p.company, p.locations, p.description_text,
       x.extra ->> 'requisition_id' AS requisition_id,
       x.extra ->> 'internal_job_id' AS internal_job_id,
       coalesce(e.salary_annual_usd_mid IS NOT NULL AND e.salary_estimated = false, false)
           AS has_posted_salary
FROM postings p
LEFT JOIN posting_extra x USING (source, board, native_id)
LEFT JOIN postings_enriched e USING (source, board, native_id)
ORDER BY p.source, p.board, p.native_id
"""


def dedup_input(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every posting of the warehouse (open and closed: a repost must find the ad it repeats) as the input
    of :func:`transforms.dedup.posting_clusters`.

    Grain: posting key. Columns: the key, url, title, company, locations (list), description_text,
    requisition_id and internal_job_id (strings from posting_extra, null when the source has none) and
    has_posted_salary (Boolean, from postings_enriched). Sorted by key.
    """
    return to_frame(con, _INPUT_SQL)


def write_clusters(
    con: duckdb.DuckDBPyConnection, df: pl.DataFrame, computed_at: datetime | None = None
) -> int:
    """Replace the whole posting_clusters table with ``df`` (the output of posting_clusters over ALL
    postings: one row per posting key, columns :data:`CLUSTER_COLUMNS`). Returns rows written.

    Whole-table replacement, because one new posting can merge clusters of any boards. Refuses duplicate
    keys and frames lacking a column.
    """
    missing = [c for c in CLUSTER_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"posting_clusters: frame lacks columns {missing}")
    dupes = df.group_by(list(_KEY)).len().filter(pl.col("len") > 1)
    if dupes.height:
        raise ValueError(f"posting_clusters: {dupes.height} duplicate posting keys, e.g. {dupes.row(0)[:-1]}")
    frame = df.select(CLUSTER_COLUMNS).with_columns(
        pl.lit(_utc(computed_at or datetime.now(UTC)), dtype=pl.Datetime("us", "UTC")).alias("computed_at")
    )
    names = ", ".join((*CLUSTER_COLUMNS, "computed_at"))
    with atomic(con), _registered(con, frame) as stage:
        con.execute("DELETE FROM posting_clusters")
        con.execute(f"INSERT INTO posting_clusters ({names}) SELECT {names} FROM {stage}")
    return frame.height
