"""``jobpulse enrich IN.jsonl --output OUT.jsonl``: the enrichment of ``transforms.enrich`` on a JSONL file.

Contract (shared/eval/README.md section 5): one output line per input line, in input order, with the same
``uid`` and the keys ``is_ai_ml, specialization, seniority, experience_min_years, skills, salary`` (an object
``{min, max, currency, period, kind, estimated}`` or null) and ``salary_annual_usd_mid``; plus extra keys
(annual USD bounds, salary snippet and source, location, ``role_reason`` and the parser versions).

A line that is not a JSON object is reported on stderr and written with its uid (when one can be read from
the raw text) and null values; the run goes on. The file is read in batches of ``batch_size`` lines so memory
stays flat on big inputs; a tqdm progress bar (bytes) goes to stderr for inputs of 1 MB and more.
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import polars as pl
from tqdm import tqdm

from transforms.enrich import INPUT_COLUMNS, enrich

BATCH_SIZE = 5_000
PROGRESS_MIN_BYTES = 1_000_000
_UID_IN_RAW = re.compile(r'"uid"\s*:\s*"((?:[^"\\]|\\.)*)"')

SALARY_KEYS = ("min", "max", "currency", "period", "kind", "estimated")
EXTRA_COLUMNS = (
    "salary_annual_usd_min",
    "salary_annual_usd_max",
    "salary_period_inferred",
    "salary_snippet",
    "salary_source",
    "fx_rate_date",
    "country",
    "us_state",
    "remote",
    "domain",
    "asks_domain_expertise",
    "role_reason",
    "enrich_version",
    "taxonomy_version",
    "roles_version",
    "salary_version",
    "pii_version",
)
# Every output key (after uid) that is nulled on a line that could not be read.
_RESULT_KEYS = (
    "is_ai_ml",
    "specialization",
    "seniority",
    "experience_min_years",
    "skills",
    "salary",
    "salary_annual_usd_mid",
    *EXTRA_COLUMNS,
)


@dataclass(frozen=True)
class EnrichStats:
    """What one ``enrich_jsonl`` run did: line counts, AI/ML share, bytes read and wall time (seconds)."""

    lines: int
    written: int
    bad_lines: int
    ai_ml: int
    input_bytes: int
    seconds: float

    def __str__(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        return (
            f"enriched {self.written} of {self.lines} lines ({self.bad_lines} bad, {self.ai_ml} AI/ML) "
            f"in {self.seconds:.2f}s ({rate:,.0f} postings/s)"
        )


def _as_text(value: Any) -> str | None:
    """A field as text: strings as is, other JSON scalars rendered, null stays null."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)


def _read_line(raw: str, line_no: int) -> tuple[dict[str, str | None], bool]:
    """The input fields of one line and whether it was readable; problems are reported on stderr."""
    try:
        obj = json.loads(raw)
        if not isinstance(obj, dict):
            raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    except ValueError as exc:
        m = _UID_IN_RAW.search(raw)
        uid = json.loads(f'"{m.group(1)}"') if m else None
        print(f"line {line_no}: unreadable ({exc}); written with nulls (uid={uid!r})", file=sys.stderr)
        return {c: (uid if c == "uid" else None) for c in INPUT_COLUMNS}, False
    row = {c: _as_text(obj.get(c)) for c in INPUT_COLUMNS}
    if row["uid"] is None:
        print(f"line {line_no}: no uid", file=sys.stderr)
    return row, True


def output_frame(enriched: pl.DataFrame, readable: pl.Series) -> pl.DataFrame:
    """The contract's output columns from an ``enrich`` result; rows with ``readable`` false get nulls."""
    has_salary = pl.col("salary_min").is_not_null()
    salary = pl.when(has_salary).then(
        pl.struct(
            pl.col("salary_min").alias("min"),
            pl.col("salary_max").alias("max"),
            pl.col("salary_currency").alias("currency"),
            pl.col("salary_period").alias("period"),
            pl.col("salary_kind").alias("kind"),
            pl.col("salary_estimated").alias("estimated"),
        )
    )
    out = enriched.select(
        "uid",
        "is_ai_ml",
        "specialization",
        "seniority",
        "experience_min_years",
        "skills",
        salary.alias("salary"),
        "salary_annual_usd_mid",
        *[pl.col(c).cast(pl.String) if c == "fx_rate_date" else pl.col(c) for c in EXTRA_COLUMNS],
    )
    ok = pl.lit(readable)
    return out.with_columns([pl.when(ok).then(pl.col(c)).alias(c) for c in _RESULT_KEYS])


def _enrich_batch(rows: list[dict[str, str | None]], readable: list[bool], first_line: int) -> pl.DataFrame:
    """Enrich one batch; if the batch as a whole fails, enrich row by row so one bad row costs one row."""
    frame = pl.DataFrame(rows, schema=dict.fromkeys(INPUT_COLUMNS, pl.String), orient="row")
    try:
        return output_frame(enrich(frame), pl.Series(readable, dtype=pl.Boolean))
    except Exception as exc:  # a parser bug on one posting must not stop the file
        print(
            f"lines {first_line}-{first_line + len(rows) - 1}: batch failed ({exc!r}); retrying per line",
            file=sys.stderr,
        )
    parts = []
    for i in range(len(rows)):
        one = frame.slice(i, 1)
        try:
            parts.append(output_frame(enrich(one), pl.Series([readable[i]], dtype=pl.Boolean)))
        except Exception as exc:
            print(f"line {first_line + i}: enrichment failed ({exc!r}); written with nulls", file=sys.stderr)
            blank = one.select(
                "uid", *[pl.lit(None, pl.String).alias(c) for c in INPUT_COLUMNS if c != "uid"]
            )
            parts.append(output_frame(enrich(blank), pl.Series([False], dtype=pl.Boolean)))
    return pl.concat(parts, how="vertical_relaxed")


def _write(frame: pl.DataFrame, sink: IO[bytes]) -> None:
    frame.write_ndjson(sink)


def enrich_jsonl(
    in_path: Path, out_path: Path, *, progress: bool = True, batch_size: int = BATCH_SIZE
) -> EnrichStats:
    """Enrich every line of ``in_path`` into ``out_path`` (same order, one line each); return the counts."""
    started = time.perf_counter()
    in_path, out_path = Path(in_path), Path(out_path)
    size = in_path.stat().st_size
    lines = written = bad = ai_ml = 0
    out_path.parent.mkdir(parents=True, exist_ok=True)
    bar = tqdm(
        total=size,
        unit="B",
        unit_scale=True,
        desc="enrich",
        file=sys.stderr,
        disable=not progress or size < PROGRESS_MIN_BYTES,
    )
    with in_path.open("r", encoding="utf-8", errors="replace") as src, out_path.open("wb") as sink:
        rows: list[dict[str, str | None]] = []
        readable: list[bool] = []
        first = 1

        def flush() -> None:
            nonlocal written, ai_ml, rows, readable, first
            if not rows:
                return
            frame = _enrich_batch(rows, readable, first)
            _write(frame, sink)
            written += frame.height
            ai_ml += int(frame["is_ai_ml"].fill_null(False).sum())
            first += len(rows)
            rows, readable = [], []

        for raw in src:
            bar.update(len(raw.encode("utf-8")))
            if not raw.strip():
                continue  # blank lines carry no posting (the scorer skips them too)
            lines += 1
            row, ok = _read_line(raw, lines)
            bad += not ok
            rows.append(row)
            readable.append(ok)
            if len(rows) >= batch_size:
                flush()
        flush()
    bar.close()
    return EnrichStats(
        lines=lines,
        written=written,
        bad_lines=bad,
        ai_ml=ai_ml,
        input_bytes=size,
        seconds=time.perf_counter() - started,
    )
