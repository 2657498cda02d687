"""Hacker News "Ask HN: Who is hiring?" threads, through the official Firebase API.

Grain: one Posting per live top-level comment of a monthly thread that reads as a job post (one comment
can name several roles: they go in ``title`` joined by " / " and one by one in ``extra["roles"]``).
Key: source "hn", board = the thread's story id, native_id = the comment id.

Data path: ``/v0/user/whoishiring.json`` → ``submitted`` story ids → ``/v0/item/{id}.json`` stories whose
title says "Who is hiring" → their ``kids`` → one ``/v0/item/{kid}.json`` per comment
(shared/spec/sources.md §5.2–5.4).
``parse_*`` are pure (bytes in, records out); ``fetch_*`` and ``backfill_hn`` do the requests through the
project's ``PoliteClient`` (which lands every body before anything parses it).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from extractors.errors import ParseError
from extractors.hn_header import EmptyComment, parse_header
from extractors.http_client import Fetched, PoliteClient
from extractors.posting import Posting

SOURCE = "hn"
FIREBASE_BASE = "https://hacker-news.firebaseio.com/v0"
ALGOLIA_BASE = "https://hn.algolia.com/api/v1"
WHOISHIRING_USER = "whoishiring"

_THREAD_TITLE = re.compile(
    r"^\s*Ask HN:\s*Who is hiring\?\s*\((?P<month>[A-Za-z]+)\s+(?P<year>\d{4})\)", re.I
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"],
        start=1,
    )
}  # fmt: skip
_TRUNCATED_LINK = re.compile(r"^(?:https?://|www\.).*(?:\.\.\.|…)$|^https?://", re.IGNORECASE)


# --- HTML of a comment -> plain text ----------------------------------------------------------------------


class _CommentText(HTMLParser):
    """HN comment HTML (bare ``<p>`` paragraphs, ``<a href>``, ``<i>``, ``<pre><code>``) → plain text.

    A link whose text is a URL (HN shortens long ones with "...") is written as its full href, so the header
    keeps the real apply URL.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hrefs: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text = []
            if self._href:
                self.hrefs.append(self._href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            text = "".join(self._link_text)
            self.parts.append(self._href if _TRUNCATED_LINK.match(text.strip()) else text)
            self._href = None
        elif tag == "pre":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._link_text.append(data)
        else:
            self.parts.append(data)


def comment_text(html_fragment: str) -> tuple[str, list[str]]:
    """(plain text, hrefs) of one HN comment's ``text`` field.

    Entities are decoded once, each ``<p>`` starts a new paragraph (a blank line), newlines the author typed
    stay, runs of spaces fold, and link targets are listed in order.
    """
    parser = _CommentText()
    parser.feed(html_fragment)
    parser.close()
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, parser.hrefs


# --- pure parsers -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HnThread:
    """One monthly "Who is hiring?" story: its id, title, month (``YYYY-MM``), post time and top-level
    comment ids in HN's ranked display order."""

    story_id: int
    title: str
    month: str | None
    posted_at: datetime | None
    kids: tuple[int, ...]


def thread_month(title: str) -> str | None:
    """``"Ask HN: Who is hiring? (August 2024)"`` → ``"2024-08"``; None for any other title."""
    match = _THREAD_TITLE.match(html.unescape(title or ""))
    if not match or match.group("month").lower() not in _MONTHS:
        return None
    return f"{match.group('year')}-{_MONTHS[match.group('month').lower()]:02d}"


def parse_user_submissions(body: bytes) -> list[int]:
    """Story/comment ids a user submitted, newest first, from a ``/v0/user/{id}.json`` body."""
    data = json.loads(body)
    return [int(i) for i in (data or {}).get("submitted", [])]


def parse_thread(body: bytes) -> HnThread | None:
    """The thread of a ``/v0/item/{id}.json`` story body; None when the item is not a "Who is hiring?" story
    (the same account also posts "Who wants to be hired?" and "Freelancer?" threads)."""
    item = json.loads(body) or {}
    if item.get("type") != "story" or item.get("deleted") or item.get("dead"):
        return None
    month = thread_month(item.get("title", ""))
    if month is None:
        return None
    posted = datetime.fromtimestamp(item["time"], tz=UTC) if item.get("time") is not None else None
    return HnThread(int(item["id"]), html.unescape(item["title"]), month, posted, tuple(item.get("kids", [])))


def algolia_threads_url(since: str | None = None, hits: int = 100, base: str = ALGOLIA_BASE) -> str:
    """Algolia search for the ``whoishiring`` account's stories, newest first (sources.md §5.3), optionally
    only those created from the first day of month ``since`` (``YYYY-MM``, UTC)."""
    url = f"{base}/search_by_date?tags=story,author_whoishiring&hitsPerPage={hits}"
    if since:
        start = datetime.strptime(since, "%Y-%m").replace(tzinfo=UTC)
        url += f"&numericFilters=created_at_i>={int(start.timestamp())}"
    return url


def parse_algolia_threads(body: bytes) -> list[tuple[int, str]]:
    """(story id, ``YYYY-MM``) of every "Who is hiring?" hit in an Algolia search body, newest first. The
    Algolia path is an alternative way to find thread ids; comments are still read from Firebase."""
    hits = (json.loads(body) or {}).get("hits", [])
    found = [
        (int(h["objectID"]), thread_month(h.get("title") or ""), h.get("created_at_i") or 0) for h in hits
    ]
    return [(sid, month) for sid, month, _ in sorted(found, key=lambda f: -f[2]) if month is not None]


def is_live_comment(item: dict[str, Any]) -> bool:
    """A comment HN still shows: not deleted, not dead, with text (sources.md §5.3, §5.6 rule 7)."""
    return (
        item.get("type") == "comment"
        and not item.get("deleted")
        and not item.get("dead")
        and bool(item.get("text"))
    )


def parse_comment(
    body: bytes,
    thread_id: int | str,
    fetched_at: datetime,
    raw_sha256: str | None = None,
) -> list[Posting]:
    """Postings from one ``/v0/item/{id}.json`` comment body (zero or one).

    Nothing is returned for deleted, dead or empty items, for replies that are not top-level in ``thread_id``,
    and for comments that do not read as a job post (complaints, meta remarks; see ``hn_header``).
    """
    item = json.loads(body) or {}
    if not is_live_comment(item):
        return []
    if item.get("parent") is not None and str(item["parent"]) != str(thread_id):
        return []  # a nested reply, not a company post
    text, hrefs = comment_text(item["text"])
    try:
        header = parse_header(text)
    except EmptyComment:
        return []
    if not header.is_job_posting:
        return []
    roles = list(header.roles)
    title = " / ".join(roles) if roles else header.header_line[:200]
    extra = header.to_extra()
    extra.update(
        {"author": item.get("by"), "links": hrefs, "title_from": "roles" if roles else "header_line"}
    )
    apply_url = next((u for u in header.urls if u.startswith("http")), None) or (hrefs[0] if hrefs else None)
    if apply_url is None:
        apply_url = f"https://news.ycombinator.com/item?id={item['id']}"
    extra["comment_url"] = f"https://news.ycombinator.com/item?id={item['id']}"
    posted = datetime.fromtimestamp(item["time"], tz=UTC) if item.get("time") is not None else None
    return [
        Posting(
            source=SOURCE,
            board=str(thread_id),
            native_id=str(item["id"]),
            url=apply_url,
            title=title,
            company=header.company,
            locations=header.locations,
            remote=header.remote,
            description_text=text,
            posted_at=posted,
            fetched_at=fetched_at,
            salary_structured={"header_salary": header.salary_text} if header.salary_text else None,
            raw_sha256=raw_sha256 if raw_sha256 is not None else hashlib.sha256(body).hexdigest(),
            extra=extra,
        )
    ]


# --- fetching (I/O) ---------------------------------------------------------------------------------------


def item_url(item_id: int | str, base: str = FIREBASE_BASE) -> str:
    return f"{base}/item/{item_id}.json"


def user_url(user: str = WHOISHIRING_USER, base: str = FIREBASE_BASE) -> str:
    return f"{base}/user/{user}.json"


def fetch_hiring_threads(
    client: PoliteClient, since: str | None = None, max_stories: int = 400
) -> Iterator[tuple[HnThread, Fetched]]:
    """The ``whoishiring`` account's "Who is hiring?" stories, newest first, down to month ``since``
    (``YYYY-MM``, inclusive; None = no lower bound).

    Reads at most ``max_stories`` submitted items (the account posts three threads a month, so 400 reach back
    about eleven years) and stops at the first hiring thread older than ``since``.
    """
    user = client.get(user_url(), source=SOURCE, board=WHOISHIRING_USER)
    for story_id in parse_user_submissions(user.body)[:max_stories]:
        story = client.get(item_url(story_id), source=SOURCE, board=str(story_id))
        thread = parse_thread(story.body)
        if thread is None:
            continue
        if since is not None and thread.month is not None and thread.month < since:
            return
        yield thread, story


def fetch_thread_comments(client: PoliteClient, thread: HnThread) -> list[Fetched]:
    """One landed body per top-level comment of ``thread``, in HN's display order. Sequential on purpose:
    Firebase has no bulk item endpoint, and the client's per-host pacing is what keeps ~400 requests
    polite."""
    board = str(thread.story_id)
    return [client.get(item_url(kid), source=SOURCE, board=board) for kid in thread.kids]


def fetch_hn(client: PoliteClient, board: str = "") -> list[Fetched]:
    """Registry fetch. ``board`` = a thread's story id fetches that story and its comments; ``""`` fetches the
    two newest hiring threads (on the 1st of a month the new one is nearly empty, sources.md §5.3)."""
    if board and board != WHOISHIRING_USER:
        story = client.get(item_url(board), source=SOURCE, board=board)
        thread = parse_thread(story.body)
        if thread is None:
            raise ParseError(
                "item is not an 'Ask HN: Who is hiring?' story", source=SOURCE, board=board,
                raw_sha256=story.record.sha256,
            )  # fmt: skip
        return [story, *fetch_thread_comments(client, thread)]
    out: list[Fetched] = []
    for count, (thread, story) in enumerate(fetch_hiring_threads(client), start=1):
        out.extend([story, *fetch_thread_comments(client, thread)])
        if count == 2:
            break  # before the generator asks for another story
    return out


def parse_hn(
    body: bytes,
    *,
    board: str,
    fetched_at: datetime,
    raw_sha256: str = "",
    company: str | None = None,
) -> list[Posting]:
    """Registry parse: any body ``fetch_hn`` lands. A comment item gives its posting (board = the comment's
    ``parent``, the thread it was fetched from); a story or user body gives none. ``company`` is unused (HN
    posts name their own). ParseError when the body is not a JSON object."""
    try:
        item = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(
            f"body is not JSON ({exc})", source=SOURCE, board=board, raw_sha256=raw_sha256
        ) from exc
    if not isinstance(item, dict):
        raise ParseError("expected a JSON object (an HN item or user)", source=SOURCE, board=board,
                         raw_sha256=raw_sha256)  # fmt: skip
    if item.get("type") != "comment":
        return []
    thread_id = str(item.get("parent") or board)
    return parse_comment(body, thread_id, fetched_at, raw_sha256 or None)


@dataclass(frozen=True, slots=True)
class ThreadHarvest:
    """What one thread yielded: the story, every landed body (story first, then comments) and the postings."""

    thread: HnThread
    fetched: tuple[Fetched, ...]
    postings: tuple[Posting, ...]


def backfill_hn(client: PoliteClient, since: str) -> list[ThreadHarvest]:
    """Every monthly hiring thread from ``since`` (``YYYY-MM``) to now, newest first, fetched and parsed.

    ``jobpulse backfill hn --since 2019-01`` calls this. Each thread costs one story request plus one per
    top-level comment (~300–700); every body is landed by the client before it is parsed here.
    """
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", since):
        raise ValueError(f"since must be YYYY-MM, got {since!r}")
    harvests: list[ThreadHarvest] = []
    for thread, story in fetch_hiring_threads(client, since):
        comments = fetch_thread_comments(client, thread)
        postings: list[Posting] = []
        for fetched in comments:
            postings.extend(
                parse_comment(fetched.body, thread.story_id, fetched.record.fetched_at, fetched.record.sha256)
            )
        harvests.append(ThreadHarvest(thread, (story, *comments), tuple(postings)))
    return harvests
