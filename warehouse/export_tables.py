"""Exports of the guide's salary tables and a refreshed Markdown of the guide's market figures.

Read from the PUBLISHED file only (``warehouse.queries.open_published``), so an export never shows a snapshot
that failed validation:

- :func:`export_guide_tables` writes the guide's two tables (``specialization``: "Pick a Lane";
  ``compensation``: "What the Market Actually Pays") with live p10/p25/p50/p75/p90, their 95% intervals and n
  as CSV, Parquet, JSON, XLSX and Markdown. Every row carries snapshot_date, window_days,
  methodology_version and ``source_attribution`` (where the live and the guide values come from), so a table
  copied out of the file still says what stands behind it. Apart from that added column, each exported
  table is exactly the published mart_guide_salary_tables rows of that table.
- :func:`export_guide_markdown` writes the guide's market sections with every figure replaced by the live one
  and a footnote giving n, the 95% interval, the guide's value and source (our own wording; the guide's
  prose is not reproduced).

Files are written under a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import polars as pl

from warehouse.figures import guide_figures, guide_salary_tables
from warehouse.queries import open_published

TABLE_FORMATS: tuple[str, ...] = ("csv", "parquet", "json", "xlsx", "md")
TABLE_NAMES: tuple[str, ...] = ("specialization", "compensation")
_TABLE_TITLES = {
    "specialization": "Salary by specialization (guide: 'Pick a Lane'; live p25-p75)",
    "compensation": "What the market pays (guide: compensation table; live p10-p90)",
}
_QUANTS = ("p10", "p25", "p50", "p75", "p90")
_USD_UNITS = ("usd_annual", "usd")


# --------------------------------------------------------------------------------------------- formatting


def format_value(value: float | None, unit: str, *, exact: bool = False) -> str:
    """$187K for salaries, $503B for large sums, 78% for fractions (one decimal below 10%), '—' for none.

    ``exact``: keep a half thousand the source printed ('$187.5K' for the guide's $187,500) instead of
    rounding it; live values are rounded (their interval is far wider than $500).
    """
    if value is None:
        return "—"
    if unit in _USD_UNITS:
        if abs(value) >= 1e9:
            return f"${value / 1e9:,.0f}B"
        if exact and value % 1000:
            return f"${value / 1000:,.1f}K"
        return f"${value / 1000:,.0f}K"
    pct = value * 100
    return f"{pct:.1f}%" if abs(pct) < 10 else f"{pct:.0f}%"


def format_span(low: float | None, high: float | None, unit: str, *, exact: bool = False) -> str:
    """'$122K–$265K', or one value when both ends are equal, '—' when both are missing."""
    if low is None and high is None:
        return "—"
    if low == high:
        return format_value(low, unit, exact=exact)
    return f"{format_value(low, unit, exact=exact)}–{format_value(high, unit, exact=exact)}"


def window_text(snapshot_date: date, window_days: int) -> str:
    """'2026-08-29 to 2026-11-26' for a 90-day window ending on 2026-11-26 (both days included)."""
    start = snapshot_date - timedelta(days=window_days - 1)
    return f"{start.isoformat()} to {snapshot_date.isoformat()}"


def attribution(snapshot_date: date, window_days: int, methodology_version: str) -> str:
    """The provenance line every exported row and file carries."""
    return (
        f"Live: jobpulse, from public job postings active {window_text(snapshot_date, window_days)} "
        f"(methodology {methodology_version}). Guide: AI / ML Engineer Career Guide 2026, values as printed "
        "there with the sources it cites (column guide_source)."
    )


# ------------------------------------------------------------------------------------------------ tables


def guide_table_frames(published_path: Path, snapshot_date: date | None = None) -> dict[str, pl.DataFrame]:
    """{'specialization': frame, 'compensation': frame}: the published mart_guide_salary_tables rows of each
    table (all their columns, in order) plus ``source_attribution``. Grain: one row per guide table row."""
    with open_published(published_path) as con:
        rows = guide_salary_tables(con, snapshot_date)
    first = rows.row(0, named=True)
    line = attribution(first["snapshot_date"], first["window_days"], first["methodology_version"])
    rows = rows.with_columns(pl.lit(line, dtype=pl.String).alias("source_attribution"))
    return {name: rows.filter(pl.col("table_name") == name) for name in TABLE_NAMES}


def _atomic_write(out: Path, write: Callable[[Path], None]) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        write(tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _write_xlsx(frames: dict[str, pl.DataFrame], path: Path) -> None:
    """One sheet per table (header row, then one row per table row, raw values: dates as dates, salaries as
    numbers) and an 'about' sheet with the snapshot, window, methodology and attribution."""
    book = openpyxl.Workbook()
    about = book.active
    about.title = "about"
    first = next(iter(frames.values())).row(0, named=True)
    for key in ("snapshot_date", "window_days", "methodology_version", "source_attribution"):
        about.append([key, first[key]])
    for name, frame in frames.items():
        sheet = book.create_sheet(name)
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append(list(row))
    book.save(path)


def table_markdown(frame: pl.DataFrame) -> str:
    """One guide table as Markdown: a heading, the provenance lines, and per row the guide's range beside the
    live percentiles (each with its 95% interval), n and status."""
    first = frame.row(0, named=True)
    name = first["table_name"]
    span = window_text(first["snapshot_date"], first["window_days"])
    lines = [
        f"## {_TABLE_TITLES[name]}",
        "",
        f"Snapshot {first['snapshot_date']} · postings active {span} · "
        f"methodology {first['methodology_version']} · US posted salaries, USD per year.",
        "",
        f"_{first['source_attribution']}_",
        "",
        "| Role | Guide | " + " | ".join(f"Live {q} (95% CI)" for q in _QUANTS) + " | n | Status |",
        "|---|---|" + "---|" * len(_QUANTS) + "---:|---|",
    ]
    for r in frame.iter_rows(named=True):
        guide = format_span(r["guide_value_low"], r["guide_value_high"], "usd", exact=True)
        guide += "+" if r["guide_open_high"] else ""
        cells = []
        for q in _QUANTS:
            value = r[f"salary_{q}_usd_annual"]
            ci = format_span(r[f"salary_{q}_ci_low_usd_annual"], r[f"salary_{q}_ci_high_usd_annual"], "usd")
            cells.append("—" if value is None else f"{format_value(value, 'usd')} ({ci})")
        status = r["status"] + (f" ({r['suppression_reason']})" if r["suppression_reason"] else "")
        lines.append(f"| {r['label']} | {guide} | " + " | ".join(cells) + f" | {r['n']:,} | {status} |")
    return "\n".join(lines) + "\n"


def export_guide_tables(
    published_path: Path,
    out_dir: Path,
    formats: Iterable[str] = TABLE_FORMATS,
    snapshot_date: date | None = None,
) -> list[Path]:
    """Write both guide tables in each of ``formats`` into ``out_dir``; returns the paths written.

    Names: ``guide_<table>_<snapshot>.<ext>``; XLSX holds both tables in one workbook
    (``guide_tables_<snapshot>.xlsx``). CSV dates are ISO; JSON is an array of row objects.
    """
    formats = tuple(formats)
    unknown = set(formats) - set(TABLE_FORMATS)
    if unknown:
        raise ValueError(f"formats must be among {TABLE_FORMATS}, not {sorted(unknown)}")
    frames = guide_table_frames(published_path, snapshot_date)
    snap = next(iter(frames.values()))["snapshot_date"][0].isoformat()
    out_dir = Path(out_dir)
    written: list[Path] = []
    for fmt in formats:
        if fmt == "xlsx":
            path = out_dir / f"guide_tables_{snap}.xlsx"
            written.append(_atomic_write(path, lambda p: _write_xlsx(frames, p)))
            continue
        for name, frame in frames.items():
            path = out_dir / f"guide_{name}_{snap}.{fmt}"
            writers: dict[str, Callable[[Path], None]] = {
                "csv": frame.write_csv,
                "parquet": frame.write_parquet,
                "json": frame.write_json,
                "md": lambda p, f=frame: p.write_text(table_markdown(f), encoding="utf-8"),
            }
            written.append(_atomic_write(path, writers[fmt]))
    return written


# ------------------------------------------------------------------------------------- refreshed guide


_SECTIONS = (
    ("headline", "Market overview"),
    ("skill_share", "Core technical skills (share of AI/ML postings)"),
    ("specialization_band", "Role specializations (live p25–p75 of posted US salaries)"),
    ("compensation_row", "Compensation data (live p10–p90 of posted US salaries)"),
    ("other", "Other market claims"),
    ("quoted", "Figures quoted from the guide (not derivable from postings)"),
)


_STATUS_WORDS = {"agrees": "agrees with the guide", "differs": "differs from the guide"}


def _live_text(r: dict) -> str:
    unit = r["unit"]
    if r["status"] == "quoted":
        return format_span(r["guide_value_low"], r["guide_value_high"], unit, exact=True)
    if r["status"] == "insufficient data":
        return "not enough data"
    if r["live_value"] is not None:
        return format_value(r["live_value"], unit)
    return format_span(r["live_low"], r["live_high"], unit)


def _footnote(r: dict) -> str:
    unit = r["unit"]
    guide = format_span(r["guide_value_low"], r["guide_value_high"], unit, exact=True)
    guide += "+" if r["guide_open_high"] else ""
    said = f'Guide: "{r["guide_text"]}" ({guide}; source: {r["guide_source"]}).'
    if r["status"] == "quoted":
        return f"{said} Not recomputed: {r['note']}."
    if r["status"] == "insufficient data":
        # the reason code says why (too few postings, too wide an interval, too short a history, ...)
        return f"n = {r['n']:,}: no live figure ({r['suppression_reason']}). {said}"
    if r["live_value"] is not None:
        interval = f"95% interval {format_span(r['ci_low'], r['ci_high'], unit)}"
    else:
        low = format_span(r["live_low_ci_low"], r["live_low_ci_high"], unit)
        high = format_span(r["live_high_ci_low"], r["live_high_ci_high"], unit)
        interval = f"95% intervals: low end {low}, high end {high}"
    extra = f" {r['note']}." if r["note"] else ""
    behind = f"n = {r['n']:,} postings ({r['population']})"
    return f"{behind}; {interval}; {_STATUS_WORDS[r['status']]}. {said}{extra}"


def guide_markdown(figures: pl.DataFrame) -> str:
    """The guide's market sections as Markdown from one snapshot of mart_guide_figures: each figure's live
    value in the text, a footnote per figure with n, interval, status and the guide's own value and source."""
    first = figures.row(0, named=True)
    snap, window = first["snapshot_date"], first["window_days"]
    lines = [
        "# AI / ML Engineer Career Guide 2026: market figures, refreshed",
        "",
        f"Live values as of {snap}, from public AI/ML job postings active {window_text(snap, window)} "
        f"(methodology {first['methodology_version']}). Each figure's footnote gives the postings behind "
        "it (n), its 95% interval and what the guide printed. 'Differs' means the guide's value lies outside "
        "the live interval; 'quoted' figures cannot be computed from postings and are shown as the guide "
        "states them.",
        "",
    ]
    notes: list[str] = []
    rows = list(figures.iter_rows(named=True))
    for group, title in _SECTIONS:
        section = [r for r in rows if r["figure_group"] == group]
        if not section:
            continue
        lines += [f"## {title}", ""]
        for r in section:
            notes.append(f"[^{r['figure_id']}]: {_footnote(r)}")
            lines.append(f"- **{r['label']}**: {_live_text(r)} ({r['status']})[^{r['figure_id']}]")
        lines.append("")
    return "\n".join(lines + notes) + "\n"


def export_guide_markdown(published_path: Path, out: Path, snapshot_date: date | None = None) -> Path:
    """Write :func:`guide_markdown` of the published snapshot (default: the latest) to ``out``."""
    with open_published(published_path) as con:
        figures = guide_figures(con, snapshot_date)
    text = guide_markdown(figures)
    return _atomic_write(Path(out), lambda p: p.write_text(text, encoding="utf-8"))
