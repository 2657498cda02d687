"""Flows that load postings from elsewhere than tonight's boards: HN history and files people already have.

Both end in the same warehouse half as ``refresh`` (:func:`flows.refresh.load_enrich_publish`): one
transaction, lifecycle, enrichment, marts, validation, publish.
"""

from __future__ import annotations

import time
import uuid
from contextlib import nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.file_import import import_file
from extractors.hn import SOURCE as HN
from extractors.hn import HnThread, fetch_hiring_threads, fetch_thread_comments, parse_comment
from extractors.http_client import ClientConfig, PoliteClient
from extractors.raw_store import RawStore
from extractors.replay import ReplayServer
from extractors.sources_config import BoardRef
from flows.refresh import BoardExtract, RunReport, guarded_extract, load_enrich_publish, scrub_postings
from flows.settings import Settings, load_settings
from warehouse.db import connect


def _settings(warehouse_path: str | None) -> Settings:
    settings = load_settings()
    return replace(settings, warehouse_path=Path(warehouse_path)) if warehouse_path else settings


def _run(settings: Settings, started_at: datetime, extracts: list[BoardExtract], landed: list) -> RunReport:
    run_id = f"{started_at:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    settings.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    con = connect(settings.warehouse_path)
    try:
        return load_enrich_publish(
            con, settings, run_id, started_at, started_at.date(), started_at, extracts, landed
        )
    finally:
        con.close()


@task(name="harvest-hn-thread", cache_policy=NO_CACHE, task_run_name="hn thread {thread.story_id}")
def harvest_thread(client: PoliteClient, thread: HnThread) -> BoardExtract:
    """One monthly thread's top-level comments as postings, observed at the thread's post time."""
    return guarded_extract(
        BoardRef(HN, str(thread.story_id)),
        lambda: fetch_thread_comments(client, thread),
        lambda f: parse_comment(f.body, thread.story_id, f.record.fetched_at, f.record.sha256),
        seen_at=thread.posted_at,
    )


@flow(name="backfill-hn", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def backfill_hn_flow(
    since: str,
    warehouse_path: str | None = None,
    replay_index: str | None = None,
    snapshot: str | None = None,
) -> RunReport:
    """Load every monthly "Who is hiring?" thread from ``since`` (YYYY-MM) to now, one task per thread.

    Each thread's postings are observed at the thread's post time, so first/last seen follow the month the
    comments were written, and a thread that fails is recorded without stopping the others.
    """
    settings = _settings(warehouse_path)
    logger = get_run_logger()
    started_at = datetime.now(UTC)
    with ReplayServer(replay_index, snapshot) if replay_index else nullcontext() as server:
        rewriter = server.rewriter() if server else None
        if server:
            settings = replace(settings, http=replace(settings.http, min_spacing_s=0.0))
        store = RawStore(settings.raw_store_path)
        with PoliteClient(store, ClientConfig.from_object(settings.http), rewriter=rewriter) as client:
            threads = [thread for thread, _story in fetch_hiring_threads(client, since)]
            logger.info("backfill hn since %s: %d threads", since, len(threads))
            extracts = [f.result() for f in [harvest_thread.submit(client, t) for t in threads]]
            landed = store.records(since=started_at)
    return _run(settings, started_at, extracts, landed)


@flow(name="import-file", log_prints=True)
def import_file_flow(
    path: str,
    fmt: str,
    board: str,
    mapping: dict[str, Any] | None = None,
    warehouse_path: str | None = None,
) -> RunReport:
    """Load a file of postings (JobSpy CSV/JSON, or CSV/JSONL with a column mapping) as one board of source
    ``import:<fmt>``; re-importing a newer file of the same board closes the postings it no longer lists."""
    settings = _settings(warehouse_path)
    started_at = datetime.now(UTC)
    started = time.monotonic()
    postings = scrub_postings(import_file(path, fmt, board, mapping, fetched_at=started_at))
    source = postings[0].source if postings else f"import:{fmt}"
    extract = BoardExtract(ref=BoardRef(source, board), postings=postings, requests=0)
    extract.duration_s = time.monotonic() - started
    return _run(settings, started_at, [extract], [])
