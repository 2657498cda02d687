"""robots.txt for HTML fetches (sources.md §7.1: APIs are meant for programs, arbitrary career pages are not).

``RobotsCache`` fetches ``https://<host>/robots.txt`` once per host (per ``ttl_s``) through the polite client,
parses it with Protego, and answers ``allowed(url)`` and ``crawl_delay(url)`` for our user agent.
Unavailable and unreachable files follow RFC 9309 §2.3.1: a 4xx answer (no file) allows everything; a 5xx
answer or no answer at all disallows everything until the entry expires.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from extractors.errors import FetchError, HttpStatusError
from extractors.http_client import PoliteClient

ALLOW_ALL = Protego.parse("")
DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /")


def parse_robots(body: bytes) -> Protego:
    """A parsed robots.txt body (undecodable bytes replaced; an empty body allows everything)."""
    return Protego.parse(body.decode("utf-8", "replace"))


def robots_url(url: str) -> str:
    """The robots.txt URL that governs ``url`` (same scheme, host and port)."""
    parts = urlsplit(url)
    return f"{parts.scheme or 'https'}://{parts.netloc}/robots.txt"


def user_agent_token(user_agent: str) -> str:
    """The product token robots.txt groups match on: ``"jobpulse/0.1 (+…)"`` → ``"jobpulse"``."""
    return user_agent.split("/")[0].split()[0] if user_agent.strip() else "*"


@dataclass(frozen=True, slots=True)
class _Entry:
    rules: Protego
    expires: float
    status: str  # "ok" | "missing" (4xx: allow all) | "unreachable" (5xx / no answer: disallow all)


class RobotsCache:
    """Per-host robots.txt rules, fetched lazily and kept ``ttl_s`` seconds. Thread-safe."""

    def __init__(
        self,
        client: PoliteClient,
        user_agent: str | None = None,
        ttl_s: float = 24 * 3600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self.agent = user_agent_token(user_agent or client.config.user_agent)
        self._ttl = ttl_s
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def _entry(self, url: str) -> _Entry:
        key = robots_url(url)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.expires > self._clock():
                return entry
        host = urlsplit(url).hostname
        try:
            fetched = self._client.get(key, source="robots", board=host)
            entry = _Entry(parse_robots(fetched.body), self._clock() + self._ttl, "ok")
        except HttpStatusError as exc:
            missing = 400 <= exc.status < 500
            entry = _Entry(ALLOW_ALL if missing else DISALLOW_ALL, self._clock() + self._ttl,
                           "missing" if missing else "unreachable")  # fmt: skip
        except FetchError:
            entry = _Entry(DISALLOW_ALL, self._clock() + self._ttl, "unreachable")
        with self._lock:
            self._entries[key] = entry
        return entry

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our user agent fetch ``url``."""
        return bool(self._entry(url).rules.can_fetch(url, self.agent))

    def crawl_delay(self, url: str) -> float | None:
        """The host's ``Crawl-delay`` for our user agent in seconds, if it sets one."""
        delay = self._entry(url).rules.crawl_delay(self.agent)
        return float(delay) if delay is not None else None

    def status(self, url: str) -> str:
        """How the host's rules were obtained: "ok", "missing" (allow all) or "unreachable" (disallow all)."""
        return self._entry(url).status
