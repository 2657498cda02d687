"""RemoteOK public API (sources.md §6.1): one JSON array of about the 100 most recent remote jobs.

Wire shape: a bare array whose first element is the legal notice (``{"last_updated", "legal"}``), then one
object per job. There is no paging and no detail endpoint; ``?tags=`` filters (ANDed) are the only parameter.

Grain of :func:`parse_remoteok`: one :class:`Posting` per job element. Field decisions:

- ``url``: the ``remoteok.com/remote-jobs/{slug}`` page, kept verbatim: the terms require a followed link back
  to it and "Remote OK" named as the source (see :mod:`extractors.terms`).
- ``posted_at``: ``epoch`` (seconds, UTC); ``date`` (ISO with offset) only when ``epoch`` is missing.
- ``salary_structured``: ``{"salary_min", "salary_max"}`` as given, with ``0`` turned into ``None`` because
  RemoteOK writes 0 for "undisclosed"; ``None`` when both are undisclosed. No currency or period is given by
  the source (USD per year is only an inference, sources.md §9 #17), so none is added here.
- ``remote``: True, since RemoteOK lists remote jobs only.
- ``description_text``: entity-unescaped only when it is escaped (``&lt;`` present), UTF-8-read-as-Latin-1
  mojibake repaired run by run, RemoteOK's injected anti-spam sentence removed, then HTML to text.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from extractors._common import load_json
from extractors.errors import ParseError
from extractors.html_text import html_to_text
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "remoteok"
#: Real hosts this source calls (for the registry, replay rewriting and politeness).
HOSTS: tuple[str, ...] = ("remoteok.com",)
#: Aggregate feed: no per-company board, so the board part of the key is "" (registry convention).
FEED_BOARD = ""
API_URL = "https://remoteok.com/api"

# A UTF-8 multibyte sequence whose bytes were decoded as Latin-1: a lead byte (U+00C2..U+00F4) followed by
# one to three continuation bytes (U+0080..U+00BF). Each run is re-encoded and decoded as UTF-8 when it can
# be.
_MOJIBAKE_RUN = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]{1,3}")
# RemoteOK appends a per-viewer "Please mention the word **X** and tag Y when applying ... human." text.
# The tag is an encoded id of the viewer, so it is noise at best; the tail sentence is optional because the
# feed sometimes carries only the first part.
_ANTI_SPAM = re.compile(
    r"Please mention the word \*\*[^*]*\*\* and tag \S+(?: when applying.*?they.re human\.?)?", re.DOTALL
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Latin-1 (``youâ\\x80\\x99re`` -> ``you're``), run by run.

    A run that is not valid UTF-8 once re-encoded is left unchanged, so correct Latin-1 text
    (``Zürich``) is never damaged.
    """

    def fix(match: re.Match[str]) -> str:
        chunk = match.group(0)
        try:
            return chunk.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return chunk

    return _MOJIBAKE_RUN.sub(fix, text)


def description_to_text(raw: str | None) -> str:
    """Plain text of a RemoteOK ``description`` (see module docstring for the steps)."""
    if not raw:
        return ""
    if "&lt;" in raw:
        raw = html.unescape(raw)
    raw = _ANTI_SPAM.sub("", repair_mojibake(raw))
    return html_to_text(raw)


def _nonzero(value: Any) -> Any:
    """RemoteOK pay fields: 0 (or missing/empty) means undisclosed."""
    return None if value in (0, "0", "", None) else value


def _posted_at(item: dict[str, Any]) -> datetime | None:
    epoch = item.get("epoch")
    if isinstance(epoch, int | float) and epoch > 0:
        return datetime.fromtimestamp(epoch, tz=UTC)
    date = item.get("date")
    if isinstance(date, str) and date:
        parsed = datetime.fromisoformat(date)
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    return None


def parse_remoteok(
    body: bytes,
    *,
    board: str = FEED_BOARD,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Postings from one ``/api`` body (a JSON array); the legal notice and non-job elements are skipped."""
    data = load_json(body, source=SOURCE, board=board, raw_sha256=raw_sha256)
    if not isinstance(data, list):
        raise ParseError("expected a JSON array", source=SOURCE, board=board, raw_sha256=raw_sha256)
    postings: list[Posting] = []
    for item in data:
        # The legal notice has neither id nor position; do not rely on it being element 0.
        if not isinstance(item, dict) or not item.get("id") or not item.get("position"):
            continue
        salary_min, salary_max = _nonzero(item.get("salary_min")), _nonzero(item.get("salary_max"))
        salary = None
        if salary_min is not None or salary_max is not None:
            salary = {"salary_min": salary_min, "salary_max": salary_max}
        location = (item.get("location") or "").strip()
        employer = (item.get("company") or "").strip()
        postings.append(
            Posting(
                source=SOURCE,
                board=board,
                native_id=str(item["id"]),
                url=item.get("url") or item.get("apply_url") or None,
                title=str(item["position"]).strip(),
                company=employer or company,
                locations=(location,) if location else (),
                remote=True,
                description_text=description_to_text(item.get("description")),
                posted_at=_posted_at(item),
                fetched_at=fetched_at,
                salary_structured=salary,
                raw_sha256=raw_sha256,
                extra={"tags": list(item.get("tags") or []), "slug": item.get("slug")},
            )
        )
    return postings


def fetch_remoteok(
    client: PoliteClient, board: str = FEED_BOARD, *, tags: tuple[str, ...] = ()
) -> list[Fetched]:
    """The whole feed in one request (``tags`` are ANDed by RemoteOK; none means every recent job)."""
    url = API_URL + (f"?{urlencode({'tags': ','.join(tags)})}" if tags else "")
    return [client.get(url, source=SOURCE, board=board or None)]
