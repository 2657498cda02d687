"""Re-parse a past run's landed bodies with today's parsers, without fetching anything.

After a parser fix, the raw landing store still holds every body a run fetched; this flow reads them back,
parses them again and loads the result through the same warehouse half as ``refresh`` (lifecycle, enrichment,
marts, validation, publish). Each (source, board) of the landings is one unit; postings are observed at the
time the body was fetched, and the marts are rebuilt for the snapshot date of the original run.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger

from extractors.http_client import Fetched
from extractors.raw_store import RawRecord, RawStore
from extractors.registry import ADAPTERS, parse_board
from extractors.sources_config import BoardRef
from flows.refresh import BoardExtract, RunReport, guarded_extract, load_enrich_publish
from flows.settings import load_settings
from warehouse.db import connect
from warehouse.queries import run_landings


@flow(name="reparse", log_prints=True)
def reparse(run_id: str | None = None, warehouse_path: str | None = None) -> RunReport:
    """Parse the bodies landed by ``run_id`` (default: the newest run with landings) again and load them."""
    settings = load_settings()
    if warehouse_path:
        settings = replace(settings, warehouse_path=Path(warehouse_path))
    logger = get_run_logger()
    store = RawStore(settings.raw_store_path)
    con = connect(settings.warehouse_path)
    try:
        landings = run_landings(con, run_id)
        if landings.is_empty():
            raise LookupError(f"no landed bodies for run {run_id or '(latest)'} in {settings.warehouse_path}")
        extracts: list[BoardExtract] = []
        for (source, board), group in landings.group_by("source", "board", maintain_order=True):
            if source not in ADAPTERS:
                logger.warning("no parser for source %s; its %d bodies are skipped", source, group.height)
                continue
            records = [_record(row, store) for row in group.iter_rows(named=True)]
            extracts.append(
                guarded_extract(
                    BoardRef(source, board),
                    lambda records=records: [Fetched(r, store.read(r.sha256)) for r in records],
                    lambda f, source=source, board=board: parse_board(
                        source,
                        f.body,
                        board=board,
                        fetched_at=f.record.fetched_at,
                        raw_sha256=f.record.sha256,
                    ),
                    seen_at=group["fetched_at"].max(),
                    counts_requests=False,  # nothing is fetched
                )
            )
        started_at = datetime.now(UTC)
        new_run = f"{started_at:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}-reparse"
        snapshot = landings["snapshot_date"][0] or landings["fetched_at"].max().date()
        return load_enrich_publish(con, settings, new_run, started_at, snapshot, started_at, extracts, [])
    finally:
        con.close()


def _record(row: dict, store: RawStore) -> RawRecord:
    """The landing record of one ``raw_responses`` row (its body is read from the store when parsed)."""
    return RawRecord(
        sha256=row["sha256"],
        url=row["url"],
        status=row["status"],
        source=row["source"],
        board=row["board"] or None,
        fetched_at=row["fetched_at"],
        content_type=None,
        n_bytes=0,
        path=store.body_path(row["sha256"]),
    )
