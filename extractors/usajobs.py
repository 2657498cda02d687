"""USAJobs Search API (sources.md §6.6): US federal job announcements, key required.

Wire shape (one page): ``{"LanguageCode", "SearchParameters", "SearchResult": {"SearchResultCount",
"SearchResultCountAll", "UserArea": {"NumberOfPages"}, "SearchResultItems": [{"MatchedObjectId",
"MatchedObjectDescriptor": {...}}]}}``. Paging: ``ResultsPerPage`` (up to 500) and ``Page`` (1-based); one
query never returns more than 10 000 rows.

Grain of :func:`parse_usajobs`: one :class:`Posting` per ``SearchResultItems`` element. Field decisions:

- ``native_id``: ``MatchedObjectId`` (the control number); ``url``: ``PositionURI``.
- ``company``: ``OrganizationName`` (the hiring agency); ``DepartmentName`` goes to ``extra``.
- ``locations``: every ``PositionLocation[].LocationName`` (one announcement can list hundreds), or
  ``PositionLocationDisplay`` when that list is empty.
- ``remote``: ``UserArea.Details.RemoteIndicator`` (bool or ``"True"``/``"False"``), True as well when the
  display string says "remote job"; None when neither is present.
- ``posted_at``: ``PublicationStartDate``. It has **no timezone** (``2025-08-04T14:13:21.8270``); read as UTC,
  like Remotive (day-grain warehouse; USAJobs documents no zone).
- ``description_text``: ``JobSummary``, ``MajorDuties``, ``QualificationSummary``, ``Education`` and
  ``Requirements``, each under its own heading line (the search API has no single description field).
- ``salary_structured``: ``{"PositionRemuneration": [...]}`` exactly as given (strings ``MinimumRange``,
  ``MaximumRange``, ``RateIntervalCode``, ``Description``); currency is always USD by structure.
  :data:`RATE_INTERVAL_PERIODS` maps the interval codes to the project's period vocabulary for the renderer.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from extractors._common import iso_to_utc, load_json
from extractors.errors import HttpStatusError, ParseError
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "usajobs"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ("data.usajobs.gov",)
#: Aggregate feed: no per-company board, so the board part of the key is "" (registry convention).
FEED_BOARD = ""
API_URL = "https://data.usajobs.gov/api/search"
MAX_RESULTS_PER_PAGE = 500
#: Default search: the OPM series where AI/ML work is posted (1550 Computer Science, 1560 Data Science,
#: 2210 IT Management); several codes are separated by semicolons. Pass ``params={}`` for every series.
DEFAULT_PARAMS: dict[str, str] = {"JobCategoryCode": "1550;1560;2210"}
_log = logging.getLogger(__name__)

#: ``RateIntervalCode`` -> period (HOUR | DAY | WEEK | MONTH | YEAR | ONE_TIME | UNKNOWN). PA and PH are
#: observed
#: in real responses; the others follow the USAJobs code list as third parties report it (sources.md §9 #15).
#: Bi-weekly, school-year, fee-basis and without-compensation pay have no place in the period vocabulary, so
#: they
#: map to UNKNOWN rather than to a guessed multiple. The text forms (``"Per Year"``) are accepted too.
RATE_INTERVAL_PERIODS: dict[str, str] = {
    "PA": "YEAR",
    "PER YEAR": "YEAR",
    "PH": "HOUR",
    "PER HOUR": "HOUR",
    "PD": "DAY",
    "PER DAY": "DAY",
    "PW": "WEEK",
    "PER WEEK": "WEEK",
    "PM": "MONTH",
    "PER MONTH": "MONTH",
    "BW": "UNKNOWN",  # bi-weekly (26 pay periods a year)
    "SY": "UNKNOWN",  # school year
    "FB": "UNKNOWN",  # fee basis
    "WC": "UNKNOWN",  # without compensation
}


def rate_interval_period(code: str | None) -> str:
    """The period of a ``RateIntervalCode`` (code or text form); ``"UNKNOWN"`` for anything unmapped."""
    return RATE_INTERVAL_PERIODS.get((code or "").strip().upper(), "UNKNOWN")


def missing_credentials(settings: Any) -> str | None:
    """One clear line when the USAJobs key or its registered e-mail is not configured, else None."""
    missing = [name for name in ("usajobs_api_key", "usajobs_email") if not getattr(settings, name, "")]
    if not missing:
        return None
    env = ", ".join(f"JOBPULSE_{name.upper()}" for name in missing)
    return f"usajobs skipped: no {' / '.join(missing)} configured (set {env}; key from developer.usajobs.gov)"


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return None


def _description(descriptor: dict[str, Any], details: dict[str, Any]) -> str:
    sections: list[tuple[str, Any]] = [
        ("Summary", details.get("JobSummary")),
        ("Major duties", details.get("MajorDuties")),
        ("Qualifications", descriptor.get("QualificationSummary")),
        ("Education", details.get("Education")),
        ("Requirements", details.get("Requirements")),
    ]
    parts: list[str] = []
    for heading, value in sections:
        pieces = value if isinstance(value, list) else [value]
        texts = [html_to_text(p) for p in pieces if isinstance(p, str) and p.strip()]
        if texts:
            parts.append(heading)
            parts.extend(texts)
    return "\n".join(parts)


def result_pages(body: bytes) -> int | None:
    """``SearchResult.UserArea.NumberOfPages`` of a page (a string on the wire), or None."""
    data = json.loads(body)
    value = (((data.get("SearchResult") or {}).get("UserArea") or {}) if isinstance(data, dict) else {}).get(
        "NumberOfPages"
    )
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_usajobs(
    body: bytes,
    *,
    board: str = FEED_BOARD,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Postings from one ``/api/search`` body."""
    data = load_json(body, source=SOURCE, board=board, raw_sha256=raw_sha256)
    result = data.get("SearchResult") if isinstance(data, dict) else None
    items = result.get("SearchResultItems") if isinstance(result, dict) else None
    if not isinstance(items, list):
        raise ParseError(
            "no SearchResult.SearchResultItems", source=SOURCE, board=board, raw_sha256=raw_sha256
        )
    postings: list[Posting] = []
    for item in items:
        descriptor = item.get("MatchedObjectDescriptor") if isinstance(item, dict) else None
        if (
            not isinstance(descriptor, dict)
            or not item.get("MatchedObjectId")
            or not descriptor.get("PositionTitle")
        ):
            continue
        details = (descriptor.get("UserArea") or {}).get("Details") or {}
        display = (descriptor.get("PositionLocationDisplay") or "").strip()
        locations = [
            str(loc["LocationName"]).strip()
            for loc in descriptor.get("PositionLocation") or []
            if isinstance(loc, dict) and str(loc.get("LocationName") or "").strip()
        ]
        if not locations and display:
            locations = [display]
        remote = _as_bool(details.get("RemoteIndicator"))
        if "remote job" in display.lower():
            remote = True
        pay = descriptor.get("PositionRemuneration")
        postings.append(
            Posting(
                source=SOURCE,
                board=board,
                native_id=str(item["MatchedObjectId"]),
                url=descriptor.get("PositionURI") or None,
                title=str(descriptor["PositionTitle"]).strip(),
                company=(descriptor.get("OrganizationName") or "").strip() or company,
                locations=tuple(locations),
                remote=remote,
                description_text=_description(descriptor, details),
                posted_at=iso_to_utc(descriptor.get("PublicationStartDate")),
                fetched_at=fetched_at,
                salary_structured={"PositionRemuneration": pay} if pay else None,
                raw_sha256=raw_sha256,
                extra={
                    "position_id": descriptor.get("PositionID"),
                    "department": descriptor.get("DepartmentName") or None,
                    "job_categories": [c.get("Code") for c in descriptor.get("JobCategory") or []],
                    "job_grades": [g.get("Code") for g in descriptor.get("JobGrade") or []],
                    "low_grade": details.get("LowGrade"),
                    "high_grade": details.get("HighGrade"),
                    "telework_eligible": _as_bool(details.get("TeleworkEligible")),
                    "location_display": display or None,
                    "application_close_date": descriptor.get("ApplicationCloseDate"),
                },
            )
        )
    return postings


def fetch_usajobs(
    client: PoliteClient,
    board: str = FEED_BOARD,
    *,
    api_key: str,
    email: str,
    keyword: str | None = None,
    params: dict[str, str] | None = None,
    results_per_page: int = MAX_RESULTS_PER_PAGE,
    max_pages: int = 4,
) -> list[Fetched]:
    """Search pages 1..``max_pages`` (``ResultsPerPage`` up to 500; ``Page`` is sent from page 2 on).

    Sends the three required headers: ``Host`` (set by the HTTP stack), ``User-Agent`` = the e-mail the
    key was registered with, ``Authorization-Key`` = the key. Stops at a short page or at ``NumberOfPages``.
    Filters go in ``params`` (None: :data:`DEFAULT_PARAMS`). A later-page 404 ends paging.
    """
    if not api_key or not email:
        raise ValueError("fetch_usajobs needs api_key and email (see missing_credentials)")
    per_page = max(1, min(results_per_page, MAX_RESULTS_PER_PAGE))
    headers = {"Authorization-Key": api_key, "User-Agent": email}
    filters = DEFAULT_PARAMS if params is None else params
    base = {**({"Keyword": keyword} if keyword else {}), **filters, "ResultsPerPage": str(per_page)}
    pages: list[Fetched] = []
    for page in range(1, max_pages + 1):
        query = urlencode({**base, **({"Page": str(page)} if page > 1 else {})})
        try:
            fetched = client.get(f"{API_URL}?{query}", source=SOURCE, board=board or None, headers=headers)
        except HttpStatusError as exc:
            if page == 1 or exc.status != 404:
                raise
            _log.warning("usajobs: page %d answered 404; paging stopped", page)
            break
        pages.append(fetched)
        total = result_pages(fetched.body)
        count = len(parse_usajobs(fetched.body, board=board, fetched_at=fetched.record.fetched_at))
        if count < per_page or (total is not None and page >= total):
            break
    return pages
