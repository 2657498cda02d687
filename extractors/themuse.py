"""The Muse public jobs API (sources.md §6.5): 20 jobs per page, ``?page=N``.

Wire shape (one page): ``{"page", "page_count", "items_per_page", "total", "results": [...]}``; out-of-range
pages return an empty ``results``. The replayed bodies hold ``results`` only, so a fetcher must also stop on
its own page cap.

Grain of :func:`parse_themuse`: one :class:`Posting` per element of ``results``. Field decisions:

- ``title``: ``name``; ``company``: ``company.name``; ``url``: ``refs.landing_page``.
- ``locations``: every ``locations[].name``; ``remote`` is True when one of them is ``"Flexible / Remote"``,
  otherwise None (The Muse has no remote flag, so absence is not evidence of on-site).
- ``posted_at``: ``publication_date`` (ISO, ``Z``).
- ``salary_structured``: always ``None`` (no pay fields).
- ``extra["levels"]``: the ``levels[].name`` list (``"Entry Level"``, ``"Senior Level"``...), the source's own
  seniority, kept for the seniority enrichment to compare against; also categories and the company short name.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from extractors._common import iso_to_utc, load_json, load_json_list
from extractors.errors import HttpStatusError
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "themuse"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ("www.themuse.com",)
#: Aggregate feed: no per-company board, so the board part of the key is "" (registry convention).
FEED_BOARD = ""
API_URL = "https://www.themuse.com/api/public/jobs"
REMOTE_LOCATION = "flexible / remote"
_log = logging.getLogger(__name__)


def _names(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    return [str(i["name"]).strip() for i in items if isinstance(i, dict) and i.get("name")]


def page_count(body: bytes) -> int | None:
    """``page_count`` of a page envelope, or None when the envelope does not carry it."""
    data = json.loads(body)
    value = data.get("page_count") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None


def parse_themuse(
    body: bytes,
    *,
    board: str = FEED_BOARD,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Postings from one ``/api/public/jobs?page=N`` body."""
    results = load_json_list(body, "results", source=SOURCE, board=board, raw_sha256=raw_sha256)
    postings: list[Posting] = []
    for item in results:
        if not isinstance(item, dict) or item.get("id") is None or not item.get("name"):
            continue
        locations = _names(item.get("locations"))
        employer = item.get("company") if isinstance(item.get("company"), dict) else {}
        refs = item.get("refs") if isinstance(item.get("refs"), dict) else {}
        postings.append(
            Posting(
                source=SOURCE,
                board=board,
                native_id=str(item["id"]),
                url=refs.get("landing_page") or None,
                title=str(item["name"]).strip(),
                company=(employer.get("name") or "").strip() or company,
                locations=tuple(locations),
                remote=True if any(loc.lower() == REMOTE_LOCATION for loc in locations) else None,
                description_text=html_to_text(item.get("contents")),
                posted_at=iso_to_utc(item.get("publication_date")),
                fetched_at=fetched_at,
                salary_structured=None,
                raw_sha256=raw_sha256,
                extra={
                    "levels": _names(item.get("levels")),
                    "categories": _names(item.get("categories")),
                    "company_short_name": employer.get("short_name"),
                },
            )
        )
    return postings


def fetch_themuse(
    client: PoliteClient,
    board: str = FEED_BOARD,
    *,
    start_page: int = 1,
    max_pages: int = 10,
    params: dict[str, str] | None = None,
) -> list[Fetched]:
    """Pages ``start_page``.. of the job list (20 jobs each), at most ``max_pages``.

    Stops at an empty ``results``, at ``page_count`` when the envelope gives it, or at ``max_pages`` (the 500
    calls/hour keyless limit is far away). Whether the first page is 0 or 1 is unconfirmed
    (sources.md §9 #14); the default 1 is what the recorded requests used. Extra filters (``category``,
    ``level``, ``location``) go in ``params``. A 404 on a later page ends paging (logged); on the first
    page it raises.
    """
    pages: list[Fetched] = []
    for page in range(start_page, start_page + max_pages):
        query = urlencode({**(params or {}), "page": str(page)})
        try:
            fetched = client.get(f"{API_URL}?{query}", source=SOURCE, board=board or None)
        except HttpStatusError as exc:
            if page == start_page or exc.status != 404:
                raise
            _log.warning("themuse: page %d answered 404; paging stopped", page)
            break
        pages.append(fetched)
        results = load_json(fetched.body, source=SOURCE, board=board, raw_sha256="").get("results")
        total_pages = page_count(fetched.body)
        # page_count pages numbered from start_page: the last one is start_page + page_count - 1.
        if not results or (total_pages is not None and page >= start_page + total_pages - 1):
            break
    return pages
