"""The nightly ``refresh`` flow: extract every board → load → enrich → marts → validate → publish.

Grain of a run: one pass over a list of boards (source + board token) at one observation time. Every board is
its own Prefect task, so one failing board is recorded and the others carry on. The run's data (postings,
enrichment, marts) goes into the warehouse in one transaction; the published file the dashboard reads is only
replaced when the critical expectations pass.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import astuple, dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from expectations import ValidationReport, publish_decision, validate
from extractors.errors import ExtractorError, FetchError
from extractors.http_client import BaseUrlRewriter, ClientConfig, Fetched, PoliteClient
from extractors.posting import Posting
from extractors.raw_store import RawRecord, RawStore
from extractors.registry import ADAPTERS, fetch_board, parse_board
from extractors.replay import ReplayServer
from extractors.replay_plan import replay_boards
from extractors.sources_config import BoardRef, load_sources
from extractors.terms import attributions, min_interval_s
from flows.enrich_input import enrich_input
from flows.settings import Settings, load_settings
from transforms.dedup import posting_clusters
from transforms.enrich import enrich
from transforms.enrich.pii import scrub_series
from transforms.enrich.taxonomy import load_taxonomy
from transforms.figures import guide_figures_mart
from transforms.guide_tables import guide_salary_tables
from transforms.marts import salary_percentiles, skill_shares
from warehouse.clusters import dedup_input, write_clusters, write_posting_extra
from warehouse.db import connect, run_transaction
from warehouse.figures import write_guide_figures, write_guide_salary_tables
from warehouse.load import (
    BoardCounts,
    finish_run,
    load_board,
    record_board_result,
    record_raw,
    start_run,
    write_enriched,
    write_marts,
    write_validation,
)
from warehouse.marts_input import enriched_postings
from warehouse.publish import publish_snapshot


@dataclass(slots=True)
class BoardExtract:
    """What extracting one board produced: its postings (empty on failure), its landings and its error."""

    ref: BoardRef
    postings: list = field(default_factory=list)
    records: list[RawRecord] = field(default_factory=list)
    requests: int = 0
    duration_s: float = 0.0
    error: str | None = None
    seen_at: datetime | None = None  # when its postings were observed, if not at the run's time (backfills)

    @property
    def n_bytes(self) -> int:
        return sum(r.n_bytes for r in self.records)


@dataclass(slots=True)
class BoardReport:
    """One board's line of the run report."""

    source: str
    board: str
    requests: int
    n_bytes: int
    postings: int
    new: int
    closed: int
    duration_s: float
    error: str | None


@dataclass(slots=True)
class RunReport:
    """What ``jobpulse refresh`` prints: per-board counts, whether the snapshot was published and why not."""

    run_id: str
    snapshot_date: date
    status: str
    published: bool
    message: str | None
    boards: list[BoardReport]
    skipped: list[str] = field(default_factory=list)  # one line per source skipped for want of a key

    def by_source(self) -> list[dict]:
        """The report per source: boards, failed boards, requests, bytes, postings, new, closed, seconds
        (summed over the source's boards; seconds are task time, boards run in parallel)."""
        rows: dict[str, dict] = {}
        for b in self.boards:
            row = rows.setdefault(
                b.source,
                {
                    "source": b.source,
                    "boards": 0,
                    "failed": 0,
                    "requests": 0,
                    "bytes": 0,
                    "postings": 0,
                    "new": 0,
                    "closed": 0,
                    "duration_s": 0.0,
                    "errors": [],
                },
            )
            row["boards"] += 1
            row["failed"] += b.error is not None
            row["requests"] += b.requests
            row["bytes"] += b.n_bytes
            row["postings"] += b.postings
            row["new"] += b.new
            row["closed"] += b.closed
            row["duration_s"] += b.duration_s
            if b.error:
                row["errors"].append(f"{b.board}: {b.error}")
        return [rows[k] for k in sorted(rows)]


def scrub_postings(postings: list) -> list:
    """Postings with e-mail addresses and phone numbers removed from their description (data minimisation:
    the statistics never need them; the raw body keeps the original for re-parsing)."""
    if not postings:
        return postings
    cleaned = scrub_series(pl.Series("d", [p.description_text for p in postings], dtype=pl.String))
    return [replace(p, description_text=text) for p, text in zip(postings, cleaned, strict=True)]


def guarded_extract(
    ref: BoardRef,
    fetch: Callable[[], list[Fetched]],
    parse: Callable[[Fetched], list[Posting]],
    *,
    seen_at: datetime | None = None,
    counts_requests: bool = True,
) -> BoardExtract:
    """Run one fetch unit's ``fetch`` then ``parse`` on each landed body, never raising for a bad unit: a
    fetch error (with the body that came back, if any), a parse error or an I/O error (raw store) is
    returned in ``error`` with no postings, so the unit loads nothing and closes nothing. Descriptions are
    scrubbed of e-mail addresses and phone numbers before they leave here."""
    started = time.monotonic()
    out = BoardExtract(ref=ref, seen_at=seen_at)
    try:
        fetched = fetch()
        out.records = [f.record for f in fetched]
        out.requests = len(fetched) if counts_requests else 0
        out.postings = scrub_postings([p for f in fetched for p in parse(f)])
    except FetchError as exc:
        out.requests = max(out.requests, exc.attempts)
        if exc.raw is not None:
            out.records.append(exc.raw)
        out.error = f"{type(exc).__name__}: {exc}"
        out.postings = []
    except (ExtractorError, OSError) as exc:  # the body is landed; nothing of this unit is loaded
        out.error = f"{type(exc).__name__}: {exc}"
        out.postings = []
    out.duration_s = time.monotonic() - started
    return out


@task(name="extract-board", cache_policy=NO_CACHE, task_run_name="extract {ref.source}/{ref.board}")
def extract_board(client: PoliteClient, ref: BoardRef, credentials: dict[str, str]) -> BoardExtract:
    """Fetch and parse one board (see :func:`guarded_extract`)."""
    return guarded_extract(
        ref,
        lambda: fetch_board(client, ref.source, ref.board, **ref.options, **credentials),
        lambda f: parse_board(
            ref.source,
            f.body,
            board=ref.board,
            fetched_at=f.record.fetched_at,
            raw_sha256=f.record.sha256,
            company=ref.company,
        ),
    )


def _host_spacing(boards: list[BoardRef]) -> dict[str, float]:
    """Minimum spacing per host from each source's terms (e.g. 2 s for SmartRecruiters)."""
    spacing: dict[str, float] = {}
    for source in {b.source for b in boards}:
        for host in ADAPTERS[source].hosts:
            spacing[host] = max(spacing.get(host, 0.0), min_interval_s(source))
    return spacing


@contextmanager
def _client(
    settings: Settings, rewriter: BaseUrlRewriter | None, host_spacing: dict[str, float]
) -> Iterator[PoliteClient]:
    store = RawStore(settings.raw_store_path)
    config = ClientConfig.from_object(settings.http)
    with PoliteClient(store, config, rewriter=rewriter, host_spacing_s=host_spacing) as client:
        yield client


def resolve_boards(
    settings: Settings, sources_file: Path | None, server: ReplayServer | None, only: tuple[str, ...] | None
) -> list[BoardRef]:
    """The boards of this run: the sources file when given; with a replay server and no file, what the replay
    index holds (for the sources jobpulse can parse); otherwise the configured default file. ``only`` (or the
    ``sources`` setting) narrows it to some sources."""
    wanted = set(only or settings.sources or ADAPTERS)
    if sources_file is None and server is not None:
        refs = replay_boards(server.current_entries(), set(ADAPTERS))
    else:
        refs = load_sources(sources_file or settings.sources_file)
    unknown = sorted({r.source for r in refs} - set(ADAPTERS))
    if unknown:
        raise ValueError(f"no extractor for source(s) {', '.join(unknown)}; known: {', '.join(ADAPTERS)}")
    return [r for r in refs if r.source in wanted]


def credentials_for(settings: Settings, refs: list[BoardRef], replaying: bool) -> tuple[dict, list[str]]:
    """Fetch keyword credentials per keyed source, and one line per source skipped for want of a key.

    A replay server ignores credentials (no recorded URL carries them), so a replay passes placeholders.
    """
    creds: dict[str, dict[str, str]] = {}
    skipped: list[str] = []
    for source in sorted({r.source for r in refs}):
        adapter = ADAPTERS[source]
        if adapter.credentials is None:
            creds[source] = {}
            continue
        missing = adapter.missing_credentials(settings) if adapter.missing_credentials else None
        if missing and not replaying:
            skipped.append(missing)
            continue
        keys = adapter.credentials(settings)
        creds[source] = {k: (v or "replay-placeholder") for k, v in keys.items()} if replaying else keys
    return creds, skipped


@flow(name="refresh", task_runner=ThreadPoolTaskRunner(max_workers=8), log_prints=True)
def refresh(
    replay_index: str | None = None,
    snapshot: str | None = None,
    sources_file: str | None = None,
    sources: list[str] | None = None,
    warehouse_path: str | None = None,
    base_url: str | None = None,
) -> RunReport:
    """Refresh the warehouse from the boards' public APIs (or from a replay index) and publish the marts.

    ``snapshot`` (YYYY-MM-DD) is the as-of date: with ``replay_index`` the recordings served are those
    captured on or before it and postings are observed at that date; live, it defaults to today (UTC).
    ``base_url`` sends every request to that server instead (e.g. a ``jobpulse replay-server`` already
    running); the real host travels in a header, exactly as with ``replay_index``.
    """
    settings = load_settings()
    if warehouse_path:
        settings = replace(settings, warehouse_path=Path(warehouse_path))
    logger = get_run_logger()
    started_at = datetime.now(UTC)
    snapshot_date = date.fromisoformat(snapshot) if snapshot else started_at.date()
    # Replayed postings are observed at the snapshot date, so lifecycle and windows follow the recordings.
    seen_at = (
        datetime(snapshot_date.year, snapshot_date.month, snapshot_date.day, tzinfo=UTC)
        if (replay_index)
        else started_at
    )
    run_id = f"{started_at:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"

    server_cm = (
        ReplayServer(replay_index, snapshot_date if snapshot else None) if replay_index else nullcontext()
    )
    with server_cm as server:
        boards = resolve_boards(
            settings,
            Path(sources_file) if sources_file else None,
            server,
            tuple(sources) if sources else None,
        )
        replaying = server is not None or base_url is not None
        creds, skipped = credentials_for(settings, boards, replaying)
        for line in skipped:
            logger.warning(line)
        boards = [b for b in boards if b.source in creds]
        logger.info("run %s: %d boards, snapshot %s", run_id, len(boards), snapshot_date)
        rewriter = BaseUrlRewriter(base_url) if base_url else (server.rewriter() if server else None)
        # Spacing is owed to the real servers, not to a local replay of them.
        if replaying:
            settings = replace(settings, http=replace(settings.http, min_spacing_s=0.0))
        spacing = {} if replaying else _host_spacing(boards)
        with _client(settings, rewriter, spacing) as client:
            futures = [extract_board.submit(client, ref, creds[ref.source]) for ref in boards]
            extracts: list[BoardExtract] = [f.result() for f in futures]
            # Every landing of this run, including bodies of retried answers (a 429 before the 200).
            landed = client.store.records(since=started_at)

    settings.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    con = connect(settings.warehouse_path)
    try:
        report = load_enrich_publish(
            con, settings, run_id, started_at, snapshot_date, seen_at, extracts, landed
        )
        report.skipped = skipped
        return report
    finally:
        con.close()


def _load_extract(con, run_id: str, extract: BoardExtract, seen_at: datetime) -> BoardCounts:
    """Load one successful extract. Postings are loaded under the board they carry, which for some sources
    differs from the fetch unit (HN: one fetch covers two monthly threads; JSON-LD: pages of one host), so
    each (source, board) snapshot closes only its own vanished postings. The fetch unit's own board is
    always loaded, so a board that now lists nothing closes what it had."""
    groups: dict[tuple[str, str], list] = {(extract.ref.source, extract.ref.board): []}
    for p in extract.postings:
        groups.setdefault((p.source, p.board), []).append(p)
    total = BoardCounts(0, 0, 0, 0, 0)
    for (source, board), postings in groups.items():
        c = load_board(con, run_id, source, board, postings, extract.seen_at or seen_at)
        total = BoardCounts(*(a + b for a, b in zip(astuple(total), astuple(c), strict=True)))
    return total


def _marts(
    con, settings: Settings, snapshot_date: date
) -> tuple[pl.DataFrame, ValidationReport, bool, list[str]]:
    """Dedup, build the marts as of ``snapshot_date`` over every posting, validate them, and write them when
    no critical expectation failed. Returns (marts input, validation report, allowed, reasons)."""
    # Dedup across sources and reposts over every posting, so the marts count each job once.
    write_clusters(con, posting_clusters(dedup_input(con)))
    postings = enriched_postings(con)
    skills = [s.skill_id for s in load_taxonomy().skills]
    shares = skill_shares(postings, snapshot_date, settings.window_days, skill_ids=skills)
    salaries = salary_percentiles(postings, snapshot_date, settings.window_days)
    report = validate(postings, shares, salaries)
    allowed, reasons = publish_decision(report)
    if allowed:
        write_marts(con, snapshot_date, shares, salaries)
        figures = guide_figures_mart(postings, snapshot_date, settings.window_days)
        write_guide_figures(con, snapshot_date, figures)
        tables = guide_salary_tables(postings, snapshot_date, settings.window_days)
        write_guide_salary_tables(con, snapshot_date, tables)
    return postings, report, allowed, reasons


def load_enrich_publish(
    con,
    settings: Settings,
    run_id: str,
    started_at: datetime,
    snapshot_date: date,
    seen_at: datetime,
    extracts: list[BoardExtract],
    landed: list[RawRecord],
) -> RunReport:
    """The run's warehouse half, shared by refresh, backfill and import: record the landings, load every
    successful extract (lifecycle), enrich what was loaded, rebuild the marts as of ``snapshot_date``,
    validate, and publish when no critical expectation failed. Data goes in one transaction."""
    logger = get_run_logger()
    start_run(con, run_id, started_at, snapshot_date=snapshot_date)
    record_raw(con, run_id, [{**r.to_row(), "store_path": str(r.path)} for r in landed])
    reports: list[BoardReport] = []
    try:
        with run_transaction(con):
            loaded = []
            for e in extracts:
                counts = BoardCounts(0, 0, 0, 0, 0)
                if e.error is None:
                    counts = _load_extract(con, run_id, e, seen_at)
                    loaded.extend(e.postings)
                else:
                    logger.warning("%s/%s failed: %s", e.ref.source, e.ref.board, e.error)
                record_board_result(
                    con,
                    run_id,
                    e.ref.source,
                    e.ref.board,
                    counts if e.error is None else None,
                    requests=e.requests,
                    n_bytes=e.n_bytes,
                    duration_s=e.duration_s,
                    error=e.error,
                )
                reports.append(
                    BoardReport(
                        e.ref.source,
                        e.ref.board,
                        e.requests,
                        e.n_bytes,
                        counts.postings,
                        counts.new,
                        counts.closed,
                        e.duration_s,
                        e.error,
                    )
                )
            if loaded:
                frame = enrich_input(loaded).unique(subset="uid", keep="last", maintain_order=True)
                keys = frame.select("uid", "source", "board", "native_id")
                enriched = keys.join(enrich(frame), on="uid", how="left", maintain_order="left")
                write_enriched(con, enriched)
                write_posting_extra(con, loaded)
            all_failed = bool(reports) and all(r.error for r in reports)
            if not all_failed:
                postings, report, allowed, reasons = _marts(con, settings, snapshot_date)
        if not all_failed:
            write_validation(con, run_id, report)
    except Exception as exc:
        finish_run(con, run_id, "failed", False, f"{type(exc).__name__}: {exc}", snapshot_date=snapshot_date)
        raise

    failed = [r for r in reports if r.error]
    if all_failed:
        # Nothing new was observed: republishing old postings as tonight's snapshot would only look fresh.
        message = f"all {len(reports)} boards failed; the published snapshot is left as it was"
        finish_run(con, run_id, "failed", False, message, snapshot_date=snapshot_date)
        logger.error(message)
        return RunReport(run_id, snapshot_date, "failed", False, message, reports)
    if not allowed:
        message = "publishing blocked by critical expectations: " + "; ".join(reasons)
        finish_run(con, run_id, "blocked", False, message, snapshot_date=snapshot_date)
        logger.error(message)
        return RunReport(run_id, snapshot_date, "blocked", False, message, reports)

    credits = attributions(postings["source"].unique().to_list()) if postings.height else {}
    publish_snapshot(con, settings.published_path, snapshot_date, run_id=run_id, attributions=credits)
    message = f"{len(failed)} of {len(reports)} boards failed" if failed else None
    finish_run(con, run_id, "succeeded", True, message, snapshot_date=snapshot_date)
    return RunReport(run_id, snapshot_date, "succeeded", True, message, reports)
