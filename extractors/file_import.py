"""Postings from files: JobSpy output, or any CSV / JSONL with a column mapping.

Grain: one Posting per row (rows whose key repeats are dropped after the first, so the key stays unique).
Key: source ``"import:<fmt>"`` (``import:jobspy``, ``import:csv``, ``import:jsonl``), board = the name the
caller gives the file (e.g. ``"glassdoor-2020"``), native_id = the mapped id column, else the first 16 hex
of sha256 over url, title, company and location (stable across re-imports of the same row).
``raw_sha256`` is the sha256 of the whole file: the file is the landing body.

JobSpy (speedyapply/JobSpy) writes one schema for every site it scrapes: ``id, site, job_url,
job_url_direct, title, company, location, date_posted, job_type, salary_source, interval, min_amount,
max_amount, currency, is_remote, description, …`` as CSV or JSON; ``JOBSPY_MAPPING`` maps it. Other files
pass a ``mapping`` from canonical field to their column name (or ``{"const": value}`` for a fixed value):

``native_id, url, title, company, location, locations (a list column), remote, description, posted_at,
salary_text, salary_min, salary_max, salary_currency, salary_period, salary_estimated, extra (a list of
columns copied into Posting.extra)``.

Pay stays as the file gave it (``salary_structured``, unparsed text or amounts; never converted). Only
``title`` is required. Pure apart from reading the one file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from extractors.posting import Posting

Format = Literal["jobspy", "csv", "jsonl"]
Mapping = dict[str, Any]

JOBSPY_MAPPING: Mapping = {
    "native_id": "id",
    "url": "job_url",
    "title": "title",
    "company": "company",
    "location": "location",
    "remote": "is_remote",
    "description": "description",
    "posted_at": "date_posted",
    "salary_min": "min_amount",
    "salary_max": "max_amount",
    "salary_currency": "currency",
    "salary_period": "interval",
    "extra": [
        "site", "job_url_direct", "apply_url", "job_type", "salary_source", "job_level", "job_function",
        "company_industry", "company_url", "skills", "experience_range", "work_from_home_type",
    ],
}  # fmt: skip
# JobSpy ``interval`` values → the salary period vocabulary of sources.md §0.4.
_INTERVALS = {"yearly": "YEAR", "monthly": "MONTH", "weekly": "WEEK", "daily": "DAY", "hourly": "HOUR"}
_TRUE = {"true", "t", "yes", "y", "1", "remote", "fully remote", "remote only"}
_FALSE = {"false", "f", "no", "n", "0", "onsite", "on-site", "on site", "in office", "office", "hybrid"}
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1", re.DOTALL)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")


# --- reading rows -------------------------------------------------------------------------------------------


def _decode(body: bytes) -> str:
    return body.decode("utf-8-sig", errors="replace")


def read_csv_rows(body: bytes, delimiter: str | None = None) -> list[dict[str, str]]:
    """Rows of a CSV body as dicts (header row required). The delimiter is sniffed among ``, ; \\t | ~``
    when not given; quoted fields may hold newlines."""
    text = _decode(body)
    if delimiter is None:
        header = text.split("\n", 1)[0]
        counts = {d: header.count(d) for d in (",", ";", "\t", "|", "~")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    csv.field_size_limit(1 << 26)  # job descriptions exceed the 128 KiB default in some exports
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def read_json_rows(body: bytes, records_key: str | None = None, lines: bool | None = None) -> list[dict]:
    """Rows of a JSON Lines body (one object per line), a JSON array, or a JSON object holding the array
    under ``records_key`` (else its only list value, else the object itself as one row).

    ``lines=True`` forces JSON Lines (``.jsonl``/``.ndjson`` files); None decides from the content.
    """
    text = _decode(body).strip()
    if not text:
        return []
    data: Any = None
    if not lines:
        try:
            data = json.loads(text)
        except ValueError:
            if lines is False:
                raise
    if data is None:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if records_key is not None:
            data = data.get(records_key)
        elif len(lists) == 1 and all(isinstance(x, dict) for x in lists[0]):
            data = lists[0]
        else:
            data = [data]
    if not isinstance(data, list):
        raise ValueError(f"JSON file holds no list of records under {records_key!r}")
    return [r for r in data if isinstance(r, dict)]


# --- values -------------------------------------------------------------------------------------------------


def _get(row: dict[str, Any], spec: Any) -> Any:
    """The value a mapping entry names: a column, ``{"const": v}``, or None when unmapped/blank."""
    if spec is None:
        return None
    if isinstance(spec, dict):
        return spec.get("const")
    value = row.get(spec)
    if isinstance(value, str):
        value = value.strip()
        if value == "" or value.lower() in {
            "nan",
            "none",
            "null",
            "n/a",
            "-1",
        }:  # "-1": Glassdoor/Wuzzuf unknown
            return None
    return value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().lower()
    if text in _TRUE or ("remote" in text and "not remote" not in text and "hybrid" not in text):
        return True
    if text in _FALSE or "on-site" in text or "onsite" in text or "hybrid" in text:
        return False
    return None


def _number(value: Any, unknown: tuple[float, ...] = (-1.0,)) -> float | None:
    """A float, with ``-1`` (a common "unknown" code, e.g. Wuzzuf) and blanks as None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        return None
    return None if number != number or number in unknown else number  # NaN check without math


def _datetime(value: Any) -> datetime | None:
    """UTC time from ISO text (date or datetime, naive = UTC) or epoch seconds/milliseconds."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e12 else value
        return datetime.fromtimestamp(seconds, tz=UTC)
    text = str(value).strip()
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return _datetime(float(text))
    iso = text[:-1] + "+00:00" if text.endswith("Z") else text
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def markdown_to_text(text: str) -> str:
    """JobSpy's markdown descriptions as plain text: ``**bold**`` and ``__x__`` markers and backslash escapes
    removed, ``* item`` bullets written ``- item``, blank-line runs folded."""
    out = _MD_ESCAPE.sub(r"\1", _MD_EMPHASIS.sub(r"\2", text))
    out = re.sub(r"^(\s*)[*+]\s+", r"\1- ", out, flags=re.MULTILINE)
    lines = [line.rstrip() for line in out.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def stable_id(*parts: Any) -> str:
    """First 16 hex of sha256 over the parts joined by "|": the fallback native_id."""
    return hashlib.sha256("|".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:16]


# --- rows -> postings ---------------------------------------------------------------------------------------


def _salary(row: dict[str, Any], mapping: Mapping) -> dict[str, Any] | None:
    low = _number(_get(row, mapping.get("salary_min")))
    high = _number(_get(row, mapping.get("salary_max")))
    text = _text(_get(row, mapping.get("salary_text")))
    if low is None and high is None and text is None:
        return None
    period_raw = _text(_get(row, mapping.get("salary_period")))
    estimated = _get(row, mapping.get("salary_estimated"))
    out: dict[str, Any] = {
        "min": low,
        "max": high,
        "currency": (_text(_get(row, mapping.get("salary_currency"))) or "").upper() or None,
        "period": _INTERVALS.get((period_raw or "").lower(), period_raw.upper() if period_raw else None),
        "period_raw": period_raw,
        "text": text,
    }
    if estimated is not None:
        out["estimated"] = bool(_bool(estimated))
    return out


def rows_to_postings(
    rows: Iterable[dict[str, Any]],
    *,
    source: str,
    board: str,
    mapping: Mapping,
    fetched_at: datetime,
    raw_sha256: str,
    markdown: bool = False,
) -> list[Posting]:
    """Postings from mapped rows (see the module docstring); rows without a title are skipped, and a row
    whose key was already seen is dropped."""
    out: list[Posting] = []
    seen: set[str] = set()
    for number, row in enumerate(rows):
        title = _text(_get(row, mapping.get("title")))
        if not title:
            continue
        url = _text(_get(row, mapping.get("url")))
        company = _text(_get(row, mapping.get("company")))
        if company:
            company = company.splitlines()[0].strip()  # Glassdoor appends "\n3.8" (the rating) to the name
        location = _text(_get(row, mapping.get("location")))
        listed = _get(row, mapping.get("locations"))
        locations = (
            tuple(str(x).strip() for x in listed if str(x).strip()) if isinstance(listed, list) else ()
        )
        if location and location not in locations:
            locations = (location, *locations)
        native = _text(_get(row, mapping.get("native_id"))) or stable_id(url, title, company, location)
        if native in seen:
            continue
        seen.add(native)
        description = _text(_get(row, mapping.get("description"))) or ""
        extra = {col: row.get(col) for col in mapping.get("extra", []) if row.get(col) not in (None, "")}
        extra["row_number"] = number
        out.append(
            Posting(
                source=source,
                board=board,
                native_id=native,
                url=url,
                title=title,
                company=company,
                locations=locations,
                remote=_bool(_get(row, mapping.get("remote"))),
                description_text=markdown_to_text(description) if markdown else description,
                posted_at=_datetime(_get(row, mapping.get("posted_at"))),
                fetched_at=fetched_at,
                salary_structured=_salary(row, mapping),
                raw_sha256=raw_sha256,
                extra=extra,
            )
        )
    return out


def _rows(
    body: bytes, path: Path, fmt: Format, delimiter: str | None, records_key: str | None
) -> Iterator[dict]:
    if fmt == "csv" or (fmt == "jobspy" and path.suffix.lower() in {".csv", ".tsv"}):
        yield from read_csv_rows(body, delimiter)
    else:
        lines = True if path.suffix.lower() in {".jsonl", ".ndjson"} else None
        yield from read_json_rows(body, records_key, lines)


def import_file(
    path: Path | str,
    fmt: Format,
    board: str,
    mapping: Mapping | None = None,
    *,
    delimiter: str | None = None,
    records_key: str | None = None,
    fetched_at: datetime | None = None,
) -> list[Posting]:
    """Postings from one file (see the module docstring).

    ``fmt="jobspy"`` reads JobSpy CSV (by extension) or JSON/JSONL with ``JOBSPY_MAPPING`` (``mapping``
    entries override it); ``"csv"`` and ``"jsonl"`` need a ``mapping`` with at least ``title``.
    ``fetched_at`` defaults to the file's modification time (UTC): when the data was saved, not imported.
    """
    if fmt not in ("jobspy", "csv", "jsonl"):
        raise ValueError(f"fmt must be 'jobspy', 'csv' or 'jsonl', got {fmt!r}")
    if fmt != "jobspy" and not (mapping and "title" in mapping):
        raise ValueError("csv/jsonl imports need a mapping with at least a 'title' column")
    file = Path(path)
    body = file.read_bytes()
    effective = {**JOBSPY_MAPPING, **(mapping or {})} if fmt == "jobspy" else dict(mapping or {})
    when = fetched_at or datetime.fromtimestamp(file.stat().st_mtime, tz=UTC)
    return rows_to_postings(
        _rows(body, file, fmt, delimiter, records_key),
        source=f"import:{fmt}",
        board=board,
        mapping=effective,
        fetched_at=when,
        raw_sha256=hashlib.sha256(body).hexdigest(),
        markdown=fmt == "jobspy",
    )
