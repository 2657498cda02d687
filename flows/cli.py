"""The ``jobpulse`` command line: thin wrappers over the flows, the warehouse queries and the exports.

Every command reads the one settings object (``JOBPULSE_*`` variables, optional ``jobpulse.toml``).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import asdict, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from flows.figures_cli import register as register_figures
from flows.settings import PACKAGE_ROOT, Settings, load_settings

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="jobpulse: AI/ML job-market figures with honest uncertainty.",
)
export_app = typer.Typer(no_args_is_help=True, help="Export published tables.")
app.add_typer(export_app, name="export")
backfill_app = typer.Typer(no_args_is_help=True, help="Load history from sources that keep it.")
app.add_typer(backfill_app, name="backfill")
register_figures(app, export_app)

DEMO_INDEX = PACKAGE_ROOT / "demo" / "index.json"


def _settings(warehouse: Path | None = None) -> Settings:
    settings = load_settings()
    return replace(settings, warehouse_path=warehouse) if warehouse else settings


def _fmt_bytes(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _print_report(report) -> None:
    """The per-board run report: requests, bytes, postings, new, closed, errors, duration."""
    typer.echo(f"run {report.run_id}  snapshot {report.snapshot_date}  status {report.status}")
    header = (
        f"{'source':<16}{'board':<26}{'req':>5}{'bytes':>10}{'postings':>10}{'new':>6}{'closed':>8}{'secs':>7}"
        "  error"
    )
    typer.echo(header)
    for b in sorted(report.boards, key=lambda b: (b.source, b.board)):
        typer.echo(
            f"{b.source:<16}{b.board[:25]:<26}{b.requests:>5}{_fmt_bytes(b.n_bytes):>10}{b.postings:>10}"
            f"{b.new:>6}{b.closed:>8}{b.duration_s:>7.2f}  {b.error or ''}"
        )
    typer.echo("")
    typer.echo(
        f"{'per source':<16}{'boards':>7}{'failed':>7}{'req':>6}{'bytes':>10}{'postings':>10}{'new':>7}"
        f"{'closed':>8}{'secs':>8}"
    )
    for r in report.by_source():
        typer.echo(
            f"{r['source']:<16}{r['boards']:>7}{r['failed']:>7}{r['requests']:>6}{_fmt_bytes(r['bytes']):>10}"
            f"{r['postings']:>10}{r['new']:>7}{r['closed']:>8}{r['duration_s']:>8.2f}"
        )
    total = sum(b.postings for b in report.boards)
    failed = sum(1 for b in report.boards if b.error)
    typer.echo(
        f"{len(report.boards)} boards, {total} postings, {failed} failed; published: {report.published}"
    )
    if report.message:
        typer.echo(report.message)
    for line in report.skipped:
        typer.echo(line)


@app.command()
def refresh(
    replay: Annotated[
        Path | None, typer.Option(help="Replay index (shared format) to serve locally.")
    ] = None,
    snapshot: Annotated[
        str | None, typer.Option(help="As-of date YYYY-MM-DD (replay: recordings <= it).")
    ] = None,
    sources: Annotated[
        Path | None, typer.Option("--sources", help="Sources TOML (default: settings).")
    ] = None,
    source: Annotated[list[str] | None, typer.Option(help="Only these sources (repeatable).")] = None,
    warehouse: Annotated[Path | None, typer.Option(help="Warehouse DuckDB file.")] = None,
    base_url: Annotated[str | None, typer.Option(help="Send every request to this server instead.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run report as JSON.")] = False,
) -> None:
    """Extract every board, load, enrich, build the marts, validate and publish (one Prefect flow run)."""
    from flows.refresh import refresh as refresh_flow

    report = refresh_flow(
        replay_index=str(replay) if replay else None,
        snapshot=snapshot,
        sources_file=str(sources) if sources else None,
        sources=source or None,
        warehouse_path=str(warehouse) if warehouse else None,
        base_url=base_url,
    )
    if as_json:
        typer.echo(json.dumps(asdict(report) | {"sources": report.by_source()}, default=str, indent=2))
    else:
        _print_report(report)
    if report.status == "failed":
        raise typer.Exit(1)


@app.command("replay-server")
def replay_server(
    index: Annotated[Path, typer.Option(help="Replay index.json.")],
    snapshot: Annotated[str | None, typer.Option(help="Serve recordings as of YYYY-MM-DD.")] = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8765,
) -> None:
    """Answer the recorded real URLs on 127.0.0.1 (the real host travels in the X-Jobpulse-Host header)."""
    from extractors.replay import run_replay_server

    run_replay_server(index, snapshot, port=port)


@app.command()
def schedule(
    print_only: Annotated[
        bool, typer.Option("--print", help="Show the deployment; do not serve it.")
    ] = False,
    cron: Annotated[str | None, typer.Option(help="Cron expression (default: settings).")] = None,
    timezone: Annotated[str | None, typer.Option(help="IANA timezone (default: settings).")] = None,
) -> None:
    """Serve the nightly refresh deployment (default cron 0 3 * * * UTC)."""
    from prefect import serve

    from flows.deployment import describe, nightly_deployment

    deployment = nightly_deployment(load_settings(), cron, timezone)
    if print_only:
        typer.echo(json.dumps(describe(deployment), indent=2, default=str))
        return
    serve(deployment)


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    limit: Annotated[int, typer.Option(help="How many recent runs.")] = 10,
    warehouse: Annotated[Path | None, typer.Option(help="Warehouse DuckDB file.")] = None,
) -> None:
    """The recent runs, newest first, with per-board counts and errors."""
    from warehouse.db import WarehouseBusyError, connect
    from warehouse.queries import run_status

    settings = _settings(warehouse)
    if not settings.warehouse_path.is_file():
        typer.echo(f"no warehouse at {settings.warehouse_path}: run `jobpulse refresh` first", err=True)
        raise typer.Exit(1)
    try:
        con = connect(settings.warehouse_path, read_only=True)
    except WarehouseBusyError:
        typer.echo(
            f"{settings.warehouse_path} is being written by a refresh; try again when it ends", err=True
        )
        raise typer.Exit(2) from None
    try:
        data = run_status(con, limit)
    finally:
        con.close()
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    typer.echo(f"published snapshot: {data['published_snapshot'] or 'none'}")
    for run in data["runs"]:
        boards = run["boards"]
        failed = [b for b in boards if b["error"]]
        typer.echo(
            f"{run['run_id']}  {run['status']:<9} published={run['published']!s:<5} "
            f"started {run['started_at']}  boards {len(boards)} ({len(failed)} failed)  "
            f"postings {sum(b['postings'] for b in boards)} new {sum(b['new'] for b in boards)} "
            f"closed {sum(b['closed'] for b in boards)}"
        )
        for b in failed:
            typer.echo(f"    {b['source']}/{b['board']}: {b['error']}")


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    json = "json"


@export_app.command("salaries")
def export_salaries_cmd(
    out: Annotated[Path, typer.Option(help="Output file.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="csv, parquet or json.")] = ExportFormat.csv,
    snapshot: Annotated[str | None, typer.Option(help="Snapshot date (default: latest published).")] = None,
    warehouse: Annotated[Path | None, typer.Option(help="Warehouse DuckDB file.")] = None,
) -> None:
    """The salary-percentile table (n, 95% intervals, snapshot date, methodology version on every row)."""
    from warehouse.export import export_salaries

    settings = _settings(warehouse)
    path = export_salaries(
        settings.published_path, out, fmt.value, date.fromisoformat(snapshot) if snapshot else None
    )
    typer.echo(f"wrote {path}")


@app.command()
def dashboard(
    port: Annotated[int, typer.Option(help="Port on localhost.")] = 8501,
    warehouse: Annotated[Path | None, typer.Option(help="Warehouse DuckDB file.")] = None,
) -> None:
    """Start the Streamlit dashboard (reads the published snapshot read-only)."""
    settings = _settings(warehouse)
    env = {**os.environ, "JOBPULSE_WAREHOUSE_PATH": str(settings.warehouse_path)}
    app_path = PACKAGE_ROOT / "dashboard" / "app.py"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",  # readers, not developers: no Deploy button
    ]
    raise typer.Exit(subprocess.call(cmd, env=env))


@app.command()
def enrich(
    input_path: Annotated[Path, typer.Argument(help="Input JSONL (uid, title, company, location, ...).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output JSONL.")],
    progress: Annotated[bool, typer.Option(help="Progress bar on stderr.")] = True,
) -> None:
    """Enrich postings from a JSONL file: the same transforms as ``jobpulse refresh``."""
    from flows.enrich_file import enrich_jsonl

    stats = enrich_jsonl(input_path, output, progress=progress)
    typer.echo(str(stats), err=True)


@app.command()
def reparse(
    run: Annotated[str | None, typer.Option(help="Run id (default: the newest run with landings).")] = None,
    warehouse: Annotated[Path | None, typer.Option(help="Warehouse DuckDB file.")] = None,
) -> None:
    """Parse a past run's landed raw bodies again with today's parsers (nothing is fetched) and load them."""
    from flows.reparse import reparse as reparse_flow

    report = reparse_flow(run, warehouse_path=str(warehouse) if warehouse else None)
    _print_report(report)
    if report.status == "failed":
        raise typer.Exit(1)


@backfill_app.command("hn")
def backfill_hn_cmd(
    since: Annotated[str, typer.Option(help="First month, YYYY-MM.")],
    replay: Annotated[Path | None, typer.Option(help="Replay index to serve locally.")] = None,
    snapshot: Annotated[str | None, typer.Option(help="Replay as of YYYY-MM-DD.")] = None,
    warehouse: Annotated[Path | None, typer.Option(help="Warehouse DuckDB file.")] = None,
) -> None:
    """Load every Hacker News "Who is hiring?" thread since a month (one task per thread)."""
    from flows.backfill import backfill_hn_flow

    report = backfill_hn_flow(
        since,
        warehouse_path=str(warehouse) if warehouse else None,
        replay_index=str(replay) if replay else None,
        snapshot=snapshot,
    )
    _print_report(report)
    if report.status == "failed":
        raise typer.Exit(1)


class ImportFormat(StrEnum):
    jobspy = "jobspy"
    csv = "csv"
    jsonl = "jsonl"


@app.command("import")
def import_cmd(
    path: Annotated[Path, typer.Argument(help="The file to load.")],
    fmt: Annotated[ImportFormat, typer.Option("--format", help="jobspy, csv or jsonl.")],
    board: Annotated[str, typer.Option(help="Board name for these postings (the key's middle part).")],
    mapping: Annotated[
        str | None, typer.Option(help='Column mapping as JSON, e.g. {"title": "job_title", "id": "row"}.')
    ] = None,
    warehouse: Annotated[Path | None, typer.Option(help="Warehouse DuckDB file.")] = None,
) -> None:
    """Load postings people already have (JobSpy output, or CSV/JSONL with a column mapping)."""
    from flows.backfill import import_file_flow

    report = import_file_flow(
        str(path),
        fmt.value,
        board,
        json.loads(mapping) if mapping else None,
        warehouse_path=str(warehouse) if warehouse else None,
    )
    _print_report(report)
    if report.status == "failed":
        raise typer.Exit(1)


@app.command()
def demo(
    warehouse: Annotated[Path | None, typer.Option(help="Warehouse DuckDB file.")] = None,
) -> None:
    """Refresh the project's fictional demo recordings (two snapshots) and print the headline figures."""
    from flows.refresh import refresh as refresh_flow
    from flows.summary import headline_lines

    settings = _settings(warehouse)
    index = json.loads(DEMO_INDEX.read_text(encoding="utf-8"))
    snapshots = sorted({e["snapshot"] for e in index["entries"]})
    typer.echo("jobpulse demo: FICTIONAL demo recordings (demo/README.md), replayed offline.")
    for snap in snapshots:
        report = refresh_flow(
            replay_index=str(DEMO_INDEX), snapshot=snap, warehouse_path=str(settings.warehouse_path)
        )
        _print_report(report)
        typer.echo("")
    for line in headline_lines(settings.published_path):
        typer.echo(line)
    typer.echo("")
    typer.echo(f"Warehouse: {settings.warehouse_path}   published snapshot: {settings.published_path}")
    typer.echo("Open the dashboard:  .venv/bin/jobpulse dashboard   (then http://localhost:8501)")


@app.callback()
def main() -> None:
    """jobpulse: AI/ML job-market figures with honest uncertainty."""
    # Quiet, offline-friendly defaults for Prefect's local ephemeral API (override in the environment).
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
