"""Lever Postings API (sources.md §2): ``https://api.lever.co/v0/postings/{site}?mode=json``.

One call without ``limit`` returns the whole site (what the replay set records and third parties rely on).
The body is a JSON array; each element becomes one :class:`Posting` keyed by its UUID ``id``.

Field rules: title is ``text``; the description is ``description`` (opening + body; or ``opening`` +
``descriptionBody`` when absent) + every ``lists[]`` block (its heading, then its items as ``- item`` lines) +
``additional``; ``createdAt`` is epoch **milliseconds**; ``workplaceType`` gives remote (``remote`` -> True,
``on-site``/``onsite``/``hybrid`` -> False, ``unspecified`` -> unknown); ``salaryRange`` (``{currency,
interval, min, max}``) and the plain salary note go unparsed into ``salary_structured``. Lever has no company
field: the caller passes ``company`` (from sources.toml), else it stays None.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from extractors._common import clean_str, epoch_ms_to_utc, load_json, require
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "lever"
API_BASE = "https://api.lever.co/v0/postings"
_WORKPLACE = {"remote": True, "on-site": False, "onsite": False, "hybrid": False}


def lever_url(site: str) -> str:
    """The list URL for a Lever site (global instance)."""
    return f"{API_BASE}/{quote(site, safe='')}?mode=json"


def fetch_lever(client: PoliteClient, site: str) -> list[Fetched]:
    """Fetch one site's full posting list (one request)."""
    return [client.get(lever_url(site), source=SOURCE, board=site)]


def parse_lever(
    body: bytes,
    *,
    board: str,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Postings in a Lever list body (a JSON array); ParseError on any other shape."""
    ctx = {"source": SOURCE, "board": board, "raw_sha256": raw_sha256}
    data = load_json(body, **ctx)
    require(isinstance(data, list), "expected a JSON array of postings", **ctx)
    postings = []
    for i, item in enumerate(data):
        require(isinstance(item, dict), f"[{i}] is not an object", **ctx)
        require(clean_str(item.get("id")) is not None, f"[{i}] has no id", **ctx)
        require(
            clean_str(item.get("text")) is not None, f"[{i}] (id {item['id']}) has no title ('text')", **ctx
        )
        postings.append(
            _posting(item, board=board, fetched_at=fetched_at, raw_sha256=raw_sha256, company=company)
        )
    return postings


def _posting(
    item: dict[str, Any], *, board: str, fetched_at: datetime, raw_sha256: str, company: str | None
) -> Posting:
    categories = item.get("categories") if isinstance(item.get("categories"), dict) else {}
    all_locations = [loc for x in categories.get("allLocations") or [] if (loc := clean_str(x))]
    primary = clean_str(categories.get("location"))
    locations = tuple(all_locations) if all_locations else ((primary,) if primary else ())
    workplace = clean_str(item.get("workplaceType"))
    return Posting(
        source=SOURCE,
        board=board,
        native_id=str(item["id"]).strip(),
        url=_strip_query(clean_str(item.get("hostedUrl"))),
        title=str(item["text"]).strip(),
        company=company,
        locations=locations,
        remote=_WORKPLACE.get(workplace.lower()) if workplace else None,
        description_text=_description(item),
        posted_at=epoch_ms_to_utc(item.get("createdAt")),
        fetched_at=fetched_at,
        salary_structured=_salary(item),
        raw_sha256=raw_sha256,
        extra={
            "commitment": categories.get("commitment"),
            "team": categories.get("team"),
            "department": categories.get("department"),
            "country": item.get("country"),
            "workplace_type": workplace,
            "apply_url": item.get("applyUrl"),
        },
    )


def _description(item: dict[str, Any]) -> str:
    parts: list[str] = []
    if isinstance(item.get("description"), str):
        parts.append(html_to_text(item["description"]))
    else:
        parts.extend(
            html_to_text(item.get(key))
            for key in ("opening", "descriptionBody")
            if isinstance(item.get(key), str)
        )
    for block in item.get("lists") or []:
        if isinstance(block, dict):
            parts.append(html_to_text(block.get("text")) if isinstance(block.get("text"), str) else "")
            # List content is bare <li> items (often without a <ul>); html_to_text bullets them.
            parts.append(html_to_text(block.get("content")) if isinstance(block.get("content"), str) else "")
    if isinstance(item.get("additional"), str):
        parts.append(html_to_text(item["additional"]))
    return "\n".join(p for p in parts if p)


def _salary(item: dict[str, Any]) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    if isinstance(item.get("salaryRange"), dict) and item["salaryRange"]:
        out["salaryRange"] = item["salaryRange"]
    note = clean_str(item.get("salaryDescriptionPlain")) or (
        html_to_text(item["salaryDescription"]) if isinstance(item.get("salaryDescription"), str) else None
    )
    if note:
        out["salaryDescription"] = note
    return out or None


def _strip_query(url: str | None) -> str | None:
    """Drop tracking queries such as ``?lever-source=...`` for a canonical posting URL."""
    if not url:
        return None
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
