"""The canonical Posting: one record shape for every source.

Grain: one job post as published on one board at one fetch. The key is (source, board, native_id).
Parsers (`parse_*`) return these; nothing downstream sees raw dicts or soup objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Posting:
    """A job posting as the source published it (no enrichment yet).

    - ``locations``: the source's raw location strings, trimmed, in source order.
    - ``remote``: True/False when the source says so, None when it does not.
    - ``description_text``: plain text (HTML parsed, entities decoded once, block breaks kept as newlines).
    - ``posted_at``: the source's publication time in UTC (None when the source gives none).
    - ``fetched_at``: when the landing body this came from was fetched (UTC).
    - ``salary_structured``: the source's own pay fields, unparsed and unconverted (e.g. Greenhouse
      ``metadata`` currency ranges, Lever ``salaryRange``, Ashby ``compensation``), or None.
    - ``raw_sha256``: sha256 of the raw landing body the posting was parsed from.
    """

    source: str
    board: str
    native_id: str
    url: str | None
    title: str
    company: str | None
    locations: tuple[str, ...]
    remote: bool | None
    description_text: str
    posted_at: datetime | None
    fetched_at: datetime
    salary_structured: dict[str, Any] | None = None
    raw_sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.board, self.native_id)

    def to_row(self) -> dict[str, Any]:
        """A plain dict for Polars/DuckDB (locations as a list)."""
        row = asdict(self)
        row["locations"] = list(self.locations)
        return row
