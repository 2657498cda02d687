"""Adzuna search API (sources.md §6.7): a job-ad aggregator per country, key required (app_id + app_key).

Wire shape (one page): ``{"count", "mean", "results": [...]}`` from ``/v1/api/jobs/{country}/search/{page}``
(page 1-based, at most 50 results per page). The replayed bodies hold ``results`` only.

Grain of :func:`parse_adzuna`: one :class:`Posting` per element of ``results``; ``board`` is the country code
in the path (``fr``), because ids and currency are per country site. Field decisions:

- ``title``: Adzuna wraps search hits in ``<strong>`` highlighting; tags are stripped and entities decoded.
- ``url``: ``redirect_url`` (Adzuna's tracked link to the ad; required as the link back).
- ``description_text``: Adzuna's ~500-character snippet (the API never returns the full text).
- ``posted_at``: ``created`` (ISO, ``Z``).
- ``salary_structured``: ``{"salary_min", "salary_max", "salary_is_predicted"}`` exactly as given, plus
  ``"country"`` (the path segment) and ``"currency_implied"`` from :data:`COUNTRY_CURRENCY`, because the
  source has no currency field and the amount is in the country site's currency. ``salary_is_predicted ==
  "1"`` means an Adzuna model estimate, not the employer's figure: it must be treated as *estimated* and never
  mixed with advertised pay. ``None`` when neither bound is present.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from extractors._common import iso_to_utc, load_json_list
from extractors.errors import HttpStatusError
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "adzuna"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ("api.adzuna.com",)
API_URL = "https://api.adzuna.com/v1/api/jobs/{country}/search/{page}"
MAX_RESULTS_PER_PAGE = 50
#: ``what`` searches per country: AI/ML roles under their common names (4 queries x 2 pages = 8 calls/run).
DEFAULT_QUERIES: tuple[str, ...] = ("machine learning", "data scientist", "AI engineer", "MLOps")

#: Country site -> ISO-4217 currency of its salary fields (the currency is implied by the site, sources.md
#: §6.7).
COUNTRY_CURRENCY: dict[str, str] = {
    "at": "EUR", "au": "AUD", "be": "EUR", "br": "BRL", "ca": "CAD", "ch": "CHF", "de": "EUR", "es": "EUR",
    "fr": "EUR", "gb": "GBP", "in": "INR", "it": "EUR", "mx": "MXN", "nl": "EUR", "nz": "NZD", "pl": "PLN",
    "ru": "RUB", "sg": "SGD", "us": "USD", "za": "ZAR",
}  # fmt: skip

_TAG = re.compile(r"<[^>]*>")
_log = logging.getLogger(__name__)


def missing_credentials(settings: Any) -> str | None:
    """One clear line when the Adzuna app id or key is not configured, else None."""
    missing = [name for name in ("adzuna_app_id", "adzuna_app_key") if not getattr(settings, name, "")]
    if not missing:
        return None
    env = ", ".join(f"JOBPULSE_{name.upper()}" for name in missing)
    return f"adzuna skipped: no {' / '.join(missing)} configured (set {env}; keys from developer.adzuna.com)"


def clean_title(raw: str) -> str:
    """A title without Adzuna's ``<strong>`` highlight markup, entities decoded, spaces folded."""
    return " ".join(html.unescape(_TAG.sub("", raw)).split())


def is_predicted(salary_structured: dict[str, Any] | None) -> bool:
    """Whether an Adzuna salary is Adzuna's own estimate (``salary_is_predicted`` is ``"1"``)."""
    return bool(salary_structured) and str(salary_structured.get("salary_is_predicted")) == "1"


def _name(obj: Any) -> str:
    return str(obj.get("display_name") or "").strip() if isinstance(obj, dict) else ""


def parse_adzuna(
    body: bytes, *, board: str, fetched_at: datetime, raw_sha256: str = "", company: str | None = None
) -> list[Posting]:
    """Postings from one search page; ``board`` is the lower-case country code of the request path."""
    results = load_json_list(body, "results", source=SOURCE, board=board, raw_sha256=raw_sha256)
    country = board.lower()
    postings: list[Posting] = []
    for item in results:
        if not isinstance(item, dict) or item.get("id") is None or not item.get("title"):
            continue
        salary = None
        if item.get("salary_min") is not None or item.get("salary_max") is not None:
            salary = {
                "salary_min": item.get("salary_min"),
                "salary_max": item.get("salary_max"),
                "salary_is_predicted": item.get("salary_is_predicted"),
                "country": country,
                "currency_implied": COUNTRY_CURRENCY.get(country),
            }
        location = _name(item.get("location"))
        category = item.get("category") if isinstance(item.get("category"), dict) else {}
        area = (item.get("location") or {}).get("area") if isinstance(item.get("location"), dict) else None
        postings.append(
            Posting(
                source=SOURCE,
                board=board,
                native_id=str(item["id"]),
                url=item.get("redirect_url") or None,
                title=clean_title(str(item["title"])),
                company=_name(item.get("company")) or company,
                locations=(location,) if location else (),
                remote=None,
                description_text=html_to_text(item.get("description")),
                posted_at=iso_to_utc(item.get("created")),
                fetched_at=fetched_at,
                salary_structured=salary,
                raw_sha256=raw_sha256,
                extra={
                    "category_tag": category.get("tag"),
                    "category_label": category.get("label"),
                    "location_area": list(area) if isinstance(area, list) else [],
                    "contract_type": item.get("contract_type"),
                    "contract_time": item.get("contract_time"),
                    "salary_estimated": is_predicted(salary),
                },
            )
        )
    return postings


def fetch_adzuna(
    client: PoliteClient,
    board: str = "us",
    *,
    app_id: str,
    app_key: str,
    queries: tuple[str, ...] = DEFAULT_QUERIES,
    params: dict[str, str] | None = None,
    results_per_page: int = MAX_RESULTS_PER_PAGE,
    max_pages: int = 2,
) -> list[Fetched]:
    """For each ``what`` query, search pages 1..``max_pages`` of country site ``board`` (50 results a page).

    A query stops early at a short page; a 404 on a later page ends that query (logged). The default budget
    (4 queries x 2 pages) stays far inside the 250/day and 2 500/month limits in :mod:`extractors.terms`.
    ``app_id``/``app_key`` travel in the query string, as Adzuna requires.
    """
    if not app_id or not app_key:
        raise ValueError("fetch_adzuna needs app_id and app_key (see missing_credentials)")
    country = board.lower()
    per_page = max(1, min(results_per_page, MAX_RESULTS_PER_PAGE))
    pages: list[Fetched] = []
    for what in queries:
        for page in range(1, max_pages + 1):
            query = urlencode(
                {
                    "app_id": app_id,
                    "app_key": app_key,
                    "results_per_page": str(per_page),
                    "what": what,
                    **(params or {}),
                }
            )
            url = f"{API_URL.format(country=country, page=page)}?{query}"
            try:
                fetched = client.get(url, source=SOURCE, board=country)
            except HttpStatusError as exc:
                if page == 1 or exc.status != 404:
                    raise
                _log.warning("adzuna/%s: %r page %d answered 404; paging stopped", country, what, page)
                break
            pages.append(fetched)
            if (
                len(parse_adzuna(fetched.body, board=country, fetched_at=fetched.record.fetched_at))
                < per_page
            ):
                break
    return pages
