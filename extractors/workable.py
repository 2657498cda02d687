"""Workable careers widget (sources.md §4.2): one account's published jobs, undocumented but tolerated.

Wire shape: ``GET https://apply.workable.com/api/v1/widget/accounts/{slug}?details=true`` -> ``{"name":
<company>, "description": <company blurb>, "jobs": [...]}``; no paging seen. A multi-location job repeats the
same ``shortcode`` once per location row.

Grain of :func:`parse_workable`: one :class:`Posting` per distinct ``shortcode`` (``board`` = account slug);
the locations of repeated rows are merged in first-seen order. Field decisions:

- ``url``: ``url``, else ``shortlink``; ``company``: the top-level ``name``.
- ``locations``: each non-hidden ``locations[]`` row as ``"city, region, country"``; the flat
  ``city``/``state``/ ``country`` fields when the row list is absent.
- ``remote``: ``telecommuting`` (bool).
- ``posted_at``: ``published_on`` (else ``created_at``), a date only, read as midnight UTC.
- ``salary_structured``: always None (no pay field seen).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from extractors._common import iso_to_utc, load_json
from extractors.errors import ParseError
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "workable"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ("apply.workable.com",)
API_URL = "https://apply.workable.com/api/v1/widget/accounts/{slug}?details=true"


def _join(*parts: Any) -> str:
    return ", ".join(str(p).strip() for p in parts if p and str(p).strip())


def _row_locations(job: dict[str, Any]) -> list[str]:
    rows = job.get("locations")
    if isinstance(rows, list) and rows:
        return [
            text
            for row in rows
            if isinstance(row, dict) and not row.get("hidden")
            if (text := _join(row.get("city"), row.get("region"), row.get("country")))
        ]
    text = _join(job.get("city"), job.get("state"), job.get("country"))
    return [text] if text else []


def parse_workable(
    body: bytes, *, board: str, fetched_at: datetime, raw_sha256: str = "", company: str | None = None
) -> list[Posting]:
    """Postings from one widget body, deduplicated on ``shortcode``."""
    data = load_json(body, source=SOURCE, board=board, raw_sha256=raw_sha256)
    jobs = data.get("jobs") if isinstance(data, dict) else None
    if not isinstance(jobs, list):
        raise ParseError("no 'jobs' list in the body", source=SOURCE, board=board, raw_sha256=raw_sha256)
    employer = str(data.get("name") or "").strip() or company
    order: list[str] = []
    first: dict[str, dict[str, Any]] = {}
    locations: dict[str, list[str]] = {}
    for job in jobs:
        if not isinstance(job, dict) or not job.get("shortcode") or not job.get("title"):
            continue
        code = str(job["shortcode"])
        if code not in first:
            order.append(code)
            first[code] = job
            locations[code] = []
        for loc in _row_locations(job):
            if loc not in locations[code]:
                locations[code].append(loc)
    postings: list[Posting] = []
    for code in order:
        job = first[code]
        remote = job.get("telecommuting")
        postings.append(
            Posting(
                source=SOURCE,
                board=board,
                native_id=code,
                url=job.get("url") or job.get("shortlink") or None,
                title=str(job["title"]).strip(),
                company=employer,
                locations=tuple(locations[code]),
                remote=remote if isinstance(remote, bool) else None,
                description_text=html_to_text(job.get("description")),
                posted_at=iso_to_utc(job.get("published_on") or job.get("created_at")),
                fetched_at=fetched_at,
                salary_structured=None,
                raw_sha256=raw_sha256,
                extra={
                    "employment_type": job.get("employment_type") or None,
                    "department": job.get("department") or None,
                    "function": job.get("function") or None,
                    "industry": job.get("industry") or None,
                    "experience": job.get("experience") or None,
                    "education": job.get("education") or None,
                },
            )
        )
    return postings


def fetch_workable(client: PoliteClient, board: str) -> list[Fetched]:
    """One account's jobs with descriptions, in one request (``board`` = account slug)."""
    return [client.get(API_URL.format(slug=quote(board, safe="")), source=SOURCE, board=board)]
