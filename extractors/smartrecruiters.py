"""SmartRecruiters Posting API (sources.md §4.1): a company's public postings, keyless but only tolerated.

Wire shapes:

- list page ``/v1/companies/{company}/postings?limit=&offset=`` -> ``{"offset", "limit", "totalFound",
  "content": [...]}`` (``limit`` at most 100; stop when ``offset + len(content) >= totalFound``);
- detail ``/v1/companies/{company}/postings/{id}`` -> one posting object that adds ``postingUrl``,
  ``applyUrl`` and ``jobAd.sections.{companyDescription, jobDescription, qualifications,
  additionalInformation}.{title, text}``.

A description costs one detail request per posting, so details are fetched only for titles that pass
:func:`looks_ai_ml_title`, a cheap pre-filter (not the project's ``is_ai_ml`` classifier, which runs later in
``transforms`` on the full posting).

Grain: one :class:`Posting` per posting id (``board`` is the case-sensitive company identifier). Field
decisions:

- ``title``: ``name``; ``company``: ``company.name``; ``posted_at``: ``releasedDate`` (ISO ``Z``).
- ``locations``: ``location.fullLocation``, else ``city, region, country`` joined; ``remote``:
  ``location.remote``.
- ``url``: the detail's ``postingUrl``; None for list-only postings (the list carries only the API ``ref``).
- ``salary_structured``: ``{"compensation": ...}`` when a detail carries a non-empty ``compensation`` object
  (its presence on ``/v1`` is unconfirmed); otherwise None. Pay is then left to the description text.
- ``creator`` (a recruiter's name, personal data) is never copied.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import quote

from extractors._common import iso_to_utc, load_json
from extractors.errors import HttpStatusError, ParseError
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "smartrecruiters"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ("api.smartrecruiters.com",)
LIST_URL = "https://api.smartrecruiters.com/v1/companies/{company}/postings"
DETAIL_URL = "https://api.smartrecruiters.com/v1/companies/{company}/postings/{posting_id}"
MAX_LIMIT = 100
_log = logging.getLogger(__name__)

# Title words that make a posting worth one detail request. Word-bounded so that "ai" does not match
# "maintain"
# and "ml" does not match "html". Deliberately broad: a false positive costs one request, a false negative
# loses a description.
_AI_ML_TITLE = re.compile(
    r"(?<!\w)(?:"
    r"ai|a\.i\.|ml|mlops|llms?|genai|gen\s?ai|nlp|"
    r"artificial intelligence|machine learning|deep learning|reinforcement learning|"
    r"data scien\w*|computer vision|natural language|generative|"
    r"applied scientist|research scientist|research engineer|"
    r"perception|neural|inference|prompt engineer\w*"
    r")(?!\w)",
    re.IGNORECASE,
)
_SECTION_ORDER = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


def looks_ai_ml_title(title: str) -> bool:
    """True when a job title names AI/ML work (keywords above); used only to decide on detail requests."""
    return bool(_AI_ML_TITLE.search(title or ""))


def _label(obj: Any) -> str | None:
    return obj.get("label") if isinstance(obj, dict) else None


def _location(loc: Any) -> tuple[tuple[str, ...], bool | None]:
    if not isinstance(loc, dict):
        return (), None
    # fullLocation leaves empty parts in place ("Singapore, , Singapore"): drop them.
    parts = str(loc.get("fullLocation") or "").split(",")
    if not any(p.strip() for p in parts):
        parts = [str(loc.get(k) or "") for k in ("city", "region", "country")]
    full = ", ".join(p.strip() for p in parts if p.strip())
    remote = loc.get("remote")
    return ((full,) if full else ()), (remote if isinstance(remote, bool) else None)


def _posting(
    item: dict[str, Any], *, board: str, fetched_at: datetime, raw_sha256: str, company: str | None
) -> Posting:
    """One Posting from a list item or a detail object (the detail adds url, description and maybe pay)."""
    locations, remote = _location(item.get("location"))
    sections = (
        ((item.get("jobAd") or {}).get("sections") or {}) if isinstance(item.get("jobAd"), dict) else {}
    )
    parts: list[str] = []
    for key in _SECTION_ORDER:
        section = sections.get(key)
        if isinstance(section, dict) and section.get("text"):
            if section.get("title"):
                parts.append(str(section["title"]).strip())
            parts.append(html_to_text(section["text"]))
    compensation = item.get("compensation")
    employer = item.get("company") if isinstance(item.get("company"), dict) else {}
    loc = item.get("location") if isinstance(item.get("location"), dict) else {}
    return Posting(
        source=SOURCE,
        board=board,
        native_id=str(item["id"]),
        url=item.get("postingUrl") or None,
        title=str(item["name"]).strip(),
        company=(employer.get("name") or "").strip() or company,
        locations=locations,
        remote=remote,
        description_text="\n".join(p for p in parts if p),
        posted_at=iso_to_utc(item.get("releasedDate")),
        fetched_at=fetched_at,
        salary_structured={"compensation": compensation} if compensation else None,
        raw_sha256=raw_sha256,
        extra={
            "ref_number": item.get("refNumber"),
            "country": loc.get("country"),
            "hybrid": loc.get("hybrid"),
            "department": _label(item.get("department")),
            "function": _label(item.get("function")),
            "industry": _label(item.get("industry")),
            "type_of_employment": _label(item.get("typeOfEmployment")),
            "experience_level": _label(item.get("experienceLevel")),
            "api_ref": item.get("ref"),
            "has_detail": isinstance(item.get("jobAd"), dict),
        },
    )


def _load(body: bytes, board: str, raw_sha256: str) -> Any:
    return load_json(body, source=SOURCE, board=board, raw_sha256=raw_sha256)


def list_page_info(body: bytes) -> tuple[int, int, int, list[tuple[str, str]]]:
    """``(offset, len(content), totalFound, [(id, title), ...])`` of a list page (paging, detail choice)."""
    data = _load(body, "", "")
    content = data.get("content") if isinstance(data, dict) else None
    if not isinstance(content, list):
        raise ParseError("no 'content' list in the page", source=SOURCE, board=None)
    items = [(str(c["id"]), str(c.get("name") or "")) for c in content if isinstance(c, dict) and c.get("id")]
    return int(data.get("offset") or 0), len(content), int(data.get("totalFound") or 0), items


def parse_smartrecruiters(
    body: bytes, *, board: str, fetched_at: datetime, raw_sha256: str = "", company: str | None = None
) -> list[Posting]:
    """Postings from one body: a list page (no descriptions) or a detail object (one posting, described).

    A run that fetched details yields the same key twice (list row, then detail): keep the detail, e.g. with
    :func:`prefer_detail`.
    """
    data = _load(body, board, raw_sha256)
    ctx = {"board": board, "fetched_at": fetched_at, "raw_sha256": raw_sha256, "company": company}
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        return [
            _posting(item, **ctx)
            for item in data["content"]
            if isinstance(item, dict) and item.get("id") and item.get("name")
        ]
    if isinstance(data, dict) and data.get("id") and data.get("name"):
        return [_posting(data, **ctx)]
    raise ParseError(
        "neither a list page nor a posting detail", source=SOURCE, board=board, raw_sha256=raw_sha256
    )


def prefer_detail(postings: list[Posting]) -> list[Posting]:
    """One posting per key, in first-seen order, the detail-based one winning over a list row."""
    chosen: dict[tuple[str, str, str], Posting] = {}
    for posting in postings:
        current = chosen.get(posting.key)
        if current is None or (posting.extra.get("has_detail") and not current.extra.get("has_detail")):
            chosen[posting.key] = posting
    return list(chosen.values())


def fetch_smartrecruiters(
    client: PoliteClient,
    board: str,
    *,
    limit: int = MAX_LIMIT,
    max_pages: int = 20,
    max_details: int = 200,
    wants_detail: Callable[[str], bool] = looks_ai_ml_title,
) -> list[Fetched]:
    """List pages of one company (``offset`` paging, at most ``max_pages``), then one detail per posting
    whose title passes ``wants_detail`` (at most ``max_details``). Returns every landed body, lists first.

    A 404 on a later list page ends paging (logged); a 404 on the first page raises (unknown company ids
    answer 200 with ``totalFound: 0``, so a 404 there means the API moved). A detail that answers 404 is
    skipped (logged): its list row remains.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    company = quote(board, safe="")
    pages: list[Fetched] = []
    wanted: list[str] = []
    offset = 0
    for page in range(max_pages):
        url = f"{LIST_URL.format(company=company)}?limit={limit}&offset={offset}"
        try:
            fetched = client.get(url, source=SOURCE, board=board)
        except HttpStatusError as exc:
            if page == 0 or exc.status != 404:
                raise
            _log.warning("smartrecruiters/%s: offset %d answered 404; paging stopped", board, offset)
            break
        pages.append(fetched)
        start, count, total, items = list_page_info(fetched.body)
        wanted.extend(pid for pid, title in items if wants_detail(title) and pid not in wanted)
        offset = start + count
        if count == 0 or offset >= total:
            break
    details: list[Fetched] = []
    for pid in wanted[:max_details]:
        url = DETAIL_URL.format(company=company, posting_id=quote(pid, safe=""))
        try:
            details.append(client.get(url, source=SOURCE, board=board))
        except HttpStatusError as exc:
            if exc.status != 404:
                raise
            # Unpublished between the list call and this one: the list row still stands for it.
            _log.warning("smartrecruiters/%s: posting %s answered 404; kept without description", board, pid)
    return pages + details
