"""Remotive public API (sources.md §6.2): every active remote job in one response, no paging.

Wire shape: ``{"00-warning", "0-legal-notice", "job-count", "total-job-count", "jobs": [...]}``.

Grain of :func:`parse_remotive`: one :class:`Posting` per element of ``jobs``. Field decisions:

- ``url``: the Remotive job page, kept verbatim: the terms require linking back to it and naming Remotive.
- ``posted_at``: ``publication_date`` carries **no timezone** (``2026-07-26T20:49:11``). It is read as UTC:
  Remotive documents no zone, the feed is delayed by 24 hours anyway, and the warehouse works at day grain, so
  the possible offset of a few hours does not move a posting across a reporting window in practice.
- ``salary_structured``: ``{"salary": "<free text>"}`` exactly as given (e.g. ``"$80k - $100k"``); ``None``
  when the field is empty. The text salary parser turns it into numbers.
- ``locations``: ``candidate_required_location`` (free text such as ``"USA, Canada"``) as one raw string.
- ``remote``: True, since Remotive lists remote jobs only.

Politeness: at most 4 calls a day and never more than 2 a minute (:data:`extractors.terms.TERMS`).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from extractors._common import iso_to_utc, load_json_list
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "remotive"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ("remotive.com",)
#: Aggregate feed: no per-company board, so the board part of the key is "" (registry convention).
FEED_BOARD = ""
API_URL = "https://remotive.com/api/remote-jobs"


def parse_remotive(
    body: bytes,
    *,
    board: str = FEED_BOARD,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Postings from one ``/api/remote-jobs`` body. A leading UTF-8 BOM, if a proxy kept one, is tolerated."""
    jobs = load_json_list(body, "jobs", source=SOURCE, board=board, raw_sha256=raw_sha256)
    postings: list[Posting] = []
    for item in jobs:
        if not isinstance(item, dict) or item.get("id") is None or not item.get("title"):
            continue
        salary_text = (item.get("salary") or "").strip()
        location = (item.get("candidate_required_location") or "").strip()
        employer = (item.get("company_name") or "").strip()
        postings.append(
            Posting(
                source=SOURCE,
                board=board,
                native_id=str(item["id"]),
                url=item.get("url") or None,
                title=str(item["title"]).strip(),
                company=employer or company,
                locations=(location,) if location else (),
                remote=True,
                description_text=html_to_text(item.get("description")),
                posted_at=iso_to_utc(item.get("publication_date")),
                fetched_at=fetched_at,
                salary_structured={"salary": salary_text} if salary_text else None,
                raw_sha256=raw_sha256,
                extra={
                    "category": item.get("category"),
                    "tags": list(item.get("tags") or []),
                    "job_type": item.get("job_type") or None,
                },
            )
        )
    return postings


def fetch_remotive(
    client: PoliteClient, board: str = FEED_BOARD, *, category: str | None = None, search: str | None = None
) -> list[Fetched]:
    """Every active job in one request (optionally one ``category`` slug or a ``search`` term).

    One call per run: with the ``6h`` cadence in :mod:`extractors.terms` that is the documented
    maximum of 4 a day.
    """
    params = {k: v for k, v in (("category", category), ("search", search)) if v}
    url = API_URL + (f"?{urlencode(params)}" if params else "")
    return [client.get(url, source=SOURCE, board=board or None)]
