"""The uniform source interface the flow calls, and the table of sources.

A source is a :class:`SourceAdapter`:

- ``fetch(client, board) -> list[Fetched]``: I/O only, through the :class:`PoliteClient` (which lands every
  body in the raw store). A list, because some sources need several requests (pages, items); the three ATS
  sources return one.
- ``parse(body, *, board, fetched_at, raw_sha256, company=None) -> list[Posting]``: pure; raises ParseError on
  a malformed body, never silently returns [].
- ``hosts``: the real hosts it talks to (the replay rewriter and politeness key on them).

To add a source (issue 4): write ``extractors/<source>.py`` with ``fetch_<source>`` and ``parse_<source>`` in
that shape and add one line to :data:`ADAPTERS`. Sources without boards (aggregate feeds) take ``board=""``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from extractors import (
    adzuna,
    arbeitnow,
    ashby,
    greenhouse,
    hn,
    jsonld,
    lever,
    personio,
    recruitee,
    remoteok,
    remotive,
    smartrecruiters,
    themuse,
    usajobs,
    workable,
)
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting


class ParseFn(Protocol):
    """Signature of a source's ``parse``."""

    def __call__(
        self,
        body: bytes,
        *,
        board: str,
        fetched_at: datetime,
        raw_sha256: str = "",
        company: str | None = None,
    ) -> list[Posting]: ...


@dataclass(frozen=True, slots=True)
class SourceAdapter:
    """One source: its name, its fetch (I/O) and parse (pure) functions, and the hosts it calls.

    - ``per_board``: False for aggregate feeds, whose one "board" is ``""``.
    - ``credentials``: settings -> the keyword arguments ``fetch`` needs for a keyed source (Adzuna, USAJobs).
    - ``missing_credentials``: settings -> one line saying why the source is skipped, or None when it can run.
    """

    name: str
    fetch: Callable[..., list[Fetched]]
    parse: ParseFn
    hosts: tuple[str, ...]
    per_board: bool = True
    credentials: Callable[[Any], dict[str, str]] | None = None
    missing_credentials: Callable[[Any], str | None] | None = None


def _adzuna_keys(settings: Any) -> dict[str, str]:
    return {"app_id": settings.adzuna_app_id, "app_key": settings.adzuna_app_key}


def _usajobs_keys(settings: Any) -> dict[str, str]:
    return {"api_key": settings.usajobs_api_key, "email": settings.usajobs_email}


def _adapters(*adapters: SourceAdapter) -> dict[str, SourceAdapter]:
    return {a.name: a for a in adapters}


ADAPTERS: dict[str, SourceAdapter] = _adapters(
    # applicant-tracking systems: one board per employer
    SourceAdapter(
        "greenhouse", greenhouse.fetch_greenhouse, greenhouse.parse_greenhouse, ("boards-api.greenhouse.io",)
    ),
    SourceAdapter("lever", lever.fetch_lever, lever.parse_lever, ("api.lever.co",)),
    SourceAdapter("ashby", ashby.fetch_ashby, ashby.parse_ashby, ("api.ashbyhq.com",)),
    SourceAdapter(
        "smartrecruiters",
        smartrecruiters.fetch_smartrecruiters,
        smartrecruiters.parse_smartrecruiters,
        smartrecruiters.HOSTS,
    ),
    SourceAdapter("workable", workable.fetch_workable, workable.parse_workable, workable.HOSTS),
    SourceAdapter("recruitee", recruitee.fetch_recruitee, recruitee.parse_recruitee, recruitee.HOSTS),
    SourceAdapter("personio", personio.fetch_personio, personio.parse_personio, personio.HOSTS),
    # aggregate job boards: one feed each
    SourceAdapter(
        "remoteok", remoteok.fetch_remoteok, remoteok.parse_remoteok, remoteok.HOSTS, per_board=False
    ),
    SourceAdapter(
        "remotive", remotive.fetch_remotive, remotive.parse_remotive, remotive.HOSTS, per_board=False
    ),
    SourceAdapter(
        "arbeitnow", arbeitnow.fetch_arbeitnow, arbeitnow.parse_arbeitnow, arbeitnow.HOSTS, per_board=False
    ),
    SourceAdapter("themuse", themuse.fetch_themuse, themuse.parse_themuse, themuse.HOSTS, per_board=False),
    SourceAdapter(
        "usajobs",
        usajobs.fetch_usajobs,
        usajobs.parse_usajobs,
        usajobs.HOSTS,
        per_board=False,
        credentials=_usajobs_keys,
        missing_credentials=usajobs.missing_credentials,
    ),
    # Adzuna's "board" is the country site (us, gb, fr, ...)
    SourceAdapter(
        "adzuna",
        adzuna.fetch_adzuna,
        adzuna.parse_adzuna,
        adzuna.HOSTS,
        credentials=_adzuna_keys,
        missing_credentials=adzuna.missing_credentials,
    ),
    # Hacker News "Who is hiring?": "" = the two newest threads; postings carry their thread id as board
    SourceAdapter("hn", hn.fetch_hn, hn.parse_hn, ("hacker-news.firebaseio.com",), per_board=False),
    # schema.org JobPosting pages: board = the host; pages from a sitemap or a list of URLs
    SourceAdapter("jsonld", jsonld.fetch_jsonld, jsonld.parse_jsonld, ()),
)


def get_adapter(source: str) -> SourceAdapter:
    """The adapter for ``source``; KeyError naming the known sources otherwise."""
    try:
        return ADAPTERS[source]
    except KeyError:
        raise KeyError(f"unknown source {source!r}; known: {', '.join(sorted(ADAPTERS))}") from None


def fetch_board(client: PoliteClient, source: str, board: str, **options: Any) -> list[Fetched]:
    """Fetch one board of one source (every body landed in ``client.store``); ``options`` go to its fetch."""
    return get_adapter(source).fetch(client, board, **options)


def parse_board(
    source: str,
    body: bytes,
    *,
    board: str,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Parse one landed body of one source into postings (pure)."""
    return get_adapter(source).parse(
        body, board=board, fetched_at=fetched_at, raw_sha256=raw_sha256, company=company
    )


def fetch_and_parse(
    client: PoliteClient, source: str, board: str, company: str | None = None
) -> list[Posting]:
    """Convenience for scripts: fetch a board, then parse each landed body with its own sha and fetch time."""
    out: list[Posting] = []
    for fetched in fetch_board(client, source, board):
        out.extend(
            parse_board(
                source,
                fetched.body,
                board=board,
                fetched_at=fetched.record.fetched_at,
                raw_sha256=fetched.record.sha256,
                company=company,
            )
        )
    return out
