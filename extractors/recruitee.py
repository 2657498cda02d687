"""Recruitee Careers Site API (sources.md §4.3): one company's published offers, public, no paging seen.

Wire shape: ``GET https://{slug}.recruitee.com/api/offers/`` -> ``{"offers": [...]}``.

Grain of :func:`parse_recruitee`: one :class:`Posting` per offer whose ``status`` is ``published`` (or
absent); ``board`` is the company slug. Field decisions:

- ``native_id``: ``id``; ``url``: ``careers_url``; ``company``: ``company_name``.
- ``locations``: each ``locations[]`` row as ``"city, state, country"``, else the ``location`` string.
- ``remote``: True when ``remote`` is true; False when the offer says ``on_site`` or ``hybrid`` (so not fully
  remote); None when none of the three flags is given. ``hybrid`` is kept in ``extra``.
- ``description_text``: ``description`` then ``requirements`` (top level, else the first ``translations``
  entry).
- ``posted_at``: ``published_at`` in Recruitee's ``"2026-10-05 16:05:18 UTC"`` form.
- ``salary_structured``: ``{"salary": {"min", "max", "period", "currency"}}`` as given (values may be strings
  such as ``"8000"``) when at least one value is non-null; else None.
- ``mailbox_email`` (a contact address) is never copied.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from extractors._common import load_json_list
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "recruitee"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ()  # one host per company: {slug}.recruitee.com
API_URL = "https://{slug}.recruitee.com/api/offers/"


def parse_recruitee_time(value: Any) -> datetime | None:
    """``"2026-10-05 16:05:18 UTC"`` (or an ISO string) as an aware UTC datetime; None when absent."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(" UTC"):
        text = text[: -len(" UTC")] + "+00:00"
    parsed = datetime.fromisoformat(text)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _join(*parts: Any) -> str:
    return ", ".join(str(p).strip() for p in parts if p and str(p).strip())


def _texts(offer: dict[str, Any]) -> tuple[str | None, str | None]:
    description, requirements = offer.get("description"), offer.get("requirements")
    if not description and not requirements and isinstance(offer.get("translations"), dict):
        for translated in offer["translations"].values():
            if isinstance(translated, dict):
                return translated.get("description"), translated.get("requirements")
    return description, requirements


def _remote(offer: dict[str, Any]) -> bool | None:
    if offer.get("remote") is True:
        return True
    if offer.get("on_site") is True or offer.get("hybrid") is True:
        return False
    if offer.get("remote") is False:
        return False
    return None


def parse_recruitee(
    body: bytes, *, board: str, fetched_at: datetime, raw_sha256: str = "", company: str | None = None
) -> list[Posting]:
    """Postings from one ``/api/offers/`` body."""
    offers = load_json_list(body, "offers", source=SOURCE, board=board, raw_sha256=raw_sha256)
    postings: list[Posting] = []
    for offer in offers:
        if not isinstance(offer, dict) or offer.get("id") is None or not offer.get("title"):
            continue
        if offer.get("status") not in (None, "published"):
            continue
        rows = offer.get("locations") if isinstance(offer.get("locations"), list) else []
        locations = [
            text
            for row in rows
            if isinstance(row, dict)
            if (text := _join(row.get("city"), row.get("state"), row.get("country")))
        ]
        if not locations and str(offer.get("location") or "").strip():
            locations = [str(offer["location"]).strip()]
        description, requirements = _texts(offer)
        salary = offer.get("salary")
        has_pay = isinstance(salary, dict) and any(v not in (None, "") for v in salary.values())
        postings.append(
            Posting(
                source=SOURCE,
                board=board,
                native_id=str(offer["id"]),
                url=offer.get("careers_url") or offer.get("careers_apply_url") or None,
                title=str(offer["title"]).strip(),
                company=str(offer.get("company_name") or "").strip() or company,
                locations=tuple(locations),
                remote=_remote(offer),
                description_text="\n".join(
                    t for t in (html_to_text(description), html_to_text(requirements)) if t
                ),
                posted_at=parse_recruitee_time(offer.get("published_at") or offer.get("created_at")),
                fetched_at=fetched_at,
                salary_structured={"salary": dict(salary)} if has_pay else None,
                raw_sha256=raw_sha256,
                extra={
                    "slug": offer.get("slug"),
                    "hybrid": offer.get("hybrid"),
                    "employment_type_code": offer.get("employment_type_code"),
                    "experience_code": offer.get("experience_code"),
                    "education_code": offer.get("education_code"),
                    "category_code": offer.get("category_code"),
                    "department": offer.get("department"),
                    "tags": list(offer.get("tags") or []),
                    "min_hours": offer.get("min_hours"),
                    "max_hours": offer.get("max_hours"),
                    "close_at": offer.get("close_at"),
                },
            )
        )
    return postings


def fetch_recruitee(client: PoliteClient, board: str) -> list[Fetched]:
    """One company's published offers in one request (``board`` = the ``{slug}.recruitee.com`` subdomain)."""
    return [client.get(API_URL.format(slug=quote(board, safe="")), source=SOURCE, board=board)]
