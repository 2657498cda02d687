"""``jobpulse figures``: the guide's figures beside the live ones, from the published snapshot.

Register on the main app with ``register(app)`` (or ``app.command("figures")(figures)``). Plain output is a
table for people; ``--json`` prints the published mart_guide_figures rows as a JSON list whose objects have
exactly the mart's columns (dates as ISO strings, numbers unrounded), for scripts.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer

from flows.settings import load_settings


def _fmt(value: float | None, unit: str) -> str:
    """$187K for salaries, $503B for large sums, 78% for fractions (1 decimal below 10%), '—' for none."""
    if value is None:
        return "—"
    if unit in ("usd_annual", "usd"):
        if abs(value) >= 1e9:
            return f"${value / 1e9:,.0f}B"
        return f"${value / 1000:,.0f}K"
    pct = value * 100
    return f"{pct:.1f}%" if abs(pct) < 10 else f"{pct:.0f}%"


def _span(low: float | None, high: float | None, unit: str) -> str:
    if low is None and high is None:
        return "—"
    if low == high:
        return _fmt(low, unit)
    return f"{_fmt(low, unit)}–{_fmt(high, unit)}"


def figure_lines(frame: pl.DataFrame) -> list[str]:
    """The guide-versus-live table as text lines: one line per figure (grain of mart_guide_figures)."""
    header = f"{'figure':<46}{'guide':<18}{'live':<18}{'95% interval':<30}{'n':>7}  status"
    lines = [header, "-" * len(header)]
    for r in frame.iter_rows(named=True):
        unit = r["unit"]
        guide = _span(r["guide_value_low"], r["guide_value_high"], unit) + (
            "+" if r["guide_open_high"] else ""
        )
        if r["live_value"] is not None:
            live = _fmt(r["live_value"], unit)
            interval = _span(r["ci_low"], r["ci_high"], unit)
        elif r["live_low"] is not None:
            live = _span(r["live_low"], r["live_high"], unit)
            interval = (
                f"{_span(r['live_low_ci_low'], r['live_low_ci_high'], unit)} / "
                f"{_span(r['live_high_ci_low'], r['live_high_ci_high'], unit)}"
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


def figures(
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as a JSON list.")] = False,
    snapshot: Annotated[str | None, typer.Option(help="Snapshot date (default: latest published).")] = None,
    warehouse: Annotated[
        Path | None, typer.Option(help="Warehouse DuckDB file (its published copy is read).")
    ] = None,
) -> None:
    """The guide's market figures beside the live ones: n, 95% interval, and whether they agree."""
    from warehouse.figures import guide_figures
    from warehouse.queries import open_published

    settings = load_settings()
    if warehouse is not None:
        settings = replace(settings, warehouse_path=warehouse)
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


def register(app: typer.Typer) -> None:
    """Add ``figures`` as a command of ``app`` (the jobpulse CLI)."""
    app.command("figures")(figures)
