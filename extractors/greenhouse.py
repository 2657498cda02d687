"""Greenhouse Job Board API (sources.md §1): one list call per board returns every published post.

``fetch_greenhouse`` requests ``https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true`` (no
pagination exists). ``parse_greenhouse`` turns that body into one :class:`Posting` per job post (``id`` is the
job-post id; several posts may share an ``internal_job_id``, kept in ``extra``).

Field rules: ``content`` is entity-escaped HTML, decoded exactly once then converted to text;
``first_published``
is the posted date (never ``updated_at``); title and location are trimmed; remote is inferred from the
``Workplace Type`` metadata, else from the word "remote" in the location; pay is kept unparsed in
``salary_structured``: ``metadata`` entries of ``value_type == "currency_range"`` with a value, and
``pay_input_ranges`` (amounts in **cents**) when the board sends them. The pay block inside ``content``
stays in the description text for the text salary parser.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import Any
from urllib.parse import quote

from extractors._common import clean_str, iso_to_utc, load_json, require
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "greenhouse"
API_BASE = "https://boards-api.greenhouse.io/v1/boards"
_REMOTE_WORD = re.compile(r"\bremote\b", re.IGNORECASE)
_WORKPLACE_REMOTE = {
    "remote": True,
    "fully remote": True,
    "hybrid": False,
    "on-site": False,
    "onsite": False,
    "on site": False,
    "in-office": False,
    "in office": False,
    "office": False,
}


def greenhouse_url(board: str) -> str:
    """The list URL for a board token (the exact form the replay set records)."""
    return f"{API_BASE}/{quote(board, safe='')}/jobs?content=true"


def fetch_greenhouse(client: PoliteClient, board: str) -> list[Fetched]:
    """Fetch one board's full list (one request)."""
    return [client.get(greenhouse_url(board), source=SOURCE, board=board)]


def parse_greenhouse(
    body: bytes,
    *,
    board: str,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Postings in a Greenhouse list body ``{"jobs": [...], "meta": {...}}``; ParseError on any other shape.

    ``company`` is the fallback when a job has no ``company_name``.
    """
    ctx = {"source": SOURCE, "board": board, "raw_sha256": raw_sha256}
    data = load_json(body, **ctx)
    require(
        isinstance(data, dict) and isinstance(data.get("jobs"), list),
        "expected an object with a 'jobs' list",
        **ctx,
    )
    postings = []
    for i, job in enumerate(data["jobs"]):
        require(isinstance(job, dict), f"jobs[{i}] is not an object", **ctx)
        require(
            isinstance(job.get("id"), int | str) and str(job.get("id")).strip() != "",
            f"jobs[{i}] has no id",
            **ctx,
        )
        title = clean_str(job.get("title"))
        require(title is not None, f"jobs[{i}] (id {job['id']}) has no title", **ctx)
        postings.append(
            _posting(job, board=board, fetched_at=fetched_at, raw_sha256=raw_sha256, company=company)
        )
    return postings


def _posting(
    job: dict[str, Any], *, board: str, fetched_at: datetime, raw_sha256: str, company: str | None
) -> Posting:
    metadata = [m for m in (job.get("metadata") or []) if isinstance(m, dict)]
    location = (
        clean_str((job.get("location") or {}).get("name")) if isinstance(job.get("location"), dict) else None
    )
    offices = [o for o in (job.get("offices") or []) if isinstance(o, dict)]
    locations: tuple[str, ...] = (
        (location,)
        if location
        else tuple(
            name for o in offices if (name := clean_str(o.get("location")) or clean_str(o.get("name")))
        )
    )
    content = job.get("content")
    # Decode entities exactly once: the API escapes the HTML, and "&amp;nbsp;" must end as "&nbsp;" markup.
    description = html_to_text(html.unescape(content)) if isinstance(content, str) else ""
    native_id = str(job["id"]).strip()
    extra: dict[str, Any] = {
        "internal_job_id": job.get("internal_job_id"),
        "requisition_id": job.get("requisition_id"),
        "updated_at": job.get("updated_at"),
        "language": job.get("language"),
        "canonical_url": f"https://job-boards.greenhouse.io/{board}/jobs/{native_id}",
        "metadata": {
            str(m.get("name")): m.get("value")
            for m in metadata
            if m.get("value_type") != "currency_range" and m.get("name") is not None
        },
        "departments": [d.get("name") for d in job.get("departments") or [] if isinstance(d, dict)],
        "offices": [o.get("name") for o in offices],
        "has_content": isinstance(content, str),
    }
    return Posting(
        source=SOURCE,
        board=board,
        native_id=native_id,
        url=clean_str(job.get("absolute_url")) or extra["canonical_url"],
        title=str(job["title"]).strip(),
        company=clean_str(job.get("company_name")) or company,
        locations=locations,
        remote=_remote(metadata, locations),
        description_text=description,
        posted_at=iso_to_utc(job.get("first_published")),
        fetched_at=fetched_at,
        salary_structured=_salary(metadata, job.get("pay_input_ranges")),
        raw_sha256=raw_sha256,
        extra=extra,
    )


def _remote(metadata: list[dict[str, Any]], locations: tuple[str, ...]) -> bool | None:
    for m in metadata:
        if str(m.get("name", "")).strip().lower() in {
            "workplace type",
            "workplace",
            "location type",
            "remote type",
        }:
            value = m.get("value")
            if isinstance(value, str) and value.strip().lower() in _WORKPLACE_REMOTE:
                return _WORKPLACE_REMOTE[value.strip().lower()]
    if any(_REMOTE_WORD.search(loc) for loc in locations):
        return True
    return None  # Greenhouse has no remote flag: silence is unknown, not on-site


def _salary(metadata: list[dict[str, Any]], pay_input_ranges: Any) -> dict[str, Any] | None:
    """Structured pay, unparsed: currency_range metadata with a value, and pay_input_ranges (cents)."""
    ranges = [
        {"name": m.get("name"), "value": m.get("value")}
        for m in metadata
        if m.get("value_type") == "currency_range" and m.get("value") not in (None, {}, "")
    ]
    out: dict[str, Any] = {}
    if ranges:
        out["metadata_currency_range"] = ranges
    if isinstance(pay_input_ranges, list) and pay_input_ranges:
        out["pay_input_ranges"] = pay_input_ranges
    return out or None
