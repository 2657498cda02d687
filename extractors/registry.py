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
from typing import Protocol

from extractors.ashby import fetch_ashby, parse_ashby
from extractors.greenhouse import fetch_greenhouse, parse_greenhouse
from extractors.http_client import Fetched, PoliteClient
from extractors.lever import fetch_lever, parse_lever
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
    """One source: its name, its fetch (I/O) and parse (pure) functions, and the hosts it calls."""

    name: str
    fetch: Callable[[PoliteClient, str], list[Fetched]]
    parse: ParseFn
    hosts: tuple[str, ...]


ADAPTERS: dict[str, SourceAdapter] = {
    "greenhouse": SourceAdapter(
        "greenhouse", fetch_greenhouse, parse_greenhouse, ("boards-api.greenhouse.io",)
    ),
    "lever": SourceAdapter("lever", fetch_lever, parse_lever, ("api.lever.co",)),
    "ashby": SourceAdapter("ashby", fetch_ashby, parse_ashby, ("api.ashbyhq.com",)),
}


def get_adapter(source: str) -> SourceAdapter:
    """The adapter for ``source``; KeyError naming the known sources otherwise."""
    try:
        return ADAPTERS[source]
    except KeyError:
        raise KeyError(f"unknown source {source!r}; known: {', '.join(sorted(ADAPTERS))}") from None


def fetch_board(client: PoliteClient, source: str, board: str) -> list[Fetched]:
    """Fetch one board of one source (every body landed in ``client.store``)."""
    return get_adapter(source).fetch(client, board)


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
