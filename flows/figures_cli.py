"""``jobpulse figures``: the guide's figures beside the live ones, from the published snapshot.

Register on the main app with ``register(app, export_app)``: ``jobpulse figures`` (plain output is a table
for people; ``--json`` prints the published mart_guide_figures rows as a JSON list whose objects have exactly
the mart's columns, dates as ISO strings, numbers unrounded), ``jobpulse export guide`` (the refreshed
Markdown of the guide's market sections) and ``jobpulse export guide-tables`` (the salary tables as CSV,
Parquet, JSON, XLSX and Markdown).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer

from flows.settings import Settings, load_settings
from warehouse.export_tables import TABLE_FORMATS, format_span, format_value


def figure_lines(frame: pl.DataFrame) -> list[str]:
    """The guide-versus-live table as text lines: one line per figure (grain of mart_guide_figures)."""
    header = f"{'figure':<46}{'guide':<18}{'live':<18}{'95% interval':<30}{'n':>7}  status"
    lines = [header, "-" * len(header)]
    for r in frame.iter_rows(named=True):
        unit = r["unit"]
        guide = format_span(r["guide_value_low"], r["guide_value_high"], unit, exact=True)
        guide += "+" if r["guide_open_high"] else ""
        if r["live_value"] is not None:
            live = format_value(r["live_value"], unit)
            interval = format_span(r["ci_low"], r["ci_high"], unit)
        elif r["live_low"] is not None:
            live = format_span(r["live_low"], r["live_high"], unit)
            interval = (
                f"{format_span(r['live_low_ci_low'], r['live_low_ci_high'], unit)} / "
                f"{format_span(r['live_high_ci_low'], r['live_high_ci_high'], unit)}"
            )
        else:
            live, interval = "—", r["suppression_reason"] or ""
        n = "" if r["n"] is None else f"{r['n']:,}"
        lines.append(f"{r['label'][:45]:<46}{guide:<18}{live:<18}{interval[:29]:<30}{n:>7}  {r['status']}")
    return lines


def figure_records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Rows of the mart as JSON-ready dicts: exactly the frame's columns, dates as ISO strings."""
    return [
        {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
        for row in frame.iter_rows(named=True)
    ]


def _settings(warehouse: Path | None) -> Settings:
    settings = load_settings()
    return replace(settings, warehouse_path=warehouse) if warehouse is not None else settings


_WAREHOUSE_HELP = "Warehouse DuckDB file (its published copy is read)."


def figures(
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as a JSON list.")] = False,
    snapshot: Annotated[str | None, typer.Option(help="Snapshot date (default: latest published).")] = None,
    warehouse: Annotated[Path | None, typer.Option(help=_WAREHOUSE_HELP)] = None,
) -> None:
    """The guide's market figures beside the live ones: n, 95% interval, and whether they agree."""
    from warehouse.figures import guide_figures
    from warehouse.queries import open_published

    settings = _settings(warehouse)
    try:
        with open_published(settings.published_path) as con:
            frame = guide_figures(con, date.fromisoformat(snapshot) if snapshot else None)
    except (FileNotFoundError, LookupError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(json.dumps(figure_records(frame), indent=2, ensure_ascii=False))
        return
    first = frame.row(0, named=True)
    typer.echo(
        f"Guide figures as of {first['snapshot_date']} · postings active in the last {first['window_days']} "
        f"days · methodology {first['methodology_version']}"
    )
    for line in figure_lines(frame):
        typer.echo(line)
    typer.echo(
        "differs = the guide's value lies outside the live 95% interval (ranges: each end against the "
        "interval of the matching percentile); quoted = not derivable from postings."
    )


def export_guide_tables_cmd(
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder for the files.")] = Path("exports"),
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", help=f"Repeatable; default all of {', '.join(TABLE_FORMATS)}."),
    ] = None,
    snapshot: Annotated[str | None, typer.Option(help="Snapshot date (default: latest published).")] = None,
    warehouse: Annotated[Path | None, typer.Option(help=_WAREHOUSE_HELP)] = None,
) -> None:
    """The guide's specialization and compensation tables with live percentiles, n and intervals."""
    from warehouse.export_tables import export_guide_tables

    try:
        paths = export_guide_tables(
            _settings(warehouse).published_path,
            out_dir,
            fmt or TABLE_FORMATS,
            date.fromisoformat(snapshot) if snapshot else None,
        )
    except (FileNotFoundError, LookupError, ValueError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    for path in paths:
        typer.echo(str(path))


def export_guide_cmd(
    out: Annotated[Path, typer.Option("--out", help="Markdown file to write.")] = Path(
        "exports/guide_market.md"
    ),
    snapshot: Annotated[str | None, typer.Option(help="Snapshot date (default: latest published).")] = None,
    warehouse: Annotated[Path | None, typer.Option(help=_WAREHOUSE_HELP)] = None,
) -> None:
    """The guide's market sections as Markdown, every figure live, with n and interval in footnotes."""
    from warehouse.export_tables import export_guide_markdown

    try:
        path = export_guide_markdown(
            _settings(warehouse).published_path, out, date.fromisoformat(snapshot) if snapshot else None
        )
    except (FileNotFoundError, LookupError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    typer.echo(str(path))


def register(app: typer.Typer, export_app: typer.Typer | None = None) -> None:
    """Add ``figures`` to ``app`` (the jobpulse CLI) and, given the ``export`` sub-app, ``export guide`` and
    ``export guide-tables``."""
    app.command("figures")(figures)
    if export_app is not None:
        export_app.command("guide")(export_guide_cmd)
        export_app.command("guide-tables")(export_guide_tables_cmd)
