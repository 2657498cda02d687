"""Exports of published tables to files people can open elsewhere.

Every exported row carries its own context: snapshot_date, n, the 95% interval columns and
methodology_version, so a table copied out of the file still says how much data and which method stand behind
each figure.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import polars as pl

from warehouse.db import to_frame
from warehouse.queries import attributions, latest_snapshot, open_published

ExportFormat = Literal["csv", "parquet", "json"]
FORMATS: tuple[str, ...] = ("csv", "parquet", "json")


def salary_table(source_path: Path, snapshot_date: date | None = None) -> pl.DataFrame:
    """The published salary-percentile mart of one snapshot (default: the latest published one).

    Grain: one row per segment_type × segment × population; salaries USD per year.
    """
    with open_published(source_path) as con:
        credits = attributions(con)
        snap = snapshot_date or latest_snapshot(con)
        if snap is None:
            raise LookupError(f"{source_path} names no published snapshot")
        frame = to_frame(
            con,
            "SELECT * FROM mart_salary_percentiles WHERE snapshot_date = ? "
            "ORDER BY segment_type, segment, population",
            [snap],
        )
    if frame.is_empty():
        raise LookupError(f"no salary percentiles for snapshot {snap} in {source_path}")
    # Sources whose terms ask for it are credited on every row, so a copied-out table still credits them.
    credit = "; ".join(f"{source}: {text}" for source, text in credits.items()) or None
    return frame.with_columns(pl.lit(credit, dtype=pl.String).alias("source_attribution"))


def export_salaries(
    source_path: Path, out: Path, fmt: ExportFormat, snapshot_date: date | None = None
) -> Path:
    """Write the published snapshot's salary percentiles to ``out`` as csv, parquet or json; returns ``out``.

    ``source_path`` is the published DuckDB file. JSON is an array of row objects (dates as ISO strings).
    The file is written to a temporary name first and renamed, so a reader never sees half a file.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    frame = salary_table(source_path, snapshot_date)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        if fmt == "csv":
            frame.write_csv(tmp)
        elif fmt == "parquet":
            frame.write_parquet(tmp)
        else:
            frame.write_json(tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out
