"""Personio XML job feed (sources.md §4.4): one company's published positions (when the employer enabled it).

Wire shape: ``GET https://{company}.jobs.personio.de/xml?language=en`` ->
``<workzag-jobs><position>...</position>...</workzag-jobs>``; no paging, no auth.

Grain of :func:`parse_personio`: one :class:`Posting` per ``<position>``; ``board`` is the company subdomain.
Field decisions:

- ``native_id``: ``id``; ``title``: ``name``; ``company``: ``subcompany``, else None.
- ``url``: ``https://{board}.jobs.personio.de/job/{id}``, a third-party convention (the feed has no URL;
  sources.md §9 #11 marks it unconfirmed).
- ``locations``: ``office`` then every ``additionalOffices/office``.
- ``remote``: True when an office names remote work (``"100% Remote"``), else None (the feed has no flag).
- ``description_text``: each ``jobDescriptions/jobDescription`` as its ``name`` line then its HTML ``value``.
- ``posted_at``: ``createdAt`` (``2016-05-31T12:14:07+0200`` or a bare date read as midnight UTC).
- ``salary_structured``: always None (no pay in the feed).
- ``extra["years_of_experience"]``: the ``yearsOfExperience`` band (``lt-1``, ``1-2``, ``2-5``, ``5-7``,
  ``7-10``, ``10-15``, ``gt-15``) as given, with seniority, employment type, schedule, department and
  keywords.

The XML is parsed with entity resolution and network access off (an untrusted feed must not pull in files).
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote

from lxml import etree

from extractors._common import iso_to_utc
from extractors.errors import ParseError
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "personio"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ()  # one host per company: {company}.jobs.personio.de
API_URL = "https://{company}.jobs.personio.de/xml?language={language}"
JOB_URL = "https://{company}.jobs.personio.de/job/{id}"

_REMOTE_OFFICE = re.compile(r"\bremote\b", re.IGNORECASE)


def _text(node: etree._Element, tag: str) -> str:
    child = node.find(tag)
    return (child.text or "").strip() if child is not None else ""


def parse_personio(
    body: bytes, *, board: str, fetched_at: datetime, raw_sha256: str = "", company: str | None = None
) -> list[Posting]:
    """Postings from one XML feed body."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"not XML: {exc}", source=SOURCE, board=board, raw_sha256=raw_sha256) from exc
    if root.tag != "workzag-jobs":
        raise ParseError(f"unexpected root <{root.tag}>", source=SOURCE, board=board, raw_sha256=raw_sha256)
    postings: list[Posting] = []
    for position in root.findall("position"):
        native_id, title = _text(position, "id"), _text(position, "name")
        if not native_id or not title:
            continue
        offices = [_text(position, "office")] + [
            (o.text or "").strip() for o in position.findall("additionalOffices/office")
        ]
        offices = [o for i, o in enumerate(offices) if o and o not in offices[:i]]
        parts: list[str] = []
        for section in position.findall("jobDescriptions/jobDescription"):
            name, text = _text(section, "name"), html_to_text(_text(section, "value"))
            parts.extend(p for p in (name, text) if p)
        postings.append(
            Posting(
                source=SOURCE,
                board=board,
                native_id=native_id,
                url=JOB_URL.format(company=board, id=native_id),
                title=title,
                company=_text(position, "subcompany") or company,
                locations=tuple(offices),
                remote=True if any(_REMOTE_OFFICE.search(o) for o in offices) else None,
                description_text="\n".join(parts),
                posted_at=iso_to_utc(_text(position, "createdAt")),
                fetched_at=fetched_at,
                salary_structured=None,
                raw_sha256=raw_sha256,
                extra={
                    "years_of_experience": _text(position, "yearsOfExperience") or None,
                    "seniority": _text(position, "seniority") or None,
                    "employment_type": _text(position, "employmentType") or None,
                    "schedule": _text(position, "schedule") or None,
                    "department": _text(position, "department") or None,
                    "recruiting_category": _text(position, "recruitingCategory") or None,
                    "occupation": _text(position, "occupation") or None,
                    "occupation_category": _text(position, "occupationCategory") or None,
                    "keywords": [k.strip() for k in _text(position, "keywords").split(",") if k.strip()],
                },
            )
        )
    return postings


def fetch_personio(client: PoliteClient, board: str, *, language: str = "en") -> list[Fetched]:
    """One company's XML feed in one request (``board`` = the ``{company}.jobs.personio.de`` subdomain).

    English is asked for because the feed defaults to German; a position without an English text comes back
    in the language it was written in.
    """
    url = API_URL.format(company=quote(board, safe=""), language=quote(language, safe=""))
    return [client.get(url, source=SOURCE, board=board)]
