"""Arbeitnow job-board API (sources.md §6.3): mostly German/EU jobs, 100 per page, newest first.

Wire shape (one page): ``{"data": [...], "links": {"first", "last", "prev", "next"}, "meta": {"current_page",
"per_page", "from", "to", "terms", "info"}}``. Paging is ``?page=N`` (1-based); the last page has an empty
``data`` or a null ``links.next``.

Grain of :func:`parse_arbeitnow`: one :class:`Posting` per element of ``data``. Field decisions:

- ``native_id``: ``slug`` (Arbeitnow has no numeric id); ``url``: the Arbeitnow job page (link back
  requested).
- ``posted_at``: ``created_at`` (epoch seconds, UTC).
- ``salary_structured``: always ``None`` (Arbeitnow has no pay field; pay may still be in the description).
- ``remote``: the ``remote`` boolean.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from extractors._common import load_json
from extractors.errors import HttpStatusError, ParseError
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "arbeitnow"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ("www.arbeitnow.com",)
#: Aggregate feed: no per-company board, so the board part of the key is "" (registry convention).
FEED_BOARD = ""
API_URL = "https://www.arbeitnow.com/api/job-board-api"
_log = logging.getLogger(__name__)


def _load(body: bytes, board: str, raw_sha256: str) -> dict[str, Any]:
    data = load_json(body, source=SOURCE, board=board, raw_sha256=raw_sha256)
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise ParseError("no 'data' list in the page", source=SOURCE, board=board, raw_sha256=raw_sha256)
    return data


def has_next_page(body: bytes) -> bool:
    """Whether the page says another page follows (non-empty ``data`` and a non-null ``links.next``)."""
    data = _load(body, FEED_BOARD, "")
    links = data.get("links") if isinstance(data.get("links"), dict) else {}
    return bool(data["data"]) and bool(links.get("next"))


def parse_arbeitnow(
    body: bytes,
    *,
    board: str = FEED_BOARD,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Postings from one ``/api/job-board-api?page=N`` body."""
    data = _load(body, board, raw_sha256)
    postings: list[Posting] = []
    for item in data["data"]:
        if not isinstance(item, dict) or not item.get("slug") or not item.get("title"):
            continue
        created = item.get("created_at")
        location = (item.get("location") or "").strip()
        employer = (item.get("company_name") or "").strip()
        remote = item.get("remote")
        postings.append(
            Posting(
                source=SOURCE,
                board=board,
                native_id=str(item["slug"]),
                url=item.get("url") or None,
                title=str(item["title"]).strip(),
                company=employer or company,
                locations=(location,) if location else (),
                remote=remote if isinstance(remote, bool) else None,
                description_text=html_to_text(item.get("description")),
                posted_at=datetime.fromtimestamp(created, tz=UTC)
                if isinstance(created, int | float)
                else None,
                fetched_at=fetched_at,
                salary_structured=None,
                raw_sha256=raw_sha256,
                extra={"tags": list(item.get("tags") or []), "job_types": list(item.get("job_types") or [])},
            )
        )
    return postings


def fetch_arbeitnow(client: PoliteClient, board: str = FEED_BOARD, *, max_pages: int = 5) -> list[Fetched]:
    """Pages 1.. until a page says no next page (empty ``data`` or null ``links.next``) or ``max_pages``.

    The next page is requested as ``?page=N+1`` rather than by following ``links.next`` verbatim, so the
    request stays exactly the documented one. A 404 on a later page ends paging (logged); on page 1 it raises.
    """
    pages: list[Fetched] = []
    for page in range(1, max_pages + 1):
        try:
            fetched = client.get(f"{API_URL}?page={page}", source=SOURCE, board=board or None)
        except HttpStatusError as exc:
            if page == 1 or exc.status != 404:
                raise
            _log.warning("arbeitnow: page %d answered 404; paging stopped", page)
            break
        pages.append(fetched)
        if not has_next_page(fetched.body):
            break
    return pages
